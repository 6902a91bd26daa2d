// The packages as npm would publish them, the client and the contract CLI: each built and packed
// from a staged copy in `work`, so nothing is written to the work tree.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, runCommand } from './run-command.js';

export interface PackedPackage {
  /** The staged package folder: package.json, README.md, LICENSE and dist/. */
  staged: string;
  tarball: string;
}

const CLI_SOURCE = join(REPO_ROOT, 'packages/contract-cli');

export async function packPackage(work: string): Promise<PackedPackage> {
  const staged = join(work, 'package');
  await mkdir(staged, { recursive: true });
  for (const file of ['package.json', 'README.md', 'LICENSE']) await copyFile(join(REPO_ROOT, file), join(staged, file));
  await runCommand('node', ['scripts/build.mjs', `--out=${join(staged, 'dist')}`], REPO_ROOT);
  const packed = JSON.parse(await runCommand('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], staged)) as Array<{ filename: string }>;
  return { staged, tarball: join(work, packed[0]!.filename) };
}

/** The contract CLI (packages/contract-cli), built by its own build script into a staged copy. */
export async function packContractCli(work: string): Promise<PackedPackage> {
  const staged = join(work, 'contract-cli');
  await mkdir(staged, { recursive: true });
  for (const file of ['package.json', 'README.md', 'ci-recipe.github-workflow.yml']) await copyFile(join(CLI_SOURCE, file), join(staged, file));
  await runCommand('node', [join(CLI_SOURCE, 'scripts/build.mjs'), `--package=${staged}`], REPO_ROOT);
  const packed = JSON.parse(await runCommand('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], staged)) as Array<{ filename: string }>;
  return { staged, tarball: join(work, packed[0]!.filename) };
}

/** Installs packages (tarballs or names) into a new project folder, from npm's cache where it can. */
export async function installInto(project: string, packages: string[]): Promise<void> {
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packages], project);
}

// What the packed package is made of: a change to any of these packs it again.
const PACKAGE_INPUTS = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'src', 'generated'];
const PACK_CACHE = join(REPO_ROOT, 'node_modules/.cache/connect-oauth-kit-pack');

async function inputsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const add = async (path: string): Promise<void> => {
    const full = join(REPO_ROOT, path);
    if ((await stat(full)).isDirectory()) {
      for (const name of (await readdir(full)).sort()) await add(join(path, name));
    } else {
      hash.update(`${path}\0`).update(await readFile(full)).update('\0');
    }
  };
  for (const input of PACKAGE_INPUTS) await add(input);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The package packed once for every test file and the benchmark that need it: kept in
 * node_modules/.cache under a digest of what it is made of, packed by whichever process
 * asks first while the others wait for it. Treat it as read-only.
 */
export async function sharedPackedPackage(): Promise<PackedPackage> {
  const folder = join(PACK_CACHE, await inputsDigest());
  const done = join(folder, 'packed.json');
  const lock = `${folder}.lock`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      return JSON.parse(await readFile(done, 'utf8')) as PackedPackage;
    } catch {
      // Not packed yet.
    }
    try {
      await mkdir(PACK_CACHE, { recursive: true });
      await mkdir(lock);
    } catch {
      // Another process is packing it; a lock left by a process that died is taken over.
      const age = Date.now() - (await stat(lock).then((info) => info.mtimeMs, () => Date.now()));
      if (age > 180_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`the package was not packed within 240 s (lock: ${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      await rm(folder, { recursive: true, force: true });
      const packed = await packPackage(folder);
      await writeFile(done, JSON.stringify(packed));
      return packed;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
