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
  // may be the secret's own or the start of the next character's \\u escape.
  it('redacts any secret of escape-prone characters, in every escaping, wherever one escape meets another', () => {
    const tricky = fc.string({ unit: fc.constantFrom(...'\\%25&amp;#x<>u0"/+ é'.split(''), '🔑'), minLength: 8, maxLength: 24 });
    fc.assert(
      fc.property(tricky, fc.constantFrom(...(Object.keys(ENCODINGS) as Array<keyof typeof ENCODINGS>)), (secret, encoding) => {
        const redacted = createRedactor([secret])(`before ${ENCODINGS[encoding](secret)} after`);
        expect(redacted).toContain(REDACTED);
        for (const encode of Object.values(ENCODINGS)) expect(redacted).not.toContain(encode(secret));
        expect(redacted).not.toContain(secret);
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds a secret escaped four deep: percent-encoded twice, in JSON, in JSON', () => {
    const secret = 'Zx8Q<mN7>pL4&wR/8t k~é';
    const escaped = JSON.stringify(JSON.stringify(ENCODINGS.percentTwice(secret)));
    expect(createRedactor([secret])(`before ${escaped} after`)).toBe(`before "\\"${REDACTED}\\"" after`);
  });

  // Every reading of a text dense with escapes of all four families: seconds over a megabyte
  // if it were read four deep.
  it('stays fast on a megabyte dense with escapes of every family, and still finds a secret escaped two deep in it', () => {
    const secret = 'Zx8Q<mN7>pL4&wR/8t k~é';
    const noise = '%2526&amp;#37;\\u0026+%2B\\\\x&lt;'.repeat(16_000);
    const started = performance.now();
    const redacted = createRedactor([secret])(`${noise}${JSON.stringify(ENCODINGS.goJson(secret))}${noise}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(redacted).toContain(`"${REDACTED}"`);
    expect(redacted.length).toBe(2 * noise.length + REDACTED.length + 2);
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
