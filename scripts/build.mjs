#!/usr/bin/env node
// Builds dist/: the client as ESM with declarations (tsc), the generated types, and the
// bundled spec as dist/openapi.json for tools that load it.
import { execFile } from 'node:child_process';
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// --out=DIR builds elsewhere, for tests that pack a staged copy.
const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? 'dist';

await rm(out, { recursive: true, force: true });
try {
  await run('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', out]);
} catch (error) {
  console.error(`tsc failed:\n${error.stdout}${error.stderr}`);
  process.exit(1);
}
// tsc emits no copy of a declaration file it was given; the types of ./schema are one.
await copyFile('generated/schema.d.ts', join(out, 'generated/schema.d.ts'));
await copyFile('generated/openapi.json', join(out, 'openapi.json'));
console.log(`Built ${out}/.`);
