// The validators' findings (Ajv's errors) as sentences that name the field and say what is wrong in words; never the value, which may be a secret.
import type { SchemaValidator, SchemaViolation } from '../generated/validators.js';

/** Whose document was checked: the caller's request, or the server's response. */
export type Direction = 'request' | 'response';

// A pattern's leading literal text, such as the scheme of `^https://…`.
const LITERAL_START = /^\^((?:[\w:/.@-]|\\[^\w\s])+)/;
// The one property the contract never returns: a `not` that refuses it names it.
const WRITE_ONLY = 'clientSecret';

/** Every finding of the last run of `validate` on `value`, once each. */
export function describeViolations(validate: SchemaValidator, value: unknown, root: string, direction: Direction): string[] {
  const sentences = (validate.errors ?? [])
    // anyOf's own finding follows its branches', which say what is wrong; a property name's own findings (marked `propertyName`) are told by propertyNames's.
    .filter((violation) => violation.keyword !== 'anyOf' && !('propertyName' in violation))
    .map((violation) => {
      const keys = pointerKeys(violation.instancePath);
      const at = [root, ...keys].join('.');
      if (violation.keyword !== 'not') return `${at} ${describe(violation)}`;
      const node = keys.reduce<unknown>((parent, key) => (parent as Record<string, unknown> | undefined)?.[key], value);
      if (typeof node === 'object' && node !== null && Object.hasOwn(node, WRITE_ONLY)) return `${at} carries ${WRITE_ONLY}, which the contract ${direction === 'response' ? 'never returns' : 'forbids here'}`;
      return `${at} is a value the contract rules out here`;
    });
  return [...new Set(sentences)];
}

const SENTENCES: Record<string, (params: SchemaViolation['params']) => string> = {
  required: (params) => `is missing required property ${String(params.missingProperty)}`,
  additionalProperties: (params) => `has unknown property ${String(params.additionalProperty)}; remove it`,
  propertyNames: (params) => `has a property name the contract does not allow (${String(params.propertyName ?? '').length} characters long)`,
  pattern: (params) => {
    const pattern = String(params.pattern);
    const literal = LITERAL_START.exec(pattern)?.[1]?.replace(/\\(.)/g, '$1');
    if (literal) return /^[a-z]+:\/\/$/.test(literal) ? `must be an ${literal} URL` : `must start with ${literal}`;
    return pattern === '^\\S+$' ? 'must not contain spaces or line breaks' : `must match the pattern ${pattern}`;
  },
  minLength: (params) => (params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long`),
  maxLength: (params) => `must be at most ${String(params.limit)} characters long`,
  maxProperties: (params) => `must have at most ${String(params.limit)} properties`,
  type: (params) => `must be ${String(params.type)}`,
  format: (params) => `must be a valid ${String(params.format)}`,
  enum: (params) => `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
  const: (params) => `must be ${JSON.stringify(params.allowedValue)}`,
};

const describe = ({ keyword, params }: SchemaViolation) => (Object.hasOwn(SENTENCES, keyword) ? SENTENCES[keyword]!(params) : `breaks the ${keyword} rule`);

// A JSON pointer's keys as sent (`a/b`, not `a~1b`), so that the redactor finds a key that is a secret.
const pointerKeys = (pointer: string) => pointer.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
