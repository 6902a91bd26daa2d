// One run of the suite as `npm run contract` makes it: open the target, read it once
// (preflight), decide whether writes may go ahead, and at the end leave the account with
// no configuration if the run wrote, then write the HAR log of every exchange. What happened
// goes to the run record for the summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { preflight, SuiteCannotRun } from './preflight.js';
import { writeHar } from './report/har-log.js';
import { plannedRequests } from './run-checks.js';
import { RunContext, type RunSettings } from './run-context.js';
import { REPO_ROOT, reportDirectory, updateRecord } from './run-record.js';
import { runSettingsFromEnvironment } from './run-settings.js';
import { openTarget, settingsFromEnvironment, type OpenTarget, type Target } from './target.js';
import { armWrites, removeConfiguration } from './write-guard.js';

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** The preflight's read, sent before the checks, counts against the budget too. */
const PREFLIGHT_REQUESTS = 1;

/**
 * Before anything is sent: the size of the run's plan, noted for the summary, and a refusal
 * (exit 2) when the budget cannot hold it, so that no run is cut short by its own budget.
 */
async function checkBudget(target: Target, settings: RunSettings, env: NodeJS.ProcessEnv): Promise<void> {
  const planned = PREFLIGHT_REQUESTS + (await plannedRequests(target, settings));
  const { maxRequests } = target.live;
  updateRecord({ planned }, env);
  if (maxRequests > 0 && planned > maxRequests) {
    throw new SuiteCannotRun(
      `this run plans ${planned} requests (CONTRACT_CASES=${settings.cases}, writes ${target.live.writes}), more than the budget of ${maxRequests} (CONTRACT_MAX_REQUESTS); nothing was sent. ` +
        `Set CONTRACT_MAX_REQUESTS to at least ${suggestedBudget(planned)} (the plan, with room for rate-limit retries), or lower CONTRACT_CASES.`,
    );
  }
}

/** The plan with a fifth more for the 429s a paced run may still be sent again after. */
export const suggestedBudget = (planned: number) => Math.ceil(planned * 1.2);

/** Whether the run writes its HAR log: `npm run contract` always, the CLI when asked (--har). */
export const harWritten = (env: NodeJS.ProcessEnv = process.env) => env.CONTRACT_HAR !== 'off';

export class ContractSession {
  private constructor(
    readonly context: RunContext,
    private readonly open: OpenTarget,
    private readonly writesArmed: boolean,
  ) {}

  static async start(env: NodeJS.ProcessEnv = process.env): Promise<ContractSession> {
    const settings = runSettingsFromEnvironment(env);
    const open = await openTarget(settingsFromEnvironment(env));
    const { target } = open;
    const context = new RunContext(target, settings);
    updateRecord({ target: target.label, kind: target.kind, writes: target.live.writes, workerPid: process.pid, writesArmed: false }, env);
    try {
      let armed = false;
      if (target.kind === 'live') {
        await checkBudget(target, settings, env);
        armed = armWrites(context, await preflight(context));
        // Noted before the first write: an interrupted run is cleaned up from this.
        updateRecord({ writesArmed: armed }, env);
      }
      return new ContractSession(context, open, armed);
    } catch (error) {
      updateRecord({ cannotRun: error instanceof Error ? error.message : String(error), requests: context.pacer.report() }, env);
      await open.close();
      throw error;
    }
  }

  /** Cleans up after a run that wrote, whatever the checks found, notes what was sent and writes the HAR log. */
  async finish(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    try {
      if (this.writesArmed) {
        const problem = await removeConfiguration(this.context);
        updateRecord(problem ? { cleanedUp: false, cleanupProblem: problem } : { cleanedUp: true }, env);
      }
    } finally {
      updateRecord({ requests: this.context.pacer.report() }, env);
      try {
        if (harWritten(env)) await writeHar(join(reportDirectory(env), 'contract.har'), this.context.exchanges, this.context.masker, { name: `${PACKAGE.name} contract suite`, version: PACKAGE.version });
      } finally {
        await this.open.close();
      }
    }
  }
}
