import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type RunningPrism } from '../../contract-tests/support/prism.js';
import { ApiError, createConnectOAuthClient, InputError } from '../../src/index.js';

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  await prism?.close();
});

const body = {
  authorizationServerUrl: 'https://auth.example.org/oauth/token',
  clientId: 'docusign-connect',
  clientSecret: 'Zx8Q~mN7pL4wR8tKx9vQ',
};

describe('the client against the mock', () => {
  it('creates, reads, updates and deletes a configuration', async () => {
    const client = createConnectOAuthClient({ baseUrl: prism.url, accessToken: 'mock-token' });
    const created = await client.createConnectOAuthConfig('18394725', body);
    expect(created).toEqual({ id: 'abc123', created_at: '2025-01-01T00:00:00Z' });
    const read = await client.getConnectOAuthConfig('18394725');
    expect(read.id).toBe('abc123');
    expect(read).not.toHaveProperty('clientSecret');
    const updated = await client.updateConnectOAuthConfig('7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69', { ...body, scope: 'connect.listener' });
    expect(updated.updated_at).toMatch(/^\d{4}-/);
    const deleted = await client.deleteConnectOAuthConfig('18394725');
    expect(deleted).toEqual({ id: 'abc123', deleted_at: '2025-06-30T17:45:00Z' });
  });

  it('turns a documented error into an ApiError with its code', async () => {
    const client = createConnectOAuthClient({
      baseUrl: prism.url,
      accessToken: 'mock-token',
      retry: false,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('prefer', 'code=404');
        return fetch(input, { ...init, headers });
      },
    });
    const error = await client.getConnectOAuthConfig('18394725').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', traceToken: expect.any(String) });
  });

  it('refuses a bad account id before sending anything', async () => {
    const client = createConnectOAuthClient({ baseUrl: prism.url, accessToken: 'mock-token' });
    await expect(client.getConnectOAuthConfig('1/../2')).rejects.toBeInstanceOf(InputError);
  });
});
