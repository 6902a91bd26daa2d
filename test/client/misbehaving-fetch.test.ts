// An injected fetch that breaks the Fetch rules: one that ignores its signal, returns what is
// no Response, answers a status no server sends, or a body that fails. Each call still ends,
// in a ConnectOAuthError that says what happened.
import { describe, expect, it } from 'vitest';
import { ConnectOAuthError, ContractError, createConnectOAuthClient, TimeoutError, type FetchFunction } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { rejection } from '../support/rejection.js';
import { ACCESS_TOKEN, expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const BASE = 'https://gateway.example.org/restapi';
const PATH = '/v2.1/accounts/{accountId}/connect/oauth';
const JSON_HEADERS = { 'content-type': 'application/json' };
const details = { id: 'abc123', authorizationServerUrl: validBody.authorizationServerUrl, clientId: validBody.clientId, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' };
const okBody = JSON.stringify({ success: true, data: details });

const clientWith = (fetch: FetchFunction, options: { timeoutMs?: number } = {}) => createConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, retry: false, fetch, ...options });
const never = () => new Promise<never>(() => {});
/** A body that sends its first bytes, then nothing, whatever signal there is. */
const stalledBody = () => new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"success":')), pull: never });

describe('a fetch that ignores its signal', () => {
  it('is left behind when the caller aborts, while it has not answered', async () => {
    const controller = new AbortController();
    const call = clientWith(never).getConnectOAuthConfig(ACCOUNT, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by the caller')), 20);
    expect(((await rejection(call)) as Error).message).toBe('stopped by the caller');
  });

  it('is left behind with a TimeoutError when the attempt times out, while it has not answered', async () => {
    const error = await rejection(clientWith(never, { timeoutMs: 50 }).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('has its body cut off when the caller aborts, while the body is still coming', async () => {
    const controller = new AbortController();
    const call = clientWith(async () => new Response(stalledBody(), { status: 200, headers: JSON_HEADERS })).getConnectOAuthConfig(ACCOUNT, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by the caller')), 20);
    expect(((await rejection(call)) as Error).message).toBe('stopped by the caller');
  });

  it('has its body cut off with a TimeoutError when the attempt times out, for the typed and the raw client', async () => {
    const fetch: FetchFunction = async () => new Response(stalledBody(), { status: 200, headers: JSON_HEADERS });
    expect(await rejection(clientWith(fetch, { timeoutMs: 50 }).getConnectOAuthConfig(ACCOUNT))).toBeInstanceOf(TimeoutError);
    const raw = createRawConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, retry: false, fetch, timeoutMs: 50 });
    expect(await rejection(raw.GET(PATH, { params: { path: { accountId: ACCOUNT } } }))).toBeInstanceOf(TimeoutError);
  });
});

describe('a fetch that answers what no server would', () => {
  it.each([
    ['undefined', () => undefined],
    ['a plain object', () => ({ ok: true })],
  ])('returning %s ends in a ConnectOAuthError that says it is not a Response, not retried', async (_what, make) => {
    let calls = 0;
    const fetch = (async () => (calls++, make())) as unknown as FetchFunction;
    const client = createConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, fetch, retry: { retries: 2, baseDelayMs: 0, maxDelayMs: 0 } });
    const error = await rejection<ConnectOAuthError>(client.getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ConnectOAuthError);
    expect(error.message).toMatch(/the fetch function returned .*, not a Response/);
    expect(calls).toBe(1);
  });

  it('answering Response.error() (status 0) ends in a ContractError', async () => {
    const error = await rejection<ContractError>(clientWith(async () => Response.error()).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.violations).toEqual(['status 0 is no final HTTP status (200 to 599)']);
  });

  it('answering 204 with an empty body stream is read as a 204 without a body, not a failure to rebuild it', async () => {
    const fetch: FetchFunction = async () => Object.defineProperty(new Response(null, { status: 204 }), 'body', { value: new ReadableStream({ start: (controller) => controller.close() }) });
    const error = await rejection<ContractError>(clientWith(fetch).deleteConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toMatch(/status 204 is not documented/);
  });

  it('with a body that fails says that reading the body failed, redacted, not that the fetch function threw', async () => {
    const body = new ReadableStream({ pull: (controller) => controller.error(new Error(`broken pipe after Bearer ${ACCESS_TOKEN}`)) });
    const error = await rejection<ConnectOAuthError>(clientWith(async () => new Response(body, { status: 200, headers: JSON_HEADERS })).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ConnectOAuthError);
    expect(error.message).toMatch(/failed: reading the body threw Error: broken pipe after Bearer \[REDACTED\]/);
    expectNoSecretIn(error);
  });
});

describe('what a fetch is given and answers, as the caller sees it', () => {
  it('gets headers of its own on each attempt, each with the token of that attempt', async () => {
    const seen: Headers[] = [];
    const tokens = ['first-token-of-the-call', 'second-token-of-the-call'];
    const client = createConnectOAuthClient({
      baseUrl: BASE,
      accessToken: () => tokens.shift()!,
      retry: { retries: 1, baseDelayMs: 0, maxDelayMs: 0 },
      fetch: async (_url, init) => {
        seen.push(init.headers as Headers);
        (init.headers as Headers).set('x-added-by-the-fetch', 'yes');
        return seen.length === 1 ? new Response('{}', { status: 503, headers: { 'retry-after': '0' } }) : new Response(okBody, { status: 200, headers: JSON_HEADERS });
      },
    });
    await client.getConnectOAuthConfig(ACCOUNT);
    expect(seen.map((headers) => headers.get('authorization'))).toEqual(['Bearer first-token-of-the-call', 'Bearer second-token-of-the-call']);
    expect(seen[1]!.has('x-added-by-the-fetch')).toBe(true);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('keeps the URL asked in a raw answer, though an injected fetch’s Response has none', async () => {
    const raw = createRawConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, fetch: async () => new Response(okBody, { status: 200, headers: JSON_HEADERS }) });
    const { response } = await raw.GET(PATH, { params: { path: { accountId: ACCOUNT } } });
    expect(response.url).toBe(`${BASE}/v2.1/accounts/${ACCOUNT}/connect/oauth`);
  });
});
