// A live account keeps what it has: the suite is read-only unless told otherwise, refuses to
// write over a configuration it could not restore, and leaves the account with none after
// writing, also when interrupted.
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveVariant, type LiveVariant } from '../../contract-tests/reference-server/live-variants.js';
import { runContract, runContractInProcess, writesReceived } from './support/contract-run.js';

const TOKEN = 'live-account-token';
const ACCOUNT = '18394725';
const PRODUCTION = { authorizationServerUrl: 'https://auth.example.com/oauth2/token', clientId: 'prod-client', clientSecret: 'prod-secret-do-not-lose' };

const servers: LiveVariant[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function account(options: Partial<Parameters<typeof startLiveVariant>[0]> = {}): Promise<LiveVariant> {
  const server = await startLiveVariant({ token: TOKEN, ...options });
  servers.push(server);
  return server;
}

const target = (server: LiveVariant) => ({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: ACCOUNT });

describe('a live account with a configuration stored', () => {
  it('is left byte for byte as it was by a run at the default write setting, which sends no POST, PUT or DELETE and says it was read-only', async () => {
    const server = await account({ stored: { [ACCOUNT]: PRODUCTION } });
    const before = server.storedConfiguration(ACCOUNT);
    // Unpaced: what is at stake is the default of CONTRACT_WRITES; pacing has tests of its own.
    const run = await runContractInProcess({ ...target(server), CONTRACT_RATE: '0' });
    expect(server.storedConfiguration(ACCOUNT)).toBe(before);
    expect(writesReceived(server.received)).toEqual([]);
    expect(server.received.length).toBeGreaterThan(3);
    expect(run.stdout).toMatch(/Read-only run: \d+ check runs that send POST, PUT or DELETE were skipped/);
    expect(run.stdout).toContain('CONTRACT_WRITES=on runs them');
    expect(run.stdout).toMatch(/skipped \d+, sends POST, PUT or DELETE, which could change the account, and this live run is read-only: CONTRACT_WRITES=on runs it.*:\n.*stateful_crud › resource/);
    expect(run.stdout).toMatch(/0 failed/);
    expect(run.code).toBe(0);
  });

  it('is refused by CONTRACT_WRITES=on with exit code 2, saying why and what to do, and left unchanged', async () => {
    const server = await account({ stored: { [ACCOUNT]: PRODUCTION } });
    const before = server.storedConfiguration(ACCOUNT);
    const run = await runContractInProcess({ ...target(server), CONTRACT_WRITES: 'on' });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/already has a Connect OAuth configuration.*cannot be read back, so it could not be restored.*dedicated test account.*CONTRACT_WRITES=replace/);
    expect(run.stdout).not.toMatch(/check runs/);
    expect(server.storedConfiguration(ACCOUNT)).toBe(before);
    expect(writesReceived(server.received)).toEqual([]);
  });

  it('is replaced under CONTRACT_WRITES=replace: every check runs and the account ends with no configuration', async () => {
    const server = await account({ stored: { [ACCOUNT]: PRODUCTION } });
    const run = await runContractInProcess({ ...target(server), CONTRACT_WRITES: 'replace', CONTRACT_RATE: '0' });
    expect(run.stdout).toMatch(/51 check runs: 47 passed, 0 failed, 4 skipped/);
    expect(run.stdout).not.toMatch(/read-only/i);
    expect(run.stdout).toContain('Clean-up: the account was left with no Connect OAuth configuration');
    expect(server.storedConfiguration(ACCOUNT)).toBeUndefined();
    expect(run.code).toBe(0);
  });
});

describe('a write run', () => {
  it('cleans up when interrupted: the account ends with no configuration and the exit code is 2', async () => {
    const server = await account({ delayMs: 25 });
    const run = await runContract({ ...target(server), CONTRACT_WRITES: 'on', CONTRACT_RATE: '0' }, {
      async whileRunning(child) {
        // Interrupted once the run has written something.
        while (server.storedConfiguration(ACCOUNT) === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
        child.kill('SIGTERM');
      },
    });
    expect(run.stdout).toContain('Interrupted (SIGTERM): no more requests go out; the run cleans up what it wrote, then stops.');
    expect(run.stdout).toMatch(/Not run \(\d+\): /);
    expect(run.stdout).toContain('Clean-up: the account was left with no Connect OAuth configuration');
    expect(server.storedConfiguration(ACCOUNT)).toBeUndefined();
    expect(writesReceived(server.received).length).toBeGreaterThan(0);
    expect(run.code).toBe(2);
  });
});

describe('a write run interrupted before it wrote', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('leaves a stored configuration as it was, even with CONTRACT_WRITES=replace (%s when the preflight arrives)', async (signal) => {
    const server = await account({ stored: { [ACCOUNT]: PRODUCTION }, delayMs: 300 });
    const before = server.storedConfiguration(ACCOUNT);
    const run = await runContract({ ...target(server), CONTRACT_WRITES: 'replace', CONTRACT_RATE: '0' }, {
      async whileRunning(child) {
        while (server.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        child.kill(signal);
      },
    });
    expect(writesReceived(server.received)).toEqual([]);
    expect(server.storedConfiguration(ACCOUNT)).toBe(before);
    expect(run.stdout).toContain(`Interrupted (${signal})`);
    expect(run.stdout).toContain('interrupted after the preflight: nothing was written');
    expect(run.code).toBe(2);
  });
});
