// A live account's rate limits: a 429 is waited out and sent again, never a violation; the
// suite stops before the server's count of calls left reaches 0, and at its own budget.
import { afterEach, describe, expect, it } from 'vitest';
import { LIMIT_RESERVE } from '../../contract-tests/engine/request-pacer.js';
import { startLiveVariant, type LiveVariant, type LiveVariantOptions } from '../../contract-tests/reference-server/live-variants.js';
import { runContract } from './support/contract-run.js';

const TOKEN = 'rate-limited-token';
const ACCOUNT = '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69';

const servers: LiveVariant[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function account(options: Partial<LiveVariantOptions>): Promise<LiveVariant> {
  const server = await startLiveVariant({ token: TOKEN, ...options });
  servers.push(server);
  return server;
}

const target = (server: LiveVariant) => ({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: ACCOUNT, CONTRACT_RATE: '0' });

describe('rate limits of a live account', () => {
  it('waits out a 429 on 1 request in 7 for its Retry-After: 1 and passes a read-only run with no violation, reporting the waits', async () => {
    const server = await account({ rateLimitEvery: 7 });
    const started = Date.now();
    const run = await runContract(target(server));
    const waits = run.record?.requests?.waits ?? [];
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(waits.map((wait) => JSON.stringify(wait)))).toEqual(new Set([JSON.stringify({ ms: 1000, source: 'Retry-After: 1', capped: false })]));
    expect(Date.now() - started).toBeGreaterThan(waits.length * 1000);
    expect(run.stdout).toContain(`Rate limited (429) ${waits.length} times, waited ${waits.length}.0 s in all (Retry-After: 1), then sent again`);
    expect(run.stdout).not.toMatch(/answered 429|got 429/);
    expect(run.stdout).toMatch(/: [1-9]\d* passed, 0 failed/);
    expect(run.stdout).not.toContain('Stopped sending');
    expect(run.code).toBe(0);
  });

  it('passes every check with no violation against a server that answers 1 request in 7 with 429, reporting the waits', async () => {
    const server = await account({ rateLimitEvery: 7 });
    // Every wait cut short, so that a run of some 300 requests stays quick; the test above waits in full.
    const run = await runContract({ ...target(server), CONTRACT_WRITES: 'on', CONTRACT_MAX_REQUESTS: '0', CONTRACT_MAX_WAIT_MS: '20' });
    const waits = run.record?.requests?.waits.length ?? 0;
    expect(waits).toBeGreaterThan(20);
    expect(run.stdout).toMatch(/51 check runs: 47 passed, 0 failed, 4 skipped/);
    expect(run.stdout).toMatch(new RegExp(`Rate limited \\(429\\) ${waits} times, waited \\d+\\.\\d s in all \\(Retry-After: 1\\), ${waits} waits cut to CONTRACT_MAX_WAIT_MS, then sent again`));
    expect(run.stdout).not.toMatch(/answered 429|got 429/);
    expect(run.code).toBe(0);
  });

  it('stops sending before X-RateLimit-Remaining reaches 0, and says what it did not run', async () => {
    const server = await account({ remaining: 8 });
    const run = await runContract(target(server));
    const lowest = Math.min(...server.received.map((request) => request.remainingBefore!));
    expect(lowest).toBeGreaterThan(0);
    expect(lowest).toBe(LIMIT_RESERVE + 1);
    expect(server.received).toHaveLength(8 - LIMIT_RESERVE);
    expect(run.stdout).toContain(`Stopped sending: the server reported X-RateLimit-Remaining: ${LIMIT_RESERVE}`);
    expect(run.stdout).toMatch(/Not run \(\d+\): .*›/);
    expect(run.stdout).toContain(`Last limits the server reported: X-RateLimit-Limit 8, X-RateLimit-Remaining ${LIMIT_RESERVE}`);
    expect(run.stdout).toMatch(/skipped (\d+, )?not (run|finished): the server reported X-RateLimit-Remaining/);
  });

  it('stops at CONTRACT_MAX_REQUESTS, reporting the requests sent and what was not run', async () => {
    const server = await account({});
    const run = await runContract({ ...target(server), CONTRACT_MAX_REQUESTS: '4' });
    expect(server.received).toHaveLength(4);
    expect(run.stdout).toContain('Requests sent: 4 of a budget of 4 (CONTRACT_MAX_REQUESTS)');
    expect(run.stdout).toContain('Stopped sending: the budget of 4 requests (CONTRACT_MAX_REQUESTS) is spent.');
    expect(run.stdout).toMatch(/Not run \(\d+\): /);
    expect(run.code).toBe(0);
  });

  it('exits 2 when the budget is spent before any check could run', async () => {
    const server = await account({});
    const run = await runContract({ ...target(server), CONTRACT_MAX_REQUESTS: '1' });
    expect(server.received).toHaveLength(1);
    expect(run.stdout).toContain('Stopped sending: the budget of 1 requests (CONTRACT_MAX_REQUESTS) is spent.');
    expect(run.code).toBe(2);
  });
});
