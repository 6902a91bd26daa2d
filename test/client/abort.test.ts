import { afterEach, describe, expect, it } from 'vitest';
import { createConnectOAuthClient, InputError, TimeoutError } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
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

describe('a pending accessToken function', () => {
  const never = () => new Promise<string>(() => {});

  it('is cut short by the caller’s abort: the call rejects with the reason within 50 ms and sends nothing', async () => {
    server = await startFaultServer([{ status: 200, body: {} }]);
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: never, timeoutMs: 10_000 });
    const controller = new AbortController();
    const call = client.getConnectOAuthConfig('18394725', { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const aborted = performance.now();
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    const latency = performance.now() - aborted;
    console.log(`abort during a pending token: rejected ${latency.toFixed(2)} ms after abort()`);
    expect(latency).toBeLessThan(50);
    expect(server.requests).toHaveLength(0);
  });

  it('that hangs becomes a TimeoutError after timeoutMs, without a retry', async () => {
    server = await startFaultServer([{ status: 200, body: {} }]);
    let asked = 0;
    const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: () => (asked++, never()), timeoutMs: 200 });
    const started = performance.now();
    const error = await client.getConnectOAuthConfig('18394725').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, attempts: 1 });
    expect((error as Error).message).toMatch(/accessToken function gave no token within 200 ms/);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(asked).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('that throws, or returns no string, is an InputError and is not asked again', async () => {
    server = await startFaultServer([{ status: 503, headers: { 'retry-after': '0' }, body: {} }]);
    const sources: Array<[() => unknown, RegExp]> = [
      [() => Promise.reject(new Error('refresh failed')), /accessToken function threw an Error/],
      [() => undefined, /accessToken function returned undefined, not a token string/],
      [async () => ({ token: 'x' }), /returned object/],
    ];
    for (const [source, message] of sources) {
      let asked = 0;
      const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: (() => (asked++, source())) as () => string, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 2 } });
      const error = await client.getConnectOAuthConfig('18394725').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect(asked).toBe(1);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('is covered on raw calls too', async () => {
    server = await startFaultServer([{ status: 200, body: {} }]);
    const client = createRawConnectOAuthClient({ baseUrl: server.url, accessToken: never, timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    await expect(client.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: '18394725' } }, signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});
