// .ci/vitest-totals.mjs, whose last line is CI's total: counts per run, their sum, and each
// failed test named with the first line of its error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCommandStatus } from '../support/run-command.js';

let folder: string;

const report = (overrides: Record<string, unknown>) => ({
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [],
  ...overrides,
});

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vitest-totals-'));
  await writeFile(join(folder, 'clean.json'), JSON.stringify(report({ numPassedTests: 5, numPendingTests: 2 })));
  const failing = report({
    numPassedTests: 3,
    numFailedTests: 2,
    testResults: [
      {
        name: join(folder, 'test/client/faults.test.ts'),
        status: 'failed',
        message: '',
        assertionResults: [
          { fullName: 'faults retries GET on 503', status: 'passed', failureMessages: [] },
          { fullName: 'faults times out a hanging GET', status: 'failed', failureMessages: ['\nAssertionError: expected 412 to be less than 400\n    at faults.test.ts:10:3'] },
        ],
      },
      { name: join(folder, 'test/spec/broken.test.ts'), status: 'failed', message: 'SyntaxError: Unexpected token', assertionResults: [] },
    ],
  });
  await writeFile(join(folder, 'failing.json'), JSON.stringify(failing));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

const totals = (...runs: string[]) => runCommandStatus('node', [join(REPO_ROOT, '.ci/vitest-totals.mjs'), ...runs], { cwd: folder });

describe('vitest-totals', () => {
  it('sums every run on its last line and names each failed test with its first error line', async () => {
    const result = await totals('v20, all=clean.json', 'v22, some=failing.json');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('8 passed, 2 failed');
    expect(lines.at(-2)).toBe('Skipped in all runs: 2');
    expect(lines).toContain('  v20, all: 5 passed, 0 failed, 2 skipped');
    expect(lines).toContain('  v22, some: 3 passed, 2 failed, 0 skipped');
    expect(lines).toContain('    failed: test/client/faults.test.ts > faults times out a hanging GET: AssertionError: expected 412 to be less than 400');
    expect(lines).toContain('    failed: test/spec/broken.test.ts: SyntaxError: Unexpected token');
    expect(lines.filter((line) => line.includes('failed: '))).toHaveLength(2);
  });

  it('counts a run without a report as one failure and says so', async () => {
    const result = await totals('v24, some=missing.json', 'v20, all=clean.json');
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain('  v24, some: vitest wrote no report to missing.json: it did not run, or did not finish (counted as 1 failed).');
    expect(lines.at(-1)).toBe('5 passed, 1 failed');
  });
});
