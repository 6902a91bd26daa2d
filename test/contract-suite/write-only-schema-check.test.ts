// The suite's response_schema_conformance rule flags an answer that carries clientSecret,
// for every operation, on success and on error.
import { describe, expect, it } from 'vitest';
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
  it.each(cases)('$label: passes the documented example and flags it with clientSecret in $part', ({ operation, status, example, part }) => {
    expect(responseSchemaConformance(input(operation, status, example))).toEqual([]);
    const leaking = { ...example, [part]: { ...example[part], clientSecret: 'leaked-secret-value' } };
    expect(responseSchemaConformance(input(operation, status, leaking))).not.toEqual([]);
  });
});
