#!/usr/bin/env node
// The breaking-change gate: compares openapi/ with the last released spec, committed as
// openapi/baseline/openapi.json (or with the spec at a git ref, --base REF), and fails when a
// change would break a consumer built against it.
//   npm run spec:diff                            # against the committed baseline
//   npm run spec:diff -- --base v1.2.0           # against any commit, branch or tag
//   npm run spec:diff -- --update-baseline       # release: the baseline becomes openapi/
// Exit codes: 0 no breaking change, 1 breaking changes (or a break without a major version),
// 2 it could not compare.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { BaseRefError, extractSpecAt, resolveBase, specRootIn } from './spec-diff/base-spec.mjs';
import { CompareError, compareSpecs, isBreaking } from './spec-diff/compare.mjs';
import { formatReport } from './spec-diff/report.mjs';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BASELINE = join(ROOT, 'openapi', 'baseline', 'openapi.json');
const USAGE = `Usage: npm run spec:diff [-- --base REF | --update-baseline]
Compares openapi/ with the last released spec (openapi/baseline/openapi.json), or with its state
at REF, using redocly diff, and exits 1 when a change would break a consumer built against it: a
removed operation, status or response property, a new required request property or parameter, a
tightened constraint, ...
--update-baseline makes openapi/ the released spec; a breaking release must raise the major
version of info.version in openapi/openapi.yaml in the same commit.`;

function fail(message) {
  console.error(`spec:diff: ${message}`);
  process.exit(2);
}

let options;
try {
  ({ values: options } = parseArgs({ options: { base: { type: 'string' }, 'update-baseline': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.base !== undefined && !options.base.trim()) fail(`--base needs a ref (a tag, branch or commit).\n${USAGE}`);
if (options.base !== undefined && options['update-baseline']) fail(`--base and --update-baseline do not go together: the baseline is openapi/ as it is now.\n${USAGE}`);

const revisionRoot = specRootIn(ROOT);
if (!revisionRoot) fail(`${join(ROOT, 'openapi/openapi.yaml')} is missing: there is no spec to check.`);

const printReport = (baseLabel, changes) => console.log(formatReport({ baseLabel, revisionLabel: 'openapi/ in the work tree', changes }).join('\n'));
const majorOf = (version) => Number(/^(\d+)\./.exec(String(version ?? ''))?.[1] ?? Number.NaN);

async function bundledRevision() {
  const out = join(scratch, 'openapi.json');
  const redocly = join(ROOT, 'node_modules', '.bin', 'redocly');
  await exec(redocly, ['bundle', revisionRoot, '--output', out], { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  return readFile(out, 'utf8');
}

/** The released spec; undefined when none was ever released. */
async function readBaseline() {
  try {
    return JSON.parse(await readFile(BASELINE, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    fail(`${BASELINE} is not the JSON of a spec (${error.message}); restore it from git.`);
  }
}

const baseline = options.base === undefined ? await readBaseline() : undefined;
if (options.base === undefined && !baseline && !options['update-baseline']) {
  fail(`there is no released spec to compare with: ${BASELINE} is missing. Release the spec once with npm run spec:diff -- --update-baseline.`);
}
const scratch = await mkdtemp(join(tmpdir(), 'spec-diff-'));
let exitCode = 0;
try {
  if (options.base !== undefined) {
    const base = await resolveBase(ROOT, options.base);
    const baseLabel = `${base.ref} (${base.commit.slice(0, 12)})`;
    await extractSpecAt(ROOT, base.commit, scratch);
    const baseRoot = specRootIn(scratch);
    if (!baseRoot) {
      console.log(`spec:diff: ${baseLabel} has no openapi/openapi.yaml, so it has no contract to break.`);
    } else {
      const { changes } = await compareSpecs(baseRoot, revisionRoot);
      printReport(baseLabel, changes);
      if (changes.some(isBreaking)) exitCode = 1;
    }
  } else if (!baseline) {
    await mkdir(dirname(BASELINE), { recursive: true });
    await writeFile(BASELINE, await bundledRevision());
    console.log('spec:diff: openapi/baseline/openapi.json is now openapi/, the first released spec; commit it with the spec.');
  } else {
    const baseLabel = `the released spec ${baseline.info?.version} (openapi/baseline/openapi.json)`;
    const { changes } = await compareSpecs(BASELINE, revisionRoot);
    const breaking = changes.some(isBreaking);
    if (!options['update-baseline']) {
      printReport(baseLabel, changes);
      if (breaking) {
        console.log(`A deliberate break: raise the major version of info.version in openapi/openapi.yaml (now ${baseline.info?.version} in the baseline), then run npm run spec:diff -- --update-baseline and commit both together.`);
        exitCode = 1;
      }
    } else {
      const revision = await bundledRevision();
      const version = JSON.parse(revision).info?.version;
      if (breaking && !(majorOf(version) > majorOf(baseline.info?.version))) {
        printReport(baseLabel, changes);
        console.error(`spec:diff: the baseline was not updated: these changes break consumers of ${baseline.info?.version}, and info.version is ${version}. Raise its major version first.`);
        exitCode = 1;
      } else {
        await writeFile(BASELINE, revision);
        console.log(`spec:diff: openapi/baseline/openapi.json is now openapi/ at info.version ${version} (${changes.length} change${changes.length === 1 ? '' : 's'} since ${baseline.info?.version}); commit it with the spec.`);
      }
    }
  }
} catch (error) {
  if (!(error instanceof BaseRefError || error instanceof CompareError)) throw error;
  console.error(`spec:diff: ${error.message}`);
  exitCode = 2;
} finally {
  await rm(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
