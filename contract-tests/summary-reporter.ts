// Prints the contract suite's outcome for people: a table of checks by operation, the seed
// and what was sent, then every violation with the request, the response, the rule it broke
// and a curl command to repeat it. It ends with the violations, where a reader looks first.
import type { SerializedError } from 'vitest';
import type { TestCase, TestModule } from 'vitest/node';
import { JUnitReporter } from 'vitest/reporters';
import { describeCounts } from './engine/report/request-counts.js';

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip', pending: '…' } as const;

/** Writes the JUnit report first, then prints the summary: the run's output ends with it. */
export default class ContractSummaryReporter extends JUnitReporter {
  override async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): Promise<void> {
    await super.onTestRunEnd(testModules);
    this.printSummary(testModules, unhandledErrors);
  }

  private printSummary(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    // A target that could not be opened fails the hooks, before any check ran: say why.
    const setupErrors = [...unhandledErrors, ...testModules.flatMap((module) => [...module.errors(), ...[...module.children.allSuites()].flatMap((suite) => suite.errors())])];
    for (const error of setupErrors) process.stdout.write(`\nThe contract suite could not run: ${error.message}\n`);
    if (setupErrors.length > 0) return;
    const cases = testModules.flatMap((module) => [...module.children.allTests()]).filter((test) => test.meta().contract || test.name.includes(' › '));
    if (cases.length === 0) return;
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
    const count = (state: string) => cases.filter((test) => test.result().state === state).length;
    const metas = cases.map((test) => test.meta().contract).filter((meta) => meta !== undefined);
    const last = metas.reduce<(typeof metas)[number] | undefined>((best, meta) => (!best || meta.counts.total >= best.counts.total ? meta : best), undefined);
    lines.push('', `${cases.length} check runs: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
    if (last) {
      lines.push(`Seed: ${last.seed} (CONTRACT_SEED=${last.seed} repeats this run), CONTRACT_CASES=${last.cases}`, '', 'Requests sent:', ...describeCounts(last.counts));
    }
    for (const test of cases.filter((candidate) => candidate.result().state === 'skipped')) {
      const result = test.result();
      lines.push(`  skipped ${test.name}: ${'note' in result && result.note ? result.note : 'no reason given'}`);
    }
    for (const test of cases) {
      for (const note of test.meta().contract?.notes ?? []) lines.push(`  ${test.name}: ${note}`);
    }
    for (const test of cases.filter((candidate) => candidate.result().state === 'failed')) {
      const result = test.result();
      lines.push('', `FAIL ${test.name}`);
      for (const error of ('errors' in result && result.errors) || []) lines.push(error.message);
    }
    lines.push('');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
