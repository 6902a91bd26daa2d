// Every documented status of every operation, with each of its named examples, as Prism
// serves it from the spec: the status asked for, JSON, the envelope, valid headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type HeaderObject, type ResponseObject } from './support/openapi-document.js';
import { startMock, type RunningMock } from './support/mock-server.js';
import { schemaViolations } from './support/schema-validator.js';
import { send, validRequest } from './support/valid-request.js';

const cases = listOperations().flatMap((operation) =>
  Object.entries(operation.operation.responses).flatMap(([status, ref]) => {
    const response = deref<ResponseObject>(ref);
    return namedExamples(response.content?.[JSON_MEDIA_TYPE]?.examples).map(({ name, value }) => ({
      label: `${operation.method.toUpperCase()} ${operation.operation.operationId} ${status} ${name}`,
      operation,
      status: Number(status),
      response,
      exampleName: name,
      exampleValue: value,
    }));
  }),
);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

describe('the mock', () => {
  it.each(cases)('serves $label with the envelope', async ({ operation, status, response, exampleName, exampleValue }) => {
    const request = validRequest(operation);
    request.headers.prefer = `code=${status}, example=${exampleName}`;
    const answer = await send(mock.url, request);

    expect(answer.status, answer.text).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json\b/);
    const media = response.content![JSON_MEDIA_TYPE]!;
    expect(schemaViolations(media.schema!, answer.json)).toEqual([]);
    expect(answer.json).toEqual(exampleValue);
    const envelope = answer.json as { success: boolean; data?: unknown; error?: { code: string } };
    expect(envelope.success).toBe(status < 300);
    if (status >= 400) expect(envelope.error?.code).toMatch(/^[A-Z][A-Z0-9_]*$/);

    for (const [name, ref] of Object.entries(response.headers ?? {})) {
      const header = deref<HeaderObject>(ref);
      const raw = answer.headers.get(name);
      if (header.required) expect(raw, `required header ${name}`).not.toBeNull();
      if (raw !== null) {
        const value = header.schema.type === 'integer' ? Number(raw) : raw;
        expect(schemaViolations(header.schema, value), `header ${name}: ${raw}`).toEqual([]);
      }
    }
  });

  it('documents at least one example for every status of every operation', () => {
    const statuses = new Set(cases.map(({ operation, status }) => `${operation.operation.operationId} ${status}`));
    const documented = listOperations().flatMap(({ operation }) => Object.keys(operation.responses).map((status) => `${operation.operationId} ${status}`));
    expect([...statuses].sort()).toEqual(documented.sort());
  });
});
