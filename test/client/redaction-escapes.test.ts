// A server may echo a secret escaped in the ways its language or framework escapes text:
// JSON (as JSON.stringify writes it, with \u escapes: Go escapes < > &, Python every
// non-ASCII character; PHP escapes "/"), percent-encoding in either case of hex, form
// encoding, or inside the Basic credential it was sent. Each form is redacted from the
// error, in a JSON message and in a quoted page alike; nothing else is decoded. A token
// handed to the wrong parameter is redacted before the first attempt.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createConnectOAuthClient, InputError } from '../../src/index.js';
import { createRedactor, REDACTED, secretsOfBody } from '../../src/redact.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { basicCredential, ENCODINGS } from '../support/secret-encodings.js';
import { expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const SECRETS = ['abc<def>ghi&jkl', 'abc/def/ghi+jk', 'pässwörd-ünïcode', `a"b<c>d&e'fghij`, 'abc def~ghi!jk*(x)', 'emoji-🔑-secret-x'];
// Escapes that run into each other: a backslash (escaped as two) before a character escaped
// with a backslash of its own, a run of backslashes, one at the end, and text that reads
// like a percent escape ("%25", "%2F") inside the secret.
const ADJOINING = ['ab\\<cd\\é\\\\&ef\\', 'x\\\\\\\u00e9\\/ghijk', '<%25ab%2Fcd%%2525&amp;e', '\\\\\\"\n\\+ \\%zz'];

describe('the redactor', () => {
  const cases = [...SECRETS, ...ADJOINING].flatMap((secret) => Object.entries(ENCODINGS).map(([encoding, encode]) => ({ secret, encoding, encoded: encode(secret) })));

  it.each(cases)('redacts $secret written $encoding', ({ secret, encoded }) => {
    const redact = createRedactor([secret]);
    expect(redact(`before ${encoded} after`)).toBe(`before ${REDACTED} after`);
  });

  it('redacts any secret, in any of those forms, next to text with escapes of its own (random draws)', () => {
    // Any code point, any length the spec allows: drawn by fast-check, not from the redactor's own spellings.
    const secret = fc.string({ unit: 'grapheme', minLength: 8, maxLength: 40 }).filter((text) => text.length >= 8);
    const noise = fc.string({ unit: fc.constantFrom('\\n', '&amp;', '%20', '+', 'a', '\\', '&', '%', '"', ' '), maxLength: 8 });
    fc.assert(
      fc.property(secret, fc.constantFrom(...(Object.keys(ENCODINGS) as Array<keyof typeof ENCODINGS>)), noise, noise, (drawn, name, before, after) => {
        const escaped = ENCODINGS[name](drawn);
        const redacted = createRedactor([drawn])(`${before}${escaped}${after}`);
        expect(redacted).toContain(REDACTED);
        expect(redacted).not.toContain(escaped);
        expect(redacted).not.toContain(drawn);
      }),
      { numRuns: 2_000 },
    );
  });

  it('redacts the Basic credential made of the clientId and the secret, plain or form-encoded first', () => {
    const clientId = 'docusign connect/1';
    const secret = 'Zx8Q~mN7pL4 wR/8t+é';
    const redact = createRedactor(secretsOfBody({ clientId, clientSecret: secret }));
    const form = ENCODINGS.formEncoded;
    for (const credential of [basicCredential(clientId, secret), basicCredential(form(clientId), form(secret))]) {
      expect(redact(`upstream answered 401 to Authorization: Basic ${credential}`)).toBe(`upstream answered 401 to Authorization: Basic ${REDACTED}`);
    }
  });

  it('decodes nothing else: an HTML-escaped or twice percent-encoded echo is left as it is (docs/client.md: the guarantee)', () => {
    const secret = 'abc<def>ghi&jkl';
    const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(createRedactor([secret])(html)).toBe(html);
    const twice = encodeURIComponent(encodeURIComponent(secret));
    expect(createRedactor([secret])(twice)).toBe(twice);
  });

  it('leaves text that holds no secret as it was, escapes and all', () => {
    const text = 'status &lt;500&gt; at %2Fv2.1 \\u003c \\/ a+b and abc<def>ghi&jkX';
    expect(createRedactor(SECRETS)(text)).toBe(text);
  });

  it('takes time linear in the text: a megabyte dense with escapes, holding the secret thousands of times, in well under 50 ms', () => {
    const secret = 'Zx8Q<mN7>pL4&wR/8t k~é';
    const text = `%2526&amp;#37;\\u0026+%2B\\\\x&lt;${ENCODINGS.pythonJson(secret)}`.repeat(20_000).slice(0, 1024 * 1024);
    const redact = createRedactor([secret]);
    redact(text.slice(0, 1000));
    const started = performance.now();
    const redacted = redact(text);
    const ms = performance.now() - started;
    expect(redacted).not.toContain(ENCODINGS.pythonJson(secret));
    // 50 ms is the guarantee; the bound leaves a loaded two-core machine room.
    expect(ms).toBeLessThan(150);
  });
});

describe('a call whose Basic credential comes back', () => {
  it('shows none of it in the ApiError', async () => {
    const secret = 'Zx8Q~mN7pL4wR8tKx9vQ-s3cr3t';
    const credential = basicCredential(validBody.clientId, secret);
    const fetch = async () =>
      new Response(JSON.stringify({ success: false, error: { code: 'VALIDATION_ERROR', message: `the authorization server refused Authorization: Basic ${credential}` } }), { status: 400, headers: { 'content-type': 'application/json' } });
    const client = createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: 'token-abcdefgh', retry: false, fetch });
    const error = await client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }).then(
      () => expect.unreachable('the call succeeded'),
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).serverMessage).toBe(`the authorization server refused Authorization: Basic ${REDACTED}`);
    expectNoSecretIn(error, [secret, credential]);
  });
});

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a call whose secret comes back escaped', () => {
  const cases = Object.entries(ENCODINGS).flatMap(([encoding, encode]) =>
    [
      { where: 'in error.message', status: 400, contentType: 'application/json', body: (encoded: string) => `{"success":false,"error":{"code":"VALIDATION_ERROR","message":${JSON.stringify(`bad clientSecret ${encoded}`)}}}` },
      { where: 'in an HTML page', status: 500, contentType: 'text/html', body: (encoded: string) => `<p>invalid secret &quot;${encoded}&quot;</p>` },
      { where: 'in JSON cut short', status: 500, contentType: 'application/json', body: (encoded: string) => `{"success":false,"error":{"code":"INTERNAL_ERROR","message":"bad ${encoded}` },
    ].map((place) => ({ encoding, encode, ...place })),
  );

  it.each(cases)('shows no $encoding form of it $where', async ({ encode, status, contentType, body }) => {
    const secret = 'Zx8Q<mN7>pL4&wR/8t k~é';
    server = await startFaultServer([{ status, headers: { 'content-type': contentType }, body: body(encode(secret)) }]);
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: 'token-abcdefgh', retry: false });
    const error = await client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }).then(
      () => expect.unreachable('the call succeeded'),
      (caught: unknown) => caught as Error,
    );
    expectNoSecretIn(error, [secret, encode(secret), JSON.stringify(encode(secret)).slice(1, -1)]);
    expect(`${error.message}${inspect(error)}`).toContain(REDACTED);
  });
});

describe('a body quoted in an error', () => {
  it('quotes no part of a long secret, though its copies run past what the snippet reads', async () => {
    // 1,000 characters that repeat no run of 16: a copy cut anywhere shows as a piece of it.
    const secret = Array.from({ length: 1_000 }, (_, index) => String.fromCharCode(48 + ((index * 7919) % 74))).join('');
    server = await startFaultServer([{ status: 500, headers: { 'content-type': 'text/html' }, body: `<html><body><pre>${secret.repeat(70)}</pre></body></html>` }]);
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: 'token-abcdefgh', retry: false });
    const error = await client.createConnectOAuthConfig(ACCOUNT, { ...validBody, clientSecret: secret }).then(
      () => expect.unreachable('the call succeeded'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toContain(`it starts "<html><body><pre>${REDACTED}</pre></body></html>"`);
    const shown = `${error.message}${inspect(error)}`;
    for (let start = 0; start + 16 <= secret.length; start++) expect(shown).not.toContain(secret.slice(start, start + 16));
  });

  it('names a property the server keyed by the token as sent, so that it is redacted, not JSON-Pointer-escaped', async () => {
    const token = 'mF_9.B5f-4.1JqM/Tk~x0Qz+';
    const data = { id: 'abc123', authorizationServerUrl: validBody.authorizationServerUrl, clientId: 'docusign-connect', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', customParameters: { [token]: 1 } };
    const fetch = async () => new Response(JSON.stringify({ success: true, data }), { status: 200, headers: { 'content-type': 'application/json' } });
    const client = createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: token, retry: false, fetch });
    const error = await client.getConnectOAuthConfig(ACCOUNT).then(
      () => expect.unreachable('the call succeeded'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toContain(`body.data.customParameters.${REDACTED} must be string`);
    expectNoSecretIn(error, [token, token.replace(/~/g, '~0').replace(/\//g, '~1')]);
  });
});

describe('a string token passed where accountId goes', () => {
  it('is redacted from the InputError, though no attempt has been made', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.secret-token-value-xyz';
    const client = createConnectOAuthClient({ baseUrl: 'https://api.example.org/restapi', accessToken: token, fetch: async () => new Response('{}') });
    const error = await client.getConnectOAuthConfig(token).then(
      () => expect.unreachable('the call succeeded'),
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/accountId .* is neither an account number/);
    expectNoSecretIn(error, [token, token.slice(0, 20)]);
  });
});
