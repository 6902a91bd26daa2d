#!/usr/bin/env node
// Builds the CLI package's dist/ from the repository: the contract suite's sources exactly as
// `npm run contract` runs them (contract-tests/ and the client sources it checks, found by
// following their imports), the bundled spec they read, the TypeScript loader that runs them,
// and the command itself bundled into dist/cli.js. The suite's files keep their paths relative
// to each other, because they find the spec and their reports from where they sit.
//   node scripts/build.mjs [--package=DIR]   (default: this package's folder)
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE_SOURCE = fileURLToPath(new URL('../', import.meta.url));
const REPO = resolve(PACKAGE_SOURCE, '../..');
const packageDir = resolve(process.argv.find((arg) => arg.startsWith('--package='))?.slice('--package='.length) ?? PACKAGE_SOURCE);
const out = join(packageDir, 'dist');

// What vitest and Node load by path: the suite's test file, its reporter and config, and
// the script that runs vitest and cleans up after an interrupted run.
const SUITE_ENTRIES = ['contract-tests/contract.test.ts', 'contract-tests/summary-reporter.ts', 'contract-tests/vitest.config.ts', 'contract-tests/run-contract.ts'];
// Read from disk rather than imported.
const SUITE_DATA = ['generated/openapi.json'];
const LOADER = ['scripts/run-typescript.mjs', 'scripts/typescript-hooks.mjs'];

async function suiteSources() {
  const entryPoints = [];
  for (const entry of SUITE_ENTRIES) {
    const exists = await readFile(join(REPO, entry)).then(() => true, () => false);
    if (exists) entryPoints.push(entry);
  }
  // Bundled only to learn which files the entries reach; the files are copied as they are.
  const { metafile } = await build({ absWorkingDir: REPO, entryPoints, bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', outdir: 'unused', logLevel: 'error' });
  return Object.keys(metafile.inputs);
}

async function copyInto(files) {
  for (const file of files) {
    const target = join(out, file);
    if (relative(out, target).startsWith('..')) throw new Error(`${file} lies outside the repository; the package cannot ship it.`);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(REPO, file), target);
  }
}

const manifest = JSON.parse(await readFile(join(PACKAGE_SOURCE, 'package.json'), 'utf8'));
await rm(out, { recursive: true, force: true });
const sources = await suiteSources();
await copyInto([...sources, ...SUITE_DATA, ...LOADER]);
// The suite reads its name and version for the HAR log's creator from the folder above contract-tests/.
await writeFile(join(out, 'package.json'), `${JSON.stringify({ name: manifest.name, version: manifest.version, private: true, type: 'module' }, null, 2)}\n`);
await build({
  absWorkingDir: PACKAGE_SOURCE,
  entryPoints: ['src/cli.ts'],
  outfile: join(out, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'error',
});
await chmod(join(out, 'cli.js'), 0o755);
await copyFile(join(REPO, 'LICENSE'), join(packageDir, 'LICENSE'));
console.log(`Built ${relative(process.cwd(), out) || '.'}/: the command and ${sources.length} suite sources.`);
