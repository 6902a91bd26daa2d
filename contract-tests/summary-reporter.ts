// Prints the contract suite's outcome for people: a table of checks by operation, the seed
// and what was sent, how the run treated a live target, then every violation with the
// request, the response, the rule it broke and a curl command to repeat it. It ends with the
// violations, where a reader looks first, and leaves the exit code in the run record.
import type { SerializedError } from 'vitest';
import { JUnitReporter, type TestCase, type TestModule, type Vitest } from 'vitest/node';
import { describeCounts } from './engine/report/request-counts.js';
import { clearRecord, readRecord, updateRecord } from './engine/run-record.js';
import { exitCodeFor, liveSummaryLines } from './live-summary.js';

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip', pending: '…' } as const;

/** Writes the JUnit report first, then prints the summary: the run's output ends with it. */
export default class ContractSummaryReporter extends JUnitReporter {
  override async onInit(vitest: Vitest): Promise<void> {
    await super.onInit(vitest);
    clearRecord();
  }

  override async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): Promise<void> {
    await super.onTestRunEnd(testModules);
    this.printSummary(testModules, unhandledErrors);
  }

  private printSummary(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    // A target that could not be opened fails the hooks, before any check ran: say why.
    const setupErrors = [...unhandledErrors, ...testModules.flatMap((module) => [...module.errors(), ...[...module.children.allSuites()].flatMap((suite) => suite.errors())])];
    for (const error of setupErrors) process.stdout.write(`\nThe contract suite could not run: ${error.message}\n`);
    if (setupErrors.length > 0) return updateRecord({ exitCode: 2 });
    const cases = testModules.flatMap((module) => [...module.children.allTests()]).filter((test) => test.meta().contract || test.name.includes(' › '));
    if (cases.length === 0) return;
    const record = readRecord();
    const rows = new Map<string, Map<string, TestCase>>();
    const columns = new Set<string>();
    for (const test of cases) {
      const [check, column] = test.name.split(' › ') as [string, string];
      columns.add(column);
      if (!rows.has(check)) rows.set(check, new Map());
      rows.get(check)!.set(column, test);
    }
    const order = ['POST', 'GET', 'PUT', 'DELETE', 'resource'].filter((column) => columns.has(column));
    const width = Math.max(...[...rows.keys()].map((check) => check.length));
    const lines: string[] = [];
    const target = cases.map((test) => test.meta().contract?.target).find(Boolean);
    lines.push('', `Contract checks${target ? ` against ${target}` : ''}`, '');
    lines.push(`${'check'.padEnd(width)}  ${order.map((column) => column.padEnd(8)).join(' ')}`);
    for (const [check, byColumn] of rows) {
      lines.push(`${check.padEnd(width)}  ${order.map((column) => (byColumn.get(column) ? MARK[byColumn.get(column)!.result().state] : '-').padEnd(8)).join(' ')}`);
    }
    // A check of this package's own client says nothing of the target: it is not counted for it.
    const ofTarget = cases.filter((test) => test.meta().contract?.readsTarget !== false);
    const count = (state: string) => ofTarget.filter((test) => test.result().state === state).length;
    const metas = cases.map((test) => test.meta().contract).filter((meta) => meta !== undefined);
    const last = metas.reduce<(typeof metas)[number] | undefined>((best, meta) => (!best || meta.counts.total >= best.counts.total ? meta : best), undefined);
    lines.push('', `${ofTarget.length} check runs: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
    if (last) {
      lines.push(`Seed: ${last.seed} (CONTRACT_SEED=${last.seed} repeats this run), CONTRACT_CASES=${last.cases}`, '', 'Requests by operation:', ...describeCounts(last.counts));
    }
    // One line a reason: a read-only run skips many checks for the same one.
    const skippedFor = new Map<string, string[]>();
    for (const test of cases.filter((candidate) => candidate.result().state === 'skipped')) {
      const result = test.result();
      const reason = 'note' in result && result.note ? result.note : 'no reason given';
      skippedFor.set(reason, [...(skippedFor.get(reason) ?? []), test.name]);
    }
    for (const [reason, names] of skippedFor) lines.push(names.length === 1 ? `  skipped ${names[0]}: ${reason}` : `  skipped ${names.length}, ${reason}:\n    ${names.join(', ')}`);
    for (const test of cases) {
      for (const note of test.meta().contract?.notes ?? []) lines.push(`  ${test.name}: ${note}`);
    }
    lines.push(...liveSummaryLines(cases, record));
    for (const test of cases.filter((candidate) => candidate.result().state === 'failed')) {
      const result = test.result();
      lines.push('', `FAIL ${test.name}`);
      for (const error of ('errors' in result && result.errors) || []) lines.push(error.message);
    }
    lines.push('');
    process.stdout.write(`${lines.join('\n')}\n`);
    updateRecord({ exitCode: exitCodeFor(cases, record) });
  }
}
