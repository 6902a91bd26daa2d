// The schema interpreter against Ajv, a full JSON Schema 2020-12 implementation: over values
// each schema accepts, values that break one of its rules (a clientSecret in a result among
// them), and anything at all, the two agree on every value, and a refusal
// always comes with its findings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidValues, validValues } from '../../contract-tests/engine/schema-arbitraries.js';
import { spec, type JsonSchema } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';
import * as generated from '../../generated/validators.js';
import type { SchemaValidator } from '../../src/schema-interpreter.js';

// A validator named `<Response>Body` checks the schema written inline in that named response.
const ref = (name: string): JsonSchema =>
  spec.components.schemas?.[name] === undefined && name.endsWith('Body')
    ? (spec.components.responses![name.slice(0, -'Body'.length)] as { content: Record<string, { schema: JsonSchema }> }).content['application/json']!.schema
    : { $ref: `#/components/schemas/${name}` };
const validators = Object.entries(generated).filter(([name]) => name.startsWith('validate')) as Array<[string, SchemaValidator]>;

/**
 * What each validator is given: values its schema accepts, values it refuses (most often: one
 * rule broken in each, so every rule needs its draws), and anything at all.
 */
const samples = (component: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 1, arbitrary: validValues(ref(component)) },
    { weight: 3, arbitrary: invalidValues(ref(component)).map((invalid) => invalid.value) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4 }) },
  );

describe('the schema interpreter', () => {
  it.each(validators.map(([name, validate]) => ({ component: name.slice('validate'.length), validate })))('agrees with Ajv on $component', ({ component, validate }) => {
    const schema = ref(component);
    fc.assert(
      fc.property(samples(component), (value) => {
        const ajvAccepts = schemaViolations(schema, value).length === 0;
        expect(validate(value)).toBe(ajvAccepts);
        if (!ajvAccepts) expect(validate.errors?.length).toBeGreaterThan(0);
        else expect(validate.errors).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
