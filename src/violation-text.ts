// The spec's validators' findings as sentences that name the field and say what is wrong
// in words, read off each finding's keyword and parameters; never the value, which may be
// a secret.
import type { SchemaValidator, SchemaViolation } from '../generated/validators.js';

/** Whose document was checked: the caller's request, or the server's response. */
export type Direction = 'request' | 'response';

// A pattern's leading literal text, such as the scheme of `^https://…`.
const LITERAL_START = /^\^((?:[\w:/.@-]|\\[^\w\s])+)/;

/** Every finding of the last run of `validate`, once each. */
export function describeViolations(validate: SchemaValidator, root: string, direction: Direction): string[] {
  const violations = validate.errors ?? [];
  const sentences = violations
    // anyOf's own finding follows its branches', which say what is wrong.
    .filter(({ keyword }) => keyword !== 'anyOf')
    .flatMap((violation) => {
      const at = [root, ...pointerKeys(violation.instancePath)].join('.');
      if (violation.keyword !== 'not') return [`${at} ${describe(violation)}`];
      const never = direction === 'response' ? 'never returns' : 'forbids here';
      const forbidden = Array.isArray(violation.param) ? (violation.param as string[]) : [];
      if (forbidden.length === 0) return [`${at} is a value the contract rules out here`];
      return forbidden.map((name) => `${at} carries ${name}, which the contract ${never}`);
    });
  return [...new Set(sentences)];
}

function describe({ keyword, param }: SchemaViolation): string {
  switch (keyword) {
    case 'required':
      return `is missing required property ${param}`;
    case 'additionalProperties':
      return `has unknown property ${param}; remove it`;
    case 'propertyNames':
      return `has a property name the contract does not allow (${String(param).length} characters long)`;
    case 'pattern': {
      const pattern = String(param);
      const literal = LITERAL_START.exec(pattern)?.[1]?.replace(/\\(.)/g, '$1');
      if (literal) return /^[a-z]+:\/\/$/.test(literal) ? `must be an ${literal} URL` : `must start with ${literal}`;
      return pattern === '^\\S+$' ? 'must not contain spaces or line breaks' : `must match the pattern ${pattern}`;
    }
    case 'minLength':
      return param === 1 ? 'must not be empty' : `must be at least ${param} characters long`;
    case 'maxLength':
      return `must be at most ${param} characters long`;
    case 'maxProperties':
      return `must have at most ${param} properties`;
    case 'type':
      return `must be ${param}`;
    case 'format':
      return `must be a valid ${param}`;
    case 'enum':
      return `must be one of ${(param as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(param)}`;
    default:
      return `breaks the ${keyword} rule`;
  }
}

/**
 * The keys of a JSON pointer as they are: a sentence shows `a/b`, not the pointer's `a~1b`,
 * so that a key the redactor must find (a token a server used as one) is written as sent.
 */
const pointerKeys = (pointer: string) => pointer.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
