// `npm run bench`: every measurement in one run, printed as a table of medians and ratios
// and written to BENCHMARKS.md. `--smoke` runs a few iterations of each and writes nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/run-command.js';
import { measureClientOverhead, type OverheadResult } from './client-overhead.js';
import { measureLoopback } from './loopback.js';
import { measureSizes } from './sizes.js';
import { formatNumber, markdownTable } from './statistics.js';
import { measureSuiteSpeed } from './suite-speed.js';

const smoke = process.argv.includes('--smoke');
const settings = smoke
  ? { overhead: { rounds: 1, timeMs: 20 }, loopback: { sequential: 20, concurrentRequests: 32, concurrency: 16, rounds: 1 }, suite: { contractRuns: 1, contractCases: 2, prismRuns: 1 } }
  : { overhead: { rounds: 9, timeMs: 250 }, loopback: { sequential: 2_000, concurrentRequests: 1_000, concurrency: 16, rounds: 5 }, suite: { contractRuns: 3, contractCases: 20, prismRuns: 3 } };

const OURS = 'connect-oauth-kit (validation on)';
const sections: string[] = [];
const verdicts: string[] = [];
const ratio = (a: number, b: number) => `${formatNumber(a / b, 2)}x`;
const target = (met: boolean, what: string) => verdicts.push(`- ${met ? 'met' : 'MISSED'}: ${what}`);

function log(text: string) {
  process.stdout.write(`${text}\n`);
}

log(`Benchmarks${smoke ? ' (smoke mode: too few iterations to mean anything)' : ''}\n`);

// 1
const overhead = await measureClientOverhead(settings.overhead);
const ops = (side: string, operation: OverheadResult['operation']) => overhead.find((row) => row.side === side && row.operation === operation)!.opsPerSecond;
const overheadSides = [...new Set(overhead.map((row) => row.side))];
sections.push(
  `## 1. Client overhead, stubbed transport (ops/s from each round's median latency, median of ${settings.overhead.rounds} interleaved rounds)\n\n` +
    markdownTable(
      ['side', 'create ops/s', 'get ops/s', 'create vs ours', 'get vs ours'],
      overheadSides.map((side) => [side, formatNumber(ops(side, 'create')), formatNumber(ops(side, 'get')), ratio(ops(side, 'create'), ops(OURS, 'create')), ratio(ops(side, 'get'), ops(OURS, 'get'))]),
    ),
);
for (const operation of ['create', 'get'] as const) {
  const perCall = (1 / ops(OURS, operation)) / (1 / ops('openapi-fetch (bare)', operation));
  target(perCall <= 1.25, `${operation}: per-call time of our client (validation on) is ${formatNumber(perCall, 2)}x bare openapi-fetch's (target: at most 1.25x)`);
  const speedup = ops(OURS, operation) / ops('docusign-esign', operation);
  target(speedup >= 3, `${operation}: our client makes ${formatNumber(speedup, 2)}x the calls per second of docusign-esign (target: at least 3x)`);
}

// 2
const loopback = await measureLoopback(settings.loopback);
const raw = loopback.find((row) => row.side === 'fetch (raw)')!;
const ours = loopback.find((row) => row.side === OURS)!;
const sdk = loopback.find((row) => row.side === 'docusign-esign')!;
sections.push(
  `## 2. Loopback, POST answered 201 by node:http on 127.0.0.1 (${formatNumber(settings.loopback.sequential)} sequential requests each, interleaved; ${formatNumber(settings.loopback.concurrentRequests)} requests at ${settings.loopback.concurrency} concurrent, median of ${settings.loopback.rounds} rounds)\n\n` +
    markdownTable(
      ['side', 'p50 ms', 'p99 ms', 'p50 vs raw fetch', 'req/s at 16 concurrent', 'req/s vs raw fetch'],
      loopback.map((row) => [row.side, formatNumber(row.p50Ms, 3), formatNumber(row.p99Ms, 3), ratio(row.p50Ms, raw.p50Ms), formatNumber(row.requestsPerSecond), ratio(row.requestsPerSecond, raw.requestsPerSecond)]),
    ),
);
target(ours.p50Ms <= raw.p50Ms * 1.1, `loopback p50 of our client is ${ratio(ours.p50Ms, raw.p50Ms)} raw fetch's (target: at most 1.10x)`);
target(ours.p50Ms < sdk.p50Ms, `loopback p50 of our client (${formatNumber(ours.p50Ms, 3)} ms) is below docusign-esign's (${formatNumber(sdk.p50Ms, 3)} ms)`);

// 3
const sizes = await measureSizes();
sections.push(
  `## 3. Size\n\n` +
    markdownTable(
      ['what', 'bytes', 'ratio'],
      [
        ['client entry, bundled with openapi-fetch, minified, gzip', formatNumber(sizes.clientGzipBytes), ratio(sizes.clientGzipBytes, sizes.openapiFetchGzipBytes)],
        ['openapi-fetch alone, minified, gzip', formatNumber(sizes.openapiFetchGzipBytes), '1.00x'],
        ['`npm install connect-oauth-kit` (node_modules)', formatNumber(sizes.installedBytes), '1.00x'],
        [`\`npm install docusign-esign@${sizes.sdkVersion}\` (node_modules)`, formatNumber(sizes.sdkInstalledBytes), ratio(sizes.sdkInstalledBytes, sizes.installedBytes)],
      ],
    ),
);

// 4
const suite = await measureSuiteSpeed(settings.suite);
sections.push(
  `## 4. Contract suite\n\n` +
    markdownTable(
      ['what', 'ms'],
      [
        [`\`npm run contract\` against the mock, wall time (CONTRACT_CASES=${suite.contractCases}, median of ${settings.suite.contractRuns})`, formatNumber(suite.contractWallMs)],
        [`requests one run sends (not ms; coverage, random and forced-status phases)`, formatNumber(suite.contractRequests)],
        ['Prism ready, in-process (`createServer`, `listen(0)`)', formatNumber(suite.prismInProcessReadyMs, 1)],
        ['Prism ready, CLI (`prism mock`, to its "listening" line)', formatNumber(suite.prismCliReadyMs)],
      ],
    ),
);
target(suite.contractWallMs < 10_000, `\`npm run contract\` takes ${formatNumber(suite.contractWallMs / 1000, 1)} s for ${formatNumber(suite.contractRequests)} requests (target: under 10 s)`);

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${formatNumber(totalmem() / 2 ** 30, 0)} GiB; Node.js ${process.version}; ${process.platform} ${process.arch}`;
const report = [`Machine: ${machine}`, `Date: ${new Date().toISOString()}`, `Command: \`npm run bench\``, '', ...sections.flatMap((section) => [section, '']), '## Targets', '', ...verdicts].join('\n');
log(report);

if (!smoke) {
  const intro = `# Benchmarks\n\nMeasured by \`npm run bench\` (\`bench/\`), which writes this file. The sides run interleaved (in a new order each round, or request by request) so that noise on the machine falls on all of them alike; each figure is a median. Ratios are against the row named in the column.\n\n`;
  const analysis = await readFile(join(REPO_ROOT, 'bench/analysis.md'), 'utf8');
  await writeFile(join(REPO_ROOT, 'BENCHMARKS.md'), `${intro}${report}\n\n${analysis}`);
  log('\nWrote BENCHMARKS.md.');
}
