import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT as root, runCommandStatus } from '../support/run-command.js';

let copy: string;

async function generateCheck(): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await runCommandStatus('node', [join(root, 'scripts/generate.mjs'), '--check', `--root=${copy}`]);
  return { code, output: stdout + stderr };
}

describe('generate:check', () => {
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'connect-oauth-drift-'));
    for (const entry of ['openapi', 'generated', 'lint', 'redocly.yaml']) await cp(join(root, entry), join(copy, entry), { recursive: true });
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('passes while generated/ matches the spec', async () => {
    const { code, output } = await generateCheck();
    expect(output).toContain('generated/ matches openapi/.');
    expect(code).toBe(0);
  });

  it('fails when the spec changes and generated/ does not', async () => {
    const schema = join(copy, 'openapi/components/schemas/ClientId.yaml');
    await writeFile(schema, (await readFile(schema, 'utf8')).replace('maxLength: 256', 'maxLength: 255'));
    const { code, output } = await generateCheck();
    expect(code).toBe(1);
    expect(output).toContain('generated/openapi.json is out of date');
    expect(output).toContain('run `npm run generate`');
  });
});
