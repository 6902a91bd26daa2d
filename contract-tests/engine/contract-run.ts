// The engine's one entry: a whole run of the suite. It checks the settings, opens the target,
// counts the plan against the budget before sending anything, reads a live account once
// (preflight), decides whether writes may go ahead, runs every planned check in order, and at
// the end leaves a written account with no configuration, whatever happened: a failed check,
// the budget, or an interruption (the signal stops the sending, then the clean-up runs).
// Both faces, `npm run contract` and the connect-oauth-contract command, print and write their
// reports from what it answers.
import { CHECKS } from './checks/all-checks.js';
import type { ContractCheck } from './checks/contract-check.js';
import { createRedactor } from '../../src/redact.js';
import { preflight, SuiteCannotRun } from './preflight.js';
import { SendingStopped } from './request-pacer.js';
import { planChecks, plannedRequests, runPlannedCheck, type CheckResult } from './run-checks.js';
import { RunContext, type RunSettings } from './run-context.js';
import { runSettingsFromEnvironment } from './run-settings.js';
import { openTarget, settingsFromEnvironment, type Target } from './target.js';
import { armWrites, removeConfiguration } from './write-guard.js';

/** 0: every planned check ran and passed; 1: a contract violation; 2: the suite could not run or did not finish. */
export type ExitCode = 0 | 1 | 2;

export interface ContractRunOptions {
  /** CONTRACT_* settings. */
  env: NodeJS.ProcessEnv;
  /** Aborted: no request is sent after it, the checks not yet run are reported as not run, and a written account is cleaned up. */
  signal?: AbortSignal;
  /** Told of each check as it ends (for progress output). */
  onCheck?: (result: CheckResult) => void;
  /** The checks to run; default every check of the suite. */
  checks?: readonly ContractCheck[];
}

export interface ContractRunResult {
  /** Why the suite could not run or stopped, in one line, masked of the token and every clientSecret. */
  cannotRun?: string;
  target?: Target;
  settings?: RunSettings;
  /** Every planned check, in order, with its outcome. */
  results: CheckResult[];
  /** The run's context: every exchange, the masker, the pacer's report. Undefined when it never opened. */
  context?: RunContext;
  /** The run's plan on a live target or under a budget (a live target's preflight included): counted before the first request. */
  planned?: number;
  /** The run wrote to an account it may write to: it must leave it with no configuration. */
  writesArmed: boolean;
  cleanedUp?: boolean;
  /** What went wrong in the clean-up, masked. */
  cleanupProblem?: string;
  /** The signal ended the run early. */
  interrupted: boolean;
}

/** The preflight's read, sent before the checks, counts against the budget too. */
const PREFLIGHT_REQUESTS = 1;

/** The plan with a fifth more, for the 429s a paced run may still be sent again after. */
export const suggestedBudget = (planned: number) => Math.ceil(planned * 1.2);

export async function runContract({ env, signal, onCheck, checks = CHECKS }: ContractRunOptions): Promise<ContractRunResult> {
  const result: ContractRunResult = { results: [], writesArmed: false, interrupted: false };
  // Before anything is checked: a setting's message may quote a token given in the wrong place.
  const early = createRedactor([env.CONTRACT_TOKEN?.trim()]);
  let settings: RunSettings;
  let open;
  try {
    settings = runSettingsFromEnvironment(env);
    open = await openTarget(settingsFromEnvironment(env));
  } catch (error) {
    return { ...result, cannotRun: early(messageOf(error)) };
  }
  const { target } = open;
  const context = new RunContext(target, settings);
  Object.assign(result, { target, settings, context });
  const stop = () => context.pacer.interrupt();
  signal?.addEventListener('abort', stop, { once: true });
  let armed = false;
  try {
    if (target.kind === 'live' || target.live.maxRequests > 0) {
      result.planned = (target.kind === 'live' ? PREFLIGHT_REQUESTS : 0) + (await plannedRequests(target, settings, checks));
      if (target.live.maxRequests > 0 && result.planned > target.live.maxRequests) {
        throw new SuiteCannotRun(
          `this run plans ${result.planned} requests (CONTRACT_CASES=${settings.cases}, writes ${target.live.writes}), more than the budget of ${target.live.maxRequests} (CONTRACT_MAX_REQUESTS); nothing was sent. ` +
            `Set CONTRACT_MAX_REQUESTS to at least ${suggestedBudget(result.planned)} (the plan, with room for rate-limit retries), or lower CONTRACT_CASES.`,
        );
      }
    }
    if (target.kind === 'live') {
      if (signal?.aborted) throw new SuiteCannotRun('interrupted before the preflight: nothing was sent');
      const found = await preflight(context);
      if (signal?.aborted) throw new SuiteCannotRun('interrupted after the preflight: nothing was written');
      armed = armWrites(context, found);
    }
    for (const planned of planChecks(checks)) {
      // Once sending has stopped (interrupted, budget, limits), the checks that send are reported as not run.
      const checked = await runPlannedCheck(planned, context);
      result.results.push(checked);
      onCheck?.(checked);
    }
  } catch (error) {
    // A check that throws is the suite's failure, not the server's: exit 2, with the reports.
    result.cannotRun = context.masker.text(error instanceof SuiteCannotRun || error instanceof SendingStopped ? error.message : `the suite failed: ${messageOf(error)}`);
  } finally {
    try {
      // Only what the run wrote is cleaned up: an account it never wrote to is left as found.
      result.writesArmed = armed && context.wroteSomething;
      if (result.writesArmed) {
        const problem = await removeConfiguration(context);
        result.cleanedUp = problem === undefined;
        if (problem) result.cleanupProblem = context.masker.text(problem);
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      result.interrupted = signal?.aborted ?? false;
      await open.close();
    }
  }
  return result;
}

/**
 * 0 every planned check ran and passed, 1 a contract violation, 2 the suite could not run,
 * could not clean up, was interrupted, or stopped sending (budget, rate limits) before every
 * planned check had run: a run that did not check everything never passes.
 */
export function exitCodeOf(run: ContractRunResult): ExitCode {
  if (run.writesArmed && !run.cleanedUp) return 2;
  // A violation is one, whatever stopped the run after it.
  if (run.results.some((checked) => checked.state === 'failed')) return 1;
  if (run.cannotRun !== undefined || run.interrupted || run.results.some((checked) => checked.notRun === 'stopped')) return 2;
  return 0;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
