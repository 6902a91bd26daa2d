// Every failure is a ConnectOAuthError that a user can act on: an injected fetch's own
// exception wrapped (not retried, redacted), an outage in front of the server told apart from
// a broken contract, an ApiError that names its status and code, no option that quotes a token.
import { afterEach, describe, expect, it } from 'vitest';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';
import { ApiError, ConnectOAuthError, ContractError, createConnectOAuthClient, InputError, NetworkError, UnavailableError, type FetchFunction } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { ACCESS_TOKEN, CLIENT_SECRET, expectNoSecretIn, validBody } from '../support/secrets.js';
import { rejection } from '../support/rejection.js';

const ACCOUNT = '18394725';
const BASE = 'https://gateway.example.org/restapi';
const PATH = `/restapi/v2.1/accounts/${ACCOUNT}/connect/oauth`;

function clientWith(fetch: FetchFunction, retries = 2) {
  return createConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, fetch, retry: { retries, baseDelayMs: 1, maxDelayMs: 1 } });
}

describe('an injected fetch that throws', () => {
  it.each([
    ['a plain Error holding the Authorization header', () => new Error(`proxy refused: Authorization: Bearer ${ACCESS_TOKEN}`)],
    ['a TypeError of its own (a bug: a call of what is not a function)', () => new TypeError('init.headers.get is not a function')],
    ['a string', () => `broken with ${ACCESS_TOKEN}` as unknown as Error],
    ['an object without a prototype', () => Object.create(null) as Error],
    ['an Error with a code that is no network’s', () => Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' })],
  ])('%s yields a ConnectOAuthError with it as cause, redacted, and is not retried, even for a GET', async (_what, make) => {
    let calls = 0;
    const error = await rejection(
      clientWith(async () => {
        calls++;
        throw make();
      }).getConnectOAuthConfig(ACCOUNT),
    );
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(ConnectOAuthError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/^GET https:\/\/gateway\.example\.org\/restapi\/v2\.1\/accounts\/18394725\/connect\/oauth failed: the fetch function threw .*Not a network failure, so it was not retried/);
    expect((error as Error).cause).toBeDefined();
    expectNoSecretIn(error, [ACCESS_TOKEN, CLIENT_SECRET]);
  });

  it('that fails as fetch does when the network fails is a NetworkError, retried', async () => {
    let calls = 0;
    const error = await rejection(
      clientWith(async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }) });
      }).getConnectOAuthConfig(ACCOUNT),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls).toBe(3);
  });
});

describe('an injected fetch’s failure that is the network’s', () => {
  it('is retried when made in another realm (a vm), and a wrapper’s own timeout is a TimeoutError', async () => {
    const { runInNewContext } = await import('node:vm');
    let calls = 0;
    const foreign = await rejection(
      clientWith(async () => {
        calls++;
        throw runInNewContext(`new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })`);
      }).getConnectOAuthConfig(ACCOUNT),
    );
    expect(foreign).toBeInstanceOf(NetworkError);
    expect(calls).toBe(3);
    const timedOut = await rejection(clientWith(async () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')), 0).getConnectOAuthConfig(ACCOUNT));
    expect((timedOut as Error).name).toBe('TimeoutError');
  });
});

describe('a call given what is not ours to take', () => {
  it('wraps a body whose toJSON throws, and refuses a controller passed as signal, as ConnectOAuthErrors without the secret', async () => {
    // Valid as the schema reads it (toJSON is the prototype's), failing as it is serialised.
    class Body {
      constructor() {
        Object.assign(this, validBody);
      }
      toJSON(): never {
        throw new Error(`cannot serialise ${CLIENT_SECRET}`);
      }
    }
    const thrown = await rejection(clientWith(async () => new Response('{}')).createConnectOAuthConfig(ACCOUNT, new Body() as never));
    expect(thrown).toBeInstanceOf(ConnectOAuthError);
    expect(thrown).not.toBeInstanceOf(InputError);
    expect((thrown as Error).message).toMatch(/failed: Error: cannot serialise \[REDACTED\]/);
    expectNoSecretIn(thrown, [CLIENT_SECRET]);
    const signal = await rejection(clientWith(async () => new Response('{}')).getConnectOAuthConfig(ACCOUNT, { signal: new AbortController() as unknown as AbortSignal }));
    expect(signal).toBeInstanceOf(InputError);
    expect((signal as Error).message).toMatch(/options\.signal must be an AbortSignal/);
  });

  it('redacts a cause util.inspect would show in full: the Headers an injected fetch kept', async () => {
    const { inspect } = await import('node:util');
    const error = await rejection(
      clientWith(async (_input, init) => {
        throw Object.assign(new Error('proxy refused'), { headers: new Headers(init?.headers as Record<string, string>) });
      }).getConnectOAuthConfig(ACCOUNT),
    );
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(ACCESS_TOKEN);
  });
});

describe('a token passed as baseUrl by mistake', () => {
  it('is not quoted in the InputError', () => {
    const error = (() => {
      try {
        createConnectOAuthClient({ baseUrl: ACCESS_TOKEN, accessToken: ACCESS_TOKEN });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/baseUrl is not an absolute URL/);
    expectNoSecretIn(error, [ACCESS_TOKEN]);
  });
});

describe('plain http', () => {
  it('to a host that is not loopback is refused, unless allowInsecureHttp says so', () => {
    expect(() => createConnectOAuthClient({ baseUrl: 'http://gateway:8080/restapi', accessToken: ACCESS_TOKEN })).toThrow(/baseUrl must use https \(plain http only on loopback, for mocks, or with allowInsecureHttp\)/);
    expect(() => createConnectOAuthClient({ baseUrl: 'http://gateway:8080/restapi', accessToken: ACCESS_TOKEN, allowInsecureHttp: true })).not.toThrow();
    expect(() => createConnectOAuthClient({ baseUrl: 'ftp://gateway/restapi', accessToken: ACCESS_TOKEN, allowInsecureHttp: true })).toThrow(InputError);
  });
});

describe('an answer from infrastructure in front of the server', () => {
  const page = (status: number, type = 'text/html; charset=utf-8') => async () => new Response(`<html><body><h1>${status} Bad Gateway</h1></body></html>`, { status, headers: { 'content-type': type } });
  it.each([502, 503, 504])('a %i page is an UnavailableError after the retries, not a ContractError', async (status) => {
    let calls = 0;
    const error = await rejection(
      clientWith(async () => {
        calls++;
        return page(status)();
      }).getConnectOAuthConfig(ACCOUNT),
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).not.toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ status, contentType: 'text/html' });
    expect((error as Error).message).toContain(`got ${status} from something in front of the server`);
    expect(calls).toBe(3);
  });

  it('a 503 in the contract’s envelope is still the server’s ApiError', async () => {
    const envelope = async () => new Response(JSON.stringify({ success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Down for maintenance.' } }), { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
    const error = await rejection(clientWith(envelope, 0).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ApiError);
  });

  it('a 500 page is still a broken contract', async () => {
    expect(await rejection(clientWith(page(500), 0).getConnectOAuthConfig(ACCOUNT))).toBeInstanceOf(ContractError);
  });
});

describe('an ApiError', () => {
  it('names the status and the code in its message, and keeps the server’s words apart', async () => {
    const answer = async () => new Response(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'This account has no configuration.' } }), { status: 404, headers: { 'content-type': 'application/json' } });
    const error = (await rejection(clientWith(answer).getConnectOAuthConfig(ACCOUNT))) as ApiError;
    expect(error.message).toBe(`GET ${BASE}/v2.1/accounts/${ACCOUNT}/connect/oauth answered 404 NOT_FOUND: This account has no configuration.`);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', serverMessage: 'This account has no configuration.' });
  });
});

describe('a global dispatcher (undici MockAgent with setGlobalDispatcher)', () => {
  let previous: Dispatcher | undefined;
  afterEach(() => {
    if (previous) setGlobalDispatcher(previous);
    previous = undefined;
  });

  it('answers all four typed calls and the raw client’s', async () => {
    previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.disableNetConnect();
    setGlobalDispatcher(agent);
    const pool = agent.get('https://gateway.example.org');
    const json = { headers: { 'content-type': 'application/json' } };
    const details = { id: 'abc123', authorizationServerUrl: validBody.authorizationServerUrl, clientId: validBody.clientId, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00.000Z' };
    pool.intercept({ path: PATH, method: 'POST' }).reply(201, { success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' } }, json);
    pool.intercept({ path: PATH, method: 'GET' }).reply(200, { success: true, data: details }, json).times(2);
    pool.intercept({ path: PATH, method: 'PUT' }).reply(200, { success: true, data: details }, json);
    pool.intercept({ path: PATH, method: 'DELETE' }).reply(200, { success: true, data: { id: 'abc123', deleted_at: '2025-01-01T00:00:01Z' } }, json);
    const client = createConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, retry: false });
    expect(await client.createConnectOAuthConfig(ACCOUNT, validBody)).toMatchObject({ id: 'abc123' });
    expect(await client.getConnectOAuthConfig(ACCOUNT)).toMatchObject({ clientId: validBody.clientId });
    expect(await client.updateConnectOAuthConfig(ACCOUNT, validBody)).toMatchObject({ id: 'abc123' });
    expect(await client.deleteConnectOAuthConfig(ACCOUNT)).toMatchObject({ id: 'abc123' });
    const raw = createRawConnectOAuthClient({ baseUrl: BASE, accessToken: ACCESS_TOKEN, retry: false });
    const { data } = await raw.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } } });
    expect(data).toMatchObject({ success: true, data: { id: 'abc123' } });
    agent.assertNoPendingInterceptors();
  });
});
