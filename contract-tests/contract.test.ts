// The contract suite against the mock, in this repository's vitest run: one engine run
// (engine/contract-run.ts, as `npm run contract` makes it), one test per check and column.
import { beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf, runContract, type ContractRunResult } from './engine/contract-run.js';
import { planChecks, describeViolations } from './engine/run-checks.js';
import { checkName } from './engine/report/summary.js';

// The mock only: a target named in the environment is `npm run contract`'s to check.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CONTRACT_')));
let run: ContractRunResult;

beforeAll(async () => {
  run = await runContract({ env });
}, 120_000);

describe('contract', () => {
  it('runs against the mock and ends with exit code 0', () => {
    expect(run.cannotRun).toBeUndefined();
    expect(exitCodeOf(run)).toBe(0);
  });

  for (const planned of planChecks()) {
    it(checkName(planned), ({ skip }) => {
      const checked = run.results.find((result) => result.check.id === planned.check.id && result.column === planned.column);
      expect(checked, 'the run has a result for every planned check').toBeDefined();
      if (checked!.state === 'skipped') skip(checked!.skipReason);
      expect(checked!.violations.length === 0 ? '' : describeViolations(checked!, run.context!, false)).toBe('');
      expect(checked!.examined).toBeGreaterThan(0);
    });
  }
});
