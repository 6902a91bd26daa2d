// 3. Size: the client entry in a browser bundle against openapi-fetch alone, and what
// `npm install` puts on disk for this package against docusign-esign.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installInto, packPackage } from '../test/support/packed-package.js';
import { REPO_ROOT } from '../test/support/run-command.js';
import { gzippedBundleSize } from './bundle-size.js';
import { sdkVersion } from './sides.js';

export interface SizeResult {
  clientGzipBytes: number;
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

export async function measureSizes(): Promise<SizeResult> {
  const clientGzipBytes = await gzippedBundleSize(join(REPO_ROOT, 'src/index.ts'));
  const openapiFetchGzipBytes = await gzippedBundleSize(fileURLToPath(import.meta.resolve('openapi-fetch')));
  const work = await mkdtemp(join(tmpdir(), 'connect-oauth-bench-size-'));
  try {
    const { tarball } = await packPackage(work);
    await installInto(join(work, 'ours'), [tarball]);
    const version = sdkVersion();
    await installInto(join(work, 'sdk'), [`docusign-esign@${version}`]);
    return {
      clientGzipBytes,
      openapiFetchGzipBytes,
      installedBytes: await folderBytes(join(work, 'ours', 'node_modules')),
      sdkInstalledBytes: await folderBytes(join(work, 'sdk', 'node_modules')),
      sdkVersion: version,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
