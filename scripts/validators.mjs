// Emits the spec's request and response schemas as data, stripped to what validation needs,
// with one validator per named schema that src/schema-interpreter.ts runs over that data: one
// TypeScript module for the client, a fraction of the size of compiled validators. A schema
// with a keyword the interpreter does not check is refused here, so none goes unchecked.
import { readFileSync } from 'node:fs';

// The interpreter's own list, read from its source so the two cannot disagree.
const KNOWN_KEYWORDS = new Set(
  JSON.parse(/KNOWN_KEYWORDS = (\[[^\]]*\])/.exec(readFileSync(new URL('../src/schema-interpreter.ts', import.meta.url), 'utf8'))[1].replaceAll("'", '"')),
);
const KNOWN_FORMATS = new Set(['uri', 'date-time']);
const METHODS = ['post', 'get', 'put', 'delete'];
const JSON_MEDIA_TYPE = 'application/json';
// Keywords that only annotate: dropped so the emitted data carries no prose or examples.
const ANNOTATIONS = new Set(['description', 'examples', 'example', 'title', '$comment', 'deprecated', 'readOnly', 'writeOnly']);
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['not', 'items', 'additionalProperties', 'propertyNames', 'contains', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems'];

function withoutAnnotations(schema) {
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SUBSCHEMA_MAPS.includes(key)) copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]));
    else if (SUBSCHEMA_LISTS.includes(key)) copy[key] = value.map(withoutAnnotations);
    else if (SUBSCHEMAS.includes(key)) copy[key] = withoutAnnotations(value);
    else copy[key] = value;
  }
  return copy;
}

function deref(spec, node) {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref.slice(2).split('/').reduce((parent, key) => parent?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return node;
}

function componentName(ref, where) {
  const match = /^#\/components\/schemas\/([A-Za-z][A-Za-z0-9]*)$/.exec(ref ?? '');
  if (!match) throw new Error(`${where}: the schema must be a $ref to a named component (#/components/schemas/Name) so its validator has a name; found ${JSON.stringify(ref)}.`);
  return match[1];
}

/**
 * The name of a response's schema: its component's, or for a schema written inline in a named
 * response (an error status's envelope with its own code), `<Response>Body`, added to the
 * spec's schemas under that name.
 */
function responseSchemaName(spec, response, schema, where) {
  if (schema?.$ref !== undefined) return componentName(schema.$ref, where);
  const responseName = /^#\/components\/responses\/([A-Za-z][A-Za-z0-9]*)$/.exec(response.$ref ?? '')?.[1];
  if (!responseName) throw new Error(`${where}: an inline schema must stand in a named response (#/components/responses/Name) so its validator has a name.`);
  const name = `${responseName}Body`;
  if (spec.components.schemas[name] !== undefined && spec.components.schemas[name] !== schema) throw new Error(`${where}: #/components/schemas/${name} is taken; rename the response or the schema.`);
  spec.components.schemas[name] = schema;
  return name;
}

/** The operations, by their operationId (the client's method names), with the schemas each one is checked against. */
function operationTable(spec) {
  const table = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    const pathParameters = (item.parameters ?? []).map((parameter) => deref(spec, parameter)).filter((parameter) => parameter.in === 'path');
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const name = operation.operationId;
      if (!name) throw new Error(`${method.toUpperCase()} ${path}: operationId is missing; the client names its methods by it.`);
      const where = `${name} (${method.toUpperCase()} ${path})`;
      const requestBody = operation.requestBody ? deref(spec, operation.requestBody) : undefined;
      const responses = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = deref(spec, response).content?.[JSON_MEDIA_TYPE];
        responses[status] = media ? responseSchemaName(spec, response, media.schema, `${where} response ${status}`) : null;
      }
      // Each method resolves to one success body (src/types.ts); a second 2xx would make it a union.
      const successStatuses = Object.keys(responses).filter((status) => status.startsWith('2'));
      if (successStatuses.length !== 1) throw new Error(`${where}: expected exactly one 2xx response, found ${successStatuses.join(', ') || 'none'}.`);
      table[name] = {
        method: method.toUpperCase(),
        path,
        pathParameters: Object.fromEntries(pathParameters.map((parameter) => [parameter.name, componentName(parameter.schema?.$ref, `${where} parameter ${parameter.name}`)])),
        requestBody: requestBody ? componentName(requestBody.content[JSON_MEDIA_TYPE]?.schema?.$ref, `${where} request body`) : null,
        requestBodyRequired: requestBody?.required === true,
        responses,
      };
    }
  }
  return table;
}

const validatorName = (component) => `validate${component}`;

/** The schema as the interpreter reads it: no annotations, `$ref` by component name; anything unchecked refused. */
function compact(schema, where) {
  if (typeof schema !== 'object' || schema === null) throw new Error(`${where}: a schema must be an object`);
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`;
    if (key === '$ref') copy.$ref = componentName(value, at);
    else if (!KNOWN_KEYWORDS.has(key)) throw new Error(`${at}: src/schema-interpreter.ts does not check the keyword ${key}; teach it, or leave the keyword out of the spec.`);
    else if (key === 'properties') copy.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, compact(sub, `${at}/${name}`)]));
    else if (key === 'allOf' || key === 'anyOf') copy[key] = value.map((sub, index) => compact(sub, `${at}/${index}`));
    else if (key === 'not' || key === 'propertyNames' || (key === 'additionalProperties' && value !== false && value !== true)) copy[key] = compact(value, at);
    else if ((key === 'enum' ? value : key === 'const' ? [value] : []).some((item) => typeof item === 'object' && item !== null)) throw new Error(`${at}: only strings, numbers and booleans are compared`);
    else if (key === 'format' && !KNOWN_FORMATS.has(value)) throw new Error(`${at}: the format ${value} has no check in src/validator-runtime.ts`);
    else copy[key] = value;
  }
  return copy;
}

export function validatorsModule(spec, banner) {
  const table = operationTable(spec);
  const components = new Set();
  for (const operation of Object.values(table)) {
    for (const name of Object.values(operation.pathParameters)) components.add(name);
    if (operation.requestBody) components.add(operation.requestBody);
    for (const name of Object.values(operation.responses)) if (name) components.add(name);
  }
  const all = withoutAnnotations({ $defs: spec.components.schemas }).$defs;
  // Only what the validators reach, each schema once.
  const schemas = {};
  const reach = (name) => {
    if (schemas[name]) return;
    if (!all[name]) throw new Error(`#/components/schemas/${name} is referenced but not defined`);
    schemas[name] = compact(all[name], `#/components/schemas/${name}`);
    JSON.stringify(schemas[name], (key, value) => (key === '$ref' && reach(value), value));
  };
  for (const name of [...components].sort()) reach(name);
  // Each schema once, in a list: a `$ref` is the index of another, so no name ships.
  const names = Object.keys(schemas).sort((a, b) => a.localeCompare(b));
  const indexed = (schema) => JSON.stringify(schema, (key, value) => (key === '$ref' ? names.indexOf(value) : value));
  const list = names.map((name, index) => `  /* ${index}: ${name} */ ${indexed(schemas[name])},`).join('\n');
  const exports = [...components].sort().map((name) => `export const ${validatorName(name)}: SchemaValidator = validator(${names.indexOf(name)});`).join('\n');
  const code = `// The schemas the validators reach, each once; a \`$ref\` is the index of another in this list.
const schemas: readonly Schema[] = [
${list}
];

const validator = schemaValidators(schemas, { formats, ucs2length });

${exports}`;

  const tableCode = Object.entries(table)
    .map(([name, operation]) => {
      const responses = Object.entries(operation.responses)
        .map(([status, component]) => `      ${status}: ${component ? validatorName(component) : 'null'},`)
        .join('\n');
      const parameters = Object.entries(operation.pathParameters).map(([parameter, component]) => `${parameter}: ${validatorName(component)}`).join(', ');
      return [
        `  ${name}: {`,
        `    method: ${JSON.stringify(operation.method)},`,
        `    path: ${JSON.stringify(operation.path)},`,
        `    pathParameters: { ${parameters} },`,
        `    requestBody: ${operation.requestBody ? validatorName(operation.requestBody) : 'null'},`,
        `    requestBodyRequired: ${operation.requestBodyRequired},`,
        `    responses: {`,
        responses,
        `    },`,
        `  },`,
      ].join('\n');
    })
    .join('\n');

  return `${banner}import { schemaValidators, type Schema, type SchemaValidator } from '../src/schema-interpreter.js';
import { formats, ucs2length } from '../src/validator-runtime.js';

export type { SchemaValidator, SchemaViolation } from '../src/schema-interpreter.js';

export interface OperationContract {
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  path: string;
  pathParameters: Readonly<Record<string, SchemaValidator>>;
  /** The validator of a JSON request body, when the operation documents one. */
  requestBody: SchemaValidator | null;
  /** Whether the body must be sent; an optional one may be left out. */
  requestBodyRequired: boolean;
  /** Each documented status, with the validator of its JSON body (null: no JSON body). */
  responses: Readonly<Record<number, SchemaValidator | null>>;
}

${code}

export const operationContracts = {
${tableCode}
} as const satisfies Record<string, OperationContract>;
`;
}
