// What a run of the suite leaves for the programs around it, in reports/contract-run.json:
// the worker that sent the requests notes whether writes were armed and cleaned up, and what
// it sent; the summary adds the exit code; `npm run contract` reads both. No secret goes in.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WritesMode } from './live-settings.js';
import type { PacerReport } from './request-pacer.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** 0: every check passed; 1: a contract violation; 2: the suite could not run. */
export type ExitCode = 0 | 1 | 2;

export interface RunRecord {
  /** Set by `npm run contract` for its own run; a record without it, or with another, is not its. */
  runId?: string;
  target?: string;
  kind?: 'mock' | 'live';
  writes?: WritesMode;
  /** The process that sends the requests; ended before an interrupted run is cleaned up. */
  workerPid?: number;
  /** Writes were allowed and the account was found with nothing to lose: it must end with no configuration. */
  writesArmed?: boolean;
  cleanedUp?: boolean;
  cleanupProblem?: string;
  /** Why the suite could not run, in one line. */
  cannotRun?: string;
  requests?: PacerReport;
  /** The requests the run planned (a live target's), the preflight's included: counted before the first one went out. */
  planned?: number;
  exitCode?: ExitCode;
}

export function reportDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(REPO_ROOT, env.CONTRACT_REPORT_DIR || 'reports');
}

export const recordPath = (env: NodeJS.ProcessEnv = process.env) => resolve(reportDirectory(env), 'contract-run.json');

export function readRecord(env: NodeJS.ProcessEnv = process.env): RunRecord | undefined {
  const path = recordPath(env);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

export function updateRecord(patch: RunRecord, env: NodeJS.ProcessEnv = process.env): void {
  const path = recordPath(env);
  mkdirSync(dirname(path), { recursive: true });
  const runId = env.CONTRACT_RUN_ID ? { runId: env.CONTRACT_RUN_ID } : {};
  writeFileSync(path, `${JSON.stringify({ ...readRecord(env), ...patch, ...runId }, null, 2)}\n`);
}

export function clearRecord(env: NodeJS.ProcessEnv = process.env): void {
  rmSync(recordPath(env), { force: true });
}
