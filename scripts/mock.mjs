#!/usr/bin/env node
// `npm run mock`: the mock of the contract (contract-tests/support/mock-server.ts) on
// 127.0.0.1:4010, or the port in MOCK_PORT or --port=N. SIGINT (Ctrl-C) and SIGTERM close
// it, so that stopping npm leaves nothing listening.
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
const { startMock } = await import('../contract-tests/support/mock-server.ts');

const DEFAULT_PORT = 4010;
const text = process.argv.find((arg) => arg.startsWith('--port='))?.slice('--port='.length) ?? process.env.MOCK_PORT ?? String(DEFAULT_PORT);
const port = Number(text);
if (!/^\d+$/.test(text) || port > 65_535) {
  console.error(`The mock's port must be a number from 0 to 65535 (--port=N or MOCK_PORT), got ${JSON.stringify(text)}.`);
  process.exit(2);
}

let mock;
try {
  mock = await startMock({ port, host: '127.0.0.1' });
} catch (error) {
  const hint = error?.code === 'EADDRINUSE' ? ` Port ${port} is taken: stop what listens there, or pick another with --port=N or MOCK_PORT.` : '';
  console.error(`The mock could not start: ${error instanceof Error ? error.message : String(error)}.${hint}`);
  process.exit(1);
}
console.log(`Mock of the contract listening on ${mock.url} (Prism, answers kept in the envelope). Ctrl-C stops it.`);

let stopping = false;
function stop() {
  // A second signal while closing ends the process at once.
  if (stopping) process.exit(130);
  stopping = true;
  clearInterval(parentWatch);
  mock.close().then(
    () => {
      console.log(`Mock on ${mock.url} stopped.`);
      process.exit(0);
    },
    (error) => {
      console.error(`The mock did not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
// npm runs the script through a shell; should the shell not pass a signal on, the mock
// still stops when whatever started it is gone, rather than listen on as an orphan.
const parent = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid !== parent) stop();
}, 500).unref();
