// Test data read off the spec's schemas: fast-check arbitraries of values a schema accepts,
// and of values it refuses, each with the reason. Every value is checked against the schema
// with Ajv before use, so a generator's slip can never pose as a finding.
import fc from 'fast-check';
import type { JsonSchema } from '../support/openapi-document.js';
import { isValid, resolve, type Schema } from './resolved-schema.js';

export interface InvalidValue {
  value: unknown;
  /** What makes it invalid, for reports. */
  why: string;
}

// Generated strings stay short unless the schema asks for more: readable reports, fast runs.
const LONGEST_GENERATED = 48;

/** Values the schema accepts. */
export function validValues(schema: JsonSchema): fc.Arbitrary<unknown> {
  return rawValid(schema).filter((value) => isValid(schema, value));
}

function rawValid(schemaOrRef: JsonSchema): fc.Arbitrary<unknown> {
  const schema = resolve(schemaOrRef);
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, sub]) => [name, rawValid(sub)]));
      const required = schema.required ?? [];
      const base = fc.record(properties, { requiredKeys: required.filter((name) => name in properties) });
      const extra = schema.additionalProperties;
      if (typeof extra !== 'object' || Object.keys(properties).length > 0) return base;
      const keys = schema.propertyNames ? rawValid({ type: 'string', ...resolve(schema.propertyNames) }) : fc.string({ minLength: 1, maxLength: 12 });
      return fc.dictionary(keys as fc.Arbitrary<string>, rawValid(extra), { maxKeys: Math.min(schema.maxProperties ?? 4, 4) });
    }
    case 'string': {
      const maxLength = Math.min(schema.maxLength ?? LONGEST_GENERATED, LONGEST_GENERATED);
      if (schema.format === 'uri') {
        const https = schema.pattern?.startsWith('^https://');
        return fc.webUrl({ validSchemes: https ? ['https'] : ['https', 'http'], withQueryParameters: true, withFragments: true });
      }
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString());
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? Infinity));
      return fc.string({ unit: 'grapheme-ascii', minLength: schema.minLength ?? 0, maxLength: Math.max(maxLength, schema.minLength ?? 0) });
    }
    case 'integer':
      return fc.integer({ min: 0, max: 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      if (schema.allOf) return rawValid(schema.allOf[0]!);
      return fc.jsonValue();
  }
}

const OTHER_TYPES: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 8 }),
  integer: fc.integer(),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  object: fc.constant({ unexpected: true }),
};

function wrongType(type: string | undefined): fc.Arbitrary<InvalidValue> {
  const others = Object.entries(OTHER_TYPES).filter(([name]) => name !== type && !(type === 'number' && name === 'integer'));
  return fc.oneof(...others.map(([name, arbitrary]) => arbitrary.map((value) => ({ value, why: `a${/^[aeiou]/.test(name) ? 'n' : ''} ${name} where ${type ?? 'another type'} is due` }))));
}

/** Ways a string can break its schema: too short, too long, off-pattern, not the format. */
function invalidStrings(schema: Schema): fc.Arbitrary<InvalidValue>[] {
  const variants: fc.Arbitrary<InvalidValue>[] = [];
  if ((schema.minLength ?? 0) > 0) variants.push(fc.constant({ value: '', why: 'an empty string' }));
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    variants.push(fc.integer({ min: max + 1, max: max + 64 }).map((length) => ({ value: 'a'.repeat(length), why: `${length} characters where ${max} is the most` })));
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    variants.push(fc.string({ minLength: 1, maxLength: 24 }).filter((text) => !pattern.test(text)).map((value) => ({ value, why: `a string off the pattern ${schema.pattern}` })));
  }
  if (schema.format === 'uri') {
    variants.push(fc.constantFrom('not a url', 'http://auth.example.org/token', '//auth.example.org/token', 'https://', 'https://auth example.org/token').map((value) => ({ value, why: `${JSON.stringify(value)}, not an absolute https URL` })));
  }
  return variants;
}

/** Values the schema refuses, built by breaking one rule of a valid value. */
export function invalidValues(schemaOrRef: JsonSchema): fc.Arbitrary<InvalidValue> {
  const schema = resolve(schemaOrRef);
  const variants: fc.Arbitrary<InvalidValue>[] = [wrongType(schema.type)];
  if (schema.type === 'string') variants.push(...invalidStrings(schema));
  if (schema.type === 'object') {
    const base = rawValid(schemaOrRef).filter((value) => isValid(schemaOrRef, value)) as fc.Arbitrary<Record<string, unknown>>;
    for (const name of schema.required ?? []) {
      variants.push(base.map(({ [name]: _removed, ...rest }) => ({ value: rest, why: `no ${name}, which is required` })));
    }
    if (schema.additionalProperties === false) {
      const known = new Set(Object.keys(schema.properties ?? {}));
      variants.push(
        fc.tuple(base, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 16 }).filter((name) => !known.has(name) && name !== '__proto__'), fc.jsonValue({ maxDepth: 1 })).map(([value, name, extra]) => ({
          value: { ...value, [name]: extra },
          why: `the unknown property ${JSON.stringify(name)}`,
        })),
      );
    }
    for (const [name, propertySchema] of Object.entries(schema.properties ?? {})) {
      variants.push(fc.tuple(base, invalidValues(propertySchema)).map(([value, broken]) => ({ value: { ...value, [name]: broken.value }, why: `${name}: ${broken.why}` })));
    }
    if (typeof schema.additionalProperties === 'object' && schema.maxProperties !== undefined) {
      const most = schema.maxProperties;
      variants.push(fc.constant({ value: Object.fromEntries(Array.from({ length: most + 1 }, (_, index) => [`key${index}`, 'value'])), why: `${most + 1} properties where ${most} is the most` }));
    }
    if (typeof schema.additionalProperties === 'object') {
      variants.push(invalidValues(schema.additionalProperties).map((broken) => ({ value: { name: broken.value }, why: `a value that is ${broken.why}` })));
    }
  }
  return fc.oneof(...variants).filter(({ value }) => !isValid(schemaOrRef, value));
}
