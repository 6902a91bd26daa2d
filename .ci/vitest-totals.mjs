// Prints vitest's counts for each run, then their sum as .ci/run's last line:
//   node .ci/vitest-totals.mjs "label=reports/a.json" "label=reports/b.json" ...
// A run that wrote no report (it did not start, or did not finish) counts nothing and says so.
import { readFileSync } from 'node:fs';

const runs = process.argv.slice(2).map((argument) => {
  const split = argument.lastIndexOf('=');
  return { label: argument.slice(0, split), report: argument.slice(split + 1) };
});
const total = { passed: 0, failed: 0, skipped: 0 };
const counted = (counts) => `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;

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
  } catch {
    console.log(`  ${label}: vitest wrote no report to ${report}: it did not run, or did not finish.`);
  }
}
console.log(counted(total));
