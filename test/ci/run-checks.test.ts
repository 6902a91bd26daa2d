// scripts/run-checks.mjs, which npm test runs its checks with: every script at once, each one's
// output whole and in the order named, and a failure of any one fails the lot.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCommandStatus } from '../support/run-command.js';

let project: string;
const wait = (ms: number, text: string) => `node -e "setTimeout(() => console.log('${text}'), ${ms})"`;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'run-checks-'));
  const scripts = {
    slow: wait(1_500, 'slow done'),
    quick: wait(0, 'quick done'),
    broken: 'node -e "console.error(\'it broke\'); process.exit(3)"',
  };
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'checks', private: true, scripts }));
});
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

const runChecks = (names: string[]) => runCommandStatus('node', [join(REPO_ROOT, 'scripts/run-checks.mjs'), ...names], { cwd: project });

describe('run-checks', () => {
  it('runs the scripts at the same time and prints each one whole, in the order named', async () => {
    const started = Date.now();
    const result = await runChecks(['slow', 'quick', 'slow']);
    expect(result.code).toBe(0);
    // Three scripts, two of 1.5 s: in a row they would take 3 s and more.
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(result.stdout.replace(/\n+/g, '\n').trim().split('\n')).toEqual(['> npm run slow', 'slow done', '> npm run quick', 'quick done', '> npm run slow', 'slow done']);
  });

  it('fails when one fails, with its exit code and output, and still prints the others', async () => {
    const result = await runChecks(['broken', 'quick']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('> npm run broken (failed, exit code 3)\nit broke');
    expect(result.stdout).toContain('> npm run quick\nquick done');
    expect(result.stderr).toContain('npm run broken failed: see its output above.');
  });

  it('refuses to run nothing, saying what to give it', async () => {
    const result = await runChecks([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('name the npm scripts to run');
  });
});
