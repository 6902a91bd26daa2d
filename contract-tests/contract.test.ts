// The contract suite: every check against the target, one test per check and operation.
// Target: Prism serving the spec, or the live server named by CONTRACT_TARGET
// (with CONTRACT_TOKEN and CONTRACT_ACCOUNT_ID). See contract-tests/README.md.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { writeHar } from './engine/report/har-log.js';
import { countRequests, type RunCounts } from './engine/report/request-counts.js';
import { RunContext } from './engine/run-context.js';
import { describeViolations, planChecks, runPlannedCheck } from './engine/run-checks.js';
import { runSettingsFromEnvironment } from './engine/run-settings.js';
import { openTarget, settingsFromEnvironment, type OpenTarget } from './engine/target.js';

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
    };
  }
}

const ROOT = join(import.meta.dirname, '..');
const REPORT_DIR = resolve(ROOT, process.env.CONTRACT_REPORT_DIR ?? 'reports');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** A failed check's error: its message is the report, without an assertion's diff after it. */
class ContractViolation extends Error {
  override name = 'ContractViolation';
  constructor(report: string) {
    super(report);
    this.stack = `${this.name}: ${report}`;
  }
}

let open: OpenTarget | undefined;
let context: RunContext | undefined;

beforeAll(async () => {
  const settings = runSettingsFromEnvironment();
  open = await openTarget(settingsFromEnvironment());
  context = new RunContext(open.target, settings);
});

afterAll(async () => {
  try {
    if (context) await writeHar(join(REPORT_DIR, 'contract.har'), context.exchanges, context.masker, { name: `${PACKAGE.name} contract suite`, version: PACKAGE.version });
  } finally {
    await open?.close();
  }
});

describe('contract', () => {
  for (const planned of planChecks()) {
    it(`${planned.check.id} › ${planned.column}`, async ({ skip, task, annotate }) => {
      const run = context!;
      const result = await runPlannedCheck(planned, run);
      const mine = run.exchanges.filter((exchange) => exchange.intent.check === planned.check.id && exchange.column === planned.column).length;
      task.meta.contract = {
        check: planned.check.id,
        column: planned.column,
        rule: planned.check.rule,
        violations: result.violations.map((violation) => run.masker.text(violation.message)),
        notes: result.notes,
        target: run.target.label,
        seed: run.settings.seed,
        cases: run.settings.cases,
        counts: countRequests(run.exchanges),
      };
      await annotate(String(run.settings.seed), 'seed');
      await annotate(String(run.settings.cases), 'cases');
      await annotate(String(mine), 'requests sent');
      await annotate(String(result.examined), 'answers read');
      await annotate(String(run.exchanges.length), 'requests in the run so far');
      if (result.state === 'skipped') skip(result.skipReason);
      if (result.violations.length > 0) throw new ContractViolation(describeViolations(result, run));
    });
  }
});
