// The client against a real HTTP server that misbehaves in every way the issue lists:
// each case checks the error's class and fields, the number of attempts, and that no
// secret leaked.
import { afterEach, describe, expect, it } from 'vitest';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject } from '../../contract-tests/support/openapi-document.js';
import {
  ApiError,
  ContractError,
  createConnectOAuthClient,
  NetworkError,
  TimeoutError,
  UnavailableError,
  type ConnectOAuthClient,
  type ConnectOAuthClientOptions,
} from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { callOperation, type OperationName } from '../support/call-operation.js';
import { startFaultServer, type FaultServer, type FaultStep } from '../support/fault-server.js';
import { ACCESS_TOKEN, CLIENT_SECRET, expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...steps: FaultStep[]): Promise<FaultServer> {
  server = await startFaultServer(steps);
  return server;
}

const clientOptions = (url: string, options: Partial<ConnectOAuthClientOptions>): ConnectOAuthClientOptions => ({
  baseUrl: url,
  accessToken: ACCESS_TOKEN,
  timeoutMs: 2_000,
  retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 4 },
  ...options,
});

function clientFor(url: string, options: Partial<ConnectOAuthClientOptions> = {}): ConnectOAuthClient {
  return createConnectOAuthClient(clientOptions(url, options));
}

const rawClientFor = (url: string) => createRawConnectOAuthClient(clientOptions(url, {}));


async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expectNoSecretIn(outcome.error);
  return outcome.error as Error;
}

// Statuses after which the server has not acted, or which an idempotent call may repeat.
const RETRIED = { POST: [429, 503], GET: [429, 500, 502, 503, 504], PUT: [429, 500, 502, 503, 504], DELETE: [429, 500, 502, 503, 504] } as Record<string, number[]>;

const documented = listOperations().flatMap(({ method, operation }) =>
  Object.entries(operation.responses).map(([status, ref]) => {
    const [example] = namedExamples(deref<ResponseObject>(ref).content?.[JSON_MEDIA_TYPE]?.examples);
    return { name: operation.operationId as OperationName, method: method.toUpperCase(), status: Number(status), body: example!.value as Record<string, unknown> };
  }),
);

describe('each documented status', () => {
  it.each(documented)('$method $status: the client answers as the contract says', async ({ name, method, status, body }) => {
    const { url, requests } = await serve({ status, headers: status === 429 || status === 503 ? { 'retry-after': '0' } : {}, body });
    const call = callOperation(clientFor(url), name, ACCOUNT);
    if (status < 300) {
      await expect(call).resolves.toEqual(body.data);
      expect(requests).toHaveLength(1);
      return;
    }
    const error = await failure(call);
    const attempts = RETRIED[method]!.includes(status) ? 3 : 1;
    const envelope = body as { error: { code: string; message: string } };
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiError', status, code: envelope.error.code, serverMessage: envelope.error.message, traceToken: 'trace-123', method, attempts });
    expect((error as ApiError).message).toContain(`answered ${status} ${envelope.error.code}: ${envelope.error.message}`);
    expect((error as ApiError).url).toBe(`${url}/v2.1/accounts/${ACCOUNT}/connect/oauth`);
    expect(requests).toHaveLength(attempts);
    expect(requests.every((request) => request.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });
});

const rateLimited = { success: false, error: { code: 'RATE_LIMITED', message: 'Slow down.' } };
const unavailable = { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Down.' } };
const created = { success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' } };
const details = { success: true, data: { id: 'abc123', authorizationServerUrl: validBody.authorizationServerUrl, clientId: 'docusign-connect', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' } };

describe('rate limits', () => {
  it('retries GET on 429 after the Retry-After seconds and then succeeds', async () => {
    const { url, requests } = await serve({ status: 429, headers: { 'retry-after': '1' }, body: rateLimited }, { status: 200, body: details });
    const started = performance.now();
    await expect(clientFor(url).getConnectOAuthConfig(ACCOUNT)).resolves.toEqual(details.data);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(requests).toHaveLength(2);
  });

  it('retries POST on 429 without Retry-After when X-RateLimit-Reset has passed', async () => {
    const reset = String(Math.floor(Date.now() / 1000) - 1);
    const { url, requests } = await serve({ status: 429, headers: { 'x-ratelimit-reset': reset }, body: rateLimited }, { status: 201, body: created });
    await expect(clientFor(url).createConnectOAuthConfig(ACCOUNT, validBody)).resolves.toEqual(created.data);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
  });

  it('gives up at once when X-RateLimit-Reset is an hour away, and says how long to wait', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const { url, requests } = await serve({ status: 429, headers: { 'x-ratelimit-reset': reset, 'x-ratelimit-limit': '3000', 'x-ratelimit-remaining': '0' }, body: rateLimited });
    const error = await failure(clientFor(url).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect((error as ApiError).rateLimit).toEqual({ limit: 3000, remaining: 0, reset: Number(reset) });
    expect(requests).toHaveLength(1);
  });

  it('gives up at once when Retry-After is an HTTP date past the cap', async () => {
    const later = new Date(Date.now() + 2 * 3600_000).toUTCString();
    const { url, requests } = await serve({ status: 503, headers: { 'retry-after': later }, body: unavailable });
    const error = await failure(clientFor(url).deleteConnectOAuthConfig(ACCOUNT));
    expect(error).toMatchObject({ name: 'ApiError', status: 503, code: 'SERVICE_UNAVAILABLE', attempts: 1 });
    expect((error as ApiError).retryAfterMs).toBeGreaterThan(7_000_000);
    expect(requests).toHaveLength(1);
  });

  it('does not retry at all with retry: false', async () => {
    const { url, requests } = await serve({ status: 503, headers: { 'retry-after': '0' }, body: unavailable });
    const error = await failure(clientFor(url, { retry: false }).getConnectOAuthConfig(ACCOUNT));
    expect(error).toMatchObject({ name: 'ApiError', status: 503, attempts: 1 });
    expect(requests).toHaveLength(1);
  });
});

describe('network failures', () => {
  it('retries GET after connection resets and reports a NetworkError', async () => {
    const { url, requests } = await serve({ reset: true });
    const error = await failure(clientFor(url).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ name: 'NetworkError', method: 'GET', attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it('retries GET on a reset and then succeeds', async () => {
    const { url, requests } = await serve({ reset: true }, { status: 200, body: details });
    await expect(clientFor(url).getConnectOAuthConfig(ACCOUNT)).resolves.toEqual(details.data);
    expect(requests).toHaveLength(2);
  });

  it('does not retry POST after a reset: the server may have acted', async () => {
    const { url, requests } = await serve({ reset: true });
    const error = await failure(clientFor(url).createConnectOAuthConfig(ACCOUNT, validBody));
    expect(error).toMatchObject({ name: 'NetworkError', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('retries POST when the connection is refused, as nothing was sent', async () => {
    const { url } = await serve({ status: 201, body: created });
    await server!.close();
    server = undefined;
    let calls = 0;
    const client = clientFor(url, { fetch: (request, init) => (calls++, fetch(request, init)) });
    const error = await failure(client.createConnectOAuthConfig(ACCOUNT, validBody));
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED', attempts: 3 });
    expect(error.cause).toBeInstanceOf(Error);
    expect(calls).toBe(3);
  });

  it('retries GET when the body is cut off mid-stream', async () => {
    const { url, requests } = await serve({ resetMidBody: true, status: 200, body: JSON.stringify(details) });
    const error = await failure(clientFor(url).getConnectOAuthConfig(ACCOUNT));
    expect(error).toMatchObject({ name: 'NetworkError', attempts: 3 });
    expect(requests).toHaveLength(3);
  });
});

describe('timeouts', () => {
  it('times out a hanging GET on each attempt and reports a TimeoutError', async () => {
    const { url, requests } = await serve({ hang: true });
    const error = await failure(clientFor(url, { timeoutMs: 100 }).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 100, attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it('does not retry a POST that timed out', async () => {
    const { url, requests } = await serve({ hang: true });
    const error = await failure(clientFor(url, { timeoutMs: 100 }).createConnectOAuthConfig(ACCOUNT, validBody));
    expect(error).toMatchObject({ name: 'TimeoutError', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('times out a body that starts and never ends', async () => {
    const { url, requests } = await serve({ hangMidBody: true, status: 200, body: JSON.stringify(details) });
    const error = await failure(clientFor(url, { timeoutMs: 100, retry: false }).getConnectOAuthConfig(ACCOUNT));
    expect(error).toMatchObject({ name: 'TimeoutError', attempts: 1 });
    expect(requests).toHaveLength(1);
  });
});

describe('answers outside the contract', () => {
  const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
  const cases: Array<{ label: string; name: OperationName; step: FaultStep; violation: RegExp; status?: number; attempts?: number }> = [
    { label: 'truncated JSON', name: 'getConnectOAuthConfig', step: { status: 200, body: '{"success":true,"data":{"id":"abc' }, violation: /not valid JSON/ },
    { label: 'an HTML page with 200', name: 'getConnectOAuthConfig', step: { status: 200, headers: { 'content-type': 'text/html' }, body: html }, violation: /content-type is "text\/html"/ },
    { label: 'JSON sent as text/plain', name: 'createConnectOAuthConfig', step: { status: 201, headers: { 'content-type': 'text/plain' }, body: created }, violation: /content-type is "text\/plain"/ },
    { label: 'an empty body', name: 'deleteConnectOAuthConfig', step: { status: 200 }, violation: /body is empty/ },
    { label: 'an empty error body', name: 'getConnectOAuthConfig', step: { status: 404 }, violation: /body is empty/, status: 404 },
    { label: 'an envelope without data', name: 'createConnectOAuthConfig', step: { status: 201, body: { success: true } }, violation: /data/ },
    { label: 'an envelope without success', name: 'createConnectOAuthConfig', step: { status: 201, body: { data: created.data } }, violation: /no boolean `success`/ },
    { label: 'an error envelope without code', name: 'getConnectOAuthConfig', step: { status: 404, body: { success: false, error: { message: 'Gone.' } } }, violation: /code/, status: 404 },
    { label: 'success: false on a 2xx', name: 'getConnectOAuthConfig', step: { status: 200, body: { success: false, error: { code: 'NOT_FOUND', message: 'x' } } }, violation: /`success` is false on HTTP 200/ },
    { label: 'success: true on a 4xx', name: 'getConnectOAuthConfig', step: { status: 404, body: details }, violation: /`success` is true on HTTP 404/, status: 404 },
    { label: 'an undocumented status', name: 'getConnectOAuthConfig', step: { status: 418, body: { success: false, error: { code: 'TEAPOT', message: 'x' } } }, violation: /status 418 is not documented/, status: 418 },
    { label: 'a 200 to a POST, which answers 201', name: 'createConnectOAuthConfig', step: { status: 200, body: created }, violation: /status 200 is not documented/ },
    { label: 'data missing a required field', name: 'getConnectOAuthConfig', step: { status: 200, body: { success: true, data: { ...details.data, clientId: undefined } } }, violation: /body\.data is missing required property clientId/ },
    { label: 'data with a wrongly typed field', name: 'createConnectOAuthConfig', step: { status: 201, body: { success: true, data: { id: 42, created_at: 'yesterday' } } }, violation: /body\.data\.id must be string/ },
    { label: 'a JSON array', name: 'deleteConnectOAuthConfig', step: { status: 200, body: [1, 2] }, violation: /an array/ },
  ];

  it.each(cases)('throws ContractError on $label', async ({ name, step, violation, status, attempts = 1 }) => {
    const { url, requests } = await serve(step);
    const error = await failure(callOperation(clientFor(url), name, ACCOUNT));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.name).toBe('ContractError');
    expect((error as ContractError).violations.join('\n')).toMatch(violation);
    expect(error.message).toMatch(violation);
    expect((error as ContractError).status).toBe(status ?? ('status' in step ? step.status : undefined));
    expect(error).toMatchObject({ attempts });
    expect(requests).toHaveLength(attempts);
  });

  it('throws UnavailableError, not ContractError, on an HTML 502 from a proxy, after retries', async () => {
    const { url, requests } = await serve({ status: 502, headers: { 'content-type': 'text/html' }, body: html });
    const error = await failure(clientFor(url).getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ name: 'UnavailableError', status: 502, contentType: 'text/html', attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it('lists every violation of a body that breaks the schema in several places', async () => {
    const { url } = await serve({ status: 200, body: { success: true, data: { id: '', authorizationServerUrl: 'http://x', created_at: 'now', updated_at: '2025-01-01T00:00:00Z' } } });
    const error = (await failure(clientFor(url).getConnectOAuthConfig(ACCOUNT))) as ContractError;
    expect(error.violations.length).toBeGreaterThanOrEqual(4);
  });

  it('returns the data unchecked by the schema with validateResponses: false, but still wants the envelope', async () => {
    const odd = { success: true, data: { id: 42 } };
    const { url } = await serve({ status: 201, body: odd }, { status: 201, body: { id: 42 } });
    const client = clientFor(url, { validateResponses: false });
    await expect(client.createConnectOAuthConfig(ACCOUNT, validBody)).resolves.toEqual({ id: 42 });
    await expect(failure(client.createConnectOAuthConfig(ACCOUNT, validBody))).resolves.toBeInstanceOf(ContractError);
  });
});

describe('secrets', () => {
  it('refuses a stored configuration that echoes the secret, says so in words, and does not repeat it', async () => {
    const { url } = await serve({ status: 200, body: { ...details, data: { ...details.data, clientSecret: CLIENT_SECRET } } });
    const error = await failure(clientFor(url).updateConnectOAuthConfig(ACCOUNT, validBody));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations).toEqual(['body.data carries clientSecret, which the contract never returns']);
  });

  it('redacts the secret and the token when an error message or a page echoes them', async () => {
    const { url } = await serve(
      { status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: `clientSecret ${CLIENT_SECRET} rejected for token ${ACCESS_TOKEN}` } } },
      { status: 201, headers: { 'content-type': 'text/html' }, body: `<p>${CLIENT_SECRET} ${JSON.stringify(CLIENT_SECRET)} ${ACCESS_TOKEN}</p>` },
    );
    const client = clientFor(url);
    const apiError = await failure(client.createConnectOAuthConfig(ACCOUNT, validBody));
    expect((apiError as ApiError).serverMessage).toBe('clientSecret [REDACTED] rejected for token [REDACTED]');
    const contractError = await failure(client.createConnectOAuthConfig(ACCOUNT, validBody));
    expect(contractError.message).toContain('[REDACTED]');
  });

  it('redacts a token that an accessToken function supplied', async () => {
    const { url } = await serve({ status: 401, body: { success: false, error: { code: 'UNAUTHORIZED', message: `token ${ACCESS_TOKEN} expired` } } });
    const error = await failure(clientFor(url, { accessToken: async () => ACCESS_TOKEN }).getConnectOAuthConfig(ACCOUNT));
    expect((error as ApiError).serverMessage).toBe('token [REDACTED] expired');
  });
});

describe('the access token', () => {
  it('asks a token function before every attempt, so retries carry a refreshed token', async () => {
    const { url, requests } = await serve({ status: 503, headers: { 'retry-after': '0' }, body: unavailable }, { status: 200, body: details });
    let issued = 0;
    const client = clientFor(url, { accessToken: () => `refreshed-token-${++issued}` });
    await client.getConnectOAuthConfig(ACCOUNT);
    expect(requests.map((request) => request.headers.authorization)).toEqual(['Bearer refreshed-token-1', 'Bearer refreshed-token-2']);
  });
});

describe('the raw client', () => {
  it('shares the transport: token, retries and timeouts apply to raw calls too', async () => {
    const { url, requests } = await serve({ status: 503, headers: { 'retry-after': '0' }, body: unavailable }, { status: 200, body: details });
    const { data, response } = await rawClientFor(url).GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } } });
    expect(response.status).toBe(200);
    expect(data).toEqual(details);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('keeps the response’s url, as a plain fetch does', async () => {
    const { url } = await serve({ status: 200, body: details });
    const client = rawClientFor(url);
    for (const parseAs of ['json', 'text', 'stream'] as const) {
      const { response } = await client.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } }, parseAs });
      expect(response.url).toBe(`${url}/v2.1/accounts/${ACCOUNT}/connect/oauth`);
    }
    const { data, response } = await client.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } } });
    expect(data).toEqual(details);
    expect(response.url).toBe(`${url}/v2.1/accounts/${ACCOUNT}/connect/oauth`);
  });

  it('resends the whole body of a raw POST on a retry', async () => {
    const { url, requests } = await serve({ status: 503, headers: { 'retry-after': '0' }, body: unavailable }, { status: 201, body: created });
    const { data, response } = await rawClientFor(url).POST('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: ACCOUNT } }, body: validBody });
    expect(response.status).toBe(201);
    expect(data).toEqual(created);
    expect(requests.map((request) => JSON.parse(request.body))).toEqual([validBody, validBody]);
  });
});
