// The GitHub Actions workflows: this repository's CI and the recipe teams copy to run the contract
// CLI against their staging server. action-validator checks them against the workflow schema;
// the rest checks that they run what this repository says they run.
import { readFile, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { parse } from 'yaml';
import { REPO_ROOT, runCommandStatus } from '../support/run-command.js';

const CI = '.github/workflows/ci.yml';
const RECIPE = 'packages/contract-cli/ci-recipe.github-workflow.yml';
const VALIDATOR = join(REPO_ROOT, 'node_modules/.bin/action-validator');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }
interface Workflow { jobs: Record<string, { steps: Step[]; strategy?: { matrix: { node: number[] } }; needs?: string[]; if?: string }> }
const load = async (path: string) => parse(await readFile(join(REPO_ROOT, path), 'utf8')) as Workflow;
const engines = async (path: string) => (JSON.parse(await readFile(join(REPO_ROOT, path), 'utf8')) as { engines: { node: string } }).engines.node;

/** Whether a Node.js version meets an engines range of the forms this project writes: `^X`, `^X.Y`, `>=X`, joined by `||`. */
function satisfies(version: string, range: string): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number) as [number, number];
  return range.split('||').some((part) => {
    const match = /^\s*(\^|>=)(\d+)(?:\.(\d+))?\s*$/.exec(part);
    if (!match) throw new Error(`an engines range this test cannot read: ${part}`);
    const [wantMajor, wantMinor] = [Number(match[2]), Number(match[3] ?? 0)];
    if (match[1] === '>=') return major > wantMajor || (major === wantMajor && minor >= wantMinor);
    return major === wantMajor && minor >= wantMinor;
  });
}
const validate = (path: string) => runCommandStatus(VALIDATOR, [path], { cwd: REPO_ROOT });

describe.each([CI, RECIPE])('%s', (path) => {
  it('is a valid GitHub Actions workflow', async () => {
    const result = await validate(path);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

it('action-validator refuses a workflow that breaks the schema', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'workflow-'));
  try {
    const broken = join(folder, 'broken.yml');
    await writeFile(broken, (await readFile(join(REPO_ROOT, CI), 'utf8')).replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'));
    const result = await runCommandStatus(VALIDATOR, [broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Additional property 'runs_on' is not allowed");
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

describe('the repository CI', () => {
  it('tests on every Node.js major the package supports', async () => {
    const { jobs } = await load(CI);
    expect(await engines('package.json')).toBe('^20.19 || ^22 || >=24');
    expect(jobs.test!.strategy!.matrix.node).toEqual([20, 22, 24]);
  });

  it('agrees with the engines of both packages, .ci/run and the README on the supported versions', async () => {
    const accepted = await engines('package.json');
    expect(await engines('packages/contract-cli/package.json')).toBe(accepted);
    // .ci/run: every suite on the machine's Node.js, the client, spec and package suites on each pinned one.
    const ciRun = await readFile(join(REPO_ROOT, '.ci/run'), 'utf8');
    expect(ciRun).toContain('PINNED_NODE_VERSIONS');
    expect(ciRun).toContain('npx vitest run test/client test/spec test/package');
    const { PINNED_NODE_VERSIONS } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/node-runtime.mjs')).href)) as { PINNED_NODE_VERSIONS: Record<string, string> };
    expect(Object.keys(PINNED_NODE_VERSIONS).map(Number)).toEqual([22, 24]);
    for (const version of [process.version, ...Object.values(PINNED_NODE_VERSIONS)]) expect(satisfies(version, accepted), version).toBe(true);
    for (const major of (await load(CI)).jobs.test!.strategy!.matrix.node) expect(satisfies(`${major}.99.0`, accepted), String(major)).toBe(true);
    expect(satisfies('20.18.0', accepted)).toBe(false);
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('Supported and tested: Node.js 22 and 24, the LTS lines. Node.js 20 reached its end of life in');
    expect(readme).toContain(`\`engines\` still accepts it (\`${accepted}\`)`);
  });

  it('installs nothing whose engines refuse a Node.js version CI runs, so npm ci prints no EBADENGINE warning', async () => {
    const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: unknown }> };
    const { PINNED_NODE_VERSIONS } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/node-runtime.mjs')).href)) as { PINNED_NODE_VERSIONS: Record<string, string> };
    const versions = [process.version, ...Object.values(PINNED_NODE_VERSIONS)];
    const refusing = Object.entries(lock.packages).flatMap(([path, { engines }]) => {
      const range = (engines as { node?: unknown } | undefined)?.node;
      return typeof range === 'string' ? versions.filter((version) => !semver.satisfies(version, range)).map((version) => `${path || 'the root'} (${range}) refuses ${version}`) : [];
    });
    expect(refusing).toEqual([]);
  });

  it('installs, runs npm test, and keeps the contract report', async () => {
    const steps = (await load(CI)).jobs.test!.steps;
    const runs = steps.map((step) => step.run ?? step.uses);
    expect(runs).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm test', 'npm run contract']));
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: 'reports/contract-junit.xml', 'if-no-files-found': 'error' });
    expect(upload?.if).toBe('${{ !cancelled() }}');
  });

  it('publishes the page npm run docs writes, from main only', async () => {
    const { jobs } = await load(CI);
    expect(jobs.docs!.steps.map((step) => step.run)).toContain('npm run docs');
    expect(jobs.docs!.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'docs' });
    expect(jobs.pages!.needs).toEqual(['test', 'docs']);
    expect(jobs.pages!.if).toContain("github.ref == 'refs/heads/main'");
    expect(jobs.pages!.steps.map((step) => step.uses)).toEqual(['actions/deploy-pages@v4']);
  });
});

describe('the contract recipe', () => {
  it('installs the CLI from a committed tarball, never by its name on a registry, and sets no npm_config_yes', async () => {
    const text = await readFile(join(REPO_ROOT, RECIPE), 'utf8');
    expect(text).not.toMatch(/npm_config_yes/i);
    const steps = (await load(RECIPE)).jobs.contract!.steps;
    const runs = steps.map((step) => step.run).filter(Boolean);
    expect(runs.filter((run) => /\bnpx\b|npm exec/.test(run!))).toEqual([]);
    expect(runs.filter((run) => /\bnpm (?:install|i|add)\b/.test(run!))).toEqual(['npm install --no-save --no-package-lock ./vendor/connect-oauth-contract-0.2.0.tgz']);
  });

  it('runs the CLI against staging with the token from a secret, off the command line', async () => {
    const steps = (await load(RECIPE)).jobs.contract!.steps;
    const run = steps.find((step) => step.run?.includes('connect-oauth-contract --target'));
    expect(run?.run).toBe('./node_modules/.bin/connect-oauth-contract --target "$STAGING_URL" --junit reports/contract-junit.xml');
    expect(run?.env).toMatchObject({ CONTRACT_TOKEN: '${{ secrets.CONTRACT_TOKEN }}', STAGING_URL: '${{ vars.STAGING_URL }}' });
    expect(run?.run).not.toMatch(/TOKEN|secrets/);
  });

  it('publishes the JUnit report the CLI writes, even when the suite failed', async () => {
    const steps = (await load(RECIPE)).jobs.contract!.steps;
    const publish = steps.find((step) => step.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(publish?.with).toMatchObject({ report_paths: 'reports/contract-junit.xml', require_tests: true });
    expect(publish?.if).toBe('${{ !cancelled() }}');
  });
});
