// A live account's rate limits: a 429 is waited out and sent again, never a violation; the
// suite stops before the server's count of calls left reaches 0, and at its own budget.
import { afterEach, describe, expect, it } from 'vitest';
import { LIMIT_RESERVE } from '../../contract-tests/engine/request-pacer.js';
import { startLiveVariant, type LiveVariant, type LiveVariantOptions } from '../../contract-tests/reference-server/live-variants.js';
import { runContract, runContractInProcess } from './support/contract-run.js';

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
    const run = await runContractInProcess(target(server));
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
    // Every wait cut short, so that a run of some 330 requests stays quick; the test above waits in full.
    const run = await runContractInProcess({ ...target(server), CONTRACT_WRITES: 'on', CONTRACT_MAX_REQUESTS: '0', CONTRACT_MAX_WAIT_MS: '20' });
    const waits = run.record?.requests?.waits.length ?? 0;
    expect(waits).toBeGreaterThan(20);
    expect(run.stdout).toMatch(/51 check runs: 47 passed, 0 failed, 4 skipped/);
    expect(run.stdout).toMatch(new RegExp(`Rate limited \\(429\\) ${waits} times, waited \\d+\\.\\d s in all \\(Retry-After: 1\\), ${waits} waits cut to CONTRACT_MAX_WAIT_MS, then sent again`));
    expect(run.stdout).not.toMatch(/answered 429|got 429/);
    expect(run.code).toBe(0);
  });

  it('stops sending before X-RateLimit-Remaining reaches 0, and says what it did not run', async () => {
    const server = await account({ remaining: 8 });
    const run = await runContractInProcess(target(server));
    const lowest = Math.min(...server.received.map((request) => request.remainingBefore!));
    expect(lowest).toBeGreaterThan(0);
    expect(lowest).toBe(LIMIT_RESERVE + 1);
    expect(server.received).toHaveLength(8 - LIMIT_RESERVE);
    expect(run.stdout).toContain(`Stopped sending: the server reported X-RateLimit-Remaining: ${LIMIT_RESERVE}`);
    expect(run.stdout).toMatch(/Not run \(\d+\): .*›/);
    expect(run.stdout).toContain(`Last limits the server reported: X-RateLimit-Limit 8, X-RateLimit-Remaining ${LIMIT_RESERVE}`);
    expect(run.stdout).toMatch(/skipped (\d+, )?not (run|finished): the server reported X-RateLimit-Remaining/);
    expect(run.code).toBe(2);
  });

  it('refuses, before it sends anything, a budget that cannot hold the run’s plan, and says what would', async () => {
    const server = await account({});
    for (const budget of ['1', '20']) {
      const run = await runContractInProcess({ ...target(server), CONTRACT_MAX_REQUESTS: budget });
      expect(server.received).toHaveLength(0);
      expect(run.stdout).toMatch(new RegExp(`this run plans (\\d+) requests .*, more than the budget of ${budget} \\(CONTRACT_MAX_REQUESTS\\); nothing was sent\\. Set CONTRACT_MAX_REQUESTS to at least \\d+`));
      expect(run.code).toBe(2);
    }
  });

  it('stops when rate-limit retries spend a budget that held the plan, says what it did not run, and exits 2', async () => {
    const planned = (await runContractInProcess({ ...target(await account({})), CONTRACT_MAX_REQUESTS: '0' })).record?.planned;
    expect(planned).toBeGreaterThan(10);
    const server = await account({ rateLimitEvery: 5 });
    // As a process: one that stopped sending still ends, with its exit code.
    const run = await runContract({ ...target(server), CONTRACT_MAX_REQUESTS: String(planned), CONTRACT_MAX_WAIT_MS: '20' });
    expect(server.received).toHaveLength(planned!);
    expect(run.stdout).toContain(`Requests sent: ${planned} of a budget of ${planned} (CONTRACT_MAX_REQUESTS), retries included; the plan was ${planned}`);
    expect(run.stdout).toContain(`Stopped sending: the budget of ${planned} requests (CONTRACT_MAX_REQUESTS) is spent.`);
    expect(run.stdout).toMatch(/Not run \(\d+\): /);
    expect(run.stdout).toContain('The run did not finish, so it does not pass: it exits 2');
    // Nor does its JUnit report read as a pass.
    expect(run.junit).toMatch(/<testsuites [^>]*errors="1"/);
    expect(run.junit).toContain('the run finished every planned check');
    expect(run.code).toBe(2);
  });

  it('fails with exit 1 a server whose only fault is in its answers, at the default budget with writes on and the default case count', async () => {
    const server = await account({ faults: ['wrong-error-code'] });
    const run = await runContractInProcess({ ...target(server), CONTRACT_WRITES: 'on', CONTRACT_CASES: '20' });
    expect(run.stdout).not.toContain('Stopped sending');
    expect(run.stdout).toMatch(/FAIL response_schema_conformance › (GET|PUT|DELETE)/);
    expect(run.code).toBe(1);
  });
});

describe('the plan a live run counts before sending', () => {
  it.each([
    ['read-only', {}],
    ['writes on', { CONTRACT_WRITES: 'on' }],
    ['writes on, CONTRACT_CASES=5', { CONTRACT_WRITES: 'on', CONTRACT_CASES: '5' }],
  ])('is what a correct server receives (%s), the clean-up apart', async (_label, settings) => {
    const server = await account({});
    const run = await runContractInProcess({ ...target(server), CONTRACT_MAX_REQUESTS: '100000', ...settings });
    expect(run.code).toBe(0);
    const cleanUp = 'CONTRACT_WRITES' in settings ? 2 : 0;
    expect(run.record?.planned).toBe(server.received.length - cleanUp);
  });

  it('judges every answer that came even after rate-limit retries spent the budget: a broken answer still fails the run with exit 1', async () => {
    const planned = (await runContractInProcess({ ...target(await account({})), CONTRACT_MAX_REQUESTS: '0' })).record?.planned;
    const server = await account({ rateLimitEvery: 5, faults: ['no-trace-token'] });
    const run = await runContractInProcess({ ...target(server), CONTRACT_MAX_REQUESTS: String(planned), CONTRACT_MAX_WAIT_MS: '20' });
    expect(run.stdout).toContain('Stopped sending: the budget');
    expect(run.stdout).toMatch(/FAIL response_headers_conformance › (GET|resource)/);
    expect(run.code).toBe(1);
  });
});
