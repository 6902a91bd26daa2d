// `npm run contract`: the contract suite alone, with a summary for people and a JUnit
// report for CI (CONTRACT_REPORT_DIR, default reports/).
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const reportDir = process.env.CONTRACT_REPORT_DIR ?? 'reports';

export default defineConfig({
  test: {
    root: join(import.meta.dirname, '..'),
    include: ['contract-tests/contract.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
    // One reporter writes the JUnit report, then the summary: a failing run ends with its violations.
    reporters: ['./contract-tests/summary-reporter.ts'],
    outputFile: { junit: join(reportDir, 'contract-junit.xml') },
  },
});
