import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The tests that hold the client to its guarantees over a real socket: they run twice, once
// with the browser entry (fetch) and once with Node's (node:http), each file unchanged.
const OVER_THE_WIRE = ['abort', 'body-limit', 'faults', 'long-waits', 'redaction', 'redaction.property', 'redirects'].map((name) => `test/client/${name}.test.ts`);

const CONTRACT_RUNS = ['test/contract-suite/**/*.test.ts'];

export default defineConfig({
  resolve: {
    // The examples import the package by name, as its users do.
    alias: { 'connect-oauth-kit': source('./src/index.ts') },
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // One file per core: many files start child processes (a whole contract run, Prism, npm),
    // and more at once made their timings fail on a two-core machine. Each file uses its own
    // ports (listen(0)) and temporary folders.
    maxWorkers: 2,
    // A worker keeps the modules it loaded from one file to the next: the suite's engine and
    // Prism took a second or more to load for each file that uses them. No test file mocks a
    // module; those that stub globals or the environment undo it after each test.
    isolate: false,
    // The JSON report is what .ci/run totals; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest-results.json' },
    projects: [
      // Files that wait on child processes and sockets, many at a time.
      {
        extends: true,
        test: { name: 'all', include: ['test/**/*.test.ts', 'contract-tests/**/*.test.ts'], exclude: [...OVER_THE_WIRE, ...CONTRACT_RUNS], sequence: { groupOrder: 0 } },
      },
      // Whole runs of the suite in child processes (vitest, Prism, a server each): seconds apiece
      // on a quiet machine, several times that while the other files share its two cores.
      {
        extends: true,
        test: { name: 'contract runs', include: CONTRACT_RUNS, testTimeout: 180_000, hookTimeout: 60_000, sequence: { groupOrder: 0 } },
      },
      // Then the tests that time aborts and measure memory: one file at a time per entry, so
      // that a busy neighbour cannot make them late.
      {
        extends: true,
        test: { name: 'over-the-wire', include: OVER_THE_WIRE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        resolve: { alias: [{ find: /^\.\.\/\.\.\/src\/index\.js$/, replacement: source('./node/index.ts') }] },
        test: { name: 'over-the-wire, node:http', include: OVER_THE_WIRE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
