// Compares two OpenAPI descriptions with `redocly diff` (telemetry off) and answers its changes, each rated by the
// semver bump it needs: "major" is a change that breaks a consumer built against the base.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const require = createRequire(import.meta.url);
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const DIFF_RULES = fileURLToPath(new URL('./redocly-diff.yaml', import.meta.url));
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export class CompareError extends Error {
  name = 'CompareError';
}

const unescapePointer = (segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** "GET /things/{id}" and the rest of the pointer below the operation, or the whole pointer. */
function describeWhere(pointer) {
  const segments = pointer.replace(/^#\//, '').split('/').map(unescapePointer);
  if (segments[0] === 'paths' && segments.length > 2 && METHODS.has(segments[2])) {
    return { operation: `${segments[2].toUpperCase()} ${segments[1]}`, where: segments.slice(3).join('/') };
  }
  if (segments[0] === 'paths' && segments.length > 1) return { operation: `path ${segments[1]}`, where: segments.slice(2).join('/') };
  return { operation: undefined, where: segments.join('/') };
}

/** Which description a reported file belongs to, and its name as seen from that description's folder. */
function locate(file, baseRoot, revisionRoot) {
  if (!file) return { side: undefined, file: undefined };
  const absolute = resolve(process.cwd(), file);
  const sides = [['base', resolve(baseRoot)], ['revision', resolve(revisionRoot)]];
  const found =
    sides.find(([, root]) => absolute === root) ?? sides.find(([, root]) => absolute.startsWith(`${dirname(root)}${sep}`));
  if (!found) return { side: undefined, file: absolute };
  const [side, root] = found;
  return { side, file: relative(dirname(dirname(root)), absolute) };
}

/**
 * Runs `redocly diff` on two root files and answers `{ changes }`, each
 * `{ impact, kind, operation, where, property, reasons: [{ rule, message }], file, line, side }`: `side`
 * says whether `file` and `line` are in the base or the revision.
 */
export async function compareSpecs(baseRoot, revisionRoot) {
  let stdout;
  try {
    ({ stdout } = await exec(
      process.execPath,
      [REDOCLY, 'diff', baseRoot, revisionRoot, '--config', DIFF_RULES, '--format', 'json', '--fail-on', 'none', '--lint-config', 'off'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ));
  } catch (error) {
    const said = String(error.stderr || error.message).split('\n').filter((line) => !/[║╔╚]/.test(line) && line.trim()).join('\n');
    throw new CompareError(`redocly diff could not compare ${baseRoot} with ${revisionRoot}:\n${said}`);
  }
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new CompareError(`redocly diff printed no JSON report; it printed:\n${stdout.slice(0, 2000)}`);
  }
  const changes = report.changes.map((change) => {
    const at = change.verdicts?.[0]?.location ?? (change.kind === 'removed' ? change.base : change.revision) ?? {};
    return {
      impact: change.impact,
      kind: change.kind,
      ...describeWhere(change.path),
      property: change.property,
      reasons: (change.verdicts ?? []).map((verdict) => ({ rule: verdict.ruleId, message: verdict.message })),
      ...locate(at.file, baseRoot, revisionRoot),
      line: at.line,
    };
  });
  return { changes };
}

export const isBreaking = (change) => change.impact === 'major';
