// Prints vitest's counts for each run, then their sum as .ci/run's last line, `N passed, N failed`
// alone (skipped tests are summed on the line before it):
//   node .ci/vitest-totals.mjs "label=reports/a.json" "label=reports/b.json" ...
// A run that wrote no report (it did not start, or did not finish) says so and counts as one
// failure, so the last line never reads as a clean result when a run is missing.
// Each failed test is named under its run, with the first line of its error: CI logs are often
// read from the tail alone, and a failure under one Node.js version is otherwise hard to find.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const runs = process.argv.slice(2).map((argument) => {
  const split = argument.lastIndexOf('=');
  return { label: argument.slice(0, split), report: argument.slice(split + 1) };
});
const total = { passed: 0, failed: 0, skipped: 0 };
const counted = (counts) => `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
const firstLine = (text) => {
  const line = String(text ?? '').split('\n').find((part) => part.trim() !== '') ?? '(no message)';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line.trim();
};

function failuresOf(results) {
  const failures = [];
  for (const file of results.testResults ?? []) {
    const name = relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      failures.push(`${name} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
    // A file that failed outside any test (a throw at import, a failing hook) has only a message.
    if (file.status === 'failed' && failedTests.length === 0) failures.push(`${name}: ${firstLine(file.message)}`);
  }
  return failures;
}

console.log('Results by Node.js version:');
for (const { label, report } of runs) {
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    for (const key of Object.keys(total)) total[key] += counts[key];
    console.log(`  ${label}: ${counted(counts)}`);
    for (const failure of failuresOf(results)) console.log(`    failed: ${failure}`);
  } catch {
    total.failed += 1;
    console.log(`  ${label}: vitest wrote no report to ${report}: it did not run, or did not finish (counted as 1 failed).`);
  }
}
console.log(`Skipped in all runs: ${total.skipped}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
