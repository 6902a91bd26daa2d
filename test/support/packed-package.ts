// The packages as npm would publish them, the client and the contract CLI: each built and packed
// from a staged copy in `work`, so nothing is written to the work tree.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
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
