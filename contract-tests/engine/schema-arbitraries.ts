// Test data read off the spec's schemas: fast-check arbitraries of values a schema accepts,
// and of values it refuses, each with the reason. Every value is checked against the schema
// with Ajv before use, so a generator's slip can never pose as a finding. Each schema's
// arbitraries are built once per process; the values drawn depend only on the seed.
import fc from 'fast-check';
import type { JsonSchema } from '../support/openapi-document.js';
import { isValid } from './resolved-schema.js';
import { canonical, JSON_TYPES, listKey, merge, only, rulesOf, shapeOfAll, type JsonType, type Rule, type SchemaList, type Shape } from './schema-shape.js';
import { stringsNotOfFormat } from './format-strings.js';
import { anyJson, insertedAt, newPropertyNames, oneOf, preferring, shapeValues, valuesOf } from './shape-arbitraries.js';

export interface InvalidValue {
  value: unknown;
  /** What makes it invalid, for reports. */
  why: string;
}

// Deep enough for an envelope's data, a map inside it and a value carrying a secret below that.
const DEPTH = 4;
// Candidates drawn, once per schema, to make sure some pass Ajv: a filter that nothing passes would never end.
const PROBES = 200;
const PROBES_AT_ONCE = 10;

const validOnes = new WeakMap<JsonSchema, fc.Arbitrary<unknown>>();
const invalidOnes = new WeakMap<JsonSchema, fc.Arbitrary<InvalidValue>>();

/** Values the schema accepts. */
export function validValues(schemaOrRef: JsonSchema): fc.Arbitrary<unknown> {
  const schema = canonical(schemaOrRef);
  let arbitrary = validOnes.get(schema);
  if (!arbitrary) {
    const accepts = (value: unknown) => isValid(schema, value);
    arbitrary = checked(valuesOf([schema], DEPTH), accepts, schema, 'accepts');
    validOnes.set(schema, arbitrary);
  }
  return arbitrary;
}

/** Values the schema refuses, each breaking one of its rules. */
export function invalidValues(schemaOrRef: JsonSchema): fc.Arbitrary<InvalidValue> {
  const schema = canonical(schemaOrRef);
  let arbitrary = invalidOnes.get(schema);
  if (!arbitrary) {
    const refuses = ({ value }: InvalidValue) => !isValid(schema, value);
    arbitrary = checked(breaking([schema], DEPTH), refuses, schema, 'refuses');
    invalidOnes.set(schema, arbitrary);
  }
  return arbitrary;
}

/** The candidates Ajv agrees with; an error, rather than a run that never ends, when there are none. */
function checked<T>(candidates: fc.Arbitrary<T> | undefined, agrees: (value: T) => boolean, schema: JsonSchema, verdict: string): fc.Arbitrary<T> {
  let found = false;
  for (let seed = 0; candidates && !found && seed < PROBES / PROBES_AT_ONCE; seed++) found = fc.sample(candidates, { numRuns: PROBES_AT_ONCE, seed }).some(agrees);
  if (!candidates || !found) {
    const named = (schema as { $ref?: string }).$ref ? describe(schema) : JSON.stringify(schema).slice(0, 120);
    throw new Error(`The test-data generators found no value that the schema ${named} ${verdict} in ${PROBES} tries: teach contract-tests/engine/schema-shape.ts the keyword that stops them.`);
  }
  return candidates.filter(agrees);
}

/** A schema in a few words, for reports: its component's name, else its type. */
function describe(schema: JsonSchema): string {
  const { $ref: ref, type } = schema as { $ref?: string; type?: unknown };
  if (ref) return ref.slice(ref.lastIndexOf('/') + 1);
  return typeof type === 'string' ? `${article(type)} schema` : 'a schema';
}

const broken = new Map<string, fc.Arbitrary<InvalidValue> | null>();

/** Values that break one rule of the schemas and, where they can, keep the others. */
function breaking(list: SchemaList, depth: number): fc.Arbitrary<InvalidValue> | undefined {
  if (depth < 0) return undefined;
  const key = `${listKey(list)}@${depth}`;
  const known = broken.get(key);
  if (known !== undefined) return known ?? undefined;
  const shape = shapeOfAll(list);
  let arbitrary: fc.Arbitrary<InvalidValue> | undefined;
  if (!shape) arbitrary = anyJson(depth).map((value) => ({ value, why: 'a value where the schema allows none' }));
  else {
    // The valid objects and arrays that one broken property or item goes into, built once for all rules.
    const objects = once(() => ofType(shape, 'object', depth) as fc.Arbitrary<Record<string, unknown>> | undefined);
    const arrays = once(() => ofType(shape, 'array', depth) as fc.Arbitrary<unknown[]> | undefined);
    arbitrary = oneOf(rulesOf(shape).map((rule) => breakingRule(shape, rule, depth, { objects, arrays })));
  }
  broken.set(key, arbitrary ?? null);
  return arbitrary;
}

const once = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
};

function ofType(shape: Shape, type: JsonType, depth: number) {
  const typed = merge(shape, only([type], {}));
  return typed && shapeValues(typed, depth);
}

interface ValidBases {
  objects: () => fc.Arbitrary<Record<string, unknown>> | undefined;
  arrays: () => fc.Arbitrary<unknown[]> | undefined;
}

const OTHER_TYPES: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 8 }),
  integer: fc.integer(),
  number: fc.constantFrom(0.5, -1.25),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  object: fc.constant({ unexpected: true }),
};

const article = (word: string) => `a${/^[aeiou]/.test(word) ? 'n' : ''} ${word}`;
const typeNames = (types: ReadonlySet<JsonType>) => (types.has('integer') && types.has('number') ? [...types].filter((type) => type !== 'integer') : [...types]).join(' or ');

function wrongType(types: ReadonlySet<JsonType>): fc.Arbitrary<InvalidValue> | undefined {
  const others = JSON_TYPES.filter((type) => !types.has(type));
  return oneOf(others.map((type) => OTHER_TYPES[type].map((value) => ({ value, why: `${article(type)} where ${typeNames(types)} is due` }))));
}

const setProperty = (object: Record<string, unknown>, name: string, value: unknown) => ({ ...object, [name]: value });
const quoted = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function breakingRule(shape: Shape, rule: Rule, depth: number, { objects, arrays }: ValidBases): fc.Arbitrary<InvalidValue> | undefined {
  const subject = rule.subject ?? '';
  // Values that keep every other rule and break this one, as the negation has it.
  const negating = (why: (value: unknown) => string) => {
    const merged = rule.negation && merge(rule.without, rule.negation);
    return merged && shapeValues(merged, depth)?.map((value) => ({ value, why: why(value) }));
  };
  switch (rule.keyword) {
    case 'type':
      return wrongType(shape.types!);
    case 'const':
    case 'enum':
      return negating((value) => `${JSON.stringify(value)}, not ${shape.values!.map((allowed) => JSON.stringify(allowed)).join(' or ')}`);
    case 'minLength': {
      const least = shape.minLength;
      // One short of the bound as often as any other length: where an off-by-one shows.
      return fc.oneof(fc.constant(least - 1), fc.integer({ min: 0, max: least - 1 })).map((length) => ({ value: 'a'.repeat(length), why: length === 0 ? 'an empty string' : `${length} characters where ${least} is the least` }));
    }
    case 'maxLength': {
      const most = shape.maxLength!;
      return fc.oneof(fc.constant(most + 1), fc.integer({ min: most + 1, max: most + 64 })).map((length) => ({ value: 'a'.repeat(length), why: `${length} characters where ${most} is the most` }));
    }
    case 'pattern': {
      const pattern = new RegExp(subject, 'u');
      return preferring(fc.string({ minLength: 1, maxLength: 24 }), (text) => !pattern.test(text)).map((value) => ({ value, why: `a string off the pattern ${subject}` }));
    }
    case 'format':
      return fc.constantFrom(...stringsNotOfFormat(subject)).map((value) => ({ value, why: `${JSON.stringify(value)}, not a valid ${subject}` }));
    case 'required':
      return negating(() => `no ${subject}, which is required`);
    case 'properties': {
      const base = objects();
      const value = breaking(shape.properties[subject]!, depth - 1);
      return base && value && fc.tuple(base, value).map(([object, bad]) => ({ value: setProperty(object, subject, bad.value), why: `${subject}: ${bad.why}` }));
    }
    case 'additionalProperties': {
      const base = objects();
      const names = newPropertyNames(shape, []);
      if (shape.additional === false) return depth < 1 ? undefined : base && names && fc.tuple(base, names, anyJson(Math.min(1, depth - 1))).map(([object, name, extra]) => ({ value: setProperty(object, name, extra), why: `the unknown property ${quoted(name)}` }));
      const value = breaking(shape.additional, depth - 1);
      return base && names && value && fc.tuple(base, names, value).map(([object, name, bad]) => ({ value: setProperty(object, name, bad.value), why: `the property ${quoted(name)}: ${bad.why}` }));
    }
    case 'propertyNames': {
      const base = objects();
      const names = breaking(shape.propertyNames, 0);
      const values = shape.additional === false ? undefined : valuesOf(shape.additional, depth - 1);
      return base && names && values && fc.tuple(base, preferring(names, (name) => typeof name.value === 'string'), values).map(([object, name, value]) => ({ value: setProperty(object, String(name.value), value), why: `the property name ${quoted(String(name.value))}: ${name.why}` }));
    }
    case 'maxProperties':
      return negating((value) => `${Object.keys(value as object).length} properties where ${subject} is the most`);
    case 'items': {
      const base = arrays();
      const item = breaking(shape.items, depth - 1);
      return base && item && fc.tuple(base, item, fc.nat()).map(([list, bad, at]) => ({ value: insertedAt(list, at, bad.value), why: `an item: ${bad.why}` }));
    }
    case 'contains':
      return negating(() => `no item matching ${describeAll(rule.schemas!)}`);
    case 'anyOf':
      return negating(() => `none of anyOf: ${rule.schemas!.map(describe).join(', ')}`);
    case 'not':
      return negating(() => `matches ${describeAll(rule.schemas!)}, which not refuses`);
    default:
      throw new Error(`The test-data generators cannot break the rule ${rule.keyword}: teach contract-tests/engine/schema-arbitraries.ts how.`);
  }
}

const describeAll = (list: SchemaList) => list.map(describe).join(' and ');
