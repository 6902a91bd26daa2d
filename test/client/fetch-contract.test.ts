// What an injected fetch receives, as docs/client.md says: from both clients, the URL as a
// string and an init of method, headers (a Headers object), body (a string, or null), the
// attempt's signal and redirect: 'manual'; nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConnectOAuthClient } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { ACCESS_TOKEN, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const BASE = 'https://gateway.example.org/restapi';
const URL_OF_ACCOUNT = `${BASE}/v2.1/accounts/${ACCOUNT}/connect/oauth`;
const ok = (status: number, data: unknown) => new Response(JSON.stringify({ success: true, data }), { status, headers: { 'content-type': 'application/json' } });
const created = { id: 'abc123', created_at: '2025-01-01T00:00:00Z' };

type Sent = [unknown, RequestInit];

function recording() {
  const calls: Sent[] = [];
  const fetch = async (input: string, init: RequestInit) => {
    calls.push([input, init]);
    return init.method === 'POST' ? ok(201, created) : ok(200, { ...created, deleted_at: '2025-01-01T00:00:01Z' });
  };
  return { calls, options: { baseUrl: BASE, accessToken: ACCESS_TOKEN, fetch } };
}

function expectContract([url, init]: Sent, method: string, body: unknown) {
  expect(url).toBe(URL_OF_ACCOUNT);
  expect(Object.keys(init).sort()).toEqual(['body', 'headers', 'method', 'redirect', 'signal']);
  expect(init.method).toBe(method);
  expect(init.redirect).toBe('manual');
  expect(init.signal).toBeInstanceOf(AbortSignal);
  expect(init.headers).toBeInstanceOf(Headers);
  const headers = init.headers as Headers;
  expect(headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
  if (body === undefined) {
    expect(init.body).toBeNull();
    expect(headers.has('content-type')).toBe(false);
  } else {
    expect(typeof init.body).toBe('string');
    expect(JSON.parse(init.body as string)).toEqual(body);
    expect(headers.get('content-type')).toBe('application/json');
  }
}

describe('an injected fetch', () => {
  it('is described in docs/client.md as these tests hold it', () => {
    const guide = readFileSync(new URL('../../docs/client.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(guide).toContain("It is called with the URL as a string and an init of `method`, `headers` (a `Headers` object: `authorization`, and `content-type` with a body), `body` (a string, or `null`), `signal` (the attempt's) and `redirect: 'manual'`.");
  });

  it('gets from the typed client the URL as a string and an init of method, Headers, a string body or null, the signal and redirect: manual', async () => {
    const { calls, options } = recording();
    const client = createConnectOAuthClient(options);
    await client.createConnectOAuthConfig(ACCOUNT, validBody);
    await client.deleteConnectOAuthConfig(ACCOUNT);
    expectContract(calls[0]!, 'POST', validBody);
    expectContract(calls[1]!, 'DELETE', undefined);
  });

  it('gets the same from the raw client', async () => {
    const { calls, options } = recording();
    const raw = createRawConnectOAuthClient(options);
    await raw.POST('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } }, body: validBody });
    await raw.DELETE('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } } });
    expectContract(calls[0]!, 'POST', validBody);
    expectContract(calls[1]!, 'DELETE', undefined);
  });

  it('gets the body text again, whole, on a retry', async () => {
    const bodies: unknown[] = [];
    let answered = 0;
    const client = createConnectOAuthClient({
      baseUrl: BASE,
      accessToken: ACCESS_TOKEN,
      retry: { baseDelayMs: 0, maxDelayMs: 0 },
      fetch: async (_url, init) => {
        bodies.push(init.body);
        return ++answered === 1 ? new Response(JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'slow down' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '0' } }) : ok(200, { ...created, updated_at: '2025-01-01T00:00:01Z', authorizationServerUrl: validBody.authorizationServerUrl, clientId: validBody.clientId });
      },
    });
    await client.updateConnectOAuthConfig(ACCOUNT, validBody).catch(() => undefined);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(JSON.parse(bodies[0] as string)).toEqual(validBody);
  });
});
