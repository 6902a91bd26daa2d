// Bodies are read no further than maxResponseBytes, while they stream in: a huge or endless
// answer ends in a ContractError with the process barely grown, and its connection freed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError, createConnectOAuthClient, type ConnectOAuthClientOptions } from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';
import { startFaultServer, type FaultServer, type FaultStep } from '../support/fault-server.js';
import { ACCESS_TOKEN, expectNoSecretIn } from '../support/secrets.js';
import { rejection } from '../support/rejection.js';

const ACCOUNT = '18394725';
const PATH = '/v2.1/accounts/{accountId}/connect/oauth';
const MiB = 1024 * 1024;
const FIVE_HUNDRED_MB = 500 * 1000 * 1000;
// 64 kB of JSON-looking filler, so the body is an envelope that never closes.
const FILLER = `{"success":true,"data":{"pad":"${'x'.repeat(64 * 1024)}`;

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(step: FaultStep): Promise<FaultServer> {
  server = await startFaultServer([step]);
  return server;
}

const clientOptions = (url: string, options: Partial<ConnectOAuthClientOptions>): ConnectOAuthClientOptions => ({
  baseUrl: url,
  accessToken: ACCESS_TOKEN,
  timeoutMs: 20_000,
  retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 4 },
  ...options,
});

function clientFor(url: string, options: Partial<ConnectOAuthClientOptions> = {}) {
  return createConnectOAuthClient(clientOptions(url, options));
}

function rawClientFor(url: string, options: Partial<ConnectOAuthClientOptions> = {}) {
  return createRawConnectOAuthClient(clientOptions(url, options));
}

/** Runs `work` while sampling the resident set size; answers its outcome and the peak growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ outcome: T; growthBytes: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    const outcome = await work();
    return { outcome, growthBytes: Math.max(peak, process.memoryUsage().rss) - before };
  } finally {
    clearInterval(sampler);
  }
}

async function connectionReleased(faultServer: FaultServer): Promise<void> {
  await vi.waitFor(() => expect(faultServer.openStreams).toBe(0), { timeout: 2_000, interval: 10 });
}

describe('a body past maxResponseBytes', () => {
  it.each([
    ['a 500 MB answer with its Content-Length', { totalBytes: FIVE_HUNDRED_MB }],
    ['a 500 MB answer sent chunked', { totalBytes: FIVE_HUNDRED_MB, chunked: true }],
    ['an endless chunked answer', {}],
  ])('%s ends in a ContractError, read no further than the limit, with RSS growth under 50 MiB', async (_label, size) => {
    const faultServer = await serve({ stream: true, status: 200, chunk: FILLER, ...size });
    const started = performance.now();
    const { outcome: error, growthBytes } = await measured(() => rejection<Error>(clientFor(faultServer.url).getConnectOAuthConfig(ACCOUNT)));
    const elapsed = performance.now() - started;
    console.log(`${_label}: ContractError after ${elapsed.toFixed(0)} ms, peak RSS growth ${(growthBytes / MiB).toFixed(1)} MiB, ${(faultServer.streamedBytes / MiB).toFixed(1)} MiB sent`);
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toMatch(/maxResponseBytes \(1048576 bytes\)/);
    expect(error).toMatchObject({ status: 200, attempts: 1, method: 'GET' });
    expect(growthBytes).toBeLessThan(50 * MiB);
    // Not retried: a second attempt would get the same answer.
    expect(faultServer.requests).toHaveLength(1);
    await connectionReleased(faultServer);
    expect(faultServer.streamedBytes).toBeLessThan(64 * MiB);
    expectNoSecretIn(error);
  });

  it('is refused by a raw call too, with RSS growth under 50 MiB', async () => {
    const faultServer = await serve({ stream: true, status: 200, chunk: FILLER, totalBytes: FIVE_HUNDRED_MB, chunked: true });
    const client = rawClientFor(faultServer.url);
    const { outcome: error, growthBytes } = await measured(() => rejection<Error>(client.GET(PATH, { params: { path: { accountId: ACCOUNT } } })));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toMatch(/maxResponseBytes/);
    expect(growthBytes).toBeLessThan(50 * MiB);
    await connectionReleased(faultServer);
  });

  it('follows the maxResponseBytes option, and refuses a Content-Length over it before reading', async () => {
    const body = JSON.stringify({ success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' } });
    const { url } = await serve({ stream: true, status: 201, chunk: body, totalBytes: body.length });
    const error = await rejection<Error>(clientFor(url, { maxResponseBytes: 32 }).createConnectOAuthConfig(ACCOUNT, { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'id', clientSecret: 'a-secret-value' }));
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toContain(`the body is ${body.length} bytes, over maxResponseBytes (32 bytes)`);
    await expect(clientFor(url, { maxResponseBytes: body.length }).createConnectOAuthConfig(ACCOUNT, { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'id', clientSecret: 'a-secret-value' })).resolves.toEqual(JSON.parse(body).data);
  });
});

describe('a raw call’s attempt', () => {
  it('clears its timer once the answer is read, an empty body too', async () => {
    const { url } = await serve({ status: 200, headers: { 'content-length': '0' } });
    const timers = new Set<unknown>();
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    const set = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      if (ms === 60_000) timers.add(timer);
      return timer;
    }) as typeof setTimeout);
    const clear = vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
      timers.delete(timer);
      realClearTimeout(timer);
    });
    try {
      const { response } = await rawClientFor(url, { timeoutMs: 60_000, retry: false }).GET(PATH, { params: { path: { accountId: ACCOUNT } } });
      expect(response.status).toBe(200);
      expect(set).toHaveBeenCalledWith(expect.any(Function), 60_000);
      expect(timers.size).toBe(0);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });
});
