// Plans the checks (each check for each operation it covers) and runs them in order.
import { listOperations, type SpecOperation } from '../support/openapi-document.js';
import { CHECKS, type ContractCheck, type RunContext, type Violation } from './checks.js';
import { describeExchange } from './exchange.js';

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
  const violations = await planned.check.run(context, planned.operation);
  return { ...planned, state: violations.length === 0 ? 'passed' : 'failed', violations };
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
