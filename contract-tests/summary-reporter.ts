// Prints the contract suite's outcome for people: a table of checks by operation, then
// every violation with the request, the response and the rule it broke.
import type { SerializedError } from 'vitest';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { clearRecord, readRecord, updateRecord } from './engine/run-record.js';
import { exitCodeFor, liveSummaryLines } from './live-summary.js';

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip', pending: '…' } as const;

export default class ContractSummaryReporter implements Reporter {
  onInit(): void {
    clearRecord();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
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
    lines.push('', `${ofTarget.length} check runs: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
    // One line a reason: a read-only run skips most checks for the same one.
    const skippedFor = new Map<string, string[]>();
    for (const test of cases.filter((candidate) => candidate.result().state === 'skipped')) {
      const result = test.result();
      const reason = 'note' in result && result.note ? result.note : 'no reason given';
      skippedFor.set(reason, [...(skippedFor.get(reason) ?? []), test.name]);
    }
    for (const [reason, names] of skippedFor) lines.push(names.length === 1 ? `  skipped ${names[0]}: ${reason}` : `  skipped ${names.length}, ${reason}:\n    ${names.join(', ')}`);
    for (const test of cases.filter((candidate) => candidate.result().state === 'failed')) {
      const result = test.result();
      lines.push('', `FAIL ${test.name}`);
      for (const error of ('errors' in result && result.errors) || []) lines.push(error.message.split('\n\n')[0]!);
    }
    lines.push(...liveSummaryLines(cases, record), '');
    process.stdout.write(`${lines.join('\n')}\n`);
    updateRecord({ exitCode: exitCodeFor(cases, record) });
  }
}
