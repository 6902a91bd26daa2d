// The raw client as openapi-fetch's options and middleware would let it stray: no call leaves
// the checked baseUrl or the transport, and each failure is a ConnectOAuthError, redacted.
import { describe, expect, it } from 'vitest';
import { ConnectOAuthError, InputError } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { rejection } from '../support/rejection.js';
import { ACCESS_TOKEN, CLIENT_SECRET, expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const BASE = 'https://gateway.example.org/restapi';
const PATH = '/v2.1/accounts/{accountId}/connect/oauth';
const params = { path: { accountId: ACCOUNT } };

function recordingRaw() {
  const sent: string[] = [];
  const raw = createRawConnectOAuthClient({
    baseUrl: BASE,
    accessToken: ACCESS_TOKEN,
    retry: false,
    fetch: async (url) => {
      sent.push(url);
      return new Response(JSON.stringify({ success: true, data: { id: 'abc123' } }), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  return { raw, sent };
}

describe('a raw call', () => {
  it.each([
    ['its own baseUrl, over plain http', { baseUrl: 'http://elsewhere.example.com' }],
    ['its own baseUrl, over https', { baseUrl: 'https://elsewhere.example.com/restapi' }],
    ['a path that climbs out of the baseUrl', { baseUrl: `${BASE}/..` }],
  ])('with %s is refused before anything is sent', async (_what, init) => {
    const { raw, sent } = recordingRaw();
    const error = await rejection<InputError>(raw.GET(PATH, { params, ...init }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/only below the client's baseUrl/);
    expect(sent).toEqual([]);
  });

  it('whose middleware makes a Request for another server is refused before anything is sent', async () => {
    const { raw, sent } = recordingRaw();
    raw.use({ onRequest: ({ request }) => new Request(request.url.replace('gateway.example.org', 'elsewhere.example.com'), request) });
    expect(await rejection(raw.GET(PATH, { params }))).toBeInstanceOf(InputError);
    expect(sent).toEqual([]);
  });

  it.each([
    ['fetch', { fetch: async () => new Response('{}') }],
    ['Request', { Request }],
  ])('with its own %s, which would go around the transport, is refused before anything is sent', async (what, init) => {
    const { raw, sent } = recordingRaw();
    const error = await rejection<InputError>(raw.GET(PATH, { params, ...(init as object) }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`cannot set ${what}`);
    expect(sent).toEqual([]);
  });

  it('still goes where it should through request() and the other methods', async () => {
    const { raw, sent } = recordingRaw();
    await raw.request('get', PATH, { params });
    await raw.DELETE(PATH, { params });
    expect(sent).toEqual([`${BASE}/v2.1/accounts/${ACCOUNT}/connect/oauth`, `${BASE}/v2.1/accounts/${ACCOUNT}/connect/oauth`]);
  });

  it.each([
    ['a BigInt JSON cannot hold', { ...validBody, extra: 1n }],
    ['a toJSON that throws, quoting the secret', { ...validBody, toJSON: () => { throw new Error(`cannot serialize ${CLIENT_SECRET}`); } }],
  ])('with a body holding %s ends in a ConnectOAuthError with the failure as its cause, redacted', async (_what, body) => {
    const { raw, sent } = recordingRaw();
    const error = await rejection<ConnectOAuthError>(raw.PUT(PATH, { params, body: body as never }));
    expect(error).toBeInstanceOf(ConnectOAuthError);
    expect(error.message).toMatch(/^a raw PUT call failed: /);
    expect(error.cause).toBeInstanceOf(Error);
    expectNoSecretIn(error);
    expect(sent).toEqual([]);
  });

  it('aborted by the caller rejects with the caller’s reason, as it is', async () => {
    const { raw } = recordingRaw();
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    controller.abort(reason);
    expect(await rejection(raw.GET(PATH, { params, signal: controller.signal }))).toBe(reason);
  });
});
