// JSON Schema 2020-12 validation of values against schemas of the bundled spec, with Ajv
// rather than Prism, so that a check does not depend on Prism's own (draft-07) rules.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { formats } from '../../src/validator-runtime.js';
import { spec, type JsonSchema } from './openapi-document.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const SPEC_ID = 'https://connect-oauth.invalid/openapi.json';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, validateFormats: true });
addFormats(ajv);
// The spec's two formats as the client checks them (one definition for both), the rest as ajv-formats does.
for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, check);
// The spec's schemas are registered as the $defs of one schema, so that every
// `#/components/schemas/...` ref, rebased onto it, resolves.
ajv.addSchema(rebase({ $id: SPEC_ID, $defs: spec.components.schemas }));

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function compile(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(rebase(schema));
    compiled.set(schema, validate);
  }
  return validate;
}

/** Points the spec's local schema refs at the registered $defs. */
function rebase(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/components/schemas/', `"$ref":"${SPEC_ID}#/$defs/`));
}

export interface SchemaViolation { path: string; message: string; keyword: string }

export function schemaViolations(schema: JsonSchema, value: unknown): SchemaViolation[] {
  const validate = compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => ({
    path: error.instancePath || '/',
    message: error.message ?? error.keyword,
    keyword: error.keyword,
  }));
}
