// The contract CLI as a team installs it: both packages packed, installed into a fresh project
// with no network, and the bin run there against the reference server and a broken variant.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveVariant } from '../../contract-tests/reference-server/live-variants.js';
import { startReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../contract-tests/reference-server/server.js';
import { installOffline } from '../support/offline-install.js';
import { packContractCli, sharedPackedPackage, type PackedPackage } from '../support/packed-package.js';
import { envWithoutContractSettings, REPO_ROOT, runCommand, runCommandStatus, type CommandResult } from '../support/run-command.js';

const TOKEN = 'cli-pack-token-Qw7zR4tY9uP2';
const ACCOUNT = '18394725';
let work: string;
let project: string;
let cliVersion: string;
let cliPackage: PackedPackage;
const servers: ReferenceServer[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'connect-oauth-cli-'));
  // The client as every package test shares it, packed once; the CLI packed here, the one test that needs it.
  const [client, cli] = await Promise.all([sharedPackedPackage(), packContractCli(work)]);
  cliPackage = cli;
  cliVersion = (JSON.parse(await readFile(join(cli.staged, 'package.json'), 'utf8')) as { version: string }).version;
  project = join(work, 'project');
  await installOffline(project, [
    { tarball: client.tarball, manifestPath: join(client.staged, 'package.json'), lockLocation: '' },
    { tarball: cli.tarball, manifestPath: join(cli.staged, 'package.json'), lockLocation: 'packages/contract-cli' },
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  if (work) await rm(work, { recursive: true, force: true });
});

async function referenceServer(options: Partial<ReferenceServerOptions> = {}): Promise<ReferenceServer> {
  const server = await startReferenceServer({ token: TOKEN, ...options });
  servers.push(server);
  return server;
}

const bin = () => join(project, 'node_modules/.bin/connect-oauth-contract');
const cliEnv = (env: Record<string, string>) => ({ ...envWithoutContractSettings(), ...env });

/** The installed bin, as `npx connect-oauth-contract` would run it, from the project's folder. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCommandStatus(bin(), args, { cwd: project, env: cliEnv(env), timeout: RUN_TIMEOUT - 10_000 });
}

/** A run of the suite, with others at the same time on a machine that may be busy. */
const RUN_TIMEOUT = 120_000;
const reports = (name: string) => ['--junit', `reports/${name}.xml`, '--har', `reports/${name}.har`];
const read = (path: string) => readFile(join(project, path), 'utf8');
// A server in another process is a live target to the suite: read-only, paced, with a budget.
// This one is ours, so nothing is paced and nothing limited.
const UNPACED = ['--rate', '0', '--max-requests', '0', '--cases', '1'];

describe('connect-oauth-contract, installed from its tarball', () => {
  it('ships one JavaScript file with the engine and the spec inside, and passes publint', async () => {
    const files = (await runCommand('tar', ['-tzf', cliPackage.tarball], work)).trim().split('\n').map((file) => file.replace(/^package\//, ''));
    expect(files.sort()).toEqual(['LICENSE', 'README.md', 'ci-recipe.github-workflow.yml', 'dist/cli.js', 'package.json']);
    const shipped = await readFile(join(project, 'node_modules/connect-oauth-contract/dist/cli.js'), 'utf8');
    const spec = JSON.parse(await readFile(join(REPO_ROOT, 'generated/openapi.json'), 'utf8')) as { info: { title: string } };
    expect(shipped).toContain(spec.info.title);
    // Nothing of the repository's tests: not the reference server, nor vitest.
    expect(shipped).not.toMatch(/startReferenceServer|from ["']vitest/);
    await runCommand(join(REPO_ROOT, 'node_modules/.bin/publint'), ['--strict', '--pack', 'false'], cliPackage.staged);
  });

  it('installs without vitest, vite, esbuild or TypeScript: nothing compiles at run time', async () => {
    const installed = await readdir(join(project, 'node_modules'));
    for (const tool of ['vitest', 'vite', 'esbuild', 'typescript', 'tsx']) expect(installed).not.toContain(tool);
    expect(installed.filter((name) => name.startsWith('@vitest') || name.startsWith('@esbuild'))).toEqual([]);
  });

  it('prints its help, with the token best kept in CONTRACT_TOKEN, and its version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: connect-oauth-contract \[options\]/);
    for (const option of ['--target', '--token', '--account', '--writes on|replace', '--cases', '--seed', '--rate', '--max-requests', '--junit', '--har', '--version']) expect(help.stdout).toContain(option);
    expect(help.stdout).toMatch(/Prefer the CONTRACT_TOKEN variable/);
    expect(help.stdout).toMatch(/^ {2}2 {2}the suite could not run/m);
    const version = await cli(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${cliVersion}\n`, stderr: '' });
  });

  // What each mistake says is held by contract-cli-options.test.ts, on every supported Node.js; these hold what the installed command does with it.
  it.each([
    [['--tagret', 'http://127.0.0.1:1'], /unknown option --tagret\./],
    [['--target', 'http://127.0.0.1:1', '--account', ACCOUNT, '--cases', TOKEN, '--token', TOKEN], /--cases: CONTRACT_CASES must be a whole number from 1 to 10000, got "\[REDACTED\]"/],
  ])('refuses %j with exit code 2 and says why, without starting the suite', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Run connect-oauth-contract --help for the options\.\n$/);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('refuses a report path it cannot write before it sends anything, with exit code 2', async () => {
    const result = await cli(['--junit', 'package.json/contract.xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write the JUnit report to .*package\.json\/contract\.xml: .+\. Give --junit a file in a folder you can write to\.\n$/);
    expect(result.stdout).toBe('');
  });

});

// Each run is a process of its own, so two or more at once use the cores a single test file leaves idle.
describe.concurrent('connect-oauth-contract runs, installed from its tarball', () => {
  it('passes against the reference server with writes on, leaves its account empty and writes the reports asked for; the token from CONTRACT_TOKEN appears nowhere', { timeout: RUN_TIMEOUT }, async ({ expect }) => {
    const server = await referenceServer();
    const result = await cli(['--target', server.url, '--account', ACCOUNT, '--writes', 'on', ...UNPACED, ...reports('pass')], { CONTRACT_TOKEN: TOKEN });
    expect(result.stdout).toMatch(/Contract checks against http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/\d+ check runs: \d+ passed, 0 failed, \d+ skipped/);
    expect(result.stdout).not.toContain('Read-only run');
    expect(result.stdout).toContain('Clean-up: the account was left with no Connect OAuth configuration');
    expect(server.storedConfiguration(ACCOUNT)).toBeUndefined();
    expect(result.code).toBe(0);
    const [junit, har] = await Promise.all([read('reports/pass.xml'), read('reports/pass.har')]);
    expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
    expect((JSON.parse(har) as { log: { entries: unknown[] } }).log.entries.length).toBeGreaterThan(100);
    for (const output of [result.stdout, result.stderr, junit, har]) expect(output).not.toContain(TOKEN);
    // The output names where the reports are.
    expect(result.stdout).toContain(`Wrote the JUnit report to ${join(project, 'reports/pass.xml')} and the HAR log to ${join(project, 'reports/pass.har')}.`);
  });

  it('exits 1 against a broken variant, read-only by default, and masks a token given as --token', { timeout: RUN_TIMEOUT }, async ({ expect }) => {
    const server = await referenceServer({ faults: ['no-trace-token'] });
    const result = await cli(['--target', server.url, '--token', TOKEN, '--account', ACCOUNT, ...UNPACED, ...reports('fail')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Read-only run: \d+ check runs that send POST, PUT or DELETE were skipped, and nothing was written/);
    expect(result.stdout).toMatch(/\d+ check runs: \d+ passed, [1-9]\d* failed/);
    expect(result.stdout).toMatch(/X-DocuSign-TraceToken/i);
    expect(result.stdout).toMatch(/authorization: Bearer \*\*\*/);
    const junit = await read('reports/fail.xml');
    expect(junit).toMatch(/<testsuites [^>]*failures="[1-9]/);
    for (const output of [result.stdout, result.stderr, junit, await read('reports/fail.har')]) expect(output).not.toContain(TOKEN);
  });

  it('exits 2 without writing when --writes on meets an account that has a configuration', { timeout: RUN_TIMEOUT }, async ({ expect }) => {
    const server = await referenceServer({ stored: { [ACCOUNT]: { authorizationServerUrl: 'https://auth.example.com/oauth2/token', clientId: 'prod-client', clientSecret: 'prod-secret-do-not-lose' } } });
    const before = server.storedConfiguration(ACCOUNT);
    const result = await cli(['--target', server.url, '--account', ACCOUNT, '--writes', 'on', ...UNPACED], { CONTRACT_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/already has a Connect OAuth configuration.*Nothing was changed/);
    expect(result.stdout).not.toMatch(/check runs/);
    expect(server.storedConfiguration(ACCOUNT)).toBe(before);
    for (const output of [result.stdout, result.stderr]) expect(output).not.toMatch(/prod-secret-do-not-lose|cli-pack-token/);
  });

  it('on SIGTERM stops sending, cleans up the account it wrote to and exits 2', { timeout: RUN_TIMEOUT }, async ({ expect }) => {
    const server = await startLiveVariant({ token: TOKEN, delayMs: 25 });
    servers.push(server);
    const child = spawn(bin(), ['--target', server.url, '--account', ACCOUNT, '--writes', 'on', ...UNPACED], { cwd: project, env: cliEnv({ CONTRACT_TOKEN: TOKEN }) });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupted once the run has written something.
    while (server.storedConfiguration(ACCOUNT) === undefined && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    expect(await exited).toBe(2);
    expect(stdout).toContain('Interrupted (SIGTERM): no more requests go out; the run cleans up what it wrote, then stops.');
    expect(stdout).toContain('Clean-up: the account was left with no Connect OAuth configuration');
    expect(server.storedConfiguration(ACCOUNT)).toBeUndefined();
  });

  it('finishes with its exit code when its reader goes away (| head)', { timeout: RUN_TIMEOUT }, async ({ expect }) => {
    const server = await referenceServer({ faults: ['no-trace-token'] });
    const child = spawn(bin(), ['--target', server.url, '--account', ACCOUNT, ...UNPACED], { cwd: project, env: cliEnv({ CONTRACT_TOKEN: TOKEN }) });
    child.stdout.once('data', () => child.stdout.destroy());
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(await exited).toBe(1);
  });

  it('checks its embedded mock of the spec it ships when no target is given', { timeout: RUN_TIMEOUT }, async ({ expect }) => {
    const result = await cli(['--cases', '1']);
    expect(result.stdout).toMatch(/Contract checks against Prism mock of the spec at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/\d+ check runs: \d+ passed, 0 failed/);
    expect(result.code).toBe(0);
  });
});
