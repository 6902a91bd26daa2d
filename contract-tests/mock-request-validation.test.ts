// What the mock (Prism behind its envelope-keeping front) does with requests the contract refuses: the 400, 401 and 415 envelopes,
// never a success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_MEDIA_TYPE, listOperations } from './support/openapi-document.js';
import { startMock, type RunningMock } from './support/mock-server.js';
import { exampleRequestBodies, fillPath, send, validRequest } from './support/valid-request.js';

const operations = listOperations();
const withBody = operations.filter((operation) => operation.requestBody?.required);
const post = withBody.find((operation) => operation.method === 'post')!;
const validBody = exampleRequestBodies(post)[0]!.value as Record<string, unknown>;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

function expectErrorEnvelope(answer: { status: number; json: unknown; text: string }, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json).toMatchObject({ success: false, error: { code, message: expect.any(String) } });
}

describe('the mock refuses', () => {
  const badAccountIds = ['abc', '1/../2', '0123', '-5', '12.5', '7c9d5f3a-2b1e-4c8d-9f6a', '1'.repeat(19), '%00', ' 42'];
  const accountCases = operations.flatMap((operation) => badAccountIds.map((accountId) => ({ operation, accountId, label: `${operation.method.toUpperCase()} with account id ${JSON.stringify(accountId)}` })));

  it.each(accountCases)('$label with the 400 envelope', async ({ operation, accountId }) => {
    const request = validRequest(operation, { path: fillPath(operation.path, { accountId }) });
    expectErrorEnvelope(await send(mock.url, request), 400, 'VALIDATION_ERROR');
  });

  const { clientSecret: _omitted, ...withoutSecret } = validBody;
  const badBodies: Array<[string, unknown]> = [
    ['a missing clientSecret', withoutSecret],
    ['an unknown body property', { ...validBody, webhookUrl: 'https://example.org' }],
    ['an http authorization server URL', { ...validBody, authorizationServerUrl: 'http://auth.example.org/token' }],
    ['a non-URL authorization server', { ...validBody, authorizationServerUrl: 'not a url' }],
    ['an empty clientId', { ...validBody, clientId: '' }],
    ['a numeric clientSecret', { ...validBody, clientSecret: 12345 }],
    ['a clientSecret over its length limit', { ...validBody, clientSecret: 's'.repeat(1025) }],
    ['customParameters with a number value', { ...validBody, customParameters: { audience: 1 } }],
    ['an array body', [validBody]],
    ['an empty object', {}],
  ];
  const bodyCases = withBody.flatMap((operation) => badBodies.map(([what, body]) => ({ operation, body, label: `${operation.method.toUpperCase()} with ${what}` })));

  it.each(bodyCases)('$label with the 400 envelope', async ({ operation, body }) => {
    const request = validRequest(operation, { body: JSON.stringify(body) });
    expectErrorEnvelope(await send(mock.url, request), 400, 'VALIDATION_ERROR');
  });

  it.each(withBody)('$method with a body that is not JSON text with the 400 envelope', async (operation) => {
    const request = validRequest(operation, { body: '{"authorizationServerUrl": ' });
    const answer = await send(mock.url, request);
    expectErrorEnvelope(answer, 400, 'VALIDATION_ERROR');
    expect((answer.json as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  });

  it.each(operations)('$method without an access token with the 401 envelope', async (operation) => {
    const request = validRequest(operation);
    delete request.headers.authorization;
    expectErrorEnvelope(await send(mock.url, request), 401, 'UNAUTHORIZED');
  });

  it.each(operations)('$method with a Basic credential instead of a bearer token with the 401 envelope', async (operation) => {
    const request = validRequest(operation);
    request.headers.authorization = 'Basic dXNlcjpwYXNz';
    expectErrorEnvelope(await send(mock.url, request), 401, 'UNAUTHORIZED');
  });

  it.each(withBody)('$method with a text/plain body with the 415 envelope', async (operation) => {
    const request = validRequest(operation);
    request.headers['content-type'] = 'text/plain';
    expectErrorEnvelope(await send(mock.url, request), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts the same requests when they are valid', async () => {
    for (const operation of operations) {
      const answer = await send(mock.url, validRequest(operation));
      expect(answer.status, `${operation.method} ${answer.text}`).toBeLessThan(300);
      expect(answer.headers.get('content-type')).toMatch(new RegExp(`^${JSON_MEDIA_TYPE}`));
    }
  });
});
