// What an injected fetch receives, exactly as README.md's `fetch` option says: the typed
// client passes a string URL and a plain init; the raw client a Request and a small init.
import { describe, expect, it } from 'vitest';
import { createConnectOAuthClient } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { ACCESS_TOKEN, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const BASE = 'https://gateway.example.org/restapi';
const ok = (status: number, data: unknown) => new Response(JSON.stringify({ success: true, data }), { status, headers: { 'content-type': 'application/json' } });
const created = { id: 'abc123', created_at: '2025-01-01T00:00:00Z' };

describe('an injected fetch', () => {
  it('gets from the typed client a string URL and an init of method, plain-object headers, a JSON string body, the signal and redirect: manual', async () => {
    const calls: Array<[unknown, RequestInit | undefined]> = [];
    const client = createConnectOAuthClient({
      baseUrl: BASE,
      accessToken: ACCESS_TOKEN,
      fetch: async (input, init) => {
        calls.push([input, init]);
        return init?.method === 'POST' ? ok(201, created) : ok(200, { ...created, deleted_at: '2025-01-01T00:00:01Z' });
      },
    });
    await client.createConnectOAuthConfig(ACCOUNT, validBody);
    await client.deleteConnectOAuthConfig(ACCOUNT);
    const [[url, post], [, del]] = calls as [[unknown, RequestInit], [unknown, RequestInit]];
    expect(url).toBe(`${BASE}/v2.1/accounts/${ACCOUNT}/connect/oauth`);
    expect(Object.keys(post).sort()).toEqual(['body', 'headers', 'method', 'redirect', 'signal']);
    expect(Object.getPrototypeOf(post.headers)).toBe(Object.prototype);
    expect(post).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json' }, redirect: 'manual' });
    expect(JSON.parse(post.body as string)).toEqual(validBody);
    expect(post.signal).toBeInstanceOf(AbortSignal);
    expect(del).toMatchObject({ method: 'DELETE', headers: { authorization: `Bearer ${ACCESS_TOKEN}` }, body: null, redirect: 'manual' });
    expect(Object.keys(del.headers as object)).toEqual(['authorization']);
  });

  it('gets from the raw client a Request and an init of the signal and redirect: manual', async () => {
    const calls: Array<[unknown, RequestInit | undefined]> = [];
    const raw = createRawConnectOAuthClient({
      baseUrl: BASE,
      accessToken: ACCESS_TOKEN,
      fetch: async (input, init) => {
        calls.push([input, init]);
        return ok(200, created);
      },
    });
    await raw.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } } });
    const [[request, init]] = calls as [[Request, RequestInit]];
    expect(request).toBeInstanceOf(Request);
    expect(request.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(Object.keys(init).sort()).toEqual(['redirect', 'signal']);
    expect(init.redirect).toBe('manual');
  });
});
