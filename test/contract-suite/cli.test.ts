// `npm run contract` end to end, as a CI pipeline runs it: exit code, summary, JUnit file, HAR.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../contract-tests/reference-server/server.js';
import { envWithoutContractSettings, REPO_ROOT as root, runCommandStatus } from '../support/run-command.js';

let reportDir: string;
const servers: ReferenceServer[] = [];
const TOKEN = 'cli-token-Kx9vQ2mN7pL4';

interface ContractRun {
  code: number;
  stdout: string;
  stderr: string;
  junit: string;
  har: string;
}

async function contract(env: Record<string, string>, dir: string = reportDir): Promise<ContractRun> {
  // Writes on, no pace and no budget: these servers are the tests' own, started empty.
  const settings = { CONTRACT_REPORT_DIR: dir, CONTRACT_CASES: '5', CONTRACT_WRITES: 'on', CONTRACT_RATE: '0', CONTRACT_MAX_REQUESTS: '0' };
  const options = { cwd: root, env: { ...envWithoutContractSettings(), ...settings, ...env }, timeout: 150_000 };
  const { code, stdout, stderr } = await runCommandStatus(process.execPath, ['--import', './scripts/run-typescript.mjs', 'contract-tests/run-contract.ts'], options);
  const read = (name: string) => readFile(join(dir, name), 'utf8').catch(() => '');
  return { code, stdout, stderr, junit: await read('contract-junit.xml'), har: await read('contract.har') };
}

async function referenceServer(faults: Parameters<typeof startReferenceServer>[0]['faults'] = []): Promise<string> {
  const server = await startReferenceServer({ token: TOKEN, faults });
  servers.push(server);
  return server.url;
}

beforeAll(async () => {
  reportDir = await mkdtemp(join(tmpdir(), 'connect-oauth-contract-'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(reportDir, { recursive: true, force: true });
});

describe('npm run contract', () => {
  it('passes against a live server that keeps the contract, with the seed and request counts in the summary and the JUnit report', async () => {
    const dir = await mkdtemp(join(reportDir, 'pass-'));
    const { code, stdout, junit, har } = await contract({ CONTRACT_TARGET: await referenceServer(), CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69', CONTRACT_SEED: '4242' }, dir);
    // The client's own check is not counted for the target.
    expect(stdout).toMatch(/51 check runs: 47 passed, 0 failed, 4 skipped/);
    expect(code).toBe(0);
    expect(stdout).toContain('Seed: 4242');
    expect(stdout).toMatch(/^ {2}POST +\d+ requests: valid \d+, invalid \d+ \(.*required 3.*malformed JSON 1, empty body 1, media type 1.*\), auth 4.*; schema keywords exercised \d+ of \d+/m);
    expect(stdout).toMatch(/^ {2}resource +4 requests: method 3, path 1$/m);
    // The clean-up after the checks too: a DELETE and a read that nothing is left.
    const total = Number(/^ {2}total +(\d+) requests \(preflight 1, coverage \d+, random \d+, stateful \d+, clean-up 2\)/m.exec(stdout)?.[1]);
    expect(total).toBeGreaterThan(200);
    expect(junit).toMatch(/<testsuites [^>]*tests="52" failures="0"/);
    expect(junit.match(/<property name="seed" value="4242"\/>/g)).toHaveLength(52);
    expect(junit).toMatch(/<property name="requests sent" value="[1-9]\d*"\/>/);
    const log = JSON.parse(har) as { log: { version: string; entries: unknown[] } };
    expect(log.log.version).toBe('1.2');
    expect(log.log.entries).toHaveLength(total);
    for (const output of [stdout, junit, har]) expect(output).not.toContain(TOKEN);
  });

  it('tells which seed CONTRACT_SEED=random picked, in the summary and the JUnit report', async () => {
    const dir = await mkdtemp(join(reportDir, 'random-'));
    const { stdout, junit } = await contract({ CONTRACT_TARGET: await referenceServer(), CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: '18394725', CONTRACT_SEED: 'random', CONTRACT_CASES: '1' }, dir);
    const seed = /Seed: (\d+) \(CONTRACT_SEED=\1 repeats this run\)/.exec(stdout)?.[1];
    expect(seed).toBeDefined();
    expect(junit).toContain(`<property name="seed" value="${seed}"/>`);
  });

  it('exits non-zero against a broken server and ends with the violations: rule, request, response and a curl command', async () => {
    const dir = await mkdtemp(join(reportDir, 'fail-'));
    const { code, stdout, junit, har } = await contract({ CONTRACT_TARGET: await referenceServer(['no-conflict']), CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: '18394725' }, dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL stateful_crud › resource/);
    expect(stdout).toMatch(/create twice: expected 409, got 201/);
    expect(stdout).toMatch(/request sent by stateful_crud \(stateful, stateful: create twice\): POST http:\/\/127\.0\.0\.1:\d+\/v2\.1\/accounts\/18394725\/connect\/oauth/);
    expect(stdout).toMatch(/authorization: Bearer \*\*\*/);
    expect(stdout).toMatch(/reproduce: curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/v2\.1\/accounts\/18394725\/connect\/oauth' .*-H "authorization: Bearer \$CONTRACT_TOKEN"/);
    expect(stdout).not.toContain('to deeply equal');
    const lastLines = stdout.trimEnd().split('\n').slice(-12).join('\n');
    expect(lastLines).toMatch(/reproduce: curl/);
    for (const output of [stdout, junit, har]) expect(output).not.toContain(TOKEN);
    expect(junit).toMatch(/failures="1"/);
  });

  it('refuses a live target without a token or account id, with a message saying what to set', async () => {
    const { code, stdout, stderr } = await contract({ CONTRACT_TARGET: 'https://demo.docusign.net/restapi' });
    expect(code).toBe(2);
    expect(stdout + stderr).toContain('CONTRACT_TARGET is set, so CONTRACT_TOKEN and CONTRACT_ACCOUNT_ID must be too');
  });
});
