// Runs the contract suite this package ships, as `npm run contract` runs it in the repository,
// with its reports in a folder of their own; the ones asked for are copied out afterwards.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The suite's files, laid out as in the repository (next to this file once built). */
const SUITE_ROOT = fileURLToPath(new URL('./', import.meta.url));

export interface SuiteRun {
  env: NodeJS.ProcessEnv;
  junit?: string;
  har?: string;
}

const REPORTS = [
  { option: 'junit', file: 'contract-junit.xml', what: 'JUnit report' },
  { option: 'har', file: 'contract.har', what: 'HAR log' },
] as const;

/** Runs the suite and answers its exit code: 0 passed, 1 a violation, 2 could not run. */
export async function runSuite(run: SuiteRun): Promise<number> {
  const reportDir = await mkdtemp(join(tmpdir(), 'connect-oauth-contract-'));
  // Resolved before anything else runs, against the folder the command was started in.
  const wanted = REPORTS.flatMap((report) => (run[report.option] ? [{ ...report, path: resolve(run[report.option]!) }] : []));
  try {
    const code = await runEntry({ ...run.env, CONTRACT_REPORT_DIR: reportDir });
    for (const report of wanted) {
      try {
        await mkdir(dirname(report.path), { recursive: true });
        await copyFile(join(reportDir, report.file), report.path);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' && (error as NodeJS.ErrnoException).path === join(reportDir, report.file) ? 'the suite wrote none' : (error as Error).message;
        process.stderr.write(`connect-oauth-contract: no ${report.what} at ${report.path}: ${reason}.\n`);
      }
    }
    return code;
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** The suite's entry script, under the TypeScript loader that runs the suite's sources. */
function runEntry(env: NodeJS.ProcessEnv): Promise<number> {
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const args = [vitest, 'run', '--config', 'contract-tests/vitest.config.ts'];
  const child = spawn(process.execPath, args, { cwd: SUITE_ROOT, env, stdio: 'inherit' });
  // A signal sent to this process alone (a CI runner stopping the job) reaches the suite, which
  // stops and cleans up; the exit code is then the suite's.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolveCode) => {
    child.on('error', (error) => {
      process.stderr.write(`connect-oauth-contract: the suite did not start: ${error.message}\n`);
      resolveCode(2);
    });
    child.on('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveCode(code ?? 2);
    });
  });
}
