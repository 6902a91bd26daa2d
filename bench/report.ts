// The tables and the met/missed lines of BENCHMARKS.md, from the results of each Node.js
// version side by side.
import type { ColdImportResult } from './cold-import.js';
import type { FreshCloneTestResult } from './fresh-clone-test.js';
import { OURS } from './sides.js';
import type { RuntimeResult } from './settings.js';
import type { SizeResult } from './sizes.js';
import { formatNumber, markdownTable } from './statistics.js';
import type { SuiteSpeedResult } from './suite-speed.js';

// The client's size is reported, not a target: it runs on servers, where a few kB do not matter.
export const TARGETS = { loopbackRatio: 1.1, concurrentRatio: 0.95, overheadRatio: 1.25, contractWallMs: 10_000, testLoopWallMs: 90_000, coldImportMs: 10 };
const RAW = 'fetch (raw)';
const BARE = 'openapi-fetch (bare)';
const SDK = 'docusign-esign';

const ratio = (a: number, b: number) => `${formatNumber(a / b, 2)}x`;
const major = (result: RuntimeResult) => `Node ${result.node.replace(/^v/, '')}`;

export function buildReport(runtimes: RuntimeResult[], sizes: SizeResult, suite: SuiteSpeedResult, freshClone: FreshCloneTestResult | undefined, coldImports: ColdImportResult[] = []): { sections: string[]; verdicts: string[] } {
  const verdicts: string[] = [];
  const measured = (value: number, digits = 0) => (Number.isFinite(value) ? formatNumber(value, digits) : 'left out of the smoke run');
  const target = (met: boolean, what: string) => verdicts.push(`- ${met ? 'met' : 'MISSED'}: ${what}`);
  const sections: string[] = [];

  const sides = runtimes[0]!.overhead.map((row) => row.side).filter((side, index, all) => all.indexOf(side) === index);
  const ops = (result: RuntimeResult, side: string, operation: 'create' | 'get') => result.overhead.find((row) => row.side === side && row.operation === operation)!.opsPerSecond;
  sections.push(
    `## 1. Client overhead, stubbed transport (ops/s from each round's median latency, median of the interleaved rounds; a fetch that answers at once, an axios adapter for the SDK)\n\n` +
      markdownTable(
        ['side', ...runtimes.flatMap((result) => [`${major(result)} create ops/s`, `${major(result)} get ops/s`, `${major(result)} per-call time vs bare openapi-fetch (create, get)`])],
        sides.map((side) => [
          side,
          ...runtimes.flatMap((result) => [
            formatNumber(ops(result, side, 'create')),
            formatNumber(ops(result, side, 'get')),
            `${ratio(ops(result, BARE, 'create'), ops(result, side, 'create'))}, ${ratio(ops(result, BARE, 'get'), ops(result, side, 'get'))}`,
          ]),
        ]),
      ),
  );

  const row = (result: RuntimeResult, side: string) => result.loopback.find((each) => each.side === side)!;
  const loopSides = runtimes[0]!.loopback.map((each) => each.side);
  sections.push(
    `## 2. Loopback, POST answered 201 by node:http on 127.0.0.1, the server in the same process (sequential: request by request in rotating order; ms)\n\n` +
      markdownTable(
        ['side', ...runtimes.flatMap((result) => [`${major(result)} p50`, `mean (10% trimmed)`, 'p99', 'p50 vs raw fetch', 'mean vs raw fetch'])],
        loopSides.map((side) => [
          side,
          ...runtimes.flatMap((result) => {
            const own = row(result, side);
            const raw = row(result, RAW);
            return [formatNumber(own.p50Ms, 3), formatNumber(own.meanMs, 3), formatNumber(own.p99Ms, 3), ratio(own.p50Ms, raw.p50Ms), ratio(own.meanMs, raw.meanMs)];
          }),
        ]),
      ) +
      `\n\n### 16 concurrent requests (requests per second, median of the rounds, sides in rotating order)\n\n` +
      markdownTable(
        ['side', ...runtimes.flatMap((result) => [`${major(result)} req/s`, 'vs raw fetch'])],
        loopSides.map((side) => [side, ...runtimes.flatMap((result) => [formatNumber(row(result, side).requestsPerSecond), ratio(row(result, side).requestsPerSecond, row(result, RAW).requestsPerSecond)])]),
      ),
  );

  for (const result of runtimes) {
    const node = major(result);
    for (const operation of ['create', 'get'] as const) {
      const perCall = ops(result, BARE, operation) / ops(result, OURS, operation);
      target(perCall <= TARGETS.overheadRatio, `${node}, stubbed ${operation}: per-call time ${formatNumber(perCall, 2)}x bare openapi-fetch's (at most ${TARGETS.overheadRatio}x)`);
    }
    const ours = row(result, OURS);
    const raw = row(result, RAW);
    const sdk = row(result, SDK);
    target(ours.p50Ms <= raw.p50Ms * TARGETS.loopbackRatio && ours.meanMs <= raw.meanMs * TARGETS.loopbackRatio, `${node}, sequential: p50 ${ratio(ours.p50Ms, raw.p50Ms)} and mean ${ratio(ours.meanMs, raw.meanMs)} raw fetch's (at most ${TARGETS.loopbackRatio}x)`);
    target(ours.p50Ms < sdk.p50Ms && ours.meanMs < sdk.meanMs, `${node}, sequential: p50 ${formatNumber(ours.p50Ms, 3)} ms and mean ${formatNumber(ours.meanMs, 3)} ms, below docusign-esign's ${formatNumber(sdk.p50Ms, 3)} ms and ${formatNumber(sdk.meanMs, 3)} ms`);
    target(ours.requestsPerSecond >= raw.requestsPerSecond * TARGETS.concurrentRatio, `${node}, 16 concurrent: ${ratio(ours.requestsPerSecond, raw.requestsPerSecond)} raw fetch's requests per second (at least ${TARGETS.concurrentRatio}x)`);
    target(ours.requestsPerSecond > sdk.requestsPerSecond, `${node}, 16 concurrent: ${formatNumber(ours.requestsPerSecond)} req/s against docusign-esign's ${formatNumber(sdk.requestsPerSecond)} (above it)`);
  }

  sections.push(
    `## 3. Size\n\n` +
      markdownTable(
        ['what', 'bytes', 'vs openapi-fetch alone'],
        [
          ['client entry (`src/index.ts`), bundled, minified, gzip -9', formatNumber(sizes.clientGzipBytes), ratio(sizes.clientGzipBytes, sizes.openapiFetchGzipBytes)],
          ['raw entry (`src/raw.ts`, `connect-oauth-kit/raw`), bundled with openapi-fetch, minified, gzip -9', formatNumber(sizes.rawGzipBytes), ratio(sizes.rawGzipBytes, sizes.openapiFetchGzipBytes)],
          ['openapi-fetch alone, minified, gzip -9', formatNumber(sizes.openapiFetchGzipBytes), '1.00x'],
          ['client entry, minified (before gzip)', formatNumber(sizes.clientMinifiedBytes), ''],
        ],
      ) +
      `\n\n### What the client entry is made of\n\n"adds gzipped": the entry gzipped, less the entry gzipped without the part's code. Text that parts share compresses once, so the column adds up to more than the whole.\n\n` +
      markdownTable(
        ['part', 'adds gzipped', 'minified bytes', 'share of minified'],
        sizes.parts.map((part) => [part.part, formatNumber(part.gzipBytes), formatNumber(part.minifiedBytes), `${formatNumber((100 * part.minifiedBytes) / sizes.clientMinifiedBytes, 1)}%`]),
      ) +
      `\n\n### Installed (the package and the dependencies package-lock.json resolves for it)\n\n` +
      markdownTable(
        ['what', 'bytes', 'vs ours'],
        [
          ['connect-oauth-kit (packed contents) with openapi-fetch', measured(sizes.installedBytes), '1.00x'],
          [`docusign-esign@${sizes.sdkVersion}`, formatNumber(sizes.sdkInstalledBytes), Number.isFinite(sizes.installedBytes) ? ratio(sizes.sdkInstalledBytes, sizes.installedBytes) : ''],
        ],
      ),
  );

  sections.push(
    `## 4. Test loop and contract suite (wall times)\n\n` +
      markdownTable(
        ['what', 'ms'],
        [
          [`\`npm run contract\` against the mock (CONTRACT_CASES=${suite.contractCases}, median)`, measured(suite.contractWallMs)],
          ['requests one run sends (a count, not ms)', suite.contractRequests > 0 ? formatNumber(suite.contractRequests) : 'not measured in smoke mode'],
          ['Prism ready, in-process (`createServer`, `listen(0)`)', measured(suite.prismInProcessReadyMs, 1)],
          ['Prism ready, CLI (`prism mock`, to its "listening" line)', measured(suite.prismCliReadyMs)],
          [`\`npm test\` on a fresh clone${freshClone ? ` of ${freshClone.commit}${freshClone.exitCode === 0 ? '' : `, which FAILED (exit code ${freshClone.exitCode})`}` : ''}`, freshClone ? formatNumber(freshClone.wallMs) : 'left out of the smoke run'],
        ],
      ),
  );
  if (freshClone && freshClone.failures.length > 0) sections.push(`### What failed in \`npm test\` on the fresh clone\n\n${freshClone.failures.map((line) => `    ${line}`).join('\n')}`);
  if (freshClone) target(freshClone.exitCode === 0 && freshClone.wallMs < TARGETS.testLoopWallMs, `\`npm test\` on a fresh clone takes ${formatNumber(freshClone.wallMs / 1000, 1)} s${freshClone.exitCode === 0 ? '' : ' and fails'} (under ${TARGETS.testLoopWallMs / 1000} s)`);
  sections.push(
    `## 5. Cold import (a new process imports the packed entry, \`dist/src/index.js\`; ms over 15 processes)\n\n` +
      (coldImports.length === 0
        ? 'Left out of the smoke run.'
        : markdownTable(
            ['Node.js', 'median', 'min', 'max'],
            coldImports.map((result) => [result.node, formatNumber(result.medianMs, 1), formatNumber(result.minMs, 1), formatNumber(result.maxMs, 1)]),
          )),
  );
  // Node.js 20 is past its end of life: measured and reported, no target.
  for (const result of coldImports.filter((cold) => !cold.node.startsWith('v20.'))) {
    target(result.medianMs <= TARGETS.coldImportMs, `Node ${result.node.replace(/^v/, '')}, cold import: median ${formatNumber(result.medianMs, 1)} ms (at most ${TARGETS.coldImportMs} ms)`);
  }
  if (Number.isFinite(suite.contractWallMs)) target(suite.contractWallMs < TARGETS.contractWallMs, `\`npm run contract\` takes ${formatNumber(suite.contractWallMs / 1000, 1)} s for ${formatNumber(suite.contractRequests)} requests (under ${TARGETS.contractWallMs / 1000} s)`);
  return { sections, verdicts };
}
