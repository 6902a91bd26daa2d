// The random phase's generators over every schema of the spec, the envelopes whose results
// refuse a clientSecret included: what they call valid Ajv accepts and
// what they call invalid Ajv refuses, they reach into nested values, each is built once, and
// the same seed draws the same values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidValues, validValues } from '../../contract-tests/engine/schema-arbitraries.js';
import { spec, type JsonSchema } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const COMPONENTS = Object.keys(spec.components.schemas ?? {});
const ENVELOPES = COMPONENTS.filter((name) => name.endsWith('Envelope'));
const DRAWS = 150;

/** How deep each `clientSecret` property of the value sits: 1 for one of its own. */
function secretDepths(value: unknown, depth = 1): number[] {
  if (Array.isArray(value)) return value.flatMap((item) => secretDepths(item, depth + 1));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, inner]) => [...(name === 'clientSecret' ? [depth] : []), ...secretDepths(inner, depth + 1)]);
}

describe('the generators of the random phase', () => {
  it('list the envelopes among the spec’s schemas', () => {
    expect(ENVELOPES.length).toBeGreaterThanOrEqual(4);
  });

  it.each(COMPONENTS)('draw values %s accepts and values it refuses, as Ajv judges them', (name) => {
    const schema = ref(name);
    const valid = fc.sample(validValues(schema), { numRuns: DRAWS, seed: 1 });
    const invalid = fc.sample(invalidValues(schema), { numRuns: DRAWS, seed: 1 });
    expect(valid.filter((value) => schemaViolations(schema, value).length > 0)).toEqual([]);
    expect(invalid.filter(({ value }) => schemaViolations(schema, value).length === 0)).toEqual([]);
    expect(invalid.every(({ why }) => why.length > 0)).toBe(true);
    // Varied, unless the schema allows only a few values (an enum, the empty object).
    const own = spec.components.schemas![name] as { enum?: unknown[]; maxProperties?: number };
    const choices = own.maxProperties === 0 ? 1 : (own.enum?.length ?? Infinity);
    expect(new Set(valid.map((value) => JSON.stringify(value))).size).toBeGreaterThanOrEqual(Math.min(choices, DRAWS / 3));
  });

  const RESULTS = ENVELOPES.filter((name) => name.startsWith('ConnectOAuthConfig'));
  it.each(RESULTS)('put a clientSecret into the result among the invalid values of %s, and none in its valid ones', (name) => {
    const invalid = fc.sample(invalidValues(ref(name)), { numRuns: 400, seed: 3 });
    const refusedForSecret = invalid.filter(({ why }) => /^data: matches a schema, which not refuses/.test(why)).map(({ value }) => secretDepths(value));
    expect(refusedForSecret.length).toBeGreaterThan(0);
    // The envelope's own properties are at depth 1, the result's at depth 2.
    expect(refusedForSecret.every((depths) => depths.includes(2))).toBe(true);
    expect(fc.sample(validValues(ref(name)), { numRuns: DRAWS, seed: 3 }).flatMap((value) => secretDepths(value))).not.toContain(2);
  });

  it('build each schema’s arbitraries once, whichever $ref names it', () => {
    expect(validValues(ref('ConnectOAuthConfig'))).toBe(validValues(ref('ConnectOAuthConfig')));
    expect(invalidValues(ref('ConnectOAuthConfig'))).toBe(invalidValues(spec.components.schemas!.ConnectOAuthConfig as JsonSchema));
  });

  it('draw the same values from the same seed, whatever was built in between', () => {
    const draw = () => [fc.sample(validValues(ref('ConnectOAuthConfigDetailsEnvelope')), { numRuns: 20, seed: 42 }), fc.sample(invalidValues(ref('ConnectOAuthConfig')), { numRuns: 20, seed: 42 })];
    const first = draw();
    for (const name of COMPONENTS) invalidValues(ref(name));
    expect(draw()).toEqual(first);
  });

  it('refuse, with what to do, a keyword they cannot follow and a schema they can draw nothing for', () => {
    expect(() => validValues({ type: 'integer', multipleOf: 3 })).toThrow(/know no keyword multipleOf.*teach/);
    expect(() => validValues({ not: {} })).toThrow(/found no value that the schema \{"not":\{\}\} accepts/);
    expect(() => invalidValues({ description: 'anything' })).toThrow(/found no value that the schema \{"description":"anything"\} refuses/);
  });
});
