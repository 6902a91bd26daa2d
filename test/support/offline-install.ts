// Installs packed tarballs into a new project with no network: their dependencies are pinned by
// a lockfile cut from this repository's own (the same versions, at the same places in the tree),
// so `npm ci --offline` takes every one from npm's cache, where `npm ci` of this repository put it.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT, runCommand } from './run-command.js';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  license?: string;
}

export interface LocalPackage {
  tarball: string;
  /** The package.json packed into the tarball. */
  manifestPath: string;
  /** Where the repository's lockfile has this package: "" for the root, else its workspace folder. */
  lockLocation: string;
}

/** The nearest entry Node.js would find for `name` when required from the package at `from`. */
function resolveEntry(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** Every lock entry the packages need: their dependencies, and those dependencies' own, required peers included. */
function closure(packages: Record<string, LockEntry>, roots: string[]): Set<string> {
  const needed = new Set<string>();
  const visit = (location: string) => {
    const entry = packages[location]!;
    const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name));
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
      ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)).map((name) => ({ name, optional: false })),
    ];
    for (const { name, optional } of wanted) {
      const found = resolveEntry(packages, location, name);
      if (!found) {
        if (optional) continue;
        throw new Error(`package-lock.json has no ${name} for ${location || 'the root'}: run npm install.`);
      }
      if (needed.has(found)) continue;
      needed.add(found);
      visit(found);
    }
  };
  for (const root of roots) visit(root);
  return needed;
}

export async function installOffline(project: string, locals: LocalPackage[]): Promise<void> {
  const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const installed = await Promise.all(locals.map(async (local) => ({ ...local, manifest: JSON.parse(await readFile(local.manifestPath, 'utf8')) as Manifest })));
  const dependencies = Object.fromEntries(installed.map(({ manifest, tarball }) => [manifest.name, `file:${relative(project, tarball)}`]));
  const packages: Record<string, LockEntry> = { '': { name: 'consumer', dependencies } };
  for (const { manifest } of installed) {
    const { name, version, dependencies: needs, bin, engines, license } = manifest;
    packages[`node_modules/${name}`] = { version, resolved: dependencies[name]!, ...(license ? { license } : {}), ...(needs ? { dependencies: needs } : {}), ...(bin ? { bin } : {}), ...(engines ? { engines } : {}) };
  }
  // A workspace's own nested dependencies move under the package's folder in node_modules.
  const moved = (location: string) => {
    const owner = installed.find((candidate) => candidate.lockLocation && location.startsWith(`${candidate.lockLocation}/`));
    return owner ? `node_modules/${owner.manifest.name}${location.slice(owner.lockLocation.length)}` : location;
  };
  for (const location of closure(lock.packages, locals.map((local) => local.lockLocation))) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[location]!;
    packages[moved(location)] = entry;
  }
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2));
  await writeFile(join(project, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
  await runCommand('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
}
