// One run of the suite as `npm run contract` makes it: open the target, read it once
// (preflight), decide whether writes may go ahead, and at the end leave the account with
// no configuration if the run wrote, then write the HAR log of every exchange. What happened
// goes to the run record for the summary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { preflight } from './preflight.js';
import { writeHar } from './report/har-log.js';
import { RunContext } from './run-context.js';
import { REPO_ROOT, reportDirectory, updateRecord } from './run-record.js';
import { runSettingsFromEnvironment } from './run-settings.js';
import { openTarget, settingsFromEnvironment, type OpenTarget } from './target.js';
import { armWrites, removeConfiguration } from './write-guard.js';

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

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
        await writeHar(join(reportDirectory(env), 'contract.har'), this.context.exchanges, this.context.masker, { name: `${PACKAGE.name} contract suite`, version: PACKAGE.version });
      } finally {
        await this.open.close();
      }
    }
  }
}
