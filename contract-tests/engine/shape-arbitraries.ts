// Values that keep a set of rules (schema-shape.ts), as fast-check arbitraries. `anyOf` is one
// of its branches added to the other rules; `not` is one rule of the refused schema broken.
// A property or item is built one level down, and nothing is built below level 0, so a
// recursive schema ends where the value does. Each arbitrary is built once per process. The
// values are candidates: schema-arbitraries.ts keeps only those Ajv agrees with.
import fc from 'fast-check';
import { stringsNotOfFormat, stringsOfFormat } from './format-strings.js';
import { ANY, JSON_TYPES, listKey, merge, only, rulesOf, shapeOf, shapeOfAll, type JsonType, type SchemaList, type Shape } from './schema-shape.js';

// Generated strings stay short unless the schema asks for more: readable reports, fast runs.
const LONGEST_GENERATED = 48;
const MOST_KEYS = 4;
const MOST_ITEMS = 3;
// Only a schema that refers to itself with no property or item between gets this far at one level.
const MOST_EXPANSIONS = 64;
// Draws at most for a value that a draw may miss (a string off a pattern).
const TRIES = 16;

export type ValueArbitrary = fc.Arbitrary<unknown>;

const built = new Map<string, ValueArbitrary | null>();

/** Values that keep every schema of the list, nested at most `depth` levels; undefined when none can be built. */
export function valuesOf(list: SchemaList, depth: number): ValueArbitrary | undefined {
  if (depth < 0) return undefined;
  const key = `${listKey(list)}@${depth}`;
  const known = built.get(key);
  if (known !== undefined) return known ?? undefined;
  const shape = shapeOfAll(list);
  const arbitrary = shape && shapeValues(shape, depth);
  built.set(key, arbitrary ?? null);
  return arbitrary;
}

/** One of the arbitraries that could be built; undefined when none could. */
export function oneOf<T>(candidates: ReadonlyArray<fc.Arbitrary<T> | undefined>): fc.Arbitrary<T> | undefined {
  const arbitraries = candidates.filter((candidate): candidate is fc.Arbitrary<T> => candidate !== undefined);
  return arbitraries.length <= 1 ? arbitraries[0] : fc.oneof(...arbitraries);
}

/** Values of the source, drawn again until one passes, a few times at most: unlike a filter it always ends, and Ajv has the last word. */
class Preferring<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly source: fc.Arbitrary<T>,
    private readonly passes: (value: T) => boolean,
  ) {
    super();
  }

  generate(random: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    let drawn = this.source.generate(random, biasFactor);
    for (let tries = 1; tries < TRIES && !this.passes(drawn.value); tries++) drawn = this.source.generate(random, biasFactor);
    return drawn;
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.source.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.source.shrink(value, context);
  }
}

export const preferring = <T>(source: fc.Arbitrary<T>, passes: (value: T) => boolean): fc.Arbitrary<T> => new Preferring(source, passes);

const anyJsonOfDepth: fc.Arbitrary<unknown>[] = [];
/** Any JSON value, nested at most `depth` levels. */
export function anyJson(depth: number): fc.Arbitrary<unknown> {
  return (anyJsonOfDepth[depth] ??= fc.jsonValue({ maxDepth: depth }));
}

/** Values that keep the rules, nested at most `depth` levels. */
export function shapeValues(shape: Shape, depth: number, expansions = 0): ValueArbitrary | undefined {
  if (expansions > MOST_EXPANSIONS) throw new Error('A schema expands without end at one level (a $ref cycle with no property or item between): no value of it can be built.');
  if (shape.anyOf.length > 0) {
    const [branches, ...others] = shape.anyOf;
    const rest = { ...shape, anyOf: others };
    return oneOf(branches!.map((branch) => expand(merge(rest, shapeOf(branch)), depth, expansions)));
  }
  if (shape.not.length > 0) {
    const [refused, ...others] = shape.not;
    const rest = { ...shape, not: others };
    const refusedShape = shapeOf(refused!);
    if (!refusedShape) return shapeValues(rest, depth, expansions + 1);
    return oneOf(rulesOf(refusedShape).map((rule) => expand(merge(rest, rule.negation), depth, expansions)));
  }
  return typedValues(shape, depth);
}

const expand = (shape: Shape | undefined, depth: number, expansions: number) => shape && shapeValues(shape, depth, expansions + 1);

function typedValues(shape: Shape, depth: number): ValueArbitrary | undefined {
  if (shape.values) return fc.constantFrom(...shape.values);
  const types = JSON_TYPES.filter((type) => (!shape.types || shape.types.has(type)) && !(type === 'null' && shape.notValues.includes(null)));
  const arbitrary = isUnconstrained(shape) ? anyJson(depth) : oneOf(types.map((type) => VALUES_OF_TYPE[type](shape, depth)));
  return arbitrary && shape.notValues.length > 0 ? preferring(arbitrary, (value) => !shape.notValues.some((refused) => JSON.stringify(refused) === JSON.stringify(value))) : arbitrary;
}

const LISTS = ['patterns', 'offPatterns', 'formats', 'offFormats', 'required', 'absent', 'propertyNames', 'someProperty', 'someName', 'items', 'contains', 'anyOf', 'not'] as const;

/** Whether the shape sets no rule but, perhaps, values it must not be. */
function isUnconstrained(shape: Shape): boolean {
  const bounds = [shape.types, shape.values, shape.maxLength, shape.maxProperties];
  return bounds.every((bound) => bound === undefined) && shape.minLength === 0 && shape.minProperties === 0 && shape.additional !== false && shape.additional.length === 0 && Object.keys(shape.properties).length === 0 && LISTS.every((list) => shape[list].length === 0);
}

const VALUES_OF_TYPE: Record<JsonType, (shape: Shape, depth: number) => ValueArbitrary | undefined> = {
  null: () => fc.constant(null),
  boolean: () => fc.boolean(),
  integer: () => fc.integer({ min: 0, max: 1_000_000 }),
  number: () => fc.double({ noNaN: true, noDefaultInfinity: true }),
  string: (shape) => stringValues(shape),
  object: (shape, depth) => objectValues(shape, depth),
  array: (shape, depth) => arrayValues(shape, depth),
};

function stringValues(shape: Shape): fc.Arbitrary<string> | undefined {
  const { minLength } = shape;
  const maxLength = Math.min(shape.maxLength ?? Infinity, Math.max(minLength, LONGEST_GENERATED));
  if (maxLength < minLength) return undefined;
  let strings: fc.Arbitrary<string>;
  if (shape.offFormats.length > 0) strings = fc.constantFrom(...shape.offFormats.flatMap(stringsNotOfFormat));
  else if (shape.formats.length > 0) strings = stringsOfFormat(shape.formats[0]!);
  else if (shape.patterns.length > 0) strings = fc.stringMatching(new RegExp(shape.patterns[0]!));
  else strings = fc.string({ unit: 'grapheme-ascii', minLength, maxLength });
  // A string drawn for its pattern keeps it; one drawn for its format may not.
  const patterns = shape.formats.length > 0 && shape.offFormats.length === 0 ? shape.patterns.map((pattern) => new RegExp(pattern, 'u')) : [];
  const offPatterns = shape.offPatterns.map((pattern) => new RegExp(pattern, 'u'));
  if (patterns.length === 0 && offPatterns.length === 0) return strings;
  return preferring(strings, (text) => patterns.every((pattern) => pattern.test(text)) && offPatterns.every((pattern) => !pattern.test(text)));
}

const needsProperties = (shape: Shape) => shape.required.length > 0 || shape.minProperties > 0 || shape.someProperty.length > 0 || shape.someName.length > 0;
const withProperty = (object: Record<string, unknown>, name: string, value: unknown) => ({ ...object, [name]: value });

function objectValues(shape: Shape, depth: number): fc.Arbitrary<Record<string, unknown>> | undefined {
  if (depth < 1) return needsProperties(shape) ? undefined : fc.constant({});
  if (shape.someProperty.length > 0) return somePropertyValues(shape, depth);
  if (shape.someName.length > 0) return someNameValues(shape, depth);
  if (shape.minProperties > 0) return manyPropertyValues(shape, depth);
  const declared = [...new Set([...Object.keys(shape.properties), ...shape.required])];
  if (declared.length === 0) {
    const values = shape.additional === false ? undefined : valuesOf(shape.additional, depth - 1);
    const names = newPropertyNames(shape, []);
    if (!values || !names) return fc.constant({});
    return fc.dictionary(names, values, { maxKeys: Math.min(shape.maxProperties ?? MOST_KEYS, MOST_KEYS) });
  }
  const model: Record<string, ValueArbitrary> = {};
  const requiredKeys: string[] = [];
  for (const name of declared) {
    const required = shape.required.includes(name);
    const list = shape.properties[name] ?? shape.additional;
    const values = shape.absent.includes(name) || list === false ? undefined : valuesOf(list, depth - 1);
    if (!values) {
      if (required) return undefined;
      continue;
    }
    model[name] = values;
    if (required) requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys });
}

/** Names the shape's propertyNames allow. */
function propertyNames(shape: Shape): fc.Arbitrary<string> | undefined {
  if (shape.propertyNames.length === 0) return fc.string({ minLength: 1, maxLength: 12 });
  const names = merge(only(['string'], {}), shapeOfAll(shape.propertyNames));
  return names && (shapeValues(names, 0) as fc.Arbitrary<string> | undefined);
}

/**
 * Names of properties the shape does not name, that its propertyNames allow. Never `__proto__`,
 * which fast-check likes to draw: set on an object, it would change its prototype instead.
 */
export function newPropertyNames(shape: Shape, except: readonly string[]): fc.Arbitrary<string> | undefined {
  const names = propertyNames(shape);
  const taken = new Set([...Object.keys(shape.properties), ...shape.absent, ...except, '__proto__']);
  return names && preferring(names, (name) => !taken.has(name));
}

/** Objects with a property, other than the excepted ones, whose value is of the schemas: a named one or another. */
function somePropertyValues(shape: Shape, depth: number): fc.Arbitrary<Record<string, unknown>> | undefined {
  const [wanted, ...others] = shape.someProperty;
  const rest = { ...shape, someProperty: others };
  const options: Array<fc.Arbitrary<Record<string, unknown>> | undefined> = Object.keys(rest.properties)
    .filter((name) => !wanted!.except.includes(name) && !rest.absent.includes(name))
    .map((name) => {
      const merged = merge(rest, { ...ANY, required: [name], properties: { [name]: wanted!.schemas } });
      return merged && objectValues(merged, depth);
    });
  if (rest.additional !== false) {
    const base = objectValues(rest, depth);
    const names = newPropertyNames(rest, wanted!.except);
    const values = valuesOf([...rest.additional, ...wanted!.schemas], depth - 1);
    if (base && names && values) options.push(fc.tuple(base, names, values).map(([object, name, value]) => withProperty(object, name, value)));
  }
  return oneOf(options);
}

/** Objects with a property whose name is of the schemas. */
function someNameValues(shape: Shape, depth: number): fc.Arbitrary<Record<string, unknown>> | undefined {
  const [wanted, ...others] = shape.someName;
  const rest = { ...shape, someName: others };
  const names = propertyNames({ ...ANY, propertyNames: wanted! });
  const base = objectValues(rest, depth);
  const values = rest.additional === false ? undefined : valuesOf(rest.additional, depth - 1);
  if (!names || !base || !values) return undefined;
  const taken = new Set([...Object.keys(rest.properties), '__proto__']);
  return fc.tuple(base, preferring(names, (name) => !taken.has(name)), values).map(([object, name, value]) => withProperty(object, name, value));
}

/** Objects with at least minProperties properties: other properties added to fewer. */
function manyPropertyValues(shape: Shape, depth: number): fc.Arbitrary<Record<string, unknown>> | undefined {
  const most = shape.minProperties;
  const base = objectValues({ ...shape, minProperties: 0 }, depth);
  const names = newPropertyNames(shape, []);
  const values = shape.additional === false ? undefined : valuesOf(shape.additional, depth - 1);
  if (!base || !names || !values) return undefined;
  const extra = fc.uniqueArray(fc.tuple(names, values), { minLength: most, maxLength: most, selector: ([name]) => name });
  return fc.tuple(base, extra).map(([object, entries]) => {
    const grown = { ...object };
    for (const [name, value] of entries) if (Object.keys(grown).length < most) grown[name] = value;
    return grown;
  });
}

/** A copy of the list with the item at a place the number picks. */
export function insertedAt(list: readonly unknown[], at: number, item: unknown): unknown[] {
  const copy = [...list];
  copy.splice(at % (copy.length + 1), 0, item);
  return copy;
}

function arrayValues(shape: Shape, depth: number): fc.Arbitrary<unknown[]> | undefined {
  if (depth < 1) return shape.contains.length > 0 ? undefined : fc.constant([]);
  const items = valuesOf(shape.items, depth - 1);
  let arrays: fc.Arbitrary<unknown[]> = items ? fc.array(items, { maxLength: MOST_ITEMS }) : fc.constant([]);
  for (const wanted of shape.contains) {
    const item = valuesOf([...wanted, ...shape.items], depth - 1);
    if (!item) return undefined;
    arrays = fc.tuple(arrays, item, fc.nat()).map(([list, extra, at]) => insertedAt(list, at, extra));
  }
  return arrays;
}
