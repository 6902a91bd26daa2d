// clientSecret is write-only: no response schema, of any operation and status, accepts a
// body that carries it anywhere: in `data` or `error` at any depth, or beside them.
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

/** The ways an answer could smuggle the secret back, each built from the documented example. */
function withSecret(status: number, example: Record<string, unknown>): Array<[string, unknown]> {
  const top: [string, unknown] = ['at the envelope’s top', { ...copy(example), clientSecret: SECRET }];
  if (status < 300) {
    const data = example.data as Record<string, unknown>;
    return [
      ['in data', { ...copy(example), data: { ...copy(data), clientSecret: SECRET } }],
      ['in data, as null', { ...copy(example), data: { ...copy(data), clientSecret: null } }],
      ['in an object inside data', { ...copy(example), data: { ...copy(data), extra: { clientSecret: SECRET } } }],
      ['in data.customParameters', { ...copy(example), data: { ...copy(data), customParameters: { audience: 'https://listener.example.org', clientSecret: SECRET } } }],
      ['in a list of objects inside data', { ...copy(example), data: { ...copy(data), history: [{ clientId: 'x' }, { clientSecret: SECRET }] } }],
      ['deep in nested lists and objects inside data', { ...copy(example), data: { ...copy(data), a: { b: [[{ c: { clientSecret: SECRET } }]] } } }],
      ['in an object beside data', { ...copy(example), meta: { clientSecret: SECRET } }],
      ['in a list of objects beside data', { ...copy(example), history: [{ clientSecret: SECRET }] }],
      top,
    ];
  }
  const error = example.error as Record<string, unknown>;
  return [
    ['in error', { ...copy(example), error: { ...copy(error), clientSecret: SECRET } }],
    ['in an object inside error', { ...copy(example), error: { ...copy(error), request: { body: { clientId: 'x', clientSecret: SECRET } } } }],
    ['in a list inside error', { ...copy(example), error: { ...copy(error), details: [{ field: 'clientId' }, { field: 'x', clientSecret: SECRET }] } }],
    top,
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

  const cases = responses.flatMap(({ label, status, schema, example }) => withSecret(status, example).map(([where, body]) => ({ label: `${label} ${where}`, schema, body })));
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
