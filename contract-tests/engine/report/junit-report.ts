// The JUnit report CI systems publish: one test case per check and column, written from the
// engine's results (junit-report-builder), the seed and what each check sent as properties.
// Secrets are masked as in the summary.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import junitModule, { type Builder } from 'junit-report-builder';
import { exitCodeOf, type ContractRunResult } from '../contract-run.js';
import { describeViolations } from '../run-checks.js';
import { checkName } from './summary.js';

// The package's types describe an ES default export; Node hands over its CommonJS exports, the builder itself.
const junit = junitModule as unknown as Builder;

export async function writeJUnitReport(path: string, run: ContractRunResult, { harWritten }: { harWritten: boolean }): Promise<void> {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name('contract');
  const { context, settings } = run;
  if (run.cannotRun !== undefined && run.results.length === 0) {
    // A run that could not start is one failed case, not an empty report that reads as a pass.
    suite.testCase().className('contract').name('the suite could run').error(run.cannotRun);
  } else if (exitCodeOf(run) === 2) {
    // Nor does a run that did not finish read as a pass: stopped, interrupted, or not cleaned up.
    const why = run.cannotRun ?? (run.interrupted ? 'the run was interrupted' : run.writesArmed && !run.cleanedUp ? `the clean-up failed: ${run.cleanupProblem ?? 'it did not finish'}` : `sending stopped: ${context?.pacer.stop?.message ?? 'a check did not finish'}`);
    suite.testCase().className('contract').name('the run finished every planned check').error(context ? context.masker.text(why) : why);
  }
  for (const checked of run.results) {
    const testCase = suite.testCase().className('contract').name(checkName(checked));
    if (settings) testCase.property('seed', String(settings.seed)).property('cases', String(settings.cases));
    if (context) {
      const sent = context.exchanges.filter((exchange) => exchange.intent.check === checked.check.id && exchange.column === checked.column).length;
      testCase.property('requests sent', String(sent)).property('answers read', String(checked.examined));
    }
    if (checked.state === 'skipped') testCase.skipped().standardOutput(checked.skipReason ?? '');
    if (checked.state === 'failed' && context) testCase.failure(describeViolations(checked, context, harWritten), 'ContractViolation');
  }
  await mkdir(dirname(path), { recursive: true });
  builder.writeTo(path);
}
