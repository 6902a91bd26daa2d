// `npm run mock` as a person runs it: it serves the contract on the port asked for, and
// stopping npm (Ctrl-C's SIGINT, or kill's SIGTERM) leaves nothing listening.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { REPO_ROOT } from '../support/run-command.js';

const started: ChildProcess[] = [];

afterEach(() => {
  // A test that failed half-way still leaves no mock behind: its whole process group goes.
  for (const child of started.splice(0)) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startNpmMock(port: number): Promise<{ npm: ChildProcess; output: () => string }> {
  // Detached: npm leads its own process group, as in a terminal, so a signal sent to npm's
  // pid alone reaches npm alone, and whatever it started must be stopped by npm.
  const npm = spawn('npm', ['run', 'mock'], { cwd: REPO_ROOT, env: { ...process.env, MOCK_PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(npm);
  let output = '';
  npm.stdout!.on('data', (chunk) => (output += chunk));
  npm.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes('listening on')) {
    if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm run mock did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { npm, output: () => output };
}

async function stopped(npm: ChildProcess): Promise<void> {
  if (npm.exitCode !== null || npm.signalCode !== null) return;
  await new Promise((resolve) => npm.once('exit', resolve));
}

describe('npm run mock', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('serves the envelope on the port asked for, and %s to npm leaves nothing listening', async (signal) => {
    const port = await freePort();
    const { npm, output } = await startNpmMock(port);
    expect(output()).toContain(`http://127.0.0.1:${port}`);

    const response = await fetch(`http://127.0.0.1:${port}/v2.1/accounts/18394725/connect/oauth`, { method: 'PATCH' });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'METHOD_NOT_ALLOWED' } });

    process.kill(npm.pid!, signal);
    await stopped(npm);
    const deadline = Date.now() + 5_000;
    while ((await accepts(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await accepts(port), `something still listens on ${port} after ${signal}:\n${output()}`).toBe(false);
  }, 60_000);

  it.each([['--statefull'], ['--stateful', 'now']])('refuses %j, naming the options it takes, before it listens', async (...args) => {
    const npm = spawn('npm', ['run', 'mock', '--', ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(npm);
    let output = '';
    npm.stdout!.on('data', (chunk) => (output += chunk));
    npm.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => npm.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).not.toContain('listening on');
    for (const known of ['--stateful', '--port=N', '--help']) expect(output).toContain(known);
  }, 30_000);

  it('refuses a port that is not a number, saying how to pick one', async () => {
    const npm = spawn('npm', ['run', 'mock', '--', '--port=http'], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(npm);
    let output = '';
    npm.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => npm.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toMatch(/port must be a number .*--port=N or MOCK_PORT/);
  }, 30_000);
});
