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
export const KNOWN_KEYWORDS = ['$ref', 'allOf', 'anyOf', 'not', 'type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'format', 'required', 'properties', 'additionalProperties', 'maxProperties', 'propertyNames'];

export function schemaValidators(schemas: Readonly<Record<string, Schema>>, runtime: SchemaRuntime): (name: string) => SchemaValidator {
  const patterns = new Map<string, RegExp>();
  const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

  function check(schema: Schema, data: unknown, path: string, found: SchemaViolation[]): void {
    const fail = (keyword: string, params: Record<string, unknown>, message: string) => found.push({ instancePath: path, keyword, params, message });
    const s = schema as Record<string, any>;
    if (s.$ref) check(schemas[s.$ref]!, data, path, found);
    for (const part of s.allOf ?? []) check(part, data, path, found);
    if (s.anyOf) {
      const branches = (s.anyOf as Schema[]).map((part) => {
        const own: SchemaViolation[] = [];
        check(part, data, path, own);
        return own;
      });
      if (branches.every((own) => own.length > 0)) {
        found.push(...branches.flat());
        fail('anyOf', {}, 'must match a schema in anyOf');
      }
    }
    if (s.not && passes(s.not, data)) fail('not', {}, 'must NOT be valid');
    if (s.enum && !s.enum.includes(data)) fail('enum', { allowedValues: s.enum }, 'must be equal to one of the allowed values');
    if ('const' in s && s.const !== data) fail('const', { allowedValue: s.const }, 'must be equal to constant');
    const type = typeOf(data);
    if (s.type && s.type !== type && !(s.type === 'number' && type === 'integer')) return void fail('type', { type: s.type }, `must be ${s.type}`);
    if (type === 'string') {
      const text = data as string;
      const length = s.maxLength ?? s.minLength ? runtime.ucs2length(text) : 0;
      if (length > s.maxLength) fail('maxLength', { limit: s.maxLength }, `must NOT have more than ${s.maxLength} characters`);
      if (length < s.minLength) fail('minLength', { limit: s.minLength }, `must NOT have fewer than ${s.minLength} characters`);
      if (s.pattern) {
        let pattern = patterns.get(s.pattern);
        if (!pattern) patterns.set(s.pattern, (pattern = new RegExp(s.pattern, 'u')));
        if (!pattern.test(text)) fail('pattern', { pattern: s.pattern }, `must match pattern "${s.pattern}"`);
      }
      if (s.format) {
        const format = runtime.formats[s.format]!;
        if (!(typeof format === 'function' ? format : format.validate)(text)) fail('format', { format: s.format }, `must match format "${s.format}"`);
      }
    }
    if (type === 'object') {
      const object = data as Record<string, unknown>;
      const keys = Object.keys(object);
      if (keys.length > s.maxProperties) fail('maxProperties', { limit: s.maxProperties }, `must NOT have more than ${s.maxProperties} properties`);
      for (const name of s.required ?? []) if (!(name in object)) fail('required', { missingProperty: name }, `must have required property '${name}'`);
      for (const key of keys) {
        const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (s.propertyNames && !passes(s.propertyNames, key)) fail('propertyNames', { propertyName: key }, 'property name must be valid');
        const property = s.properties?.[key];
        if (property) check(property, object[key], at, found);
        else if (s.additionalProperties === false) fail('additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
        else if (typeof s.additionalProperties === 'object') check(s.additionalProperties, object[key], at, found);
      }
    }
  }

  function passes(schema: Schema, data: unknown): boolean {
    const own: SchemaViolation[] = [];
    check(schema, data, '', own);
    return own.length === 0;
  }

  return (name) => {
    const validate: SchemaValidator = (value) => {
      const found: SchemaViolation[] = [];
      check({ $ref: name }, value, '', found);
      validate.errors = found.length > 0 ? found : null;
      return found.length === 0;
    };
    return validate;
  };
}
