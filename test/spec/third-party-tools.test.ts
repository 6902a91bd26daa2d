// The bundled spec as other tools take it: Redocly dereferences it whole (no schema refers to
// itself), and a third-party generator (@hey-api/openapi-ts) writes a client from it without a
// warning, which compiles under strict TypeScript. Spectral's own OpenAPI ruleset runs in
// `npm run lint`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCommand, runCommandStatus } from '../support/run-command.js';

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'connect-oauth-tools-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the bundled spec', () => {
  it('dereferences whole with redocly bundle --dereferenced, leaving no $ref', async () => {
    const out = join(work, 'dereferenced.json');
    await runCommand(bin('redocly'), ['bundle', 'openapi/openapi.yaml', '--dereferenced', '--output', out], REPO_ROOT);
    const text = await readFile(out, 'utf8');
    expect(text).not.toContain('"$ref"');
    expect(JSON.parse(text).paths['/v2.1/accounts/{accountId}/connect/oauth'].get.operationId).toBe('getConnectOAuthConfig');
  }, 30_000);

  it('generates with @hey-api/openapi-ts without a warning, into a client that compiles under strict TypeScript and names the operations as users type them', async () => {
    const out = join(work, 'hey-api');
    const generated = await runCommandStatus(bin('openapi-ts'), ['-i', join(REPO_ROOT, 'generated', 'openapi.json'), '-o', out], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(generated.code).toBe(0);
    // Its warnings (an unresolvable $ref, a schema it skips) go to standard error.
    expect(generated.stderr).toBe('');
    expect(generated.stdout).not.toMatch(/warn|error|fail|skip/i);
    const sdk = await readFile(join(out, 'sdk.gen.ts'), 'utf8');
    for (const name of ['createConnectOAuthConfig', 'getConnectOAuthConfig', 'updateConnectOAuthConfig', 'deleteConnectOAuthConfig']) expect(sdk).toContain(`export const ${name} =`);
    const types = await readFile(join(out, 'types.gen.ts'), 'utf8');
    // The types say what the spec says: each error status its own code (or one not listed yet),
    // and no type that means nothing (the recursive schema's `{ [key: string]: unknown } | Array<unknown>`).
    expect(types).toContain("code?: 'NOT_FOUND' | UnlistedErrorCode;");
    expect(types).not.toMatch(/\| Array<unknown>/);
    const tsconfig = join(work, 'tsconfig.json');
    await writeFile(tsconfig, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] }, include: [`${out}/**/*.ts`] }));
    await runCommand(bin('tsc'), ['-p', tsconfig], REPO_ROOT);
  }, 60_000);
});
