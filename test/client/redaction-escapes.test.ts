// A server may echo a secret escaped in any of the ways its language or framework escapes
// text: JSON with \u escapes (Go escapes < > &, Python every non-ASCII character), HTML
// entities, percent-encoding in either case or keeping "/", form encoding. Each form is
// redacted from the error, in a JSON message and in a quoted page alike; and a token
// handed to the wrong parameter is redacted before the first attempt.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectOAuthClient, InputError } from '../../src/index.js';
import { createRedactor, REDACTED } from '../../src/redact.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { ENCODINGS } from '../support/secret-encodings.js';
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

  // Where one character's escape ends and the next one's begins is not marked: a backslash
  // may be the secret's own or the start of the next character's \\u escape. Nor is which
  // escapes of a text belong to the secret: the text around it has its own.
  it('redacts any secret of escape-prone characters, escaped up to three times over, next to text with escapes of its own', () => {
    const tricky = fc.string({ unit: fc.constantFrom(...'\\%25&amp;#x<>u0"/+ é'.split(''), '🔑'), minLength: 8, maxLength: 24 });
    const noise = fc.string({ unit: fc.constantFrom('\\n', '&amp;', '%20', '+', 'a', '\\', '&', '%', '"'), maxLength: 8 });
    // At most four layers in all, as the redactor promises: percentTwice is two.
    const encodings = fc
      .array(fc.constantFrom(...(Object.keys(ENCODINGS) as Array<keyof typeof ENCODINGS>)), { minLength: 1, maxLength: 3 })
      .filter((names) => names.reduce((layers, name) => layers + (name === 'percentTwice' ? 2 : 1), 0) <= 4);
    fc.assert(
      fc.property(tricky, encodings, noise, noise, (secret, names, before, after) => {
        const escaped = names.reduce((text, name) => ENCODINGS[name](text), secret);
        const redacted = createRedactor([secret])(`${before} ${escaped} ${after}`);
        expect(redacted).toContain(REDACTED);
        for (const encode of Object.values(ENCODINGS)) expect(redacted).not.toContain(encode(secret));
        expect(redacted).not.toContain(secret);
        expect(redacted).not.toContain(escaped);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    { layers: 'percent-encoded twice, in JSON, in JSON', escape: (secret: string) => JSON.stringify(JSON.stringify(ENCODINGS.percentTwice(secret))) },
    { layers: 'form-encoded, in JSON, HTML-escaped, in JSON', escape: (secret: string) => ENCODINGS.formEncoded(JSON.stringify(ENCODINGS.html(JSON.stringify(secret)))) },
    { layers: 'HTML-escaped twice, percent-encoded twice', escape: (secret: string) => ENCODINGS.percentTwice(ENCODINGS.html(ENCODINGS.html(secret))) },
  ])('finds a secret escaped four deep ($layers), after an ordinary escape of the text’s own and after 70,000 characters', ({ escape }) => {
    const secret = 'Zx8Q<mN7>pL4"wR/8t k~é';
    const redact = createRedactor([secret]);
    for (const before of ['{"log":"x ', '{"log":"line one\\nline two ', '<p>Terms &amp; conditions ', 'x'.repeat(70_000)]) {
      const redacted = redact(`${before}${escape(secret)} after`);
      expect(redacted).toContain(REDACTED);
      expect(redacted).not.toContain(escape(secret));
    }
  });

  it.each([
    { escaping: "Python's and Go's \\U0001F600", secret: 'secret-😀-value', written: 'secret-\\U0001f600-value' },
    { escaping: "Go's \\a and \\v", secret: 'abcdefg\u0007hij\u000bkl', written: 'abcdefg\\ahij\\vkl' },
    { escaping: "C's octal \\007", secret: 'abcdefg\u0007hijkl', written: 'abcdefg\\007hijkl' },
  ])('finds a secret written with $escaping', ({ secret, written }) => {
    expect(createRedactor([secret])(`bad: ${written}.`)).toBe(`bad: ${REDACTED}.`);
  });

  it('finds a secret with a lone surrogate that a server stored as UTF-8, where it became U+FFFD', () => {
    const secret = 'Zx8Q~mN7pL4wR8t\ud800Kx9vQ2-s3cr3t';
    expect(createRedactor([secret])(`bad clientSecret=${ENCODINGS.formEncoded(secret)}`)).toBe(`bad clientSecret=${REDACTED}`);
  });

  // A text dense with escapes of every family has dozens of readings; a secret found many
  // thousands of times is mapped back through each of them.
  it.each([
    { text: 'dense with escapes of every family', filler: '%2526&amp;#37;\\u0026+%2B\\\\x&lt;', repeat: 4_000 },
    { text: 'holding the secret thousands of times, each after an escape', filler: '\\n&amp;%41+Zx8Q<mN7>pL4&wR/8t k~é', repeat: 8_000 },
  ])('stays fast on a text $text', ({ filler, repeat }) => {
    const secret = 'Zx8Q<mN7>pL4&wR/8t k~é';
    const noise = filler.repeat(repeat);
    const escaped = JSON.stringify(JSON.stringify(ENCODINGS.percentTwice(secret)));
    const started = performance.now();
    const redacted = createRedactor([secret])(`${noise}${escaped}${noise}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(redacted).not.toContain(escaped);
    expect(redacted).not.toContain(secret);
  });

  it('leaves text that holds no secret as it was, escapes and all', () => {
    const text = 'status &lt;500&gt; at %2Fv2.1 \\u003c \\/ a+b and abc<def>ghi&jkX';
    expect(createRedactor(SECRETS)(text)).toBe(text);
  });

  it('stays fast on a large text full of near misses', () => {
    const secret = '%'.repeat(40) + 'x';
    const text = '%25'.repeat(300_000);
    const started = performance.now();
    expect(createRedactor([secret])(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(2000);
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
    expect(error.message).toContain(`<pre>${REDACTED}…`);
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
