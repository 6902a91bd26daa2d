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
  it('waits out a 429 on 1 request in 7 (Retry-After: 1) and passes with no violation, reporting the waits', async () => {
    const server = await account({ rateLimitEvery: 7 });
    const run = await runContract({ ...target(server), CONTRACT_WRITES: 'on' });
    const waits = run.record?.requests?.waits.length ?? 0;
    expect(waits).toBeGreaterThanOrEqual(3);
    expect(run.stdout).toMatch(/43 check runs: 39 passed, 0 failed, 4 skipped/);
    expect(run.stdout).toContain(`Rate limited (429) ${waits} times, waited ${waits}.0 s in all (Retry-After: 1), then sent again`);
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
