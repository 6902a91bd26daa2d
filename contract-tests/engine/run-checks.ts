// Plans the checks (each check for each column it covers) and runs them in order; a check
// that tested nothing fails, so that no pass is ever vacuous.
import { listOperations, type SpecOperation } from '../support/openapi-document.js';
import { CHECKS } from './checks/all-checks.js';
import type { ContractCheck } from './checks/contract-check.js';
import { describeExchange } from './report/describe-exchange.js';
import { SendingStopped } from './request-pacer.js';
import { RunContext, WRITE_METHODS, type RunSettings, type Violation } from './run-context.js';
import type { Target } from './target.js';

export interface PlannedCheck {
  check: ContractCheck;
  operation: SpecOperation | undefined;
  /** `POST`, `GET`, ... or `resource` for checks of the whole resource. */
  column: string;
  /** The planned run may send requests a correct server carries out as writes. */
  writes: boolean;
}

export interface CheckResult extends PlannedCheck {
  state: 'passed' | 'failed' | 'skipped';
  skipReason?: string;
  violations: Violation[];
  examined: number;
  notes: string[];
  /** Why a skipped check did not run: writes are off, or the run stopped sending (budget, rate limits). */
  notRun?: 'writes' | 'stopped';
}

export const READ_ONLY_REASON = 'sends POST, PUT or DELETE, which could change the account, and this live run is read-only: CONTRACT_WRITES=on runs it, on an account with no Connect OAuth configuration';

/**
 * A read-only run leaves out every check that writes, and every check of POST, PUT or DELETE:
 * even a request a correct server refuses may be carried out by a broken one.
 */
export function needsWrites(planned: PlannedCheck): boolean {
  return planned.writes || WRITE_METHODS.has(planned.column);
}

export function planChecks(checks: readonly ContractCheck[] = CHECKS): PlannedCheck[] {
  const operations = listOperations();
  return checks.flatMap((check): PlannedCheck[] => {
    const perOperation = operations.map((operation) => ({ check, operation, column: operation.method.toUpperCase(), writes: check.writes && operation.method !== 'get' }));
    const resource = { check, operation: undefined, column: 'resource', writes: check.writes };
    return check.scope === 'resource' ? [resource] : check.scope === 'both' ? [...perOperation, resource] : perOperation;
  });
}

export async function runPlannedCheck(planned: PlannedCheck, context: RunContext): Promise<CheckResult> {
  const skipped = (skipReason: string, notRun?: CheckResult['notRun']): CheckResult => ({ ...planned, state: 'skipped', skipReason, violations: [], examined: 0, notes: [], ...(notRun ? { notRun } : {}) });
  const skipReason = planned.check.skipReason?.(context.target);
  if (skipReason) return skipped(skipReason);
  if (needsWrites(planned) && !context.writesAllowed) return skipped(READ_ONLY_REASON, 'writes');
  const stop = context.pacer.stop;
  if (stop && planned.check.readsTarget !== false && planned.check.sends !== false) return skipped(`not run: ${stop.message}`, 'stopped');
  let outcome;
  try {
    outcome = await planned.check.run(context, planned.operation);
  } catch (error) {
    // A check cut short has not looked at every answer: it has not passed.
    if (error instanceof SendingStopped) return skipped(`not finished: ${error.message}`, 'stopped');
    throw error;
  }
  const violations = [...outcome.violations];
  // After sending stopped, a check that judges the others' answers may have none of its column.
  if (outcome.examined === 0 && violations.length === 0 && context.pacer.stop) return skipped(`not run: no answer came before ${context.pacer.stop.message}`, 'stopped');
  if (outcome.examined === 0 && violations.length === 0) {
    violations.push({ message: `nothing was tested: ${planned.check.id} sent no request and read no answer for ${planned.column}` });
  }
  return { ...planned, state: violations.length === 0 ? 'passed' : 'failed', violations, examined: outcome.examined, notes: outcome.notes ?? [] };
}

/**
 * How many requests the checks send to a correct server with these settings, counted by a
 * rehearsal that sends nothing: the run's plan, known before its first request.
 */
export async function plannedRequests(target: Target, settings: RunSettings, checks: readonly ContractCheck[] = CHECKS): Promise<number> {
  const rehearsal = new RunContext(target, settings, true);
  // A check of this package itself sends nothing to the target (and would start a Prism of its own).
  await runChecks(rehearsal, checks.filter((check) => check.readsTarget !== false));
  return rehearsal.exchanges.length;
}

export async function runChecks(context: RunContext, checks?: readonly ContractCheck[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const planned of planChecks(checks)) results.push(await runPlannedCheck(planned, context));
  return results;
}

const MAX_LISTED = 5;

/**
 * The violations of one check, each once (with how many answers broke the rule the same way),
 * with the first exchange that did and a curl command, secrets masked. `harWritten`: the
 * report may point to the HAR log for the rest.
 */
export function describeViolations(result: Pick<CheckResult, 'check' | 'column' | 'violations'>, context: RunContext, harWritten: boolean): string {
  const { check, column, violations } = result;
  const distinct = new Map<string, { violation: Violation; count: number }>();
  for (const violation of violations) {
    const message = context.masker.text(violation.message);
    const seen = distinct.get(message);
    if (seen) seen.count++;
    else distinct.set(message, { violation, count: 1 });
  }
  const listed = [...distinct].slice(0, MAX_LISTED).map(([message, { violation, count }], index) =>
    [`${index + 1}. ${message}${count > 1 ? ` (${count} answers, the first shown)` : ''}`, violation.exchange ? describeExchange(violation.exchange, context.masker, context.target) : ''].filter(Boolean).join('\n'),
  );
  const rest = distinct.size - MAX_LISTED;
  const more = rest > 0 ? [`… and ${rest} more${harWritten ? ' (every exchange is in the HAR report)' : ''}`] : [];
  return [`${check.id} › ${column} broke the rule: ${check.rule}`, ...listed, ...more].join('\n');
}
