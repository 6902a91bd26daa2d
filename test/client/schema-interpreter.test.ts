// The schema interpreter against Ajv, a full JSON Schema 2020-12 implementation: over values
// each schema accepts, values that break one of its rules, and anything at all, the two
// agree on every value, and a refusal always comes with its findings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidValues, validValues } from '../../contract-tests/engine/schema-arbitraries.js';
import { spec, type JsonSchema } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';
import * as generated from '../../generated/validators.js';
import type { SchemaValidator } from '../../src/schema-interpreter.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const validators = Object.entries(generated).filter(([name]) => name.startsWith('validate')) as Array<[string, SchemaValidator]>;

/** What each validator is given: values of its own schema, or, for an envelope, of its `data` wrapped in one. */
function samples(component: string): fc.Arbitrary<unknown> {
  const envelope = /^(\w+)Envelope$/.exec(component)?.[1];
  const data = envelope && envelope in (spec.components.schemas ?? {}) ? envelope : undefined;
  const subject = data ?? component;
  // The data schemas of the envelopes refuse clientSecret through a recursive `not`, which the
  // suite's value generators do not terminate on: their data is drawn from anything at all.
  const values = data ? fc.anything({ maxDepth: 3, maxKeys: 4 }) : fc.oneof(validValues(ref(subject)), invalidValues(ref(subject)).map((invalid) => invalid.value), fc.anything({ maxDepth: 3, maxKeys: 4 }));
  return data ? fc.oneof(values.map((value) => ({ success: true, data: value })), fc.anything({ maxDepth: 3, maxKeys: 4 })) : values;
}

describe('the schema interpreter', () => {
  it.each(validators.map(([name, validate]) => ({ component: name.slice('validate'.length), validate })))('agrees with Ajv on $component', ({ component, validate }) => {
    fc.assert(
      fc.property(samples(component), (value) => {
        const ajvAccepts = schemaViolations(ref(component), value).length === 0;
        expect(validate(value)).toBe(ajvAccepts);
        if (!ajvAccepts) expect(validate.errors?.length).toBeGreaterThan(0);
        else expect(validate.errors).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});
