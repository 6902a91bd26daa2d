#!/usr/bin/env node
// Builds dist/: the client's two entries as ESM bundles (esbuild; what they share in one chunk,
// so that both see the same error classes), its declarations (tsc), the generated types, and
// the bundled spec as dist/openapi.json for tools that load it. One file to load instead of
// twenty halves the cold import.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// --out=DIR builds elsewhere, for tests that pack a staged copy.
const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? 'dist';

await rm(out, { recursive: true, force: true });
try {
  await run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', out, '--emitDeclarationOnly']);
  await run('node_modules/.bin/esbuild', ['src/index.ts', 'src/raw.ts', '--bundle', '--splitting', '--format=esm', '--platform=neutral', '--target=es2022', '--external:openapi-fetch', `--outdir=${join(out, 'src')}`, '--log-level=warning']);
} catch (error) {
  console.error(`build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout === undefined ? error.message : ''}`);
  process.exit(1);
}
// tsc emits no copy of a declaration file it was given: the types of ./schema are one, and the
// validators' (bundled into the entries) another.
await mkdir(join(out, 'generated'), { recursive: true });
for (const file of ['schema.d.ts', 'validators.d.ts']) await copyFile(join('generated', file), join(out, 'generated', file));
await copyFile('generated/openapi.json', join(out, 'openapi.json'));
console.log(`Built ${out}/.`);
