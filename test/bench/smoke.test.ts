// `npm run bench` in smoke mode: a few iterations of every measurement, so that the
// benchmark cannot rot between the runs that write BENCHMARKS.md.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run bench', () => {
  it('measures every section in smoke mode and prints the table and the targets', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'bench', '--', '--smoke'], { cwd: root, timeout: 170_000, maxBuffer: 8 * 1024 * 1024 });
    for (const heading of ['## 1. Client overhead', '## 2. Loopback', '## 3. Size', '## 4. Contract suite', '## Targets']) expect(stdout).toContain(heading);
    for (const side of ['connect-oauth-kit (validation on)', 'connect-oauth-kit (validation off)', 'openapi-fetch (bare)', 'docusign-esign', 'fetch (raw)']) expect(stdout).toContain(`| ${side} |`);
    expect(stdout).not.toMatch(/\| n\/a \|/);
    expect(stdout).not.toContain('Wrote BENCHMARKS.md');
  }, 180_000);
});
