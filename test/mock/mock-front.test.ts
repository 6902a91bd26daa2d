// Both mocks, stateless (Prism) and stateful, behind the same front: the auth scheme is read
// case-insensitively, and the stateful one keeps each account's configuration apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock } from '../../contract-tests/reference-server/stateful-mock.js';
import { startMock, type RunningMock } from '../../contract-tests/support/mock-server.js';

const PATH = (account: string) => `/v2.1/accounts/${account}/connect/oauth`;
const BODY = { authorizationServerUrl: 'https://auth.example.org/oauth/token', clientId: 'docusign-connect', clientSecret: 's3cr3t-Kx9vQ2mN7pL4wR8t' };

const mocks: Record<string, RunningMock> = {};
beforeAll(async () => {
  [mocks.stateless, mocks.stateful] = await Promise.all([startMock(), startStatefulMock()]);
});
afterAll(() => Promise.all(Object.values(mocks).map((mock) => mock.close())));

function send(mock: RunningMock, method: string, account: string, { authorization = 'Bearer mock-token', body, prefer }: { authorization?: string; body?: unknown; prefer?: string } = {}) {
  const headers: Record<string, string> = { authorization };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (prefer) headers.prefer = prefer;
  return fetch(`${mock.url}${PATH(account)}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
}

describe.each(['stateless', 'stateful'])('the %s mock', (kind) => {
  it.each(['bearer ', 'BEARER ', 'Bearer ', 'bEaReR ', 'Bearer\t', 'Bearer   '])('serves a token sent as %j followed by the token', async (scheme) => {
    const response = await send(mocks[kind]!, 'POST', '18394725', { authorization: `${scheme}mock-token`, body: BODY });
    expect(response.status).toBe(201);
    await send(mocks[kind]!, 'DELETE', '18394725');
  });

  it.each(['', 'Basic bW9jazptb2Nr', 'Bearer', 'mock-token'])('refuses Authorization: %j with 401 in the envelope', async (authorization) => {
    const response = await send(mocks[kind]!, 'GET', '18394725', { authorization });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
  });
});

describe.each(['stateless', 'stateful'])('the %s mock, sent a body the schema refuses', (kind) => {
  it.each([
    ['an http:// URL', { ...BODY, authorizationServerUrl: 'http://auth.example.org/token' }, /authorizationServerUrl/],
    ['a custom parameter named after the secret', { ...BODY, customParameters: { clientSecret: 'not-the-secret' } }, /customParameters/],
    ['an unknown property', { ...BODY, colour: 'blue' }, /colour/],
    ['no clientSecret', { authorizationServerUrl: BODY.authorizationServerUrl, clientId: BODY.clientId }, /clientSecret/],
  ])('answers 400 naming the field, %s, and never the value', async (_what, body, field) => {
    const response = await send(mocks[kind]!, 'POST', '444', { body });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toMatch(field);
    expect(error.message).not.toContain(BODY.clientSecret);
  });
});

describe('the stateless mock', () => {
  it('answers a read with the spec’s example, not with what was created', async () => {
    const mock = mocks.stateless!;
    expect((await send(mock, 'POST', '333', { body: { ...BODY, clientId: 'sent-client' } })).status).toBe(201);
    const read = (await (await send(mock, 'GET', '333')).json()) as { data: { clientId: string } };
    expect(read.data.clientId).not.toBe('sent-client');
  });
});

describe('the stateful mock', () => {
  it('creates, reads back what was sent, updates, deletes, then answers 404, one account at a time', async () => {
    const mock = mocks.stateful!;
    expect((await send(mock, 'GET', '111')).status).toBe(404);
    expect((await send(mock, 'POST', '111', { body: BODY })).status).toBe(201);
    expect((await send(mock, 'POST', '111', { body: BODY })).status).toBe(409);
    expect((await send(mock, 'GET', '222')).status).toBe(404);
    const read = (await (await send(mock, 'GET', '111')).json()) as { data: Record<string, unknown> };
    expect(read.data).toMatchObject({ authorizationServerUrl: BODY.authorizationServerUrl, clientId: BODY.clientId });
    expect(read.data).not.toHaveProperty('clientSecret');
    const updated = await send(mock, 'PUT', '111', { body: { ...BODY, clientId: 'another-client', scope: 'connect.listener' } });
    expect(((await updated.json()) as { data: unknown }).data).toMatchObject({ clientId: 'another-client', scope: 'connect.listener', id: read.data.id });
    expect((await send(mock, 'DELETE', '111')).status).toBe(200);
    for (const method of ['GET', 'PUT', 'DELETE']) expect((await send(mock, method, '111', method === 'PUT' ? { body: BODY } : {})).status, method).toBe(404);
  });

  it('refuses a Prefer for a status or an example, which only the stateless mock serves', async () => {
    const response = await send(mocks.stateful!, 'GET', '111', { prefer: 'code=404' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/stateful mock .*without --stateful/);
  });
});
