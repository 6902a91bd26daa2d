import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'contract-tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The JSON report is what .ci/run totals; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest-results.json' },
  },
});
