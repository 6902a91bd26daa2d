// The benchmark in smoke mode: a few iterations of every measurement, in this process, so
// that the benchmark cannot rot between the runs that write BENCHMARKS.md.
import { describe, expect, it } from 'vitest';
import { measureColdImport } from '../../bench/cold-import.js';
import { runBenchmarks } from '../../bench/run.js';
import { sharedPackedPackage } from '../support/packed-package.js';

describe('npm run bench', () => {
  it('measures every section in smoke mode and prints the tables and the targets', async () => {
    const report = await runBenchmarks({ smoke: true, nodes: ['current'] });
    for (const heading of ['## 1. Client overhead', '## 2. Loopback', '### 16 concurrent', '## 3. Size', '### What the client entry is made of', '## 4. Test loop', '## 5. Cold import', '## Targets']) expect(report).toContain(heading);
    for (const side of ['connect-oauth-kit (validation on)', 'connect-oauth-kit (validation off)', 'openapi-fetch (bare)', 'docusign-esign', 'fetch (raw)']) {
      expect(report).toContain(`| ${side} |`);
    }
    // Smoke mode's few iterations say nothing of the targets: only that each is judged.
    expect(report).toMatch(/- (met|MISSED): Node \d+\.\d+\.\d+, sequential: p50/);
    expect(report).not.toMatch(/client entry [\d,]+ B gzipped \(at most/);
    expect(report).not.toMatch(/\| n\/a \|/);
  }, 60_000);

  it('times the packed entry’s import in new processes of the given Node.js', async () => {
    const { staged } = await sharedPackedPackage();
    const cold = await measureColdImport(staged, 'current', 2);
    expect(cold.node).toBe(process.version);
    expect(cold.minMs).toBeGreaterThan(0);
    expect(cold.minMs).toBeLessThanOrEqual(cold.medianMs);
    expect(cold.medianMs).toBeLessThanOrEqual(cold.maxMs);
  }, 120_000);
});
