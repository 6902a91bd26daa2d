// `npm run contract` end to end, as a CI pipeline runs it: exit code, summary, JUnit file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../contract-tests/reference-server/server.js';
import { REPO_ROOT as root, runCommandStatus } from '../support/run-command.js';

let reportDir: string;
const servers: ReferenceServer[] = [];

async function contract(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; junit: string }> {
  // Writes on and no pace: these servers are the tests' own, started empty.
  const options = { cwd: root, env: { ...process.env, CONTRACT_REPORT_DIR: reportDir, CONTRACT_CASES: '5', CONTRACT_WRITES: 'on', CONTRACT_RATE: '0', ...env }, timeout: 60_000 };
  const { code, stdout, stderr } = await runCommandStatus(process.execPath, ['--import', './scripts/run-typescript.mjs', 'contract-tests/run-contract.ts'], options);
  return { code, stdout, stderr, junit: await readFile(join(reportDir, 'contract-junit.xml'), 'utf8') };
}

beforeAll(async () => {
  reportDir = await mkdtemp(join(tmpdir(), 'connect-oauth-contract-'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(reportDir, { recursive: true, force: true });
});

describe('npm run contract', () => {
  it('passes against a live server that keeps the contract, with a summary and a JUnit report', async () => {
    const server = await startReferenceServer({ token: 'cli-token' });
    servers.push(server);
    const { code, stdout, junit } = await contract({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: 'cli-token', CONTRACT_ACCOUNT_ID: '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69' });
    expect(stdout).toMatch(/43 check runs: 39 passed, 0 failed, 4 skipped/);
    expect(code).toBe(0);
    expect(junit).toMatch(/<testsuites [^>]*tests="44" failures="0"/);
  });

  it('exits non-zero against a broken server, naming the rule, the request and the response', async () => {
    const server = await startReferenceServer({ token: 'cli-token', faults: ['no-conflict'] });
    servers.push(server);
    const { code, stdout, junit } = await contract({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: 'cli-token', CONTRACT_ACCOUNT_ID: '18394725' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL stateful_crud › resource/);
    expect(stdout).toMatch(/create twice: expected 409, got 201/);
    expect(stdout).toMatch(/request \(create twice\): POST http:\/\/127\.0\.0\.1:\d+\/v2\.1\/accounts\/18394725\/connect\/oauth/);
    expect(stdout).toMatch(/authorization: Bearer \*\*\*/);
    expect(stdout).not.toContain('cli-token');
    expect(junit).toMatch(/failures="1"/);
  });

  it('refuses a live target without a token or account id, with a message saying what to set', async () => {
    const { code, stdout, stderr } = await contract({ CONTRACT_TARGET: 'https://demo.docusign.net/restapi' });
    expect(code).toBe(2);
    expect(stdout + stderr).toContain('CONTRACT_TARGET is set, so CONTRACT_TOKEN and CONTRACT_ACCOUNT_ID must be too');
  });
});
