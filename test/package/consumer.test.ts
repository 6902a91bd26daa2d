// The package as a consumer gets it: npm pack, install the tarball into a fresh project,
// compile against its types (bundler and node16 resolution), run it against Prism.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type RunningPrism } from '../../contract-tests/support/prism.js';
import { installInto, sharedPackedPackage } from '../support/packed-package.js';
import { REPO_ROOT as root, runCommand as run } from '../support/run-command.js';

const tsc = join(root, 'node_modules/typescript/bin/tsc');
let work: string;
let staged: string;
let consumer: string;
let tarball: string;
let prism: RunningPrism;

const CONSUMER_SOURCE = `import { ApiError, createConnectOAuthClient, type ConnectOAuthConfigInput } from 'connect-oauth-kit';
import { createRawConnectOAuthClient } from 'connect-oauth-kit/raw';
import type { components, paths } from 'connect-oauth-kit/schema';

declare const process: { env: Record<string, string | undefined> };

type Details = components['schemas']['ConnectOAuthConfigDetails'];
const path: keyof paths = '/v2.1/accounts/{accountId}/connect/oauth';
const body: ConnectOAuthConfigInput = {
  authorizationServerUrl: 'https://auth.example.org/oauth/token',
  clientId: 'docusign-connect',
  clientSecret: 'consumer-secret-value',
};
const client = createConnectOAuthClient({ baseUrl: process.env.BASE_URL!, accessToken: 'consumer-token' });
const created = await client.createConnectOAuthConfig('18394725', body);
const details: Details = await client.getConnectOAuthConfig('18394725');
const failure = await client.getConnectOAuthConfig('not an account').catch((error: unknown) => error);
const raw = createRawConnectOAuthClient({ baseUrl: process.env.BASE_URL!, accessToken: 'consumer-token' });
const { data: rawBody, response } = await raw.GET(path, { params: { path: { accountId: '18394725' } } });
console.log(JSON.stringify({ created, clientId: details.clientId, path, apiError: failure instanceof ApiError, failure: (failure as Error).name, raw: { status: response.status, clientId: rawBody?.data.clientId } }));
`;

// Import attributes need module esnext or nodenext, so the spec's JSON is read apart.
const SPEC_SOURCE = `import spec from 'connect-oauth-kit/openapi.json' with { type: 'json' };
export const version: string = spec.openapi;
console.log(version);
`;

const compilerOptions = { strict: true, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], resolveJsonModule: true, skipLibCheck: false };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'connect-oauth-consumer-'));
  ({ staged, tarball } = await sharedPackedPackage());
  consumer = join(work, 'consumer');
  await installInto(consumer, [tarball]);
  await writeFile(join(consumer, 'consumer.ts'), CONSUMER_SOURCE);
  await writeFile(join(consumer, 'spec.ts'), SPEC_SOURCE);
  await writeFile(join(consumer, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'bundler', noEmit: true }, files: ['consumer.ts', 'spec.ts'] }));
  await writeFile(join(consumer, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16', outDir: 'out' }, files: ['consumer.ts'] }));
  prism = await startPrism();
}, 240_000);

afterAll(async () => {
  await prism?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships dist, README and LICENSE, and nothing of the sources or tests', async () => {
    const listing = await run('tar', ['-tzf', tarball], work);
    const files = listing.trim().split('\n').map((file) => file.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/raw.js', 'dist/src/raw.d.ts', 'dist/generated/schema.d.ts', 'dist/openapi.json']));
    expect(files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file))).toEqual([]);
  });

  it('installs with openapi-fetch as its only dependency', async () => {
    const tree = JSON.parse(await run('npm', ['ls', '--all', '--json'], consumer)) as { dependencies: Record<string, { dependencies?: Record<string, unknown> }> };
    expect(Object.keys(tree.dependencies['connect-oauth-kit']!.dependencies ?? {})).toEqual(['openapi-fetch']);
  });

  it('type-checks for a consumer with moduleResolution bundler', async () => {
    await run('node', [tsc, '-p', 'tsconfig.bundler.json'], consumer);
  });

  it('compiles with node16 resolution and runs against Prism', async () => {
    await run('node', [tsc, '-p', 'tsconfig.node16.json'], consumer);
    const output = JSON.parse(await run('node', ['out/consumer.js'], consumer, { BASE_URL: prism.url }));
    expect(output).toEqual({
      created: { id: 'abc123', created_at: '2025-01-01T00:00:00Z' },
      clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
      path: '/v2.1/accounts/{accountId}/connect/oauth',
      apiError: false,
      failure: 'InputError',
      raw: { status: 200, clientId: '6731de76-14a6-49ae-97bc-6eba6914391e' },
    });
  });

  it('serves the bundled spec as connect-oauth-kit/openapi.json', async () => {
    const source = "import spec from 'connect-oauth-kit/openapi.json' with { type: 'json' }; console.log(spec.openapi, Object.keys(spec.paths).join());";
    expect((await run('node', ['--input-type=module', '-e', source], consumer)).trim()).toBe('3.1.0 /v2.1/accounts/{accountId}/connect/oauth');
  });

  it('passes publint and arethetypeswrong (ESM-only profile)', async () => {
    await run(join(root, 'node_modules/.bin/publint'), ['--strict', '--pack', 'false'], staged);
    await run(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only'], root);
  });
});
