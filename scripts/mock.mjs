#!/usr/bin/env node
// `npm run mock`: the mock of the contract on 127.0.0.1:4010, or the port in MOCK_PORT or
// --port=N. Stateless by default (Prism answering from the spec's examples); with --stateful,
// a server that keeps each account's configuration. SIGINT (Ctrl-C) and SIGTERM close it, so
// that stopping npm leaves nothing listening.
import { register } from 'node:module';
import { parseArgs } from 'node:util';

const DEFAULT_PORT = 4010;
const USAGE = `Usage: npm run mock [-- --stateful] [-- --port=N]
  --stateful  remember each account's configuration: create, read back what was sent, update,
              delete, then 404 (default: stateless, every answer is one of the spec's examples)
  --port=N    listen on port N (default ${DEFAULT_PORT}, or MOCK_PORT)
  --help      print this`;

let options;
try {
  ({ values: options } = parseArgs({ options: { port: { type: 'string' }, stateful: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
} catch (error) {
  console.error(`${error.message.replace(/\. To specify a positional argument.*$/s, '.')}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const text = options.port ?? process.env.MOCK_PORT ?? String(DEFAULT_PORT);
const port = Number(text);
if (!/^\d+$/.test(text) || port > 65_535) {
  console.error(`The mock's port must be a number from 0 to 65535 (--port=N or MOCK_PORT), got ${JSON.stringify(text)}.`);
  process.exit(2);
}

register('./typescript-hooks.mjs', import.meta.url);
const { startMock } = await import('../contract-tests/support/mock-server.ts');
const { startStatefulMock } = await import('../contract-tests/reference-server/stateful-mock.ts');

let mock;
try {
  mock = await (options.stateful ? startStatefulMock : startMock)({ port, host: '127.0.0.1' });
} catch (error) {
  const hint = error?.code === 'EADDRINUSE' ? ` Port ${port} is taken: stop what listens there, or pick another with --port=N or MOCK_PORT.` : '';
  console.error(`The mock could not start: ${error instanceof Error ? error.message : String(error)}.${hint}`);
  process.exit(1);
}
const kind = options.stateful ? 'stateful: each account keeps what it is sent' : "stateless: Prism answers with the spec's examples; --stateful remembers";
console.log(`Mock of the contract listening on ${mock.url} (${kind}). Ctrl-C stops it.`);

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
