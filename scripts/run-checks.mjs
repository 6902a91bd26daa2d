#!/usr/bin/env node
// `node scripts/run-checks.mjs lint typecheck ...`: runs those npm scripts at the same time and
// prints each one's output whole, in the order given, once it is done. They read the tree and
// write nothing, so none waits for another: together they take as long as the slowest
// (typecheck), not as long as all of them in a row. Exits 1 when any failed, naming them.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('run-checks: name the npm scripts to run, e.g. node scripts/run-checks.mjs lint typecheck');
  process.exit(2);
}

function run(name) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: Buffer.from(`could not start npm run ${name}: ${error.message}\n`) }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(output) }));
  });
}

const started = names.map(run);
const failed = [];
for (const pending of started) {
  const { name, code, output } = await pending;
  process.stdout.write(`\n> npm run ${name}${code === 0 ? '' : ` (failed, exit code ${code})`}\n`);
  process.stdout.write(output);
  if (code !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\n${failed.map((name) => `npm run ${name}`).join(', ')} failed: see its output above.`);
  process.exit(1);
}
