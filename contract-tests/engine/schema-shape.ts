// A schema as rules the generators can combine. Each keyword becomes a rule in a form that
// adds up with another schema's (so `allOf`, and a schema with a `not` beside its own rules,
// are one set of rules), and each rule can be negated into rules of the same form. A value
// the schema `not: X` allows is then a value that breaks one rule of X; a value breaking a
// rule of a recursive schema is built from that rule alone, so generation only goes as deep
// as the value itself.
import type { JsonSchema } from '../support/openapi-document.js';
import { resolve } from './resolved-schema.js';

/** The JSON types, each value of exactly one: `number` is a number that is not an integer. */
export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'string' | 'integer' | 'number';
export const JSON_TYPES: readonly JsonType[] = ['null', 'boolean', 'object', 'array', 'string', 'integer', 'number'];

/** Several schemas a value must all satisfy. */
export type SchemaList = readonly JsonSchema[];

export interface Shape {
  /** The types a value may have; undefined: any. */
  types?: ReadonlySet<JsonType>;
  /** The value is one of these (`const`, `enum`); undefined: any. */
  values?: readonly unknown[];
  /** The value is none of these. */
  notValues: readonly unknown[];
  minLength: number;
  maxLength?: number;
  patterns: readonly string[];
  offPatterns: readonly string[];
  formats: readonly string[];
  offFormats: readonly string[];
  /** What each named property's value must be. */
  properties: Readonly<Record<string, SchemaList>>;
  /** What the value of a property not named in `properties` must be; false: there is none. */
  additional: SchemaList | false;
  required: readonly string[];
  /** Properties the object must not have. */
  absent: readonly string[];
  propertyNames: SchemaList;
  minProperties: number;
  maxProperties?: number;
  /** Each: the object has a property, named other than `except`, whose value is all of `schemas`. */
  someProperty: ReadonlyArray<{ except: readonly string[]; schemas: SchemaList }>;
  /** Each: the object has a property whose name is all of these. */
  someName: readonly SchemaList[];
  items: SchemaList;
  /** Each: the array has an item that is all of these (and of `items`). */
  contains: readonly SchemaList[];
  /** Each: the value is at least one of these. */
  anyOf: readonly SchemaList[];
  /** The value is none of these. */
  not: SchemaList;
}

export const ANY: Shape = {
  notValues: [],
  minLength: 0,
  patterns: [],
  offPatterns: [],
  formats: [],
  offFormats: [],
  properties: {},
  additional: [],
  required: [],
  absent: [],
  propertyNames: [],
  minProperties: 0,
  someProperty: [],
  someName: [],
  items: [],
  contains: [],
  anyOf: [],
  not: [],
};

// Keywords that only describe: they set no rule.
const ANNOTATIONS = new Set(['description', 'examples', 'example', 'title', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'default']);
// The keywords the generators draw values for: those the spec uses, and `items` and
// `contains`, each the other's negation. A schema with another is refused, not half-drawn.
const KNOWN = new Set(['$ref', 'allOf', 'anyOf', 'not', 'type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'format', 'required', 'properties', 'additionalProperties', 'maxProperties', 'propertyNames', 'items', 'contains']);

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const includesJson = (list: readonly unknown[], value: unknown) => list.some((entry) => sameJson(entry, value));
const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
const typesOf = (type: unknown): ReadonlySet<JsonType> => new Set((Array.isArray(type) ? type : [type]).flatMap((name: JsonType) => (name === 'number' ? ['integer', 'number'] : [name])) as JsonType[]);

/** The JSON type of a value. */
export function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

const ids = new WeakMap<object, number>();
let nextId = 0;
/** A number that stands for the schema object, for keys of caches. */
function idOf(schema: object): number {
  let id = ids.get(schema);
  if (id === undefined) ids.set(schema, (id = nextId++));
  return id;
}

/** The schema a plain `$ref` points at, so that every `$ref` to a schema shares its caches. */
export function canonical(schema: JsonSchema): JsonSchema {
  const own = Object.keys(schema).filter((keyword) => !ANNOTATIONS.has(keyword));
  return own.length === 1 && own[0] === '$ref' ? canonical(resolve(schema)) : schema;
}

export const listKey = (list: SchemaList) => list.map((schema) => idOf(canonical(schema))).join(',');

const negatedLists = new Map<string, JsonSchema>();
/** `{not: …}` of the list, the same object for the same list, so that it is cached as one schema. */
function negated(list: SchemaList): JsonSchema {
  const key = listKey(list);
  let schema = negatedLists.get(key);
  if (!schema) negatedLists.set(key, (schema = { not: list.length === 1 ? list[0]! : { allOf: [...list] } }));
  return schema;
}

const shapes = new WeakMap<JsonSchema, Shape | null>();
const reading = new Set<JsonSchema>();

/** The rules of one schema; undefined when no value satisfies it (`false`). */
export function shapeOf(schema: JsonSchema | boolean): Shape | undefined {
  if (schema === true) return ANY;
  if (schema === false) return undefined;
  let shape = shapes.get(schema);
  if (shape === undefined) {
    if (reading.has(schema)) throw new Error(`The schema ${JSON.stringify(schema).slice(0, 120)} is its own $ref or allOf: it sets no rule the generators can read.`);
    reading.add(schema);
    try {
      shape = ownShape(schema) ?? null;
    } finally {
      reading.delete(schema);
    }
    shapes.set(schema, shape);
  }
  return shape ?? undefined;
}

/** The rules of several schemas at once; undefined when they contradict each other. */
export function shapeOfAll(list: SchemaList): Shape | undefined {
  let shape: Shape | undefined = ANY;
  for (const schema of list) shape = shape && merge(shape, shapeOf(schema));
  return shape;
}

function ownShape(schema: JsonSchema): Shape | undefined {
  const s = schema as Record<string, any>;
  const unknown = Object.keys(s).filter((keyword) => !KNOWN.has(keyword) && !ANNOTATIONS.has(keyword));
  if (unknown.length > 0) throw new Error(`The test-data generators know no keyword ${unknown.join(', ')} (in ${JSON.stringify(schema).slice(0, 120)}): teach contract-tests/engine/schema-shape.ts its rule and its negation.`);
  const required: string[] = s.required ?? [];
  const properties: Record<string, SchemaList> = Object.fromEntries(Object.entries(s.properties ?? {}).map(([name, sub]) => [name, [sub as JsonSchema]]));
  let shape: Shape | undefined = {
    ...ANY,
    ...(s.type !== undefined ? { types: typesOf(s.type) } : {}),
    ...('const' in s ? { values: [s.const] } : s.enum ? { values: s.enum } : {}),
    minLength: s.minLength ?? 0,
    ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
    patterns: s.pattern ? [s.pattern] : [],
    formats: s.format ? [s.format] : [],
    properties,
    additional: s.additionalProperties === false ? false : s.additionalProperties === undefined || s.additionalProperties === true ? [] : [s.additionalProperties],
    required,
    propertyNames: s.propertyNames ? [s.propertyNames] : [],
    ...(s.maxProperties !== undefined ? { maxProperties: s.maxProperties } : {}),
    items: s.items ? [s.items] : [],
    contains: s.contains ? [[s.contains]] : [],
    anyOf: s.anyOf ? [s.anyOf] : [],
    not: s.not ? [s.not] : [],
  };
  if (s.$ref) shape = merge(shape, shapeOf(resolve({ $ref: s.$ref })));
  for (const part of s.allOf ?? []) shape = shape && merge(shape, shapeOf(part));
  return shape;
}

/** What a property must be in the shape: its own schemas, or those of any other property. */
const propertyList = (shape: Shape, name: string): SchemaList | false => shape.properties[name] ?? shape.additional;

/** The rules of both; undefined when they contradict each other. */
export function merge(a: Shape, b: Shape | undefined): Shape | undefined {
  if (!b) return undefined;
  if (a === ANY) return b;
  if (b === ANY) return a;
  const types = a.types && b.types ? new Set([...a.types].filter((type) => b.types!.has(type))) : (a.types ?? b.types);
  if (types?.size === 0) return undefined;
  const notValues = union(a.notValues, b.notValues);
  let values = a.values && b.values ? a.values.filter((value) => includesJson(b.values!, value)) : (a.values ?? b.values);
  values = values?.filter((value) => !includesJson(notValues, value) && (!types || types.has(typeOf(value))));
  if (values?.length === 0) return undefined;
  // A property one schema names and the other does not must also be what the other allows of any property.
  const absent = new Set(union(a.absent, b.absent));
  const properties: Record<string, SchemaList> = {};
  for (const name of union(Object.keys(a.properties), Object.keys(b.properties))) {
    const [fromA, fromB] = [propertyList(a, name), propertyList(b, name)];
    if (fromA === false || fromB === false) absent.add(name);
    else properties[name] = [...fromA, ...fromB];
  }
  const required = union(a.required, b.required);
  if (required.some((name) => absent.has(name))) return undefined;
  const maxLength = Math.min(a.maxLength ?? Infinity, b.maxLength ?? Infinity);
  const maxProperties = Math.min(a.maxProperties ?? Infinity, b.maxProperties ?? Infinity);
  return {
    ...(types ? { types } : {}),
    ...(values ? { values } : {}),
    notValues,
    minLength: Math.max(a.minLength, b.minLength),
    ...(maxLength !== Infinity ? { maxLength } : {}),
    patterns: union(a.patterns, b.patterns),
    offPatterns: union(a.offPatterns, b.offPatterns),
    formats: union(a.formats, b.formats),
    offFormats: union(a.offFormats, b.offFormats),
    properties,
    additional: a.additional === false || b.additional === false ? false : [...a.additional, ...b.additional],
    required,
    absent: [...absent],
    propertyNames: [...a.propertyNames, ...b.propertyNames],
    minProperties: Math.max(a.minProperties, b.minProperties),
    ...(maxProperties !== Infinity ? { maxProperties } : {}),
    someProperty: [...a.someProperty, ...b.someProperty],
    someName: [...a.someName, ...b.someName],
    items: [...a.items, ...b.items],
    contains: [...a.contains, ...b.contains],
    anyOf: [...a.anyOf, ...b.anyOf],
    not: [...a.not, ...b.not],
  };
}

/** One rule of a shape: the shape without it, and rules that hold exactly where it breaks. */
export interface Rule {
  keyword: string;
  /** The property, pattern, format or bound it concerns, if any. */
  subject?: string;
  /** The schemas it concerns (`anyOf`, `not`, `contains`), if any. */
  schemas?: SchemaList;
  without: Shape;
  /** Undefined when nothing breaks it (`not: false`). */
  negation: Shape | undefined;
}

/** Rules that hold only for values of the types. */
export const only = (types: JsonType[], rest: Partial<Shape>): Shape => ({ ...ANY, types: new Set(types), ...rest });
const without = <T>(list: readonly T[], index: number) => list.filter((_, at) => at !== index);
function withoutKey(shape: Shape, key: 'values' | 'maxLength' | 'maxProperties' | 'types'): Shape {
  const { [key]: _removed, ...rest } = shape;
  return rest;
}

/**
 * Every rule the shape sets, each with its negation. A rule of one type (a length, a required
 * property) holds for every value of another type, so it breaks only in a value of its type.
 */
export function rulesOf(shape: Shape): Rule[] {
  const rules: Rule[] = [];
  const add = (keyword: string, subject: string | SchemaList | undefined, without: Shape, negation: Shape | undefined) =>
    rules.push({ keyword, ...(typeof subject === 'string' ? { subject } : subject ? { schemas: subject } : {}), without, negation });
  const { types, values, maxLength, maxProperties } = shape;
  if (types) {
    const others = JSON_TYPES.filter((type) => !types.has(type));
    if (others.length > 0) add('type', undefined, withoutKey(shape, 'types'), only(others, {}));
  }
  if (values) add(values.length === 1 ? 'const' : 'enum', undefined, withoutKey(shape, 'values'), { ...ANY, notValues: values });
  if (shape.minLength > 0) add('minLength', String(shape.minLength), { ...shape, minLength: 0 }, only(['string'], { maxLength: shape.minLength - 1 }));
  if (maxLength !== undefined) add('maxLength', String(maxLength), withoutKey(shape, 'maxLength'), only(['string'], { minLength: maxLength + 1 }));
  shape.patterns.forEach((pattern, index) => add('pattern', pattern, { ...shape, patterns: without(shape.patterns, index) }, only(['string'], { offPatterns: [pattern] })));
  shape.formats.forEach((format, index) => add('format', format, { ...shape, formats: without(shape.formats, index) }, only(['string'], { offFormats: [format] })));
  shape.required.forEach((name, index) => add('required', name, { ...shape, required: without(shape.required, index) }, only(['object'], { absent: [name] })));
  for (const [name, list] of Object.entries(shape.properties)) {
    // Without its own schemas the property is still a named one: additionalProperties does not reach it.
    add('properties', name, { ...shape, properties: { ...shape.properties, [name]: [] } }, only(['object'], { required: [name], properties: { [name]: [negated(list)] } }));
  }
  const named = Object.keys(shape.properties);
  if (shape.additional === false || shape.additional.length > 0) {
    const schemas = shape.additional === false ? [] : [negated(shape.additional)];
    add('additionalProperties', undefined, { ...shape, additional: [] }, only(['object'], { someProperty: [{ except: named, schemas }] }));
  }
  if (shape.propertyNames.length > 0) add('propertyNames', undefined, { ...shape, propertyNames: [] }, only(['object'], { someName: [[negated(shape.propertyNames)]] }));
  if (maxProperties !== undefined) add('maxProperties', String(maxProperties), withoutKey(shape, 'maxProperties'), only(['object'], { minProperties: maxProperties + 1 }));
  if (shape.items.length > 0) add('items', undefined, { ...shape, items: [] }, only(['array'], { contains: [[negated(shape.items)]] }));
  shape.contains.forEach((list, index) => add('contains', list, { ...shape, contains: without(shape.contains, index) }, only(['array'], { items: [negated(list)] })));
  shape.anyOf.forEach((branches, index) => add('anyOf', branches, { ...shape, anyOf: without(shape.anyOf, index) }, { ...ANY, not: branches }));
  shape.not.forEach((schema, index) => add('not', [schema], { ...shape, not: without(shape.not, index) }, shapeOf(schema)));
  return rules;
}
