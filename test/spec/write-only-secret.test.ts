// clientSecret is write-only: every success schema refuses a result (`data`) that carries
// one of its own, and no custom parameter may be named after it, in a request or an answer.
// The schemas do not search whole answers for it at any depth: the suite's secret_not_echoed
// does, so that the spec stays free of recursion for the tools that read it.
import { describe, expect, it } from 'vitest';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';

const SECRET = 'write-only-secret-0123456789';

const responses = listOperations().flatMap(({ operation, method }) =>
  Object.entries(operation.responses).map(([status, ref]) => {
    const media = deref<ResponseObject>(ref).content?.[JSON_MEDIA_TYPE];
    const [example] = namedExamples(media?.examples);
    return { label: `${method.toUpperCase()} ${status}`, status: Number(status), schema: media!.schema!, example: example!.value as Record<string, unknown> };
  }),
);

const copy = <T>(value: T): T => structuredClone(value);

/** The ways a result could carry the secret back, each built from the documented example. */
function withSecret(example: Record<string, unknown>): Array<[string, unknown]> {
  const data = example.data as Record<string, unknown>;
  return [
    ['in data', { ...copy(example), data: { ...copy(data), clientSecret: SECRET } }],
    ['in data, as null', { ...copy(example), data: { ...copy(data), clientSecret: null } }],
    ['in data.customParameters, under its own name', { ...copy(example), data: { ...copy(data), customParameters: { audience: 'https://listener.example.org', clientSecret: SECRET } } }],
    ['in data.customParameters, as client_secret', { ...copy(example), data: { ...copy(data), customParameters: { client_secret: SECRET } } }],
  ];
}

describe('every response schema', () => {
  it('was found: every operation documents JSON responses', () => {
    expect(responses.length).toBeGreaterThanOrEqual(4 * 8);
  });

  it.each(responses)('$label accepts its own example, which carries no secret', ({ schema, example }) => {
    expect(schemaViolations(schema, example)).toEqual([]);
    expect(JSON.stringify(example)).not.toContain('clientSecret');
  });

  const cases = responses
    .filter(({ status }) => status < 300)
    .flatMap(({ label, schema, example }) => withSecret(example).map(([where, body]) => ({ label: `${label} ${where}`, schema, body })))
    // Only the result that can hold custom parameters is checked for them.
    .filter(({ label, schema }) => !/customParameters/.test(label) || JSON.stringify(deref(schema)).includes('ConnectOAuthConfigDetails'));
  it.each(cases)('$label refuses clientSecret', ({ schema, body }) => {
    expect(schemaViolations(schema, body)).not.toEqual([]);
  });

  it.each(responses.filter(({ status }) => status >= 400))('$label still accepts what servers may add to an error that is not the secret', ({ schema, example }) => {
    const added = { ...copy(example), requestId: 'r-1', error: { ...copy(example.error as object), details: [{ field: 'clientId', reason: 'too long' }], secretHint: 'rotate it' } };
    expect(schemaViolations(schema, added)).toEqual([]);
  });

  it.each(responses.filter(({ status }) => status < 300))('$label still accepts what servers may add to a result that is not the secret', ({ schema, example }) => {
    const data = example.data as Record<string, unknown>;
    const added = { ...copy(example), meta: { requestId: 'r-1' }, data: { ...copy(data), extra: { secretHint: 'rotate it', history: [{ clientId: 'x' }] } } };
    expect(schemaViolations(schema, added)).toEqual([]);
  });
});
