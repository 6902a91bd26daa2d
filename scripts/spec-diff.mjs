#!/usr/bin/env node
// The breaking-change gate: compares openapi/ with the spec of a base ref (the newest v* tag, or
// --base REF) and fails when a change would break a consumer built against the base.
//   npm run spec:diff                 # against the newest v* tag
//   npm run spec:diff -- --base main  # against any commit, branch or tag
// Exit codes: 0 no breaking change (or no base), 1 breaking changes, 2 it could not compare.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BaseRefError, extractSpecAt, resolveBase, specRootIn } from './spec-diff/base-spec.mjs';
import { CompareError, compareSpecs, isBreaking } from './spec-diff/compare.mjs';
import { formatReport } from './spec-diff/report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const USAGE = `Usage: npm run spec:diff [-- --base REF]
Compares openapi/ with its state at REF (default: the newest v* tag) using redocly diff, and
exits 1 when a change would break a consumer built against REF: a removed operation, status or
response property, a new required request property or parameter, a tightened constraint, ...`;

function fail(message) {
  console.error(`spec:diff: ${message}`);
  process.exit(2);
}

let options;
try {
  ({ values: options } = parseArgs({ options: { base: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.base !== undefined && !options.base.trim()) fail(`--base needs a ref (a tag, branch or commit).\n${USAGE}`);

const revisionRoot = specRootIn(ROOT);
if (!revisionRoot) fail(`${join(ROOT, 'openapi/openapi.yaml')} is missing: there is no spec to check.`);

let base;
try {
  base = await resolveBase(ROOT, options.base);
} catch (error) {
  if (error instanceof BaseRefError) fail(error.message);
  throw error;
}
if (base.none) {
  console.log(`spec:diff: skipped, no base to compare with: ${base.none}.`);
  process.exit(0);
}

const baseLabel = `${base.ref} (${base.commit.slice(0, 12)})`;
const folder = await mkdtemp(join(tmpdir(), 'spec-diff-base-'));
let exitCode = 0;
try {
  await extractSpecAt(ROOT, base.commit, folder);
  const baseRoot = specRootIn(folder);
  if (!baseRoot) {
    console.log(`spec:diff: skipped, ${baseLabel} has no openapi/openapi.yaml, so it has no contract to break.`);
  } else {
    const { changes } = await compareSpecs(baseRoot, revisionRoot);
    console.log(formatReport({ baseLabel, revisionLabel: 'openapi/ in the work tree', changes }).join('\n'));
    if (changes.some(isBreaking)) exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof BaseRefError || error instanceof CompareError)) throw error;
  console.error(`spec:diff: ${error.message}`);
  exitCode = 2;
} finally {
  await rm(folder, { recursive: true, force: true });
}
process.exit(exitCode);
