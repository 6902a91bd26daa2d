import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The tests that hold the client to its guarantees over a real socket.
const OVER_THE_WIRE = ['abort', 'body-limit', 'faults', 'long-waits', 'redaction', 'redaction-other-roads', 'redaction.property', 'redirects'].map((name) => `test/client/${name}.test.ts`);

// Files that make whole runs of the suite (in this process or in child processes), or pack
// and install the packages: seconds of CPU apiece; and the browser test of the docs, which
// mostly waits on Chromium, so that its waits fall while the other worker is busy, not at the end.
const WHOLE_RUNS = ['test/contract-suite/**/*.test.ts', 'test/package/contract-cli.test.ts', 'test/package/consumer.test.ts', 'test/docs/docs-page.test.ts'];
const WHOLE_RUNS_PROJECT = 'whole runs';

/**
 * The whole runs start first, so that the many short files fill the cores around them
 * instead of leaving one long file to finish alone at the end. vitest would otherwise order
 * the projects by name, and within one the files by their last durations, or by size on a
 * fresh clone, which says little of a file that waits on child processes.
 */
class WholeRunsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => file.project.config.sequence.groupOrder * 2 + (file.project.name === WHOLE_RUNS_PROJECT ? 0 : 1);
    return (await super.sort(files)).sort((one, other) => rank(one) - rank(other));
  }
}

export default defineConfig({
  resolve: {
    // The examples import the package by name, as its users do.
    alias: [
      { find: /^connect-oauth-kit$/, replacement: source('./src/index.ts') },
      { find: /^connect-oauth-kit\/raw$/, replacement: source('./src/raw.ts') },
    ],
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
    // module; those that stub globals or the environment undo it after each test or file.
    isolate: false,
    sequence: { sequencer: WholeRunsFirst },
    // The JSON report is what .ci/run totals; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest-results.json' },
    projects: [
      // Files that wait on child processes and sockets, many at a time.
      {
        extends: true,
        test: { name: 'all', include: ['test/**/*.test.ts', 'contract-tests/**/*.test.ts'], exclude: [...OVER_THE_WIRE, ...WHOLE_RUNS], sequence: { groupOrder: 0 } },
      },
      // Whole runs of the suite (a server each, some through Prism, some in child processes),
      // and the packages packed and installed: seconds apiece on a quiet machine, several
      // times that while the other files share its two cores.
      {
        extends: true,
        test: { name: WHOLE_RUNS_PROJECT, include: WHOLE_RUNS, testTimeout: 180_000, hookTimeout: 60_000, sequence: { groupOrder: 0 } },
      },
      // Then the tests that time aborts and measure memory, once the whole runs are done, so
      // that no busy neighbour makes them late: only each other's, two files at a time.
      {
        extends: true,
        test: { name: 'over-the-wire', include: OVER_THE_WIRE, maxWorkers: 2, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
