// Emits the client's request and response validators from the spec with Ajv's standalone code
// (JSON Schema 2020-12, every error listed): generated/validators.js, with its types in
// generated/validators.d.ts, and the table of operations the client names its methods by.
// The code calls src/validator-runtime.ts for the string length JSON Schema counts and the
// spec's two formats, so the client ships no schema library.
import AjvModule from 'ajv/dist/2020.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import standaloneModule from 'ajv/dist/standalone/index.js';

const Ajv2020 = AjvModule.default;
const standaloneCode = standaloneModule.default;
const METHODS = ['post', 'get', 'put', 'delete'];
const JSON_MEDIA_TYPE = 'application/json';
const FORMATS = ['uri', 'date-time'];

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

/** generated/validators.js and generated/validators.d.ts, from the bundled spec. */
export function validatorFiles(spec, banner) {
  const table = operationTable(spec);
  const components = new Set();
  for (const operation of Object.values(table)) {
    for (const name of Object.values(operation.pathParameters)) components.add(name);
    if (operation.requestBody) components.add(operation.requestBody);
    for (const name of Object.values(operation.responses)) if (name) components.add(name);
  }
  const names = [...components].sort();
  // Strict: a keyword Ajv does not know, or a format it has no check for, stops the build.
  // strictTypes off: an allOf part names properties without repeating the type its whole has.
  const ajv = new Ajv2020({ allErrors: true, inlineRefs: false, strict: true, strictTypes: false, messages: false, code: { source: true, esm: true, lines: true, formats: _`formats` } });
  for (const format of FORMATS) ajv.addFormat(format, () => true);
  // The spec's schemas sit under components, where the $refs point: a place, not a keyword.
  ajv.addKeyword({ keyword: 'components' });
  ajv.addSchema({ $id: 'spec', components: spec.components });
  const code = standaloneCode(ajv, Object.fromEntries(names.map((name) => [validatorName(name), `spec#/components/schemas/${name}`])))
    .replace(/^"use strict";/, '')
    .replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length');
  if (/require\(/.test(code)) throw new Error(`Ajv's code requires a module the client does not ship: ${/require\([^)]*\)/.exec(code)[0]}`);

  const tableCode = Object.entries(table)
    .map(([name, operation]) => {
      const responses = Object.entries(operation.responses).map(([status, component]) => `${status}: ${component ? validatorName(component) : 'null'}`).join(', ');
      const parameters = Object.entries(operation.pathParameters).map(([parameter, component]) => `${parameter}: ${validatorName(component)}`).join(', ');
      return `  ${name}: { method: ${JSON.stringify(operation.method)}, path: ${JSON.stringify(operation.path)}, pathParameters: { ${parameters} }, requestBody: ${operation.requestBody ? validatorName(operation.requestBody) : 'null'}, requestBodyRequired: ${operation.requestBodyRequired}, responses: { ${responses} } },`;
    })
    .join('\n');
  const js = `${banner}import { formats, ucs2length } from '../src/validator-runtime.js';

${code.trim()}

/** Each operation, by the name the client gives its method: the validators of its path parameters, body and answers. */
export const operationContracts = {
${tableCode}
};
`;
  const dts = `${banner}/** A finding of Ajv: where (a JSON pointer into the value), which keyword, and its parameters. */
export interface SchemaViolation {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Answers whether the value is valid; on false, \`errors\` lists every finding. */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: SchemaViolation[] | null;
}

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

${names.map((name) => `export declare const ${validatorName(name)}: SchemaValidator;`).join('\n')}

export declare const operationContracts: {
${Object.entries(table)
  .map(([name, operation]) => `  readonly ${name}: OperationContract & { pathParameters: { ${Object.keys(operation.pathParameters).map((parameter) => `readonly ${parameter}: SchemaValidator`).join('; ')} } };`)
  .join('\n')}
};
`;
  return { js, dts };
}
