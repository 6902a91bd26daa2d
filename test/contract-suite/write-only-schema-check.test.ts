// The suite flags an answer that carries clientSecret, for every operation: in a result, by
// response_schema_conformance (the spec's data schemas refuse it); anywhere at all, on
// success and on error, by secret_not_echoed's search of the whole answer.
import { describe, expect, it } from 'vitest';
import { carriesClientSecret } from '../../contract-tests/engine/mask-secrets.js';
import { responseSchemaConformance } from '../../contract-tests/engine/response-rules.js';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject } from '../../contract-tests/support/openapi-document.js';

const cases = listOperations().flatMap((operation) =>
  Object.entries(operation.operation.responses).map(([status, ref]) => {
    const example = namedExamples(deref<ResponseObject>(ref).content?.[JSON_MEDIA_TYPE]?.examples)[0]!.value as Record<string, Record<string, unknown>>;
    const part = Number(status) < 300 ? 'data' : 'error';
    return { label: `${operation.method.toUpperCase()} ${status}`, operation, status: Number(status), example, part };
  }),
);

const recorded = (status: number, json: unknown) => ({ status, headers: { 'content-type': JSON_MEDIA_TYPE }, text: JSON.stringify(json), json });
const input = (operation: (typeof cases)[number]['operation'], status: number, json: unknown) => ({ operation, response: recorded(status, json), validRequest: true, forced: false, viaProxy: false });

describe('response_schema_conformance', () => {
  it.each(cases.filter(({ status }) => status < 300))('$label: passes the documented example and flags it with clientSecret in $part', ({ operation, status, example, part }) => {
    expect(responseSchemaConformance(input(operation, status, example))).toEqual([]);
    const leaking = { ...example, [part]: { ...example[part], clientSecret: 'leaked-secret-value' } };
    expect(responseSchemaConformance(input(operation, status, leaking))).not.toEqual([]);
  });
});

describe('secret_not_echoed’s search of whole answers', () => {
  it('reads an answer nested 100,000 deep without a stack overflow', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}{"clientSecret":"x"}${']'.repeat(100_000)}`) as unknown;
    expect(carriesClientSecret(deep)).toBe(true);
    expect(carriesClientSecret(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe(false);
  });

  it.each(cases)('$label: passes the documented example and finds clientSecret at any depth of $part or beside it', ({ example, part }) => {
    expect(carriesClientSecret(example)).toBe(false);
    for (const leaking of [
      { ...example, [part]: { ...example[part], clientSecret: 'leaked-secret-value' } },
      { ...example, [part]: { ...example[part], details: [{ field: 'x' }, { request: { clientSecret: 'leaked-secret-value' } }] } },
      { ...example, meta: [[{ clientSecret: null }]] },
      { ...example, [part]: { ...example[part], details: { client_secret: 'leaked-secret-value' } } },
    ]) {
      expect(carriesClientSecret(leaking), JSON.stringify(leaking)).toBe(true);
    }
  });
});
