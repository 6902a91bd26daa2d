// Runs the contract suite against the reference server, correct or with broken variants.
import { CHECKS } from '../../contract-tests/engine/checks/all-checks.js';
import { RunContext, type RunSettings } from '../../contract-tests/engine/run-context.js';
import { runChecks, type CheckResult } from '../../contract-tests/engine/run-checks.js';
import { DEFAULT_CASES, DEFAULT_SEED } from '../../contract-tests/engine/run-settings.js';
import { openTarget } from '../../contract-tests/engine/target.js';
import { startReferenceServer, type Fault } from '../../contract-tests/reference-server/server.js';

const TOKEN = 'reference-token';
export const DEFAULTS: RunSettings = { cases: DEFAULT_CASES, seed: DEFAULT_SEED };
export const ONE_CASE: RunSettings = { cases: 1, seed: DEFAULT_SEED };


/** Runs the checks against a fresh reference server and answers the results and the context. */
export async function runAgainst(faults: Fault[], settings: RunSettings, options: { proxy?: boolean } = {}): Promise<{ results: CheckResult[]; context: RunContext }> {
  const server = await startReferenceServer({ token: TOKEN, faults });
  const open = await openTarget({ target: server.url, token: TOKEN, accountId: '18394725', proxy: options.proxy ? 'on' : undefined });
  try {
    const context = new RunContext(open.target, settings);
    const results = await runChecks(context, CHECKS);
    return { results, context };
  } finally {
    await open.close();
    await server.close();
  }
}

export const failedChecks = (results: CheckResult[]) => [...new Set(results.filter((result) => result.state === 'failed').map((result) => result.check.id))];

export const failures = (results: CheckResult[]) =>
  results.filter((result) => result.state === 'failed').flatMap((result) => result.violations.map((violation) => `${result.check.id} › ${result.column}: ${violation.message}`));
