// The spec's validators' findings as sentences that name the field and say what is wrong
// in words, read off each finding's keyword and parameters; never the value, which may be
// a secret.
import type { SchemaValidator, SchemaViolation } from '../generated/validators.js';

/** Whose document was checked: the caller's request, or the server's response. */
export type Direction = 'request' | 'response';

const COMBINATORS = new Set(['anyOf', 'allOf', 'oneOf', 'if']);
const FORMATS: Record<string, string> = { uri: 'an absolute URI', 'date-time': 'an RFC 3339 date-time, such as 2025-01-01T00:00:00Z' };
// A pattern's leading literal text, such as the scheme of `^https://…`.
const LITERAL_START = /^\^((?:[\w:/.@-]|\\[^\w\s])+)/;

/** Every finding of the last run of `validate` on `value`, once each. */
export function describeViolations(validate: SchemaValidator, value: unknown, root: string, direction: Direction): string[] {
  const violations = validate.errors ?? [];
  const sentences = violations
    .filter((violation) => !COMBINATORS.has(violation.keyword))
    .map((violation) => {
      const field = violation.instancePath ? `${root}${violation.instancePath.replaceAll('/', '.')}` : root;
      return `${field} ${describe(violation, validate, value, direction)}`;
    });
  validate.errors = violations;
  return [...new Set(sentences)];
}

function describe(violation: SchemaViolation, validate: SchemaValidator, value: unknown, direction: Direction): string {
  const { params } = violation;
  switch (violation.keyword) {
    case 'required':
      return `is missing required property ${String(params.missingProperty)}`;
    case 'additionalProperties':
      return `has unknown property ${String(params.additionalProperty)}; remove it`;
    case 'not': {
      const forbidden = forbiddenProperties(violation, validate, value);
      const what = forbidden.length > 0 ? `carries ${forbidden.join(' and ')}` : 'has a shape';
      return direction === 'response' ? `${what}, which the contract never returns` : `${what}, which the contract forbids here`;
    }
    case 'pattern':
      return describePattern(String(params.pattern));
    case 'format':
      return `must be ${FORMATS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return violation.message ?? `breaks the ${violation.keyword} rule`;
  }
}

function describePattern(pattern: string): string {
  const literal = LITERAL_START.exec(pattern)?.[1]?.replace(/\\(.)/g, '$1');
  if (literal && /^[a-z][a-z0-9+.-]*:\/\/$/.test(literal)) return `must be an ${literal} URL`;
  if (literal) return `must start with ${JSON.stringify(literal)}`;
  if (pattern === '^\\S+$' || pattern === '^\\S*$') return 'must not contain spaces or line breaks';
  return `must match the pattern ${pattern}`;
}

/**
 * A `not` finding carries no parameters; the properties it forbids are found by taking
 * each property away in turn and asking the validator again.
 */
function forbiddenProperties(violation: SchemaViolation, validate: SchemaValidator, value: unknown): string[] {
  const path = violation.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const target = path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return [];
  const still = (candidate: unknown) => {
    validate(candidate);
    return (validate.errors ?? []).some((other) => other.keyword === 'not' && other.instancePath === violation.instancePath);
  };
  return Object.keys(target).filter((key) => {
    const { [key]: _taken, ...rest } = target as Record<string, unknown>;
    return !still(replaceAt(value, path, rest));
  });
}

function replaceAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...tail] = path as [string, ...string[]];
  const node = value as Record<string, unknown>;
  return Array.isArray(node) ? node.map((item, index) => (String(index) === head ? replaceAt(item, tail, replacement) : item)) : { ...node, [head]: replaceAt(node[head], tail, replacement) };
}
