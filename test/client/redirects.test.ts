// No redirect is followed: a 3xx is a ContractError that names the host it pointed to, and
// the other host, here a plain-http listener, receives nothing: no token, no clientSecret.
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, createConnectOAuthClient, type ConnectOAuthClient, type ConnectOAuthClientOptions } from '../../src/index.js';
import { createRawConnectOAuthClient, type RawConnectOAuthClient } from '../../src/raw.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { ACCESS_TOKEN, expectNoSecretIn, validBody } from '../support/secrets.js';

const ACCOUNT = '18394725';
const PATH = '/v2.1/accounts/{accountId}/connect/oauth';

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function redirecting(status: number, location: (collector: FaultServer) => string) {
  const collector = await startFaultServer([{ status: 201, body: { success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' } } }]);
  servers.push(collector);
  const api = await startFaultServer([{ status, headers: { location: location(collector) } }]);
  servers.push(api);
  const client = clientsFor({ baseUrl: api.url, accessToken: ACCESS_TOKEN, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 4 } });
  return { api, collector, client };
}

/** The typed client and the raw one, made with the same options. */
interface Clients {
  typed: ConnectOAuthClient;
  raw: RawConnectOAuthClient;
}
const clientsFor = (options: ConnectOAuthClientOptions): Clients => ({ typed: createConnectOAuthClient(options), raw: createRawConnectOAuthClient(options) });

type Send = (client: Clients) => Promise<unknown>;
const calls: Array<[string, Send]> = [
  ['createConnectOAuthConfig', (client) => client.typed.createConnectOAuthConfig(ACCOUNT, validBody)],
  ['getConnectOAuthConfig', (client) => client.typed.getConnectOAuthConfig(ACCOUNT)],
  ['updateConnectOAuthConfig', (client) => client.typed.updateConnectOAuthConfig(ACCOUNT, validBody)],
  ['deleteConnectOAuthConfig', (client) => client.typed.deleteConnectOAuthConfig(ACCOUNT)],
  ['raw.POST', (client) => client.raw.POST(PATH, { params: { path: { accountId: ACCOUNT } }, body: validBody })],
  ['raw.GET', (client) => client.raw.GET(PATH, { params: { path: { accountId: ACCOUNT } } })],
  ['raw.PUT with parseAs "stream"', (client) => client.raw.PUT(PATH, { params: { path: { accountId: ACCOUNT } }, body: validBody, parseAs: 'stream' })],
];

describe('a redirect', () => {
  it.each(calls.flatMap(([name, send]) => [301, 302, 303, 307, 308].map((status) => ({ name, send, status }))))(
    '$status to a plain-http host: $name rejects with a ContractError naming the host, and sends it nothing',
    async ({ send, status }) => {
      const { api, collector, client } = await redirecting(status, (other) => `${other.url}/collect?secret=${validBody.clientSecret}&next=%2Fdeep#frag`);
      const error = await send(client).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({ status, attempts: 1 });
      const host = new URL(collector.url).host;
      expect(error!.message).toContain(`redirects to host ${host}`);
      expect(error!.message).not.toMatch(/collect|secret=|next=|frag/);
      expect(collector.requests).toHaveLength(0);
      expect(api.requests).toHaveLength(1);
      expectNoSecretIn(error);
    },
  );

  it('to a path on the same host is not followed either', async () => {
    const { api, client } = await redirecting(307, () => '/elsewhere');
    const error = await client.typed.getConnectOAuthConfig(ACCOUNT).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).message).toContain(`redirects to host ${new URL(api.url).host}`);
    expect(api.requests).toHaveLength(1);
  });

  it.each(calls)('304 is a ContractError for %s that calls it Not Modified, not a redirect', async (_name, send) => {
    const api = await startFaultServer([{ status: 304 }]);
    servers.push(api);
    const client = clientsFor({ baseUrl: api.url, accessToken: ACCESS_TOKEN, retry: false });
    const error = await send(client).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ status: 304 });
    expect(error!.message).toMatch(/304 Not Modified, which only answers a conditional request/);
    expect(error!.message).not.toMatch(/redirect/);
  });

  it('without a Location says so', async () => {
    const api = await startFaultServer([{ status: 302 }]);
    servers.push(api);
    const client = createConnectOAuthClient({ baseUrl: api.url, accessToken: ACCESS_TOKEN });
    await expect(client.deleteConnectOAuthConfig(ACCOUNT)).rejects.toThrow(/redirects without a Location/);
  });

  it('is refused by the transport even when the injected fetch would follow it: every fetch gets redirect "manual"', async () => {
    const seen: Array<RequestRedirect | undefined> = [];
    const client = clientsFor({
      baseUrl: 'https://demo.docusign.net/restapi',
      accessToken: ACCESS_TOKEN,
      fetch: async (_input, init) => {
        seen.push(init?.redirect);
        return new Response(JSON.stringify({ success: true, data: { id: 'abc123', deleted_at: '2025-06-30T17:45:00Z' } }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    await client.typed.deleteConnectOAuthConfig(ACCOUNT);
    await client.raw.DELETE(PATH, { params: { path: { accountId: ACCOUNT } } });
    expect(seen).toEqual(['manual', 'manual']);
  });
});

describe('a raw call’s redirect error', () => {
  it('redacts the clientSecret of the raw body, even echoed into the Location’s host', async () => {
    const api = await startFaultServer([(request) => ({ status: 307, headers: { location: `https://${(JSON.parse(request.body) as { clientSecret: string }).clientSecret}.collector.example/` } })]);
    servers.push(api);
    const secret = 'RawBodySecret77';
    for (const retry of [false, { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }] as const) {
      const client = createRawConnectOAuthClient({ baseUrl: api.url, accessToken: ACCESS_TOKEN, retry });
      const error = await client.POST(PATH, { params: { path: { accountId: ACCOUNT } }, body: { ...validBody, clientSecret: secret } }).catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(ContractError);
      expect((error as Error).message).toContain('redirects to host [REDACTED].collector.example;');
      expectNoSecretIn(error, [secret, secret.toLowerCase()]);
    }
  });
});
