// Runs `npm run contract` as CI does (the same node command, without npm in between, so a
// test can signal it), with its own report directory and no CONTRACT_* from the outside; or
// the same command in this process, for tests of what a run does rather than of the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractCommand } from '../../../contract-tests/engine/contract-command.js';
import { envWithoutContractSettings, REPO_ROOT } from '../../support/run-command.js';

export interface ContractRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** reports/contract-junit.xml, or '' when none was written. */
  junit: string;
  /** reports/contract.har, or '' when none was written. */
  har: string;
  /** reports/contract-run.json, parsed; undefined when none was written. */
  record: { exitCode?: number; cannotRun?: string; planned?: number; requests?: { sent: number; waits: unknown[]; stopped?: { reason: string } } } | undefined;
}

// The HAR log's creator, as run-contract.ts names it.
const { name, version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const CREATOR = { name: `${name} contract suite`, version };
const REPORTS = { junit: 'contract-junit.xml', har: 'contract.har', record: 'contract-run.json' };

async function readReports(reportDir: string): Promise<Pick<ContractRun, 'junit' | 'har' | 'record'>> {
  const [junit, har, record] = await Promise.all(Object.values(REPORTS).map((name) => readFile(join(reportDir, name), 'utf8').catch(() => '')));
  return { junit: junit!, har: har!, record: record ? JSON.parse(record) : undefined };
}

/** The run `npm run contract` makes, made in this process: its output, exit code and reports, without a process's start (half a second of CPU). */
export async function runContractInProcess(env: Record<string, string>): Promise<Omit<ContractRun, 'stderr'>> {
  const reportDir = await mkdtemp(join(tmpdir(), 'connect-oauth-live-'));
  let stdout = '';
  const listening = () => ['SIGINT', 'SIGTERM'].map((signal) => process.listenerCount(signal));
  const before = listening();
  try {
    const code = await contractCommand({
      env: { ...envWithoutContractSettings(), CONTRACT_CASES: '2', ...env },
      reports: Object.fromEntries(Object.entries(REPORTS).map(([report, name]) => [report, join(reportDir, name)])),
      creator: CREATOR,
      write: (text) => (stdout += text),
    });
    // The command stops listening for signals when its run ends, or a Ctrl-C would go on aborting runs long done.
    if (listening().join() !== before.join()) throw new Error(`the run left SIGINT or SIGTERM listeners behind (${before.join()} before, ${listening().join()} after)`);
    return { code, stdout, ...(await readReports(reportDir)) };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

export async function runContract(env: Record<string, string>, options: { whileRunning?: (child: ChildProcess, output: () => string) => void | Promise<void>; timeoutMs?: number } = {}): Promise<ContractRun> {
  const reportDir = await mkdtemp(join(tmpdir(), 'connect-oauth-live-'));
  const child = spawn(process.execPath, ['--import', './scripts/run-typescript.mjs', 'contract-tests/run-contract.ts'], {
    cwd: REPO_ROOT,
    env: { ...envWithoutContractSettings(), CONTRACT_REPORT_DIR: reportDir, CONTRACT_CASES: '2', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 150_000);
  try {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await options.whileRunning?.(child, () => stdout);
    const code = await exited;
    return { code, stdout, stderr, ...(await readReports(reportDir)) };
  } finally {
    clearTimeout(timer);
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** The methods a server received that create, change or delete. */
export const writesReceived = (received: ReadonlyArray<{ method: string }>) => received.filter((request) => ['POST', 'PUT', 'DELETE'].includes(request.method));
