// Plans the checks (each check for each operation it covers) and runs them in order.
import { listOperations, type SpecOperation } from '../support/openapi-document.js';
import { CHECKS, type ContractCheck, type RunContext, type Violation } from './checks.js';
import { describeExchange } from './exchange.js';
import { SendingStopped } from './request-pacer.js';

export interface PlannedCheck {
  check: ContractCheck;
  operation: SpecOperation | undefined;
  /** `POST`, `GET`, ... or `resource` for checks of the whole resource. */
  column: string;
}

export interface CheckResult extends PlannedCheck {
  state: 'passed' | 'failed' | 'skipped';
  skipReason?: string;
  violations: Violation[];
  /** Why a skipped check did not run: writes are off, or the run stopped sending (budget, rate limits). */
  notRun?: 'writes' | 'stopped';
}

export const READ_ONLY_REASON = 'creates, changes or deletes, and this live run is read-only: CONTRACT_WRITES=on runs it, on an account with no Connect OAuth configuration';

/** The check sends requests that create, change or delete: its operation's own method, unless that is GET. */
export function plannedWrites(planned: PlannedCheck): boolean {
  return planned.check.writes && planned.operation?.method !== 'get';
}

export function planChecks(checks: readonly ContractCheck[] = CHECKS): PlannedCheck[] {
  const operations = listOperations();
  return checks.flatMap((check): PlannedCheck[] =>
    check.scope === 'resource'
      ? [{ check, operation: undefined, column: 'resource' }]
      : operations.map((operation) => ({ check, operation, column: operation.method.toUpperCase() })),
  );
}

export async function runPlannedCheck(planned: PlannedCheck, context: RunContext): Promise<CheckResult> {
  const skipReason = planned.check.skipReason?.(context.target);
  if (skipReason) return { ...planned, state: 'skipped', skipReason, violations: [] };
  if (plannedWrites(planned) && !context.writesAllowed) return { ...planned, state: 'skipped', skipReason: READ_ONLY_REASON, violations: [], notRun: 'writes' };
  const stop = context.pacer.stop;
  if (stop && planned.check.readsTarget !== false) return { ...planned, state: 'skipped', skipReason: `not run: ${stop.message}`, violations: [], notRun: 'stopped' };
  try {
    const violations = await planned.check.run(context, planned.operation);
    return { ...planned, state: violations.length === 0 ? 'passed' : 'failed', violations };
  } catch (error) {
    // A check cut short has not looked at every answer: it has not passed.
    if (error instanceof SendingStopped) return { ...planned, state: 'skipped', skipReason: `not finished: ${error.message}`, violations: [], notRun: 'stopped' };
    throw error;
  }
}

export async function runChecks(context: RunContext, checks?: readonly ContractCheck[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const planned of planChecks(checks)) results.push(await runPlannedCheck(planned, context));
  return results;
}

const MAX_LISTED = 5;

/** The violations of one check, each with its exchange, as a failure message shows them. */
export function describeViolations(result: Pick<CheckResult, 'check' | 'column' | 'violations'>): string {
  const { check, column, violations } = result;
  const listed = violations.slice(0, MAX_LISTED).map((violation, index) => [`${index + 1}. ${violation.message}`, violation.exchange ? describeExchange(violation.exchange) : ''].filter(Boolean).join('\n'));
  const more = violations.length > MAX_LISTED ? [`… and ${violations.length - MAX_LISTED} more`] : [];
  return [`${check.id} (${column}) broke the rule: ${check.rule}`, ...listed, ...more].join('\n');
}
