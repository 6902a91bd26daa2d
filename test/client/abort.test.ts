import { afterEach, describe, expect, it } from 'vitest';
import { createConnectOAuthClient } from '../../src/index.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { ACCESS_TOKEN } from '../support/secrets.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const reason = new Error('the user navigated away');

describe('a caller’s abort', () => {
  it('stops a hanging attempt at once and rejects with the caller’s reason, not a TimeoutError', async () => {
    server = await startFaultServer([{ hang: true }]);
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, timeoutMs: 10_000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(reason), 50);
    await expect(client.getConnectOAuthConfig('18394725', { signal: controller.signal })).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('stops the retries too: an abort during the wait before a retry ends the call', async () => {
    server = await startFaultServer([{ status: 503, headers: { 'retry-after': '30' }, body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Down.' } } }]);
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(reason), 100);
    await expect(client.getConnectOAuthConfig('18394725', { signal: controller.signal })).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    server = await startFaultServer([{ status: 200, body: {} }]);
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    await expect(client.deleteConnectOAuthConfig('18394725', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});
