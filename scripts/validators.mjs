// Compiles the spec's request and response schemas into standalone validators (Ajv,
// JSON Schema 2020-12), emitted as one TypeScript module for the client. The client then
// validates with no schema compiler at run time: only src/validator-runtime.ts.
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const ROOT_ID = 'connect-oauth';
const METHODS = ['post', 'get', 'put', 'delete'];
const JSON_MEDIA_TYPE = 'application/json';
// Keywords that only annotate: dropped so the emitted code carries no prose or examples.
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

/** The operations, by their SDK method name, with the schemas each one is checked against. */
function operationTable(spec) {
  const table = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    const pathParameters = (item.parameters ?? []).map((parameter) => deref(spec, parameter)).filter((parameter) => parameter.in === 'path');
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const name = operation['x-ds-methodname'];
      if (!name) throw new Error(`${method.toUpperCase()} ${path}: x-ds-methodname is missing; the client names its methods by it.`);
      const where = `${name} (${method.toUpperCase()} ${path})`;
      const requestBody = operation.requestBody ? deref(spec, operation.requestBody) : undefined;
      const responses = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = deref(spec, response).content?.[JSON_MEDIA_TYPE];
        responses[status] = media ? componentName(media.schema?.$ref, `${where} response ${status}`) : null;
      }
      const successStatuses = Object.keys(responses).filter((status) => status.startsWith('2'));
      if (successStatuses.length !== 1) throw new Error(`${where}: expected exactly one 2xx response, found ${successStatuses.join(', ') || 'none'}.`);
      table[name] = {
        method: method.toUpperCase(),
        path,
        successStatus: Number(successStatuses[0]),
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

export function validatorsModule(spec, banner) {
  const table = operationTable(spec);
  const components = new Set();
  for (const operation of Object.values(table)) {
    for (const name of Object.values(operation.pathParameters)) components.add(name);
    if (operation.requestBody) components.add(operation.requestBody);
    for (const name of Object.values(operation.responses)) if (name) components.add(name);
  }

  // inlineRefs: false compiles each shared schema once, as a function the others call.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, inlineRefs: false, code: { source: true, esm: true, lines: false, optimize: true } });
  addFormats(ajv);
  const schemas = withoutAnnotations({ $defs: spec.components.schemas }).$defs;
  ajv.addSchema(JSON.parse(JSON.stringify({ $id: ROOT_ID, $defs: schemas }).replaceAll('"#/components/schemas/', `"${ROOT_ID}#/$defs/`)));
  const exports = {};
  for (const name of [...components].sort()) {
    ajv.addSchema({ $id: name, $ref: `${ROOT_ID}#/$defs/${name}` });
    exports[validatorName(name)] = name;
  }

  let code = standaloneCode(ajv, exports)
    .replace(/^"use strict";/, '')
    .replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length')
    .replace(/require\("ajv-formats\/dist\/formats"\)\.fullFormats(\.[\w$]+|\["[^"]+"\])/g, 'formats$1')
    .replace(/export const (validate\w+) = (validate\d+);/g, 'export const $1: SchemaValidator = $2;');
  const leftover = /require\("[^"]+"\)/.exec(code);
  if (leftover) throw new Error(`The validators need ${leftover[0]} at run time; give src/validator-runtime.ts an equivalent and map it in scripts/validators.mjs.`);

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
        `    successStatus: ${operation.successStatus},`,
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

  return `// @ts-nocheck -- Ajv's standalone code is JavaScript; the exports below carry the types.
${banner}import { formats, ucs2length } from '../src/validator-runtime.js';

export interface SchemaViolation {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Answers whether the value is valid; on false, \`errors\` lists why. */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: SchemaViolation[] | null;
}

export interface OperationContract {
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  path: string;
  successStatus: number;
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
