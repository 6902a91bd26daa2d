// `npm run spec:diff` in a throwaway git repository holding a copy of openapi/, baseline
// included: it passes an unchanged spec on a clone without tags, fails a breaking edit, takes a
// new baseline only with a new major version, compares with a git ref, and fails without a
// baseline.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { REPO_ROOT, runCommand, runCommandStatus } from '../support/run-command.js';

let repo: string;
const git = (...args: string[]) => runCommand('git', args, repo);
const specDiff = (...args: string[]) =>
  runCommandStatus('npm', ['run', '--silent', 'spec:diff', ...(args.length ? ['--', ...args] : [])], { cwd: repo });

/** Removes a property the base's response schema has, so a consumer reading it breaks. */
async function removeAResponseProperty(): Promise<string> {
  const file = join(repo, 'openapi/components/schemas/ConnectOAuthConfigDetails.yaml');
  const document = parseDocument(await readFile(file, 'utf8'));
  const properties = document.get('properties') as { items: { key: { value: string } }[] };
  const name = properties.items.at(-1)!.key.value;
  document.deleteIn(['properties', name]);
  const required = document.getIn(['required']) as { items: { value: string }[] } | undefined;
  const index = required?.items.findIndex((item) => item.value === name) ?? -1;
  if (index >= 0) document.deleteIn(['required', index]);
  await writeFile(file, document.toString());
  return name;
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'spec-diff-gate-'));
  for (const path of ['package.json', 'openapi', 'scripts/spec-diff.mjs', 'scripts/spec-diff']) {
    await cp(join(REPO_ROOT, path), join(repo, path), { recursive: true });
  }
  await symlink(join(REPO_ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  await writeFile(join(repo, '.gitignore'), 'node_modules\n');
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '.');
  await git('-c', 'user.name=spec-diff test', '-c', 'user.email=spec-diff@example.invalid', 'commit', '--quiet', '-m', 'released spec');
}, 30_000);

afterAll(async () => {
  if (repo) await rm(repo, { recursive: true, force: true });
});

async function setInfoVersion(version: string): Promise<void> {
  const file = join(repo, 'openapi/openapi.yaml');
  const document = parseDocument(await readFile(file, 'utf8'));
  document.setIn(['info', 'version'], version);
  await writeFile(file, document.toString());
}

describe('npm run spec:diff', () => {
  it('passes a spec that did not change since the committed baseline, with no tag in the repository', async () => {
    expect(await git('tag', '--list')).toBe('');
    const result = await specDiff();
    const { version } = JSON.parse(await readFile(join(repo, 'openapi/baseline/openapi.json'), 'utf8')).info as { version: string };
    expect(result.stdout).toContain(`against the released spec ${version} (openapi/baseline/openapi.json)`);
    expect(result.stdout).toContain('No change to the contract.');
    expect(result.code).toBe(0);
  });

  it('fails a breaking edit against the baseline, naming what broke and how to release it', async () => {
    const removed = await removeAResponseProperty();
    const result = await specDiff();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Breaking changes (');
    expect(result.stdout).toContain(`Property \`${removed}\``);
    expect(result.stdout).toContain('raise the major version of info.version');
  });

  it('fails the same edit against --base, a tag', async () => {
    await git('tag', 'v0.1.0');
    const result = await specDiff('--base', 'v0.1.0');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/breaking changes?: a client or server built against v0\.1\.0 \(\w+\) would break/);
  });

  it('refuses a base that does not exist', async () => {
    const result = await specDiff('--base', 'v9.9.9');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base v9.9.9: no such commit, branch or tag here');
  });

  it('takes the break as the new baseline only once info.version has a new major version', async () => {
    const refused = await specDiff('--update-baseline');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the baseline was not updated');
    expect((await specDiff()).code).toBe(1);

    const released = JSON.parse(await readFile(join(repo, 'openapi/baseline/openapi.json'), 'utf8')).info.version as string;
    const next = `${Number(released.split('.')[0]) + 1}.0.0`;
    await setInfoVersion(next);
    const updated = await specDiff('--update-baseline');
    expect(updated.code).toBe(0);
    const baseline = JSON.parse(await readFile(join(repo, 'openapi/baseline/openapi.json'), 'utf8'));
    expect(baseline.info.version).toBe(next);
    const after = await specDiff();
    expect(after.stdout).toContain('No change to the contract.');
    expect(after.code).toBe(0);
  });

  it('fails, saying how to make one, when there is no baseline', async () => {
    await rm(join(repo, 'openapi/baseline'), { recursive: true });
    const result = await specDiff();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no released spec to compare with');
    expect(result.stderr).toContain('--update-baseline');
  });
});
