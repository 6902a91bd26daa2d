// 3. Size: the client entry in a browser bundle, part by part, and the raw entry, against
// openapi-fetch alone; and what `npm install` puts on disk for this package against docusign-esign: each
// package with the dependencies package-lock.json resolves for it, folder by folder.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../test/support/run-command.js';
import { bundleParts, gzippedBundleSize, type BundlePart } from './bundle-size.js';
import { sdkVersion } from './sides.js';

export interface SizeResult {
  clientGzipBytes: number;
  clientMinifiedBytes: number;
  parts: BundlePart[];
  rawGzipBytes: number;
  openapiFetchGzipBytes: number;
  installedBytes: number;
  sdkInstalledBytes: number;
  sdkVersion: string;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) total += await folderBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

type Lock = { packages: Record<string, { dependencies?: Record<string, string> }> };

/** The install folders (node_modules/…) of a package and its dependencies, as npm resolves them. */
function closure(lock: Lock, start: string): Set<string> {
  const found = new Set<string>();
  const visit = (folder: string) => {
    if (found.has(folder)) return;
    found.add(folder);
    for (const name of Object.keys(lock.packages[folder]?.dependencies ?? {})) {
      // Node's lookup: the nearest node_modules up from the dependent.
      for (let base = folder; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
        const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
        if (lock.packages[candidate]) {
          visit(candidate);
          break;
        }
        if (!base) break;
      }
    }
  };
  visit(start);
  return found;
}

async function installedBytes(folders: Iterable<string>): Promise<number> {
  let total = 0;
  for (const folder of folders) {
    // A nested node_modules is its own entry in the lock: counted once, there.
    for (const entry of await readdir(join(REPO_ROOT, folder), { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(REPO_ROOT, folder, entry.name);
      total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size;
    }
  }
  return total;
}

/** `packageFolder`: the package as published (the packed tarball's contents); without it, its installed size is left out. */
export async function measureSizes(packageFolder: string | undefined): Promise<SizeResult> {
  const bundle = await bundleParts(join(REPO_ROOT, 'src/index.ts'));
  const rawGzipBytes = await gzippedBundleSize(join(REPO_ROOT, 'src/raw.ts'));
  const openapiFetchGzipBytes = await gzippedBundleSize(fileURLToPath(import.meta.resolve('openapi-fetch')));
  const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const ours = [...closure(lock, 'node_modules/openapi-fetch')];
  return {
    clientGzipBytes: bundle.gzipBytes,
    clientMinifiedBytes: bundle.minifiedBytes,
    parts: bundle.parts,
    rawGzipBytes,
    openapiFetchGzipBytes,
    installedBytes: packageFolder === undefined ? Number.NaN : (await folderBytes(packageFolder)) + (await installedBytes(ours)),
    sdkInstalledBytes: await installedBytes(closure(lock, 'node_modules/docusign-esign')),
    sdkVersion: sdkVersion(),
  };
}
