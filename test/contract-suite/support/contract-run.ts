// Runs `npm run contract` as CI does (the same node command, without npm in between, so a
// test can signal it), with its own report directory and no CONTRACT_* from the outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/run-command.js';

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

export async function runContract(env: Record<string, string>, options: { whileRunning?: (child: ChildProcess, output: () => string) => void | Promise<void>; timeoutMs?: number } = {}): Promise<ContractRun> {
  const reportDir = await mkdtemp(join(tmpdir(), 'connect-oauth-live-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CONTRACT_')));
  const child = spawn(process.execPath, ['--import', './scripts/run-typescript.mjs', 'contract-tests/run-contract.ts'], {
    cwd: REPO_ROOT,
    env: { ...inherited, CONTRACT_REPORT_DIR: reportDir, CONTRACT_CASES: '2', ...env },
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
    const read = (name: string) => readFile(join(reportDir, name), 'utf8').catch(() => '');
    const recordText = await read('contract-run.json');
    return { code, stdout, stderr, junit: await read('contract-junit.xml'), har: await read('contract.har'), record: recordText ? JSON.parse(recordText) : undefined };
  } finally {
    clearTimeout(timer);
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** The methods a server received that create, change or delete. */
export const writesReceived = (received: ReadonlyArray<{ method: string }>) => received.filter((request) => ['POST', 'PUT', 'DELETE'].includes(request.method));
