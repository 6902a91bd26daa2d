// 4. The test loop: `npm test` as CI meets it, on a fresh clone of the commit checked out (its
// own node_modules from `npm ci`, no cache of the package's pack, the pinned Node.js 24 fetched
// again by its test), timed from outside. What is not committed is not measured.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCommand } from '../test/support/run-command.js';

export interface FreshCloneTestResult {
  commit: string;
  /** Wall time of `npm test` alone, not of the clone or `npm ci`. */
  wallMs: number;
  exitCode: number;
  /** What failed, when it did: the failed tests by vitest's report, or the last lines npm test printed. */
  failures: string[];
}

export async function measureFreshCloneTest(): Promise<FreshCloneTestResult> {
  const work = await mkdtemp(join(tmpdir(), 'connect-oauth-bench-clone-'));
  try {
    const commit = (await runCommand('git', ['rev-parse', '--short', 'HEAD'], REPO_ROOT)).trim();
    const clone = join(work, 'repo');
    await runCommand('git', ['clone', '--quiet', REPO_ROOT, clone], work);
    await runCommand('npm', ['ci', '--no-audit', '--no-fund'], clone);
    const started = performance.now();
    const output: Buffer[] = [];
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn('npm', ['test'], { cwd: clone, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    const wallMs = performance.now() - started;
    return { commit, wallMs, exitCode, failures: exitCode === 0 ? [] : await failuresOf(clone, Buffer.concat(output).toString()) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function failuresOf(clone: string, output: string): Promise<string[]> {
  try {
    const report = JSON.parse(await readFile(join(clone, 'reports/vitest-results.json'), 'utf8')) as { testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }> };
    const failed = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => `${file.name.slice(clone.length + 1)} > ${test.fullName}: ${test.failureMessages[0]?.split('\n')[0] ?? ''}`));
    if (failed.length > 0) return failed;
  } catch {
    // No report: npm test failed before vitest wrote one.
  }
  return output.trim().split('\n').slice(-20);
}
