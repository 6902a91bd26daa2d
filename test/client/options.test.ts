import { describe, expect, it } from 'vitest';
import { createConnectOAuthClient, InputError, type ConnectOAuthClientOptions } from '../../src/index.js';

const valid: ConnectOAuthClientOptions = { baseUrl: 'https://demo.docusign.net/restapi', accessToken: 'token-value' };

describe('createConnectOAuthClient', () => {
  it.each([
    ['http://demo.docusign.net/restapi', /https/],
    ['demo.docusign.net/restapi', /absolute URL/],
    ['', /baseUrl is required/],
    ['https://user:pass@demo.docusign.net/restapi', /credentials/],
    ['https://demo.docusign.net/restapi?x=1', /query/],
    ['ftp://demo.docusign.net', /https/],
  ])('refuses the base URL %j', (baseUrl, message) => {
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).toThrow(InputError);
    expect(() => createConnectOAuthClient({ ...valid, baseUrl })).toThrow(message);
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
    expect((error as InputError).cause).toBe(failure);
  });

  it('gives every error a literal name and a JSON form without the cause', () => {
    const error = new InputError(['accountId is missing'], { cause: new Error('inner') });
    expect(error.name).toBe('InputError');
    expect(error.toJSON()).toEqual({ name: 'InputError', message: 'Invalid input, nothing was sent: accountId is missing', violations: ['accountId is missing'] });
  });
});
