// The contract suite: every check against the target, one test per check and operation.
// Target: Prism serving the spec, or the live server named by CONTRACT_TARGET
// (with CONTRACT_TOKEN and CONTRACT_ACCOUNT_ID). See contract-tests/README.md.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ContractSession, harWritten } from './engine/contract-session.js';
import { countRequests, type RunCounts } from './engine/report/request-counts.js';
import { describeViolations, planChecks, runPlannedCheck } from './engine/run-checks.js';

declare module 'vitest' {
  interface TaskMeta {
    contract?: {
      check: string;
      column: string;
      rule: string;
      violations: string[];
      notes: string[];
      target: string;
      seed: number;
      cases: number;
      /** What the run had sent when this check ended. */
      counts: RunCounts;
      /** False for a check of this package itself: it says nothing of the target. */
      readsTarget: boolean;
      /** Why a skipped check did not run: the run was read-only, or it stopped sending. */
      notRun?: 'writes' | 'stopped';
    };
  }
}

/** A failed check's error: its message is the report, without an assertion's diff after it. */
class ContractViolation extends Error {
  override name = 'ContractViolation';
  constructor(report: string) {
    super(report);
    this.stack = `${this.name}: ${report}`;
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
    it(`${planned.check.id} › ${planned.column}`, async ({ skip, task, annotate }) => {
      const run = session!.context;
      const result = await runPlannedCheck(planned, run);
      const mine = run.exchanges.filter((exchange) => exchange.intent.check === planned.check.id && exchange.column === planned.column).length;
      task.meta.contract = {
        check: planned.check.id,
        column: planned.column,
        rule: planned.check.rule,
        // Every text that leaves the run is masked of the token and every clientSecret seen.
        violations: result.violations.map((violation) => run.masker.text(violation.message)),
        notes: result.notes,
        target: run.target.label,
        seed: run.settings.seed,
        cases: run.settings.cases,
        counts: countRequests(run.exchanges),
        readsTarget: planned.check.readsTarget !== false,
        ...(result.notRun ? { notRun: result.notRun } : {}),
      };
      await annotate(String(run.settings.seed), 'seed');
      await annotate(String(run.settings.cases), 'cases');
      await annotate(String(mine), 'requests sent');
      await annotate(String(result.examined), 'answers read');
      await annotate(String(run.exchanges.length), 'requests in the run so far');
      if (result.state === 'skipped') skip(result.skipReason);
      if (result.violations.length > 0) throw new ContractViolation(describeViolations(result, run, harWritten()));
    });
  }
});
