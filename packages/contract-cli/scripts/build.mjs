#!/usr/bin/env node
// Builds the CLI package's dist/cli.js: the command and the contract engine it runs (the
// suite's sources as `npm run contract` runs them, the bundled spec inside), bundled by esbuild
// into one JavaScript file. The packages the engine uses at run time (Prism, Ajv, fast-check,
// openapi-fetch, the JUnit writer) stay dependencies; nothing compiles at run time.
//   node scripts/build.mjs [--package=DIR]   (default: this package's folder)
import { chmod, copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE_SOURCE = fileURLToPath(new URL('../', import.meta.url));
const REPO = resolve(PACKAGE_SOURCE, '../..');
const packageDir = resolve(process.argv.find((arg) => arg.startsWith('--package='))?.slice('--package='.length) ?? PACKAGE_SOURCE);
const out = join(packageDir, 'dist');

const manifest = JSON.parse(await readFile(join(PACKAGE_SOURCE, 'package.json'), 'utf8'));
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const { metafile } = await build({
  absWorkingDir: PACKAGE_SOURCE,
  entryPoints: ['src/cli.ts'],
  outfile: join(out, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.10',
  // The dependencies of the package.json are installed with it; everything else is bundled.
  external: Object.keys(manifest.dependencies ?? {}),
  banner: { js: '#!/usr/bin/env node' },
  metafile: true,
  logLevel: 'error',
});
await chmod(join(out, 'cli.js'), 0o755);
await copyFile(join(REPO, 'LICENSE'), join(packageDir, 'LICENSE'));
// Every bare import left in the bundle must be a dependency the package declares (or Node's own).
const undeclared = [...new Set(Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path)))]
  .filter((path) => !path.startsWith('node:'))
  .map((path) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/'))
  .filter((name) => !(name in (manifest.dependencies ?? {})));
if (undeclared.length > 0) {
  console.error(`dist/cli.js imports ${[...new Set(undeclared)].join(', ')}, which packages/contract-cli/package.json does not list as dependencies.`);
  process.exit(1);
}
console.log(`Built ${relative(process.cwd(), out) || '.'}/cli.js from ${Object.keys(metafile.inputs).length} sources.`);
