// The generated validators' findings (Ajv's errors) as sentences that name the field and say
// what is wrong in words, read off each finding's keyword and parameters; never the value,
// which may be a secret.
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
    // anyOf's own finding follows its branches', which say what is wrong; a property name's
    // own findings (Ajv marks them with `propertyName`) are told by propertyNames's.
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

function describe({ keyword, params }: SchemaViolation): string {
  switch (keyword) {
    case 'required':
      return `is missing required property ${String(params.missingProperty)}`;
    case 'additionalProperties':
      return `has unknown property ${String(params.additionalProperty)}; remove it`;
    case 'propertyNames':
      return `has a property name the contract does not allow (${String(params.propertyName ?? '').length} characters long)`;
    case 'pattern': {
      const pattern = String(params.pattern);
      const literal = LITERAL_START.exec(pattern)?.[1]?.replace(/\\(.)/g, '$1');
      if (literal) return /^[a-z]+:\/\/$/.test(literal) ? `must be an ${literal} URL` : `must start with ${literal}`;
      return pattern === '^\\S+$' ? 'must not contain spaces or line breaks' : `must match the pattern ${pattern}`;
    }
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'maxProperties':
      return `must have at most ${String(params.limit)} properties`;
    case 'type':
      return `must be ${String(params.type)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `breaks the ${keyword} rule`;
  }
}

/**
 * The keys of a JSON pointer as they are: a sentence shows `a/b`, not the pointer's `a~1b`,
 * so that a key the redactor must find (a token a server used as one) is written as sent.
 */
const pointerKeys = (pointer: string) => pointer.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
