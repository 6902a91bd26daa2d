// A schema of the bundled spec as the suite's case builders and generators read it: its $ref
// followed, the keywords they look at typed, and Ajv's verdict on a value, which every case
// and generated value passes before it is offered.
import { deref, type JsonSchema } from '../support/openapi-document.js';
import { schemaViolations } from '../support/schema-validator.js';

export type Schema = JsonSchema & {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  maxProperties?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  allOf?: JsonSchema[];
  examples?: unknown[];
  example?: unknown;
};

/** The schema itself, its $refs followed. */
export const resolve = (schema: JsonSchema): Schema => deref<Schema>(schema as Schema);

/** Whether the schema accepts the value, by Ajv. */
export const isValid = (schema: JsonSchema, value: unknown): boolean => schemaViolations(schema, value).length === 0;
