// Every token a call sent and the secret of its body are redacted from every text of its
// errors, whatever the server echoes and wherever, and for each call on its own.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ContractError, createConnectOAuthClient, InputError, type ConnectOAuthClientOptions } from '../../src/index.js';
import { MIN_SECRET_LENGTH, REDACTED, redactedStart } from '../../src/redact.js';
import { startFaultServer, type FaultScript, type FaultServer } from '../support/fault-server.js';
import { ACCESS_TOKEN, CLIENT_SECRET, expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const spec = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, { minLength?: number }> } };

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(steps: FaultScript[], options: Partial<ConnectOAuthClientOptions> = {}) {
  server = await startFaultServer(steps);
  return createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }, ...options });
}

const rejected = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as Error);
const bearerOf = (headers: Record<string, unknown>) => String(headers.authorization).replace(/^Bearer /, '');

describe('redaction', () => {
  it('redacts each of six concurrent calls’ own tokens, however many calls there are', async () => {
    let minted = 0;
    const client = await clientFor([(request) => ({ status: 401, body: { success: false, error: { code: 'UNAUTHORIZED', message: `token ${bearerOf(request.headers)} is expired` } } })], {
      accessToken: async () => `minted-token-${++minted}-xyz`,
    });
    const errors = await Promise.all(Array.from({ length: 6 }, () => rejected(client.getConnectOAuthConfig(ACCOUNT))));
    const tokens = Array.from({ length: 6 }, (_, index) => `minted-token-${index + 1}-xyz`);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).serverMessage).toBe('token [REDACTED] is expired');
      expectNoSecretIn(error, tokens);
    }
  });

  it('redacts a secret in an HTML page before cutting the page short, wherever the cut falls', async () => {
    const secret = 'Qm9vYmF6LXNlY3JldC12YWx1ZS0xMjM0NTY3OA';
    expect(secret).toHaveLength(38);
    const page = `<html><head><title>500</title></head><body><p>Internal error for the client secret `;
    expect(page).toHaveLength(83);
    const client = await clientFor([{ status: 500, headers: { 'content-type': 'text/html' }, body: `${page}${secret}</p></body></html>` }], { retry: false });
    const error = await rejected(client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }));
    expect(error).toBeInstanceOf(ContractError);
    for (let length = MIN_SECRET_LENGTH; length <= secret.length; length++) {
      for (const text of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) expect(text).not.toContain(secret.slice(0, length));
    }
    expect(error.message).toContain('client secret [REDACTED]');
  });

  it('cuts a quoted body after redacting it, keeping a marker the cut falls in whole, and marks the cut', () => {
    const secret = 'a-secret-of-some-length';
    expect(redactedStart(`${'x'.repeat(115)}${secret}${'y'.repeat(200)}`, [secret], 120)).toBe(`${'x'.repeat(115)}${REDACTED}…`);
    expect(redactedStart(`${'x'.repeat(100)}${secret}${'y'.repeat(200)}`, [secret], 120)).toBe(`${'x'.repeat(100)}${REDACTED}${'y'.repeat(10)}…`);
    expect(redactedStart('z'.repeat(130), [secret], 120)).toBe(`${'z'.repeat(120)}…`);
    expect(redactedStart(`short ${secret}`, [secret], 120)).toBe(`short ${REDACTED}`);
  });

  it('redacts error.code, the trace token and every header the error quotes', async () => {
    const secret = 'SUPERSECRETVALUE42';
    const body = { ...validBody, clientSecret: secret };
    const client = await clientFor(
      [
        { status: 400, headers: { 'x-docusign-tracetoken': `trace-${secret}` }, body: { success: false, error: { code: `BAD_SECRET_${secret}`, message: 'Refused.' } } },
        { status: 201, headers: { 'content-type': `text/plain; note=${secret}`, 'x-docusign-tracetoken': `trace-${ACCESS_TOKEN}` }, body: 'created' },
      ],
      { retry: false },
    );
    const apiError = (await rejected(client.createConnectOAuthConfig(ACCOUNT, body))) as ApiError;
    expect(apiError).toMatchObject({ name: 'ApiError', code: 'BAD_SECRET_[REDACTED]', traceToken: 'trace-[REDACTED]' });
    expectNoSecretIn(apiError, [secret]);
    const contractError = (await rejected(client.createConnectOAuthConfig(ACCOUNT, body))) as ContractError;
    // The media type alone is quoted: its parameters may carry anything.
    expect(contractError.violations.join()).toContain('content-type is "text/plain", not application/json');
    expect(contractError.traceToken).toBe('trace-[REDACTED]');
    expectNoSecretIn(contractError, [secret, ACCESS_TOKEN]);
  });

  it('replaces a cause by a redacted copy that keeps its name and message, whether it holds a token or not', async () => {
    let asked = 0;
    const client = await clientFor([{ status: 503, headers: { 'retry-after': '0' }, body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Down.' } } }], {
      accessToken: () => {
        if (++asked === 1) return 'first-token-of-the-call';
        throw new Error('could not refresh first-token-of-the-call', { cause: new Error('upstream said first-token-of-the-call') });
      },
    });
    const error = await rejected(client.getConnectOAuthConfig(ACCOUNT));
    expect(error).toBeInstanceOf(InputError);
    expect((error.cause as Error).message).toBe('could not refresh [REDACTED]');
    expect(((error.cause as Error).cause as Error).message).toBe('upstream said [REDACTED]');
    expectNoSecretIn(error, ['first-token-of-the-call']);

    const innocent = new RangeError('refresh failed');
    const other = createConnectOAuthClient({ baseUrl: server!.url, accessToken: () => Promise.reject(innocent) });
    expect((await rejected(other.getConnectOAuthConfig(ACCOUNT))).cause).toMatchObject({ name: 'RangeError', message: 'refresh failed' });
  });

  it('redacts a token echoed into the host of a redirect, which a URL parser would lowercase', async () => {
    const token = 'MixedCaseToken42';
    const client = await clientFor([{ status: 302, headers: { location: `https://${token}.collector.example/path` } }], { accessToken: token });
    const error = await rejected(client.getConnectOAuthConfig(ACCOUNT));
    expect(error.message).toContain('redirects to host [REDACTED].collector.example;');
    expectNoSecretIn(error, [token, token.toLowerCase()]);
  });

  it('leaves a caller’s abort reason as it is', async () => {
    const client = await clientFor([{ hang: true }]);
    const reason = new Error(`aborted while ${CLIENT_SECRET} was pending`);
    await expect(client.createConnectOAuthConfig(ACCOUNT, validBody, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe('the redaction threshold', () => {
  it('is the spec’s minimum length of clientSecret, so every secret the spec accepts is redacted', () => {
    expect(spec.components.schemas.ClientSecret!.minLength).toBe(MIN_SECRET_LENGTH);
  });

  it('refuses a shorter clientSecret and a shorter access token before sending', async () => {
    const client = await clientFor([{ status: 201, body: {} }]);
    const short = 'x'.repeat(MIN_SECRET_LENGTH - 1);
    const error = await rejected(client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: short }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`body.clientSecret must be at least ${MIN_SECRET_LENGTH} characters long`);
    expect(() => createConnectOAuthClient({ baseUrl: server!.url, accessToken: short })).toThrow(/at least 8/);
    expect(server!.requests).toHaveLength(0);
  });

  it('keeps the call’s own error for a clientSecret with a lone surrogate, which has no percent-encoding, and redacts it', async () => {
    const secret = 'abcdefgh\ud800';
    const client = await clientFor([{ status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: `bad secret ${secret}` } } }]);
    const error = await rejected(client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).serverMessage).toBe('bad secret [REDACTED]');
  });

  it('redacts a secret of exactly the minimum length', async () => {
    const secret = 'k'.repeat(MIN_SECRET_LENGTH - 2) + '#1';
    const client = await clientFor([{ status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: `bad secret ${secret}` } } }]);
    const error = await rejected(client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }));
    expect((error as ApiError).serverMessage).toBe('bad secret [REDACTED]');
  });
});
