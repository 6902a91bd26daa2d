// Writes on a live account, guarded. A configuration's clientSecret is write-only: once the
// suite overwrites or deletes one, nobody can put it back. So the suite writes only on an
// account with no configuration (or where the user accepted the loss), and leaves it with none.
import { listOperations, type SpecOperation } from '../support/openapi-document.js';
import type { PlannedRequest } from '../support/valid-request.js';
import type { RunContext } from './run-context.js';
import type { Exchange } from './exchange.js';
import { SuiteCannotRun, type PreflightResult } from './preflight.js';

/**
 * Whether the run may write, from what the preflight read: true when it may and must clean up
 * afterwards, false when it does not write at all; throws when writing would lose a configuration.
 */
export function armWrites(context: RunContext, found: PreflightResult): boolean {
  if (!context.writesAllowed || context.target.kind === 'mock') return false;
  const account = `Account ${context.target.accountId} at ${context.target.label}`;
  if (found.configured === false) return true;
  if (found.configured === true && context.target.live.writes === 'replace') return true;
  if (found.configured === true) {
    throw new SuiteCannotRun(
      `${account} already has a Connect OAuth configuration, and the checks that write would overwrite and then delete it; its clientSecret cannot be read back, so it could not be restored. Nothing was changed. Run against a dedicated test account with no configuration, or set CONTRACT_WRITES=replace to accept losing this one.`,
    );
  }
  throw new SuiteCannotRun(
    `Could not tell whether ${account} has a Connect OAuth configuration (the preflight read answered ${found.answer}, neither 200 nor 404), so writing is not safe. Nothing was changed. Fix the target, or run read-only (CONTRACT_WRITES=off).`,
  );
}

/** What the clean-up needs of a run's context. */
export interface CleanupSender {
  validRequest(operation: SpecOperation): PlannedRequest;
  sendEssential(request: PlannedRequest, purpose: string): Promise<Exchange>;
}

/** Deletes the account's configuration, then reads to make sure it is gone; answers what went wrong, if anything. */
export async function removeConfiguration(context: CleanupSender): Promise<string | undefined> {
  const byMethod = Object.fromEntries(listOperations().map((operation) => [operation.method, operation]));
  const deleted = await context.sendEssential(context.validRequest(byMethod.delete!), 'clean-up: delete what the run created');
  if (!deleted.response) return `the clean-up DELETE got no answer (${deleted.error})`;
  if (deleted.response.status !== 200 && deleted.response.status !== 404) return `the clean-up DELETE answered ${deleted.response.status}`;
  const read = await context.sendEssential(context.validRequest(byMethod.get!), 'clean-up: make sure nothing is left');
  if (!read.response) return `the read after the clean-up got no answer (${read.error})`;
  if (read.response.status !== 404) return `after the clean-up the account still answers ${read.response.status}, not 404`;
  return undefined;
}
