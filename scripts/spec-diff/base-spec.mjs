// The spec to compare with: openapi/ as it was at a git ref, copied out of the repository.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export class BaseRefError extends Error {
  name = 'BaseRefError';
}

async function git(root, args) {
  const { stdout } = await exec('git', args, { cwd: root, encoding: 'utf8' });
  return stdout.trim();
}

/** The commit of a tag, branch or commit name: `{ ref, commit }`. */
export async function resolveBase(root, ref) {
  const inRepository = await git(root, ['rev-parse', '--is-inside-work-tree']).catch(() => 'false');
  if (inRepository !== 'true') throw new BaseRefError(`--base ${ref}: ${root} is not a git work tree, so it has no refs to compare with.`);
  const commit = await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
  if (!commit) throw new BaseRefError(`--base ${ref}: no such commit, branch or tag here (git rev-parse ${ref} found nothing; fetch it, or fetch tags with git fetch --tags).`);
  return { ref, commit };
}

/** Copies `openapi/` as it was at `commit` into `folder` (nothing when that commit has none). */
export async function extractSpecAt(root, commit, folder) {
  await new Promise((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', commit, '--', 'openapi'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const untar = spawn('tar', ['-x', '-C', folder], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', (chunk) => (errors += chunk));
    untar.stderr.on('data', (chunk) => (errors += chunk));
    archive.stdout.pipe(untar.stdin);
    archive.on('error', reject);
    untar.on('error', reject);
    let pending = 2;
    let failed = false;
    const settle = (code) => {
      failed ||= code !== 0;
      if (--pending === 0) failed ? reject(new BaseRefError(`could not copy openapi/ out of ${commit}: ${errors.trim()}`)) : resolve();
    };
    archive.on('close', settle);
    untar.on('close', settle);
  }).catch((error) => {
    // `git archive` fails when the commit has no openapi/ at all: that base has no spec.
    if (/did not match any files/.test(String(error.message))) return;
    throw error;
  });
}

export function specRootIn(folder) {
  const root = join(folder, 'openapi', 'openapi.yaml');
  return existsSync(root) ? root : undefined;
}
