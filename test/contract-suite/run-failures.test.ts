// A run that fails inside the suite is the suite's failure, not the server's: exit 2, its
// reports still written, and nothing it prints quotes the token, not even before the run has
// opened its target.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractCheck } from '../../contract-tests/engine/checks/contract-check.js';
import { exitCodeOf, runContract } from '../../contract-tests/engine/contract-run.js';
import { writeJUnitReport } from '../../contract-tests/engine/report/junit-report.js';
import { summaryLines } from '../../contract-tests/engine/report/summary.js';
import { startReferenceServer, type ReferenceServer } from '../../contract-tests/reference-server/server.js';
import { runContract as runCommand } from './support/contract-run.js';

const TOKEN = 'run-failures-token-Zx8QmN7pL4';
let server: ReferenceServer;
let work: string;
beforeAll(async () => {
  server = await startReferenceServer({ token: TOKEN });
  work = await mkdtemp(join(tmpdir(), 'connect-oauth-run-failures-'));
});
afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

const throwing: ContractCheck = {
  id: 'throwing_check',
  rule: 'Throws.',
  reads: 'nothing',
  scope: 'resource',
  writes: false,
  async run(context) {
    await context.send(context.validRequest((await import('../../contract-tests/support/openapi-document.js')).listOperations().find((operation) => operation.method === 'get')!), { check: 'throwing_check', purpose: 'a read', kind: 'valid', phase: 'coverage' });
    throw new Error(`a bug in a check, holding ${TOKEN}`);
  },
};

describe('a check that throws', () => {
  it('ends the run with exit 2 and a masked reason, and the reports are still written', async () => {
    const run = await runContract({ env: { CONTRACT_TARGET: server.url, CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: '18394725' }, checks: [throwing] });
    expect(exitCodeOf(run)).toBe(2);
    expect(run.cannotRun).toMatch(/^the suite failed: a bug in a check, holding \*\*\*/);
    const summary = summaryLines(run, { harWritten: false }).join('\n');
    expect(summary).toContain('the suite failed');
    const junit = join(work, 'junit.xml');
    await writeJUnitReport(junit, run, { harWritten: false });
    const written = await readFile(junit, 'utf8');
    expect(written).toMatch(/errors="1"/);
    for (const text of [summary, written, run.cannotRun!]) expect(text).not.toContain(TOKEN);
  });
});

describe('a setting that quotes the token given in the wrong place', () => {
  it.each([
    ['CONTRACT_TARGET', { CONTRACT_TARGET: TOKEN, CONTRACT_ACCOUNT_ID: '18394725' }],
    ['CONTRACT_CASES', { CONTRACT_CASES: TOKEN }],
  ])('%s holding the token: exit 2, and the token in no output or report', async (_variable, env) => {
    const run = await runCommand({ CONTRACT_TOKEN: TOKEN, ...env });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/could not run/);
    expect(`${run.stdout}${run.stderr}${run.junit}${JSON.stringify(run.record)}`).not.toContain(TOKEN);
  });
});
