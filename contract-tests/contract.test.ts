// The contract suite: every check against the target, one test per check and operation.
// Target: Prism serving the spec, or the live server named by CONTRACT_TARGET
// (with CONTRACT_TOKEN and CONTRACT_ACCOUNT_ID). See contract-tests/README.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunContext } from './engine/checks.js';
import { describeViolations, planChecks, runPlannedCheck } from './engine/run-checks.js';
import { runSettingsFromEnvironment } from './engine/run-settings.js';
import { openTarget, settingsFromEnvironment, type OpenTarget } from './engine/target.js';

declare module 'vitest' {
  interface TaskMeta {
    contract?: { check: string; column: string; rule: string; violations: string[]; target: string };
  }
}

let open: OpenTarget | undefined;
let context: RunContext;

beforeAll(async () => {
  open = await openTarget(settingsFromEnvironment());
  context = new RunContext(open.target, runSettingsFromEnvironment());
});

afterAll(async () => {
  await open?.close();
});

describe('contract', () => {
  for (const planned of planChecks()) {
    it(`${planned.check.id} › ${planned.column}`, async ({ skip, task }) => {
      const result = await runPlannedCheck(planned, context);
      task.meta.contract = {
        check: planned.check.id,
        column: planned.column,
        rule: planned.check.rule,
        violations: result.violations.map((violation) => violation.message),
        target: context.target.label,
      };
      if (result.state === 'skipped') skip(result.skipReason);
      expect(result.violations, describeViolations(result)).toEqual([]);
    });
  }
});
