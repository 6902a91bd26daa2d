// The contract suite: every check against the target, one test per check and operation.
// Target: Prism serving the spec, or the live server named by CONTRACT_TARGET
// (with CONTRACT_TOKEN and CONTRACT_ACCOUNT_ID). See the README's contract suite section.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ContractSession } from './engine/contract-session.js';
import { describeViolations, planChecks, runPlannedCheck } from './engine/run-checks.js';

declare module 'vitest' {
  interface TaskMeta {
    contract?: { check: string; column: string; rule: string; violations: string[]; target: string; readsTarget: boolean; notRun?: 'writes' | 'stopped' };
  }
}

let session: ContractSession | undefined;

beforeAll(async () => {
  session = await ContractSession.start();
});

afterAll(async () => {
  await session?.finish();
});

describe('contract', () => {
  for (const planned of planChecks()) {
    it(`${planned.check.id} › ${planned.column}`, async ({ skip, task }) => {
      const { context } = session!;
      const result = await runPlannedCheck(planned, context);
      task.meta.contract = {
        check: planned.check.id,
        column: planned.column,
        rule: planned.check.rule,
        // Every text that leaves the run is masked of the token and every clientSecret seen.
        violations: result.violations.map((violation) => context.secrets.mask(violation.message)),
        target: context.target.label,
        readsTarget: planned.check.readsTarget !== false,
        ...(result.notRun ? { notRun: result.notRun } : {}),
      };
      if (result.state === 'skipped') skip(result.skipReason);
      if (result.violations.length > 0) throw new ContractViolation(context.secrets.mask(describeViolations(result)));
    });
  }
});

class ContractViolation extends Error {
  override name = 'ContractViolation';
}
