// 4. Speed of the contract suite: the wall time of `npm run contract` against the mock, and
// how long Prism takes to be ready, in-process against the CLI.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrism } from '../contract-tests/support/prism.js';
import { REPO_ROOT, runCommand } from '../test/support/run-command.js';
import { median } from './statistics.js';

export interface SuiteSpeedResult {
  contractWallMs: number;
  contractCases: number;
  /** The requests one run sent, as its summary totals them. */
  contractRequests: number;
  prismInProcessReadyMs: number;
  prismCliReadyMs: number;
}

export async function measureSuiteSpeed(options: { contractRuns: number; contractCases: number; prismRuns: number; prismCli: boolean }): Promise<SuiteSpeedResult> {
  const wall: number[] = [];
  let requests = 0;
  const reports = await mkdtemp(join(tmpdir(), 'connect-oauth-bench-contract-'));
  try {
    for (let run = 0; run < options.contractRuns; run++) {
      const started = performance.now();
      const output = await runCommand('npm', ['run', 'contract'], REPO_ROOT, { CONTRACT_REPORT_DIR: reports, CONTRACT_CASES: String(options.contractCases) });
      wall.push(performance.now() - started);
      const total = /^ {2}total +(\d+) requests/m.exec(output)?.[1];
      if (total === undefined) throw new Error(`npm run contract printed no request total:\n${output}`);
      requests = Number(total);
    }
  } finally {
    await rm(reports, { recursive: true, force: true });
  }

  const inProcess: number[] = [];
  const cli: number[] = [];
  for (let run = 0; run < options.prismRuns; run++) {
    const started = performance.now();
    const prism = await startPrism();
    inProcess.push(performance.now() - started);
    await prism.close();
    if (options.prismCli) cli.push(await prismCliReadyMs());
  }
  return { contractWallMs: median(wall), contractCases: options.contractCases, contractRequests: requests, prismInProcessReadyMs: median(inProcess), prismCliReadyMs: median(cli) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** From spawning `prism mock` to its "listening" line; the process is ended after. */
async function prismCliReadyMs(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/prism'), ['mock', '--host', '127.0.0.1', '--port', String(port), 'openapi/openapi.yaml'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('prism mock did not get ready within 30 s')), 30_000);
      const onData = (chunk: Buffer) => {
        if (chunk.toString().includes('Prism is listening')) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`prism mock exited (${code}) before it was ready`)));
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
