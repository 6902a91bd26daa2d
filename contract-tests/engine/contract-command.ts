// A run as a command runs it, shared by both faces (`npm run contract` and the
// connect-oauth-contract command): SIGINT and SIGTERM stop the sending in this one process,
// which then cleans up; the summary goes to the output, the reports to the files asked for,
// and the answer is the exit code.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exitCodeOf, runContract, type ContractRunResult, type ExitCode } from './contract-run.js';
import { writeHar } from './report/har-log.js';
import { writeJUnitReport } from './report/junit-report.js';
import { summaryLines } from './report/summary.js';

export interface ContractCommandOptions {
  env: NodeJS.ProcessEnv;
  /** Where to write each report; one left out is not written. */
  reports: { junit?: string | undefined; har?: string | undefined; record?: string | undefined };
  /** The HAR log's creator. */
  creator: { name: string; version: string };
  write?: (text: string) => void;
}

export async function contractCommand({ env, reports, creator, write = (text) => void process.stdout.write(text) }: ContractCommandOptions): Promise<ExitCode> {
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    write(`Interrupted (${signal}): no more requests go out; the run cleans up what it wrote, then stops.\n`);
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  let run: ContractRunResult;
  try {
    run = await runContract({ env, signal: controller.signal });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  const harWritten = reports.har !== undefined;
  const code = exitCodeOf(run);
  if (reports.junit) await writeJUnitReport(reports.junit, run, { harWritten });
  if (reports.har && run.context) await writeHar(reports.har, run.context.exchanges, run.context.masker, creator);
  if (reports.record) await writeRecord(reports.record, run, code);
  const written = [reports.junit && `the JUnit report to ${reports.junit}`, reports.har && run.context && `the HAR log to ${reports.har}`].filter(Boolean);
  if (written.length > 0) write(`Wrote ${written.join(' and ')}.\n`);
  write(`${summaryLines(run, { harWritten }).join('\n')}\n`);
  return code;
}

/** What the run did, as JSON, for programs (no secret: the run masks its messages, and no request is in it). */
async function writeRecord(path: string, run: ContractRunResult, exitCode: ExitCode): Promise<void> {
  const record = {
    target: run.target?.label,
    kind: run.target?.kind,
    writes: run.target?.live.writes,
    cannotRun: run.cannotRun,
    planned: run.planned,
    requests: run.target?.kind === 'live' ? run.context?.pacer.report() : undefined,
    writesArmed: run.writesArmed,
    cleanedUp: run.cleanedUp,
    cleanupProblem: run.cleanupProblem,
    interrupted: run.interrupted,
    exitCode,
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
}
