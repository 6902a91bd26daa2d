// Runs the contract suite this package ships, as `npm run contract` runs it in the repository,
// with its reports in a folder of their own; the ones asked for are copied out afterwards.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
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
  // The run's own scratch folder, for its reports and as the temporary folder of everything it
  // starts: an interrupted vitest leaves its temporary files behind, and they go with the folder.
  const scratch = await mkdtemp(join(tmpdir(), 'connect-oauth-contract-'));
  const reportDir = join(scratch, 'reports');
  const temporary = join(scratch, 'tmp');
  // Resolved before anything else runs, against the folder the command was started in.
  const wanted = REPORTS.flatMap((report) => (run[report.option] ? [{ ...report, from: join(reportDir, report.file), path: resolve(run[report.option]!) }] : []));
  try {
    const unwritable = await firstUnwritable(wanted);
    if (unwritable) {
      process.stderr.write(`connect-oauth-contract: cannot write the ${unwritable.what} to ${unwritable.path}: ${unwritable.reason}. Give --${unwritable.option} a file in a folder you can write to.\n`);
      return 2;
    }
    await Promise.all([mkdir(reportDir), mkdir(temporary)]);
    let code = await runEntry({ ...run.env, CONTRACT_REPORT_DIR: reportDir, TMPDIR: temporary, CONTRACT_HAR: run.har ? 'on' : 'off' }, { scratch, moves: new Map(wanted.map((report) => [report.from, report.path])) });
    for (const report of wanted) {
      try {
        await mkdir(dirname(report.path), { recursive: true });
        await copyFile(report.from, report.path);
      } catch (error) {
        const failure = error as NodeJS.ErrnoException;
        const reason = failure.code === 'ENOENT' && failure.path === report.from ? 'the suite wrote none' : failure.message;
        process.stderr.write(`connect-oauth-contract: no ${report.what} at ${report.path}: ${reason}.\n`);
        // A pass whose report went missing would read as a pass with nothing to publish.
        if (code === 0) code = 2;
      }
    }
    return code;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Checked before the run: a report asked for and not written would be lost only at the end. */
async function firstUnwritable<T extends { path: string }>(reports: T[]): Promise<(T & { reason: string }) | undefined> {
  for (const report of reports) {
    try {
      await mkdir(dirname(report.path), { recursive: true });
      await access(dirname(report.path), constants.W_OK);
      if ((await stat(report.path).catch(() => undefined))?.isDirectory()) return { ...report, reason: 'it is a folder' };
    } catch (error) {
      return { ...report, reason: (error as Error).message };
    }
  }
  return undefined;
}

interface ReportPaths {
  /** The folder the suite writes its reports and temporary files to, deleted when the command ends. */
  scratch: string;
  /** Report files the user asked for, and where they will be. */
  moves: Map<string, string>;
}

/**
 * Passes the suite's output on. A line naming a report names where it is kept instead, and a
 * line naming anything else in the scratch folder is left out: the folder is gone afterwards.
 */
function relay(from: Readable, to: Writable, paths: ReportPaths): Promise<void> {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  // A reader that went away (`| head`) ends the output, not the run: the suite finishes and its
  // scratch folder is still deleted. The listener stays: a late EPIPE must not end the process.
  let open = true;
  to.on('error', () => (open = false));
  lines.on('line', (line) => {
    let shown = line;
    for (const [file, path] of paths.moves) shown = shown.split(file).join(path);
    if (open && !shown.includes(paths.scratch)) to.write(`${shown}\n`);
  });
  return new Promise((done) => lines.once('close', done));
}

/** The suite's entry script (`npm run contract`), under the TypeScript loader that runs the suite's sources. */
async function runEntry(env: NodeJS.ProcessEnv, paths: ReportPaths): Promise<number> {
  // The entry passes its arguments on to vitest, whose cache would go into this package's folder, which may not be writable.
  const args = ['--import', join(SUITE_ROOT, 'scripts/run-typescript.mjs'), join(SUITE_ROOT, 'contract-tests/run-contract.ts'), '--no-cache'];
  const child = spawn(process.execPath, args, { cwd: SUITE_ROOT, env, stdio: ['inherit', 'pipe', 'pipe'] });
  // A signal sent to this process alone (a CI runner stopping the job) reaches the suite, which
  // stops and cleans up; the exit code is then the suite's.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const output = Promise.all([relay(child.stdout, process.stdout, paths), relay(child.stderr, process.stderr, paths)]);
    const code = await new Promise<number>((resolveCode) => {
      child.once('error', (error) => {
        process.stderr.write(`connect-oauth-contract: the suite did not start: ${error.message}\n`);
        resolveCode(2);
      });
      child.once('close', (exitCode) => resolveCode(exitCode ?? 2));
    });
    await output;
    return code;
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}
