// DocuSign's official Node SDK (docusign-esign) against the mock and the reference server:
// teams that move from the SDK to this kit, or keep both, test against the same servers.
// The SDK sends DELETE with a `{}` JSON body, which the contract accepts.
import { createServer, request as forwardRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../contract-tests/support/mock-server.js';
import { startReferenceServer, type ReferenceServer } from '../../contract-tests/reference-server/server.js';

interface ConnectApi {
  createConnectOAuthConfig(accountId: string, options: { connectOAuthConfig: unknown }): Promise<unknown>;
  getConnectOAuthConfig(accountId: string): Promise<unknown>;
  updateConnectOAuthConfig(accountId: string, options: { connectOAuthConfig: unknown }): Promise<unknown>;
  deleteConnectOAuthConfig(accountId: string): Promise<unknown>;
}
const docusign = createRequire(import.meta.url)('docusign-esign') as {
  ApiClient: new (options: { basePath: string }) => { addDefaultHeader(name: string, value: string): void };
  ConnectApi: new (client: unknown) => ConnectApi;
};

const TOKEN = 'sdk-interop-token';
const ACCOUNTS = { 'an account number': '18394725', 'an account ID GUID': '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69' };
const config = { authorizationServerUrl: 'https://auth.example.org/oauth/token', clientId: 'docusign-connect', clientSecret: 'sdk-interop-secret-0123' };

interface Seen { method: string; contentType: string | undefined; body: string; status: number }

/** A pass-through in front of a server that records what the SDK sent and what came back. */
async function recordingFront(target: string): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const outgoing = forwardRequest({ hostname: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } }, (incoming) => {
        seen.push({ method: request.method!, contentType: request.headers['content-type'], body: body.toString('utf8'), status: incoming.statusCode! });
        response.writeHead(incoming.statusCode!, incoming.headers);
        incoming.pipe(response);
      });
      outgoing.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function sdk(basePath: string): ConnectApi {
  const apiClient = new docusign.ApiClient({ basePath });
  apiClient.addDefaultHeader('Authorization', `Bearer ${TOKEN}`);
  return new docusign.ConnectApi(apiClient);
}

let mock: RunningMock;
let reference: ReferenceServer;
beforeAll(async () => {
  [mock, reference] = await Promise.all([startMock(), startReferenceServer({ token: TOKEN })]);
});
afterAll(async () => {
  await Promise.all([mock?.close(), reference?.close()]);
});

const servers = { 'the mock': () => mock.url, 'the reference server': () => reference.url };
const cases = Object.entries(servers).flatMap(([server, url]) => Object.entries(ACCOUNTS).map(([kind, accountId]) => ({ server, url, kind, accountId })));

describe('docusign-esign 10.0.0', () => {
  it.each(cases)('creates, reads, updates and deletes on $server with $kind', async ({ url, accountId }) => {
    const front = await recordingFront(url());
    try {
      const connect = sdk(front.url);
      await connect.createConnectOAuthConfig(accountId, { connectOAuthConfig: config });
      await connect.getConnectOAuthConfig(accountId);
      await connect.updateConnectOAuthConfig(accountId, { connectOAuthConfig: { ...config, scope: 'connect.listener' } });
      await connect.deleteConnectOAuthConfig(accountId);

      expect(front.seen.map(({ method, status }) => `${method} ${status}`)).toEqual(['POST 201', 'GET 200', 'PUT 200', 'DELETE 200']);
      // The request the contract had to make room for: DELETE with {} as JSON.
      const sentDelete = front.seen.find((request) => request.method === 'DELETE')!;
      expect(sentDelete.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(sentDelete.body)).toEqual({});
    } finally {
      await front.close();
    }
  });
});
