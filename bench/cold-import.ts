// 5. Cold import: a new process imports the packed package's entry and times the import alone,
// fifteen times per Node.js version.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../test/support/run-command.js';
import { median } from './statistics.js';

const exec = promisify(execFile);

export interface ColdImportResult {
  node: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** `node`: "current" for the Node.js running this, or a major that scripts/with-node.mjs runs. */
export async function measureColdImport(staged: string, node: string, runs: number): Promise<ColdImportResult> {
  const entry = pathToFileURL(join(staged, 'dist/src/index.js')).href;
  const script = `const start = performance.now(); await import(${JSON.stringify(entry)}); console.log(process.version, performance.now() - start);`;
  const args = ['--input-type=module', '-e', script];
  const times: number[] = [];
  let version = '';
  for (let run = 0; run < runs; run++) {
    const { stdout } = node === 'current' ? await exec(process.execPath, args) : await exec(process.execPath, ['scripts/with-node.mjs', node, '--', 'node', ...args], { cwd: REPO_ROOT });
    const [printedVersion, ms] = stdout.trim().split('\n').at(-1)!.split(' ');
    version = printedVersion!;
    times.push(Number(ms));
  }
  return { node: version, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}
