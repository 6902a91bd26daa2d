// Property tests: no bad input reaches the network, and every one gets an InputError that
// names the problem without the secret.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createConnectOAuthClient, InputError, type FetchFunction } from '../../src/index.js';
import { CLIENT_SECRET, expectNoSecretIn, validBody } from '../support/secrets.js';

export const PROPERTY_RUNS = 300;

function recordingClient() {
  const sent: string[] = [];
  const fetch: FetchFunction = async (input) => {
    sent.push(input);
    return new Response(JSON.stringify({ success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' } }), { status: 201, headers: { 'content-type': 'application/json' } });
  };
  return { sent, client: createConnectOAuthClient({ baseUrl: 'https://demo.docusign.net/restapi', accessToken: 'token-value', fetch, retry: false }) };
}

const hex = fc.constantFrom(...'0123456789abcdef');
const notAccountChar = fc.constantFrom('/', '.', ' ', '?', '#', '%', '\\', '\n', '\u0000', 'g', 'Z', '+', '_', 'é', '😀');

const badAccountId: fc.Arbitrary<unknown> = fc.oneof(
  // Any text with a character no account id has.
  fc.tuple(fc.string(), notAccountChar, fc.string()).map(([before, bad, after]) => `${before}${bad}${after}`),
  // Digits with a leading zero, or too many digits.
  fc.stringMatching(/^0[0-9]{0,10}$/),
  fc.stringMatching(/^[1-9][0-9]{18,30}$/),
  // A GUID with one group a digit short.
  fc.tuple(fc.uuid(), fc.integer({ min: 0, max: 4 })).map(([uuid, group]) => uuid.split('-').map((part, index) => (index === group ? part.slice(1) : part)).join('-')),
  fc.constant(''),
  // Not a string at all.
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(hex), fc.object()),
);

const goodAccountId = fc.oneof(fc.bigInt({ min: 1n, max: 999_999_999_999_999_999n }).map(String), fc.uuid(), fc.uuid().map((id) => id.toUpperCase()));

const REQUIRED = ['authorizationServerUrl', 'clientId', 'clientSecret'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'scope', 'customParameters']);
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.constant({ nested: { deep: 1 } }));

const badBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...REQUIRED).map((field) => {
    const { [field]: _removed, ...rest } = validBody;
    return rest;
  }),
  fc.tuple(fc.string({ minLength: 1 }).filter((key) => !KNOWN.has(key) && key !== '__proto__'), fc.jsonValue()).map(([key, value]) => ({ ...validBody, [key]: value })),
  fc.tuple(fc.constantFrom(...KNOWN), wrongType).map(([field, value]) => ({ ...validBody, [field]: value })),
  fc.webUrl({ validSchemes: ['http', 'ftp'] }).map((url) => ({ ...validBody, authorizationServerUrl: url })),
  fc.constantFrom('', ' ', 'not a url', '//host/path', 'https://').map((url) => ({ ...validBody, authorizationServerUrl: url })),
  fc.constantFrom('clientId', 'clientSecret', 'scope').map((field) => ({ ...validBody, [field]: field === 'clientSecret' ? `${CLIENT_SECRET}${'x'.repeat(1024)}` : 'y'.repeat(1025) })),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), wrongType, { minKeys: 1 }).map((customParameters) => ({ ...validBody, customParameters })),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.constant(validBody))),
);

describe('input checks', () => {
  it('refuse every bad account id with an InputError before any request', async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      fc.asyncProperty(badAccountId, async (accountId) => {
        const error = await client.getConnectOAuthConfig(accountId as string).then(() => undefined, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(/accountId/);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    expect(sent).toHaveLength(0);
  });

  it('refuse every bad body with an InputError that names the problem and not the secret', async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      fc.asyncProperty(badBody, fc.constantFrom('create', 'update'), async (body, verb) => {
        const call = verb === 'create' ? client.createConnectOAuthConfig('18394725', body as typeof validBody) : client.updateConnectOAuthConfig('18394725', body as typeof validBody);
        const error = await call.then(() => undefined, (caught: unknown) => caught);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).violations.length).toBeGreaterThan(0);
        expectNoSecretIn(error, [CLIENT_SECRET]);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    expect(sent).toHaveLength(0);
  });

  it('let every valid account id and body through, once each', async () => {
    const { client, sent } = recordingClient();
    await fc.assert(
      fc.asyncProperty(goodAccountId, fc.option(fc.string({ minLength: 1, maxLength: 50 }), { nil: undefined }), async (accountId, scope) => {
        await client.createConnectOAuthConfig(accountId, scope === undefined ? validBody : { ...validBody, scope });
      }),
      { numRuns: PROPERTY_RUNS },
    );
    expect(sent).toHaveLength(PROPERTY_RUNS);
    expect(new URL(sent[0]!).pathname).toMatch(/^\/restapi\/v2\.1\/accounts\/[^/]+\/connect\/oauth$/);
  });
});
