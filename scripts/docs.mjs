#!/usr/bin/env node
// Publishes the bundled spec as one self-contained HTML page with Redocly (Redoc's script
// inlined, so the page works without a CDN). --out=FILE writes elsewhere than docs/index.html.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? 'docs/index.html';

try {
  await run('node_modules/.bin/redocly', ['build-docs', 'generated/openapi.json', '--output', out, '--inlineBundle', '--title', 'DocuSign eSignature Connect OAuth']);
  console.log(`Wrote ${out}.`);
} catch (error) {
  console.error(`redocly build-docs failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  process.exit(1);
}
