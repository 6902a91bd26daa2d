// The measurements that depend on the Node.js running them (1. stubbed transport, 2. loopback),
// printed as one JSON line for bench/run.ts, which runs this file under each Node.js version.
import { measureClientOverhead } from './client-overhead.js';
import { measureLoopback } from './loopback.js';
import { runtimeSettings, type RuntimeResult } from './settings.js';

const settings = runtimeSettings(process.argv.includes('--smoke'));
const result: RuntimeResult = {
  node: process.version,
  overhead: await measureClientOverhead(settings.overhead),
  loopback: await measureLoopback(settings.loopback),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
