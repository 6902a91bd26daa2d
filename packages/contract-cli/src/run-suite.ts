// Runs the contract suite in this process, as `npm run contract` runs it in the repository,
// and writes the reports asked for (--junit, --har) where the command was started.
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { contractCommand } from '../../../contract-tests/engine/contract-command.js';

export interface SuiteRun {
  env: NodeJS.ProcessEnv;
  junit?: string;
  har?: string;
}

const REPORTS = [
  { option: 'junit', what: 'JUnit report' },
  { option: 'har', what: 'HAR log' },
] as const;

/** Runs the suite and answers its exit code: 0 passed, 1 a violation, 2 could not run or did not finish. */
export async function runSuite(run: SuiteRun, creator: { name: string; version: string }): Promise<number> {
  // Resolved before anything else runs, against the folder the command was started in.
  const wanted = REPORTS.flatMap((report) => (run[report.option] ? [{ ...report, path: resolve(run[report.option]!) }] : []));
  const unwritable = await firstUnwritable(wanted);
  if (unwritable) {
    process.stderr.write(`connect-oauth-contract: cannot write the ${unwritable.what} to ${unwritable.path}: ${unwritable.reason}. Give --${unwritable.option} a file in a folder you can write to.\n`);
    return 2;
  }
  const path = (option: 'junit' | 'har') => wanted.find((report) => report.option === option)?.path;
  return contractCommand({ env: run.env, reports: { junit: path('junit'), har: path('har') }, creator, write: writeWhileRead() });
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

/**
 * Writes to standard output while it is read. A reader that went away (`| head`) ends the
 * output, not the run: the suite finishes and cleans up. The listener stays: a late EPIPE
 * must not end the process.
 */
function writeWhileRead(): (text: string) => void {
  let open = true;
  process.stdout.on('error', () => (open = false));
  return (text) => {
    if (open) process.stdout.write(text);
  };
}
