// What a client can write it can read back: every kind of body the request schema accepts,
// sent through this package's client to the stateful mock, comes back from GET and PUT as
// sent (without its secret), and the client's own response validation lets it through. The
// request and response schemas agree on custom parameters whatever their names.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock } from '../../contract-tests/reference-server/stateful-mock.js';
import { listOperations, type JsonSchema } from '../../contract-tests/support/openapi-document.js';
import { bodyExamplesOf } from '../../contract-tests/engine/coverage/operation-cases.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';
import type { RunningMock } from '../../contract-tests/support/mock-server.js';
import { createConnectOAuthClient, InputError, type ConnectOAuthClient } from '../../src/index.js';

const REQUEST = { $ref: '#/components/schemas/ConnectOAuthConfig' };
const DETAILS = { $ref: '#/components/schemas/ConnectOAuthConfigDetails' };
type Body = Record<string, unknown> & { clientSecret: string };

let mock: RunningMock;
let client: ConnectOAuthClient;
let accounts = 1000;

beforeAll(async () => {
  mock = await startStatefulMock();
  client = createConnectOAuthClient({ baseUrl: mock.url, accessToken: 'write-then-read-token', retry: false });
});
afterAll(() => mock?.close());

/** Creates, reads, replaces with `next` and reads again on a fresh account; answers what was read. */
async function roundTrip(body: Body, next: Body): Promise<void> {
  const account = String(accounts++);
  const created = await client.createConnectOAuthConfig(account, body as never);
  const { clientSecret, ...shown } = body;
  const read = await client.getConnectOAuthConfig(account);
  expect(read).toMatchObject({ ...shown, id: created.id, created_at: created.created_at });
  expect(JSON.stringify(read)).not.toContain(clientSecret);
  const { clientSecret: nextSecret, ...nextShown } = next;
  const updated = await client.updateConnectOAuthConfig(account, next as never);
  expect(updated).toMatchObject({ ...nextShown, id: created.id, created_at: created.created_at });
  const reread = await client.getConnectOAuthConfig(account);
  expect(reread).toEqual(updated);
  expect(JSON.stringify(reread)).not.toContain(nextSecret);
  for (const key of ['scope', 'customParameters']) if (!(key in next)) expect(reread).not.toHaveProperty(key);
  await client.deleteConnectOAuthConfig(account);
}

const post = listOperations().find((operation) => operation.method === 'post')!;
const examples = bodyExamplesOf(post).map(({ name, value }) => ({ name, body: value as Body }));

// Drawn by fast-check's own generators, not the suite's schema generators, so the draws can
// hold what neither the spec's authors nor its generators thought of.
const anyBody: fc.Arbitrary<Body> = fc.record(
  {
    authorizationServerUrl: fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }),
    clientId: fc.stringMatching(/^\S{1,40}$/),
    clientSecret: fc.string({ minLength: 8, maxLength: 40 }),
    scope: fc.string({ minLength: 1, maxLength: 40 }),
    customParameters: fc.dictionary(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('clientSecret', 'client_secret', 'audience', '__proto__', 'constructor')), fc.string({ maxLength: 30 }), { maxKeys: 5 }),
  },
  { requiredKeys: ['authorizationServerUrl', 'clientId', 'clientSecret'] },
);
const accepted = (schema: JsonSchema, value: unknown) => schemaViolations(schema, value).length === 0;

describe('a configuration written through the client', () => {
  it.each(examples)('is read back as sent: the spec’s $name example', async ({ body }) => {
    await roundTrip(body, examples[(examples.findIndex((example) => example.body === body) + 1) % examples.length]!.body);
  });

  it.each([
    ['the longest of everything', { authorizationServerUrl: `https://auth.example.org/${'a'.repeat(2000)}`, clientId: 'c'.repeat(256), clientSecret: 's'.repeat(1024), scope: 'x'.repeat(1024), customParameters: Object.fromEntries(Array.from({ length: 32 }, (_, index) => [`${index}`.padEnd(128, 'n'), 'v'.repeat(1024)])) }],
    ['custom parameters named like the other fields', { authorizationServerUrl: 'https://auth.example.org/t', clientId: 'c', clientSecret: 'secret-secret', customParameters: { clientId: 'x', scope: 'y', id: 'z', created_at: 'w', 'grant type': '', 'ünïcode ✓': 'ok' } }],
  ] as Array<[string, Body]>)('is read back as sent: %s', async (_label, body) => {
    await roundTrip(body, { ...examples[0]!.body });
  });

  it('is read back as sent, whatever the request schema accepts (random draws)', async () => {
    let tripped = 0;
    await fc.assert(
      fc.asyncProperty(anyBody, anyBody, async (body, next) => {
        fc.pre(accepted(REQUEST, body) && accepted(REQUEST, next));
        await roundTrip(body, next);
        tripped++;
      }),
      { numRuns: 60, seed: 18 },
    );
    expect(tripped).toBe(60);
  }, 60_000);

  it('is refused whole when a custom parameter is named after the secret: by the client before sending, and by the server', async () => {
    for (const name of ['clientSecret', 'client_secret']) {
      const body = { ...examples[0]!.body, customParameters: { [name]: 'not-the-secret' } };
      await expect(client.createConnectOAuthConfig('999', body as never)).rejects.toBeInstanceOf(InputError);
      const sent = await fetch(`${mock.url}/v2.1/accounts/999/connect/oauth`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(sent.status).toBe(400);
      await expect(client.getConnectOAuthConfig('999')).rejects.toMatchObject({ status: 404 });
    }
  });
});

describe('the request and response schemas', () => {
  it('agree on every custom parameter: one that can be sent can be returned, and one that cannot be sent is never returned', () => {
    const verdicts = new Set<boolean>();
    fc.assert(
      fc.property(anyBody, (body) => {
        const { clientSecret: _secret, ...shown } = body;
        const stored = { ...shown, id: 'abc123', created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00Z' };
        verdicts.add(accepted(REQUEST, body));
        expect(accepted(DETAILS, stored)).toBe(accepted(REQUEST, body));
      }),
      { numRuns: 2000, seed: 18 },
    );
    // Both verdicts were drawn: the property compared something.
    expect(verdicts).toEqual(new Set([true, false]));
  });
});
