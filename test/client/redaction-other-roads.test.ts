// Server data reaches an error by roads other than an envelope's text: the bytes of an answer
// the HTTP parser refused, a content type's parameters, a Location without "//", a raw call's
// body read after the call returned. Each is redacted or not quoted. And an answer built to
// be costly to check (nested deep, thousands of properties, a megabyte of escapes) is refused
// or reported in bounded time, as a ConnectOAuthError.
import { createServer, type Server } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ConnectOAuthError, ContractError, createConnectOAuthClient, type FetchFunction } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { REDACTED } from '../../src/redact.js';
import { ENCODINGS } from '../support/secret-encodings.js';
import { expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const TOKEN = 'Zx8QmN7pL4wR8tKx9vQ2';
const shown = (error: unknown) => `${String(error)}\n${inspect(error, { depth: 20, showHidden: true })}`;
const rejected = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as Error);
/** How util.inspect shows bytes: "5a 78 38 51". */
const hexOf = (text: string) => [...Buffer.from(text)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server that answers each request with the bytes `answer` makes of it, then closes. */
async function rawServer(answer: (request: string) => string | Buffer): Promise<string> {
  server = createServer((socket) => socket.once('data', (request) => socket.end(answer(String(request)))));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/restapi`;
}
const bearerIn = (request: string) => /authorization: Bearer (\S+)/i.exec(request)![1]!;

describe('a secret on another road into an error', () => {
  it('is redacted from the bytes of an answer the HTTP parser refused, as text and as bytes', async () => {
    const baseUrl = await rawServer((request) => `HTTP/1.1 401 ${bearerIn(request)}\r\nX-Bad: a\x01b\r\nContent-Length: 0\r\n\r\n`);
    const client = createConnectOAuthClient({ baseUrl, accessToken: TOKEN, retry: false });
    const error = await rejected(client.getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ConnectOAuthError);
    expectNoSecretIn(error, [TOKEN]);
    expect(shown(error)).not.toContain(hexOf(TOKEN).slice(0, 23));
  });

  it('is not quoted from a content type’s parameters, which may carry anything (a non-ASCII secret read back as Latin-1)', async () => {
    const secret = 'pässwörd-ünïcode-9Zx';
    const baseUrl = await rawServer(() => Buffer.from(`HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; note=${secret}\r\ncontent-length: 7\r\n\r\nrefused`));
    const client = createConnectOAuthClient({ baseUrl, accessToken: TOKEN, retry: false });
    const error = await rejected(client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toContain('content-type is "text/plain", not application/json');
    expectNoSecretIn(error, [secret, Buffer.from(secret).toString('latin1')]);
  });

  it('is not named from the host of a Location written without "//", which the URL parser would lowercase', async () => {
    // A scheme other than the base URL's: with the same one, the parser reads a path.
    const baseUrl = await rawServer((request) => `HTTP/1.1 302 Found\r\nLocation: https:${bearerIn(request)}.example/\r\nContent-Length: 0\r\n\r\n`);
    const client = createConnectOAuthClient({ baseUrl, accessToken: TOKEN, retry: false });
    const error = await rejected(client.getConnectOAuthConfig(ACCOUNT));
    expect(error.message).toContain('to a Location that does not write its host after "//"');
    expectNoSecretIn(error, [TOKEN, TOKEN.toLowerCase()]);
  });

  it('is redacted from a raw call’s error for a body that grows past the limit as it streams in', async () => {
    const fetch: FetchFunction = async () => new Response(new ReadableStream({ pull: (controller) => controller.enqueue(new TextEncoder().encode('x'.repeat(1_000))) }), { status: 200, headers: { 'content-type': 'application/json' } });
    const client = createRawConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: TOKEN, retry: false, fetch, maxResponseBytes: 100 });
    // A caller that puts the token in the path: the error names the URL.
    const error = await rejected(client.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: TOKEN } }, parseAs: 'text' }));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toContain(`/accounts/${REDACTED}/connect/oauth`);
    expectNoSecretIn(error, [TOKEN]);
  });

  it('is redacted from an error of a raw call’s body, read after the call returned', async () => {
    const baseUrl = await rawServer((request) => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\nZ${bearerIn(request)}\r\n`);
    const client = createRawConnectOAuthClient({ baseUrl, accessToken: TOKEN, retry: false });
    const error = await rejected(client.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } } }));
    expect(error).toBeInstanceOf(ConnectOAuthError);
    expectNoSecretIn(error, [TOKEN]);
  });

  it.each([
    { length: 'without a Content-Length', headers: {} },
    { length: 'with a Content-Length', headers: { 'content-length': String(TOKEN.length) } },
  ])('is not quoted from a raw call’s 2xx body that is not JSON ($length)', async ({ headers }) => {
    const fetch: FetchFunction = async (_url, init) => new Response((init.headers as Headers).get('authorization')!.slice('Bearer '.length), { status: 200, headers: { 'content-type': 'application/json', ...headers } });
    const client = createRawConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: TOKEN, retry: false, fetch });
    const init = { params: { path: { accountId: ACCOUNT } } };
    for (const call of [() => client.GET('/v2.1/accounts/{accountId}/connect/oauth', init), () => client.request('get', '/v2.1/accounts/{accountId}/connect/oauth', init)]) {
      const error = await rejected(call());
      expect(error).toBeInstanceOf(ConnectOAuthError);
      expect(error.message).toMatch(/^a raw GET call failed: the 2xx body is not valid JSON \(not quoted/);
      expectNoSecretIn(error, [TOKEN, TOKEN.slice(0, 8)]);
    }
  });

  it('is redacted from a snippet of a page that escaped a long secret as Python’s JSON does', async () => {
    const secret = Array.from({ length: 1_000 }, (_, index) => '<>&"Kq7ZmW2xYé'[(index * 7) % 14]).join('');
    const page = `<p>${ENCODINGS.pythonJson(secret)}</p>`;
    const fetch: FetchFunction = async () => new Response(page, { status: 500, headers: { 'content-type': 'text/html' } });
    const client = createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: TOKEN, retry: false, fetch });
    const error = await rejected(client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }));
    expect(error.message).toContain(`it starts "<p>${REDACTED}</p>"`);
  });
});

describe('an answer built to be costly to check', () => {
  const answering = (status: number, body: string, validateResponses = true) => {
    const fetch: FetchFunction = async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
    return createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: TOKEN, retry: false, fetch, validateResponses });
  };
  const timed = async (promise: Promise<unknown>) => {
    const started = performance.now();
    const error = await rejected(promise);
    return { error, ms: performance.now() - started };
  };

  it('is refused with a ContractError when data is nested 100,000 deep, not a RangeError', async () => {
    const body = `{"success":true,"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { error } = await timed(answering(200, body).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations).toContain('body.data must be object');
  });

  it('is accepted when valid, with a property the contract does not know nested 100,000 deep', async () => {
    const stored = { id: 'abc123', authorizationServerUrl: 'https://auth.example.org/t', clientId: 'c', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' };
    const body = `{"success":true,"data":${JSON.stringify(stored).slice(0, -1)},"history":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const fetch: FetchFunction = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    const client = createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: TOKEN, retry: false, fetch });
    await expect(client.getConnectOAuthConfig(ACCOUNT)).resolves.toMatchObject(stored);
  });

  it('is reported within 2 s with 8,000 properties beside a clientSecret it must not carry', async () => {
    const stored = { id: 'abc123', authorizationServerUrl: 'https://auth.example.org/t', clientId: 'c', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' };
    const data = { ...stored, ...Object.fromEntries(Array.from({ length: 8_000 }, (_, index) => [`k${index}`, 0])), clientSecret: 'x' };
    const result = await timed(answering(200, JSON.stringify({ success: true, data })).getConnectOAuthConfig(ACCOUNT));
    expect(result.error).toBeInstanceOf(ContractError);
    expect(result.ms).toBeLessThan(2_000);
  });

  it('is turned into an error quickly with a megabyte of message dense with escapes of every family', async () => {
    const message = '%2526&amp;#37;\\u0026+%2B\\\\x&lt;x'.repeat(29_000);
    // Unvalidated, so that the message is not refused for its length but quoted whole.
    const client = answering(400, JSON.stringify({ success: false, error: { code: 'E', message } }), false);
    await timed(client.getConnectOAuthConfig(ACCOUNT));
    const result = await timed(client.getConnectOAuthConfig(ACCOUNT));
    expect(result.error).toBeInstanceOf(ApiError);
    // Well under 50 ms on this machine (linear in the answer); the bound leaves a loaded CI room.
    expect(result.ms).toBeLessThan(250);
  });
  it('is turned into an error quickly with a megabyte of message that repeats a token made of one repeated character', async () => {
    const token = 'a'.repeat(16);
    const fetch: FetchFunction = async () => new Response(JSON.stringify({ success: false, error: { code: 'E', message: 'a'.repeat(1_000_000) } }), { status: 400, headers: { 'content-type': 'application/json' } });
    const client = createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: token, retry: false, fetch, validateResponses: false });
    await timed(client.getConnectOAuthConfig(ACCOUNT));
    const result = await timed(client.getConnectOAuthConfig(ACCOUNT));
    expect((result.error as ApiError).serverMessage).toBe(REDACTED);
    expect(result.ms).toBeLessThan(250);
  });
});
