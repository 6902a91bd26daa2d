// The deterministic cases of one schema, read off its keywords: values at each boundary the
// schema sets, and values that break exactly one of its rules. Nothing here knows the
// contract's fields; every value is checked with Ajv before it is offered, so a case that
// cannot be built is left out (and its keyword shows as not exercised) rather than sent wrong.
import type { JsonSchema } from '../../support/openapi-document.js';
import { schemaViolations } from '../../support/schema-validator.js';
import { isValid, resolve, type Schema } from '../resolved-schema.js';

export interface SchemaCase {
  value: unknown;
  /** What makes it valid or invalid, for reports. */
  why: string;
  /** The keywords it exercises, as `location keyword` (e.g. `body.clientId maxLength`). */
  keywords: string[];
}

const CONSTRAINTS = ['type', 'additionalProperties', 'maxProperties', 'minProperties', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'const', 'minimum', 'maximum'] as const;

/** Every rule the schema sets, as `location keyword`: what the coverage phase sets out to exercise. */
export function schemaKeywords(schemaOrRef: JsonSchema, location: string, options: { textOnly?: boolean } = {}): string[] {
  const schema = resolve(schemaOrRef);
  // A path parameter is always text: its type cannot be broken.
  const keywords = CONSTRAINTS.filter((keyword) => schema[keyword] !== undefined && !(keyword === 'additionalProperties' && schema.additionalProperties !== false) && !(options.textOnly && keyword === 'type')).map((keyword) => `${location} ${keyword}`);
  for (const name of schema.required ?? []) keywords.push(`${location}.${name} required`);
  for (const [name, property] of Object.entries(schema.properties ?? {})) keywords.push(...schemaKeywords(property, `${location}.${name}`));
  if (typeof schema.additionalProperties === 'object') keywords.push(...schemaKeywords(schema.additionalProperties, `${location}.*`));
  if (schema.propertyNames) keywords.push(...schemaKeywords({ type: 'string', ...resolve(schema.propertyNames) }, `${location}[name]`, { textOnly: true }));
  return keywords;
}

/** A sample value: the schema's own example, else the least it allows. */
export function exampleOf(schemaOrRef: JsonSchema): unknown {
  const schema = resolve(schemaOrRef);
  if (schema.examples?.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.type === 'object') return Object.fromEntries((schema.required ?? []).map((name) => [name, exampleOf(schema.properties![name]!)]));
  if (schema.type === 'string') return 'a'.repeat(Math.max(schema.minLength ?? 1, 1));
  if (schema.type === 'integer' || schema.type === 'number') return 0;
  if (schema.type === 'boolean') return true;
  return null;
}

/** A text of the given length, grown or cut from the seeds, that the test accepts. */
export function textOfLength(length: number, seeds: readonly string[], accept: (text: string) => boolean): string | undefined {
  const candidates = seeds.flatMap((seed) => (seed.length >= length ? [seed.slice(0, length)] : ['a', '0', '1'].map((fill) => seed + fill.repeat(length - seed.length))));
  candidates.push('a'.repeat(length), '1'.repeat(length));
  return candidates.find((candidate) => candidate.length === length && accept(candidate));
}

const WRONG_TYPE: Record<string, unknown> = { string: 12345, integer: 'text', number: 'text', boolean: 'text', object: 'text', array: 'text' };

/** Ways a value can break one rule of a format, tried in turn until one breaks the format alone. */
const FORMAT_BREAKERS: Record<string, (seed: string) => string[]> = {
  uri: (seed) => [`${seed}/%zz`, `${seed}/a|b`, `${seed}/<x>`],
  'date-time': () => ['2025-13-01T00:00:00Z', 'yesterday'],
};

/** Ways a value can break its pattern alone: another scheme, a space, a sign. */
const patternBreakers = (seed: string) => [seed.replace(/^https:\/\//, 'http://'), `${seed.slice(0, Math.ceil(seed.length / 2))} ${seed.slice(Math.ceil(seed.length / 2))}`, ` ${seed}`, `-${seed}`];

/** Of the candidates, the first that breaks `keyword` and nothing else. */
function breaksOnly(schema: JsonSchema, keyword: string, candidates: string[]): string | undefined {
  return candidates.find((candidate) => {
    const found = schemaViolations(schema, candidate);
    return found.length > 0 && found.every((violation) => violation.keyword === keyword);
  });
}

/** Strings at each length bound (valid) and past it, off the pattern, off the format (invalid). */
export function stringCases(schemaOrRef: JsonSchema, location: string, seeds: readonly string[] = []): { valid: SchemaCase[]; invalid: SchemaCase[] } {
  const schema = resolve(schemaOrRef);
  const allSeeds = [...seeds, ...((schema.examples ?? []).filter((example) => typeof example === 'string') as string[])];
  const seed = allSeeds[0] ?? String(exampleOf(schema));
  const valid: SchemaCase[] = [];
  const invalid: SchemaCase[] = [];
  const ok = (text: string) => isValid(schemaOrRef, text);
  for (const [keyword, bound] of [['minLength', schema.minLength], ['maxLength', schema.maxLength]] as const) {
    if (bound === undefined) continue;
    const atBound = textOfLength(bound, allSeeds, ok);
    if (atBound !== undefined) valid.push({ value: atBound, why: `${location} at its ${keyword} of ${bound}`, keywords: [`${location} ${keyword}`] });
    const past = keyword === 'minLength' ? bound - 1 : bound + 1;
    if (past < 0) continue;
    const outside = keyword === 'minLength' ? seed.slice(0, past).padEnd(past, 'a') : seed.padEnd(past, seed.endsWith('/') ? 'a' : '0');
    if (!ok(outside)) invalid.push({ value: outside, why: `${location} ${past} characters long, ${keyword === 'minLength' ? 'below its minLength' : 'above its maxLength'} of ${bound}`, keywords: [`${location} ${keyword}`] });
  }
  if (schema.pattern) {
    const broken = breaksOnly(schemaOrRef, 'pattern', patternBreakers(seed));
    if (broken !== undefined) invalid.push({ value: broken, why: `${location} ${JSON.stringify(broken.slice(0, 60))}, off its pattern`, keywords: [`${location} pattern`] });
  }
  if (schema.format && FORMAT_BREAKERS[schema.format]) {
    const broken = breaksOnly(schemaOrRef, 'format', FORMAT_BREAKERS[schema.format]!(seed));
    if (broken !== undefined) invalid.push({ value: broken, why: `${location} ${JSON.stringify(broken.slice(0, 60))}, not a valid ${schema.format}`, keywords: [`${location} format`] });
  }
  return { valid, invalid };
}

function wrongTypeCase(schemaOrRef: JsonSchema, location: string): SchemaCase[] {
  const type = resolve(schemaOrRef).type;
  if (!type || !(type in WRONG_TYPE)) return [];
  const value = WRONG_TYPE[type];
  return [{ value, why: `${location} ${JSON.stringify(value)}, a ${typeof value} where ${type === 'array' ? 'an' : 'a'} ${type} is due`, keywords: [`${location} type`] }];
}

/** Cases of a map (an object whose entries all follow `additionalProperties`), as values of it. */
function mapCases(schema: Schema, location: string, seed: Record<string, unknown>): { valid: SchemaCase[]; invalid: SchemaCase[] } {
  const valueSchema = schema.additionalProperties as JsonSchema;
  const [firstKey, firstValue] = Object.entries(seed)[0] ?? ['name', exampleOf(valueSchema)];
  const valid: SchemaCase[] = [];
  const invalid: SchemaCase[] = [];
  if (schema.maxProperties !== undefined) {
    const entries = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${firstKey}${index}`, firstValue]));
    valid.push({ value: entries(schema.maxProperties), why: `${location} with ${schema.maxProperties} entries, its maxProperties`, keywords: [`${location} maxProperties`] });
    invalid.push({ value: entries(schema.maxProperties + 1), why: `${location} with ${schema.maxProperties + 1} entries, above its maxProperties`, keywords: [`${location} maxProperties`] });
  }
  const values = stringCases(valueSchema, `${location}.*`, typeof firstValue === 'string' ? [firstValue] : []);
  for (const found of wrongTypeCase(valueSchema, `${location}.*`)) invalid.push({ ...found, value: { [firstKey]: found.value } });
  for (const found of values.valid) valid.push({ ...found, value: { [firstKey]: found.value } });
  for (const found of values.invalid) invalid.push({ ...found, value: { [firstKey]: found.value } });
  if (schema.propertyNames) {
    const names = stringCases({ type: 'string', ...resolve(schema.propertyNames) }, `${location}[name]`, [firstKey]);
    for (const found of names.valid) valid.push({ ...found, value: { [found.value as string]: firstValue } });
    for (const found of names.invalid) invalid.push({ ...found, value: { [found.value as string]: firstValue } });
  }
  return { valid, invalid };
}

/** Cases of a value of the schema, as its own top-level value. */
function valueCases(schemaOrRef: JsonSchema, location: string, seed: unknown): { valid: SchemaCase[]; invalid: SchemaCase[] } {
  const schema = resolve(schemaOrRef);
  const invalid = wrongTypeCase(schemaOrRef, location);
  if (schema.type === 'string') {
    const cases = stringCases(schemaOrRef, location, typeof seed === 'string' ? [seed] : []);
    return { valid: cases.valid, invalid: [...invalid, ...cases.invalid] };
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object' && !schema.properties) {
    const cases = mapCases(schema, location, (typeof seed === 'object' && seed !== null ? seed : {}) as Record<string, unknown>);
    return { valid: cases.valid, invalid: [...invalid, ...cases.invalid] };
  }
  return { valid: [], invalid };
}

/**
 * The coverage cases of an object schema (a request body): the examples, only the required
 * properties, required plus each optional one, each property at its bounds; then one broken
 * rule per case: each required property gone, an unknown one, each property of a wrong type,
 * past its bounds, off its pattern and format, and the body not an object at all.
 */
export function objectCases(schemaOrRef: JsonSchema, location: string, examples: ReadonlyArray<{ name: string; value: unknown }>): { valid: SchemaCase[]; invalid: SchemaCase[] } {
  const schema = resolve(schemaOrRef);
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const sampleFor = (name: string) => examples.map((example) => (example.value as Record<string, unknown>)[name]).find((value) => value !== undefined) ?? exampleOf(properties[name]!);
  const base = Object.fromEntries(required.map((name) => [name, sampleFor(name)]));
  const valid: SchemaCase[] = examples.map((example) => ({ value: example.value, why: `the spec's example ${JSON.stringify(example.name)}`, keywords: [] }));
  valid.push({ value: base, why: 'only the required properties', keywords: required.map((name) => `${location}.${name} required`) });
  const invalid: SchemaCase[] = schema.type === 'object' ? [{ value: [base], why: 'the body an array, not an object', keywords: [`${location} type`] }] : [];
  for (const name of required) {
    const { [name]: _removed, ...rest } = base;
    invalid.push({ value: rest, why: `no ${name}, which is required`, keywords: [`${location}.${name} required`] });
  }
  if (schema.additionalProperties === false) {
    const unknown = ['unexpectedProperty', 'extra', 'x-unknown'].find((name) => !(name in properties))!;
    const pastMost = schema.maxProperties !== undefined && Object.keys(base).length + 1 > schema.maxProperties;
    invalid.push({ value: { ...base, [unknown]: 'value' }, why: `the unknown property ${unknown}`, keywords: [`${location} additionalProperties`, ...(pastMost ? [`${location} maxProperties`] : [])] });
  }
  for (const [name, propertySchema] of Object.entries(properties)) {
    const seed = sampleFor(name);
    const withOptional = { ...base, [name]: seed };
    if (!required.includes(name)) valid.push({ value: withOptional, why: `the required properties and ${name}`, keywords: [] });
    const cases = valueCases(propertySchema, `${location}.${name}`, seed);
    for (const found of cases.valid) valid.push({ ...found, value: { ...base, [name]: found.value } });
    for (const found of cases.invalid) invalid.push({ ...found, value: { ...base, [name]: found.value } });
  }
  return {
    valid: valid.filter((found) => isValid(schemaOrRef, found.value)),
    invalid: invalid.filter((found) => !isValid(schemaOrRef, found.value)),
  };
}
