// How much each measurement runs: the full run behind BENCHMARKS.md, or a smoke run that
// only shows that every part still works.
import type { OverheadResult } from './client-overhead.js';
import type { LoopbackResult } from './loopback.js';

export function runtimeSettings(smoke: boolean) {
  return smoke
    ? { overhead: { rounds: 1, timeMs: 10 }, loopback: { warmup: 5, sequential: 10, concurrentRequests: 32, concurrency: 16, rounds: 1 } }
    : { overhead: { rounds: 9, timeMs: 250 }, loopback: { warmup: 200, sequential: 3_000, concurrentRequests: 1_000, concurrency: 16, rounds: 7 } };
}

export function suiteSettings(smoke: boolean) {
  // The smoke run leaves out what takes seconds: `npm run contract` (test/contract-suite/cli.test.ts runs it) and Prism's CLI.
  return smoke ? { contractRuns: 0, contractCases: 2, prismRuns: 1, prismCli: false } : { contractRuns: 3, contractCases: 20, prismRuns: 3, prismCli: true };
}

export interface RuntimeResult {
  node: string;
  overhead: OverheadResult[];
  loopback: LoopbackResult[];
}
