// 4. The test loop: `npm test` as CI meets it, on a fresh clone of the commit checked out (its
// own node_modules from `npm ci`, no cache of the package's pack, the pinned Node.js 24 fetched
// again by its test), timed from outside. What is not committed is not measured.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runCommand } from '../test/support/run-command.js';

export interface FreshCloneTestResult {
  commit: string;
  /** Wall time of `npm test` alone, not of the clone or `npm ci`. */
  wallMs: number;
  exitCode: number;
}

export async function measureFreshCloneTest(): Promise<FreshCloneTestResult> {
  const work = await mkdtemp(join(tmpdir(), 'connect-oauth-bench-clone-'));
  try {
    const commit = (await runCommand('git', ['rev-parse', '--short', 'HEAD'], REPO_ROOT)).trim();
    const clone = join(work, 'repo');
    await runCommand('git', ['clone', '--quiet', REPO_ROOT, clone], work);
    await runCommand('npm', ['ci', '--no-audit', '--no-fund'], clone);
    const started = performance.now();
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn('npm', ['test'], { cwd: clone, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    return { commit, wallMs: performance.now() - started, exitCode };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
