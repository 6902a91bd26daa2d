// The Node.js entry (the package's "node" export): the browser entry's exports, the four
// operations on node:http unless a fetch is given. The raw client (the ./raw entry, the
// same on every platform) sends on the global fetch.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as nodeEntry from '../../node/index.js';
import * as browserEntry from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { ACCESS_TOKEN } from '../support/secrets.js';

const created = { success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' } };
const body = { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'docusign-connect', clientSecret: 'a-secret-value' };
let server: FaultServer | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  server = undefined;
});

describe('the Node.js entry', () => {
  it('exports what the browser entry exports, the same classes', () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(browserEntry).sort());
    expect(nodeEntry.ContractError).toBe(browserEntry.ContractError);
  });

  it('is what Node.js resolves the package to, with the browser entry for everything else', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, Record<string, string>> };
    expect(manifest.exports['.']).toEqual({ types: './dist/src/index.d.ts', node: './dist/node/index.js', default: './dist/src/index.js' });
  });

  it('sends the four operations without the global fetch, and the raw client’s calls with it', async () => {
    server = await startFaultServer([{ status: 201, body: created }]);
    const globalFetch = vi.fn(globalThis.fetch);
    vi.stubGlobal('fetch', globalFetch);
    const client = nodeEntry.createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    await expect(client.createConnectOAuthConfig('18394725', body)).resolves.toEqual(created.data);
    expect(globalFetch).not.toHaveBeenCalled();
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/v2.1/accounts/18394725/connect/oauth', body: JSON.stringify(body) });
    expect(server.requests[0]!.headers).toMatchObject({ authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json', 'content-length': String(JSON.stringify(body).length) });

    const raw = createRawConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    await raw.POST('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: '18394725' } }, body });
    expect(globalFetch).toHaveBeenCalledTimes(1);
  });

  it('sends with the fetch it is given, when it is given one', async () => {
    server = await startFaultServer([{ status: 201, body: created }]);
    const fetch = vi.fn(globalThis.fetch);
    const client = nodeEntry.createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, fetch });
    await client.createConnectOAuthConfig('18394725', body);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', body: JSON.stringify(body), redirect: 'manual' });
  });

  it('reads a body that arrives in many chunks, multi-byte characters split across them', async () => {
    const data = { ...created.data, id: 'é'.repeat(30_000) };
    server = await startFaultServer([{ stream: true, status: 201, headers: { 'content-type': 'application/json' }, chunk: JSON.stringify({ success: true, data }), totalBytes: Buffer.byteLength(JSON.stringify({ success: true, data })) }]);
    const client = nodeEntry.createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, validateResponses: false });
    await expect(client.createConnectOAuthConfig('18394725', body)).resolves.toEqual(data);
  });
});
