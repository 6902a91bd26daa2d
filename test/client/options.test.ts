import { describe, expect, it } from 'vitest';
import { createConnectOAuthClient, InputError, type ConnectOAuthClientOptions } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';

const valid: ConnectOAuthClientOptions = { baseUrl: 'https://demo.docusign.net/restapi', accessToken: 'token-value' };

describe('createConnectOAuthClient', () => {
  it.each([
    ['http://demo.docusign.net/restapi', /https/],
    ['demo.docusign.net/restapi', /absolute URL/],
    ['', /baseUrl is required/],
    ['https://user:pass@demo.docusign.net/restapi', /credentials/],
    ['https://demo.docusign.net/restapi?x=1', /query/],
    ['https://demo.docusign.net/restapi?', /query or a fragment/],
    ['https://demo.docusign.net/restapi#', /query or a fragment/],
    ['https://demo.docusign.net/restapi#part', /query or a fragment/],
    ['ftp://demo.docusign.net', /https/],
  ])('refuses the base URL %j', (baseUrl, message) => {
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).toThrow(InputError);
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).toThrow(message);
  });

  it.each(['', 'api.example.org/restapi', 'https://api.example.org/restapi?'])('refusing the base URL %j, suggests the mock or a gateway, never DocuSign’s own host', (baseUrl) => {
    // DocuSign's endpoint answers without this contract's envelope: a user who followed such
    // an example would get a ContractError from every call.
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).toThrow(/"http:\/\/127\.0\.0\.1:4010" \(npm run mock\) or your gateway's https URL/);
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).not.toThrow(/docusign/i);
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:4010/', 'http://[::1]:4010', 'https://na4.docusign.net/restapi/'])('accepts the base URL %j', (baseUrl) => {
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).not.toThrow();
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('refuses timeoutMs %s', (timeoutMs) => {
    expect(() => createConnectOAuthClient({ ...valid, timeoutMs })).toThrow(/timeoutMs/);
  });

  it.each([{ retries: -1 }, { retries: 11 }, { retries: 1.5 }, { baseDelayMs: -5 }, { backoff: 2 } as object])('refuses the retry setting %j', (retry) => {
    expect(() => createConnectOAuthClient({ ...valid, retry })).toThrow(InputError);
  });

  it.each(['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'])('refuses retry.%s past the longest timer, 2^31 - 1 ms, and says the range', (key) => {
    expect(() => createConnectOAuthClient({ ...valid, retry: { [key]: 3e9 } })).toThrow(new RegExp(`retry\\.${key} must be a whole number of milliseconds from 0 to 2147483647 \\(2\\^31 - 1`));
    expect(() => createConnectOAuthClient({ ...valid, retry: { [key]: 2 ** 31 } })).toThrow(InputError);
    expect(() => createConnectOAuthClient({ ...valid, retry: { [key]: 2 ** 31 - 1 } })).not.toThrow();
  });

  it('takes a retry setting given as undefined for one left out: its default', async () => {
    let attempts = 0;
    const client = createConnectOAuthClient({
      ...valid,
      retry: { retries: undefined, baseDelayMs: 1, maxDelayMs: undefined },
      fetch: async () => {
        attempts++;
        return new Response('{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"Down."}}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '0' } });
      },
    });
    await expect(client.getConnectOAuthConfig('18394725')).rejects.toThrow(/Down\./);
    // The default: 2 retries after the first attempt.
    expect(attempts).toBe(3);
  });

  it('says the range of timeoutMs', () => {
    expect(() => createConnectOAuthClient({ ...valid, timeoutMs: 3e9 })).toThrow(/timeoutMs must be a number of milliseconds above 0 and at most 2147483647/);
  });

  it.each([0, -1, 1.5, Number.NaN, '1024' as unknown as number])('refuses maxResponseBytes %s', (maxResponseBytes) => {
    expect(() => createConnectOAuthClient({ ...valid, maxResponseBytes })).toThrow(/maxResponseBytes must be a whole number of bytes of at least 1/);
  });

  it('refuses a missing access token', () => {
    expect(() => createConnectOAuthClient({ ...valid, accessToken: undefined as unknown as string })).toThrow(/accessToken is required/);
  });

  it.each([['', /non-empty/], ['Bearer abc', /bare token/], ['abc\r\nX-Evil: 1', /bare token/]])('refuses the access token %j when the client is made', (accessToken, message) => {
    expect(() => createConnectOAuthClient({ ...valid, accessToken })).toThrow(InputError);
    expect(() => createConnectOAuthClient({ ...valid, accessToken })).toThrow(message);
  });

  it.each([['', /non-empty/], ['Bearer abc', /bare token/], [42, /returned number, not a token string/], ['short', /at least 8/]])('refuses the access token %j from a token function before sending', async (token, message) => {
    let sent = 0;
    const client = createConnectOAuthClient({ ...valid, accessToken: () => token as string, fetch: async () => (sent++, new Response()) });
    await expect(client.getConnectOAuthConfig('18394725')).rejects.toThrow(message);
    expect(sent).toBe(0);
  });

  it('reports a token function that throws as an InputError, with its error as the cause', async () => {
    const failure = new Error('refresh failed');
    const client = createConnectOAuthClient({ ...valid, accessToken: () => Promise.reject(failure) });
    const error = await client.getConnectOAuthConfig('18394725').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    // A redacted copy: an error of someone else's is never kept as it is (util.inspect shows all of it).
    expect((error as InputError).cause).toMatchObject({ name: 'Error', message: 'refresh failed' });
  });

  it('gives every error a literal name and a JSON form without the cause', () => {
    const error = new InputError(['accountId is missing'], { cause: new Error('inner') });
    expect(error.name).toBe('InputError');
    expect(error.toJSON()).toEqual({ name: 'InputError', message: 'Invalid input: accountId is missing', violations: ['accountId is missing'] });
  });
});

describe('createRawConnectOAuthClient', () => {
  const refusal = (make: () => unknown) => {
    try {
      make();
    } catch (error) {
      return error;
    }
    throw new Error('expected the options to be refused');
  };

  it.each([
    ['an http base URL', { ...valid, baseUrl: 'http://demo.docusign.net/restapi' }],
    ['a base URL with a query', { ...valid, baseUrl: 'https://demo.docusign.net/restapi?' }],
    ['a token with a Bearer prefix', { ...valid, accessToken: 'Bearer abc-def-ghi' }],
    ['no token', { ...valid, accessToken: undefined as unknown as string }],
    ['timeoutMs past the longest timer', { ...valid, timeoutMs: 2 ** 31 }],
    ['an unknown retry setting', { ...valid, retry: { backoff: 2 } as object }],
    ['maxResponseBytes of 0', { ...valid, maxResponseBytes: 0 }],
  ])('refuses %s with the typed client’s InputError', (_label, options) => {
    const raw = refusal(() => createRawConnectOAuthClient(options)) as InputError;
    expect(raw).toBeInstanceOf(InputError);
    expect(raw.violations).toEqual((refusal(() => createConnectOAuthClient(options)) as InputError).violations);
  });

  it('names itself when it gets no options object', () => {
    expect(() => createRawConnectOAuthClient(undefined as unknown as ConnectOAuthClientOptions)).toThrow(/createRawConnectOAuthClient needs an options object with baseUrl and accessToken/);
  });
});

describe('input errors', () => {
  const client = createConnectOAuthClient({ ...valid, fetch: async () => new Response() });
  const body = { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'docusign-connect', clientSecret: 'a-secret-value' };

  it.each([
    ['an http:// authorization server', { ...body, authorizationServerUrl: 'http://auth.example.org/token' }, 'body.authorizationServerUrl must be an https:// URL'],
    ['a client id with a space', { ...body, clientId: 'docusign connect' }, 'body.clientId must not contain spaces or line breaks'],
    ['an empty scope', { ...body, scope: '' }, 'body.scope must not be empty'],
    ['a client id too long', { ...body, clientId: 'c'.repeat(257) }, 'body.clientId must be at most 256 characters long'],
  ])('say what is wrong in words: %s', async (_label, input, sentence) => {
    const error = (await client.createConnectOAuthConfig('18394725', input).catch((caught: unknown) => caught)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.violations).toContain(sentence);
    expect(error.message).not.toMatch(/must match pattern|\^https/);
  });
});
