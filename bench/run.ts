// `npm run bench`: every measurement, under Node.js 20 (the machine's), 22 and 24 (scripts/with-node.mjs),
// printed as tables side by side with a met/missed line per target, and written to
// BENCHMARKS.md. `--smoke` runs a few iterations of each on the running Node.js only, and
// writes nothing. `--node=current,24` picks the versions.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sharedPackedPackage } from '../test/support/packed-package.js';
import { REPO_ROOT } from '../test/support/run-command.js';
import { measureClientOverhead } from './client-overhead.js';
import { measureColdImport, type ColdImportResult } from './cold-import.js';
import { measureFreshCloneTest } from './fresh-clone-test.js';
import { measureLoopback } from './loopback.js';
import { buildReport } from './report.js';
import { runtimeSettings, suiteSettings, type RuntimeResult } from './settings.js';
import { measureSizes } from './sizes.js';
import { formatNumber } from './statistics.js';
import { measureSuiteSpeed } from './suite-speed.js';

const exec = promisify(execFile);

export interface BenchOptions {
  smoke: boolean;
  /** "current": the Node.js running this, in this process; a major: that version, in a child process. */
  nodes: string[];
  log?: (text: string) => void;
}

async function measureUnder(node: string, smoke: boolean): Promise<RuntimeResult> {
  if (node === 'current') {
    const settings = runtimeSettings(smoke);
    return { node: process.version, overhead: await measureClientOverhead(settings.overhead), loopback: await measureLoopback(settings.loopback) };
  }
  const command = ['node', '--import', './scripts/run-typescript.mjs', 'bench/measure.ts', ...(smoke ? ['--smoke'] : [])];
  const { stdout } = await exec(process.execPath, ['scripts/with-node.mjs', node, '--', ...command], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as RuntimeResult;
}

/** Runs the benchmark and answers the report: machine, tables and targets. */
export async function runBenchmarks(options: BenchOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const load = loadavg().map((value) => formatNumber(value, 2)).join(', ');
  const runtimes: RuntimeResult[] = [];
  for (const node of options.nodes) {
    log(`measuring under Node.js ${node}…`);
    runtimes.push(await measureUnder(node, options.smoke));
  }
  // The smoke run does not wait for the package to be packed (test/package/consumer.test.ts checks the pack).
  const staged = options.smoke ? undefined : (await sharedPackedPackage()).staged;
  const sizes = await measureSizes(staged);
  const coldImports: ColdImportResult[] = [];
  for (const node of staged ? options.nodes : []) coldImports.push(await measureColdImport(staged!, node, 15));
  const suite = await measureSuiteSpeed(suiteSettings(options.smoke));
  // Minutes of work, and itself a run of npm test: the full run only, after the rest.
  if (!options.smoke) log('timing npm test on a fresh clone…');
  const freshClone = options.smoke ? undefined : await measureFreshCloneTest();
  const { sections, verdicts } = buildReport(runtimes, sizes, suite, freshClone, coldImports);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${formatNumber(totalmem() / 2 ** 30, 0)} GiB; ${process.platform} ${process.arch}; load average at the start ${load}, at the end ${loadavg().map((value) => formatNumber(value, 2)).join(', ')} (the machine is shared)`;
  return [
    `Machine: ${machine}`,
    `Date: ${new Date().toISOString()}`,
    `Command: \`npm run bench\`${options.smoke ? ' -- --smoke (smoke mode: too few iterations to mean anything)' : ''}; Node.js versions: ${runtimes.map((result) => result.node).join(', ')}`,
    '',
    ...sections.flatMap((section) => [section, '']),
    '## Targets',
    '',
    ...verdicts,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const smoke = process.argv.includes('--smoke');
  const nodes = process.argv.find((arg) => arg.startsWith('--node='))?.slice('--node='.length).split(',') ?? (smoke ? ['current'] : ['current', '22', '24']);
  const report = await runBenchmarks({ smoke, nodes, log: (text) => process.stderr.write(`${text}\n`) });
  process.stdout.write(`Benchmarks\n\n${report}\n`);
  if (!smoke) {
    const intro = `# Benchmarks\n\nMeasured by \`npm run bench\` (\`bench/\`), which writes this file. The sides run interleaved (request by request in rotating order, or rounds in a new order each time) so that noise on the machine falls on all of them alike. "connect-oauth-kit" is the package, every call on the global fetch. Ratios are against the row named in the column.\n\n`;
    const analysis = await readFile(join(REPO_ROOT, 'bench/analysis.md'), 'utf8');
    await writeFile(join(REPO_ROOT, 'BENCHMARKS.md'), `${intro}${report}\n\n${analysis}`);
    process.stdout.write('\nWrote BENCHMARKS.md.\n');
  }
}
