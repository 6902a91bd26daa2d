// The engine's one entry: a whole run of the suite. It checks the settings, opens the target,
// counts the plan against the budget before sending anything, reads a live account once
// (preflight), decides whether writes may go ahead, runs every planned check in order, and at
// the end leaves a written account with no configuration, whatever happened: a failed check,
// the budget, or an interruption (the signal stops the sending, then the clean-up runs).
// Both faces, `npm run contract` and the connect-oauth-contract command, print and write their
// reports from what it answers.
import { preflight, SuiteCannotRun } from './preflight.js';
import { SendingStopped } from './request-pacer.js';
import { planChecks, plannedRequests, runPlannedCheck, type CheckResult } from './run-checks.js';
import { RunContext, type RunSettings } from './run-context.js';
import { runSettingsFromEnvironment } from './run-settings.js';
import { checkTargetSettings, openTarget, settingsFromEnvironment, type Target } from './target.js';
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
}

export interface ContractRunResult {
  /** Why the suite could not run, in one line; nothing was checked. */
  cannotRun?: string;
  target?: Target;
  settings?: RunSettings;
  /** Every planned check, in order, with its outcome. */
  results: CheckResult[];
  /** The run's context: every exchange, the masker, the pacer's report. Undefined when it never opened. */
  context?: RunContext;
  /** A live target's plan, the preflight's read included: counted before the first request. */
  planned?: number;
  writesArmed: boolean;
  cleanedUp?: boolean;
  cleanupProblem?: string;
  /** The signal ended the run early. */
  interrupted: boolean;
}

/** The preflight's read, sent before the checks, counts against the budget too. */
const PREFLIGHT_REQUESTS = 1;

/** The plan with a fifth more, for the 429s a paced run may still be sent again after. */
export const suggestedBudget = (planned: number) => Math.ceil(planned * 1.2);

export async function runContract({ env, signal, onCheck }: ContractRunOptions): Promise<ContractRunResult> {
  const result: ContractRunResult = { results: [], writesArmed: false, interrupted: false };
  let settings: RunSettings;
  try {
    settings = runSettingsFromEnvironment(env);
    checkTargetSettings(settingsFromEnvironment(env));
  } catch (error) {
    return { ...result, cannotRun: messageOf(error) };
  }
  let open;
  try {
    open = await openTarget(settingsFromEnvironment(env));
  } catch (error) {
    return { ...result, cannotRun: messageOf(error) };
  }
  const { target } = open;
  const context = new RunContext(target, settings);
  Object.assign(result, { target, settings, context });
  const stop = () => context.pacer.interrupt();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if (signal?.aborted) throw new SuiteCannotRun('interrupted before the run began: nothing was sent');
    if (target.kind === 'live') {
      result.planned = PREFLIGHT_REQUESTS + (await plannedRequests(target, settings));
      const { maxRequests } = target.live;
      if (maxRequests > 0 && result.planned > maxRequests) {
        throw new SuiteCannotRun(
          `this run plans ${result.planned} requests (CONTRACT_CASES=${settings.cases}, writes ${target.live.writes}), more than the budget of ${maxRequests} (CONTRACT_MAX_REQUESTS); nothing was sent. ` +
            `Set CONTRACT_MAX_REQUESTS to at least ${suggestedBudget(result.planned)} (the plan, with room for rate-limit retries), or lower CONTRACT_CASES.`,
        );
      }
      result.writesArmed = armWrites(context, await preflight(context));
    }
    for (const planned of planChecks()) {
      // Once sending has stopped (interrupted, budget, limits), the checks that send are reported as not run.
      const checked = await runPlannedCheck(planned, context);
      result.results.push(checked);
      onCheck?.(checked);
    }
  } catch (error) {
    if (!(error instanceof SuiteCannotRun) && !(error instanceof SendingStopped)) throw error;
    result.cannotRun = error.message;
  } finally {
    signal?.removeEventListener('abort', stop);
    result.interrupted = signal?.aborted ?? false;
    try {
      if (result.writesArmed) {
        const problem = await removeConfiguration(context);
        result.cleanedUp = problem === undefined;
        if (problem) result.cleanupProblem = problem;
      }
    } finally {
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
  if (run.cannotRun !== undefined) return 2;
  if (run.writesArmed && !run.cleanedUp) return 2;
  if (run.interrupted) return 2;
  if (run.results.some((checked) => checked.state === 'failed')) return 1;
  if (run.context?.pacer.stop || run.results.some((checked) => checked.notRun === 'stopped')) return 2;
  return 0;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
