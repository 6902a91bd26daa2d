// Checks a value against the spec's schemas, read as data (generated/validators.ts holds
// them, stripped to what validation needs). It knows the JSON Schema keywords the spec uses
// and no others: scripts/validators.mjs refuses a schema with any other, so nothing in the
// spec can go unchecked. A finding names the keyword and what it asked for, and nothing
// else: src/violation-text.ts alone turns findings into sentences.

export interface SchemaViolation {
  /** Where the value sits, as a JSON pointer (`/data/clientId`). */
  instancePath: string;
  keyword: string;
  /**
   * What the keyword asked for (the limit, pattern, type, format, allowed values); for
   * `required`, `additionalProperties` and `propertyNames`, the property's name; for a `not`
   * that forbids properties, their names.
   */
  param?: unknown;
}

/** Answers whether the value is valid; on false, `errors` lists every finding. */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: SchemaViolation[] | null;
}

/** A schema as data: JSON Schema keywords, `$ref` the index of another schema of the same list. */
export type Schema = { readonly [keyword: string]: unknown };

export interface SchemaRuntime {
  formats: Record<string, (value: string) => boolean>;
  ucs2length: (value: string) => number;
}

/** The keywords checked here; the generator refuses a schema with another. */
export const KNOWN_KEYWORDS = ['$ref', 'allOf', 'anyOf', 'not', 'type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'format', 'required', 'properties', 'additionalProperties', 'maxProperties', 'propertyNames'];

/**
 * Answers whether the value holds. With `found`, it checks everything and lists each finding
 * there; without, it stops at the first one and lists nothing, which is all that `not`,
 * `anyOf` and a valid answer need.
 */
type Check = (data: any, path: string, found: SchemaViolation[] | undefined, type?: string) => boolean;

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

/** Validators by schema index. Each schema is turned into checks once, on first use, then run as they are. */
export function schemaValidators(schemas: readonly Schema[], runtime: SchemaRuntime): (index: number) => SchemaValidator {
  const built: Check[] = [];

  function byIndex(index: number): Check {
    // Set before it is built, so that a schema may refer to itself.
    let check: Check | undefined;
    return (built[index] ??= (data, path, found) => (check ??= compile(schemas[index]!))(data, path, found));
  }

  function compile(schema: Schema): Check {
    const s = schema as Record<string, any>;
    const checks: Check[] = [];
    /** A finding, when findings are listed; false either way. */
    const fails = (found: SchemaViolation[] | undefined, instancePath: string, keyword: string, param?: unknown) => (found?.push({ instancePath, keyword, param }), false);
    /** A keyword that holds when `holds(data)`, checked only on values of `appliesTo` when it names a type; its finding carries `param`. */
    const rule = (keyword: string, param: unknown, holds: (data: any) => unknown, appliesTo?: string) =>
      checks.push((data, path, found, type) => (appliesTo !== undefined && type !== appliesTo) || !!holds(data) || fails(found, path, keyword, param));

    // The type first: the cheapest keyword, and where it fails, a value needs no other looked at.
    if (s.type) checks.push((_data, path, found, type) => type === s.type || (s.type === 'number' && type === 'integer') || fails(found, path, 'type', s.type));
    if (s.$ref !== undefined) checks.push(byIndex(s.$ref));
    for (const part of s.allOf ?? []) checks.push(compile(part));
    if (s.anyOf) {
      const branches: Check[] = s.anyOf.map(compile);
      checks.push((data, path, found) => {
        if (branches.some((branch) => branch(data, path, undefined))) return true;
        // Every branch failed: list what each found, then the anyOf itself.
        if (found) for (const branch of branches) branch(data, path, found);
        return fails(found, path, 'anyOf');
      });
    }
    if (s.not) {
      const not = compile(s.not);
      // A `not` that forbids properties (`not: { required: [...] }`) names them.
      rule('not', s.not.required, (data) => !not(data, '', undefined));
    }
    if (s.enum) rule('enum', s.enum, (data) => s.enum.includes(data));
    if ('const' in s) rule('const', s.const, (data) => data === s.const);

    // Code points are at most the UTF-16 units and at least half of them: counted only when that cannot tell.
    if (s.maxLength !== undefined) rule('maxLength', s.maxLength, (text) => text.length <= s.maxLength || runtime.ucs2length(text) <= s.maxLength, 'string');
    if (s.minLength !== undefined) rule('minLength', s.minLength, (text) => text.length >= 2 * s.minLength || runtime.ucs2length(text) >= s.minLength, 'string');
    if (s.pattern) {
      const pattern = new RegExp(s.pattern, 'u');
      rule('pattern', s.pattern, (text) => pattern.test(text), 'string');
    }
    if (s.format) rule('format', s.format, runtime.formats[s.format]!, 'string');

    if (s.maxProperties !== undefined) rule('maxProperties', s.maxProperties, (object) => Object.keys(object).length <= s.maxProperties, 'object');
    for (const name of s.required ?? []) rule('required', name, (object) => object[name] !== undefined, 'object');
    const properties = new Map<string, Check>(Object.entries(s.properties ?? {}).map(([name, sub]) => [name, compile(sub as Schema)]));
    const propertyNames = s.propertyNames && compile(s.propertyNames);
    const additional = typeof s.additionalProperties === 'object' ? compile(s.additionalProperties) : undefined;
    if (properties.size > 0 || propertyNames || s.additionalProperties !== undefined) {
      checks.push((object, path, found, type) => {
        if (type !== 'object') return true;
        let holds = true;
        for (const key in object) {
          if (propertyNames && !propertyNames(key, '', undefined)) holds = fails(found, path, 'propertyNames', key);
          const property = properties.get(key) ?? additional;
          // As Ajv: a property set to undefined is not checked (JSON has none). The pointer
          // escapes "~" and "/" only in keys that hold them, and is built only for a finding.
          if (property) {
            if (object[key] !== undefined && !property(object[key], found ? `${path}/${/[~/]/.test(key) ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key}` : path, found)) holds = false;
          } else if (s.additionalProperties === false) holds = fails(found, path, 'additionalProperties', key);
          if (!holds && !found) return false;
        }
        return holds;
      });
    }
    return (data, path, found) => {
      // Its type is read once, for every keyword of the schema that depends on it.
      const type = typeOf(data);
      let holds = true;
      for (const check of checks) {
        if (!check(data, path, found, type)) {
          if (!found) return false;
          holds = false;
        }
      }
      return holds;
    };
  }

  return (index) => {
    const check = byIndex(index);
    const validate: SchemaValidator = (value) => {
      // Most answers are valid: checked first without listing, then again to list what is wrong.
      if (check(value, '', undefined)) {
        validate.errors = null;
        return true;
      }
      const found: SchemaViolation[] = [];
      check(value, '', found);
      validate.errors = found;
      return false;
    };
    return validate;
  };
}
