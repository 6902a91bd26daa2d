// Checks a value against the spec's schemas, read as data (generated/validators.ts holds
// them, stripped to what validation needs). It knows the JSON Schema keywords the spec uses
// and no others: scripts/validators.mjs refuses a schema with any other, so nothing in the
// spec can go unchecked. Findings follow Ajv's shape (instancePath, keyword, params, message),
// every finding of a value, as src/violation-text.ts reads them.

export interface SchemaViolation {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Answers whether the value is valid; on false, `errors` lists why. */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: SchemaViolation[] | null;
}

/** A schema as data: JSON Schema keywords, `$ref` naming another schema of the same set. */
export type Schema = { readonly [keyword: string]: unknown };

export interface SchemaRuntime {
  formats: Record<string, ((value: string) => boolean) | { validate: (value: string) => boolean }>;
  ucs2length: (value: string) => number;
}

/** The keywords checked here; the generator refuses a schema with another. */
export const KNOWN_KEYWORDS = ['$ref', 'allOf', 'anyOf', 'not', 'type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'format', 'required', 'properties', 'additionalProperties', 'maxProperties', 'propertyNames', 'contains'];

type Check = (data: unknown, path: string, found: SchemaViolation[]) => void;

/** Validators by schema name. Each schema is turned into checks once, on first use, then run as they are. */
export function schemaValidators(schemas: Readonly<Record<string, Schema>>, runtime: SchemaRuntime): (name: string) => SchemaValidator {
  const named = new Map<string, Check>();
  const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);
  const passes = (check: Check, data: unknown) => {
    const own: SchemaViolation[] = [];
    check(data, '', own);
    return own.length === 0;
  };

  function byName(name: string): Check {
    let check = named.get(name);
    if (!check) {
      // Set before it is built, so that a schema may refer to itself.
      let built: Check | undefined;
      named.set(name, (data, path, found) => (built ??= compile(schemas[name]!))(data, path, found));
      check = named.get(name)!;
    }
    return check;
  }

  function compile(schema: Schema): Check {
    const s = schema as Record<string, any>;
    const checks: Check[] = [];
    const add = (check: Check) => checks.push(check);
    const fail = (found: SchemaViolation[], instancePath: string, keyword: string, params: Record<string, unknown>, message: string) => found.push({ instancePath, keyword, params, message });
    if (s.$ref) add(byName(s.$ref));
    for (const part of s.allOf ?? []) add(compile(part));
    if (s.anyOf) {
      const branches: Check[] = s.anyOf.map(compile);
      add((data, path, found) => {
        const failures: SchemaViolation[] = [];
        for (const branch of branches) {
          const own: SchemaViolation[] = [];
          branch(data, path, own);
          if (own.length === 0) return;
          failures.push(...own);
        }
        found.push(...failures);
        fail(found, path, 'anyOf', {}, 'must match a schema in anyOf');
      });
    }
    if (s.not) {
      const not = compile(s.not);
      add((data, path, found) => passes(not, data) && fail(found, path, 'not', {}, 'must NOT be valid'));
    }
    if (s.enum) add((data, path, found) => !s.enum.includes(data) && fail(found, path, 'enum', { allowedValues: s.enum }, 'must be equal to one of the allowed values'));
    if ('const' in s) add((data, path, found) => s.const !== data && fail(found, path, 'const', { allowedValue: s.const }, 'must be equal to constant'));

    // The keywords of one type, checked only when the value is of it.
    const forString: Check[] = [];
    if (s.maxLength !== undefined || s.minLength !== undefined) {
      const max = s.maxLength ?? Infinity;
      const min = s.minLength ?? 0;
      forString.push((data, path, found) => {
        const text = data as string;
        // Code points are at most the UTF-16 units and at least half of them: count only when that cannot tell.
        if (text.length <= max && text.length >= 2 * min) return;
        const length = runtime.ucs2length(text);
        if (length > max) fail(found, path, 'maxLength', { limit: max }, `must NOT have more than ${max} characters`);
        if (length < min) fail(found, path, 'minLength', { limit: min }, `must NOT have fewer than ${min} characters`);
      });
    }
    if (s.pattern) {
      const pattern = new RegExp(s.pattern, 'u');
      forString.push((data, path, found) => !pattern.test(data as string) && fail(found, path, 'pattern', { pattern: s.pattern }, `must match pattern "${s.pattern}"`));
    }
    if (s.format) {
      const format = runtime.formats[s.format]!;
      const test = typeof format === 'function' ? format : format.validate;
      forString.push((data, path, found) => !test(data as string) && fail(found, path, 'format', { format: s.format }, `must match format "${s.format}"`));
    }
    const forObject: Check[] = [];
    if (s.maxProperties !== undefined) forObject.push((data, path, found) => Object.keys(data as object).length > s.maxProperties && fail(found, path, 'maxProperties', { limit: s.maxProperties }, `must NOT have more than ${s.maxProperties} properties`));
    for (const name of s.required ?? []) forObject.push((data, path, found) => (data as Record<string, unknown>)[name] === undefined && fail(found, path, 'required', { missingProperty: name }, `must have required property '${name}'`));
    const properties = new Map<string, Check>(Object.entries(s.properties ?? {}).map(([name, sub]) => [name, compile(sub as Schema)]));
    const segments = new Map<string, string>();
    // A JSON pointer's segment of a key, worked out once per key.
    const segment = (key: string) => {
      let escaped = segments.get(key);
      if (escaped === undefined) {
        escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
        if (properties.has(key)) segments.set(key, escaped);
      }
      return escaped;
    };
    const propertyNames = s.propertyNames && compile(s.propertyNames);
    const additional = typeof s.additionalProperties === 'object' ? compile(s.additionalProperties) : undefined;
    if (properties.size > 0 || propertyNames || s.additionalProperties !== undefined) {
      forObject.push((data, path, found) => {
        const object = data as Record<string, unknown>;
        for (const key in object) {
          if (propertyNames && !passes(propertyNames, key)) fail(found, path, 'propertyNames', { propertyName: key }, 'property name must be valid');
          const property = properties.get(key) ?? additional;
          // As Ajv: a property set to undefined is not checked (JSON has none).
          if (property) object[key] !== undefined && property(object[key], `${path}/${segment(key)}`, found);
          else if (s.additionalProperties === false) fail(found, path, 'additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
        }
      });
    }
    const forArray: Check[] = [];
    if (s.contains) {
      const contains = compile(s.contains);
      forArray.push((data, path, found) => !(data as unknown[]).some((item) => passes(contains, item)) && fail(found, path, 'contains', { minContains: 1 }, 'must contain at least 1 valid item'));
    }
    if (s.type || forString.length > 0 || forObject.length > 0 || forArray.length > 0) {
      add((data, path, found) => {
        const type = typeOf(data);
        if (s.type && s.type !== type && !(s.type === 'number' && type === 'integer')) return void fail(found, path, 'type', { type: s.type }, `must be ${s.type}`);
        for (const check of type === 'string' ? forString : type === 'object' ? forObject : type === 'array' ? forArray : []) check(data, path, found);
      });
    }
    return (data, path, found) => {
      for (const check of checks) check(data, path, found);
    };
  }

  return (name) => {
    const check = byName(name);
    const validate: SchemaValidator = (value) => {
      const found: SchemaViolation[] = [];
      check(value, '', found);
      validate.errors = found.length > 0 ? found : null;
      return found.length === 0;
    };
    return validate;
  };
}
