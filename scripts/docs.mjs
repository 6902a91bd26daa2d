#!/usr/bin/env node
// Publishes the bundled spec as one self-contained HTML page with Redocly: Redoc's script
// inlined, telemetry off and the stacked layout (redocly.yaml: examples below the schema, as
// wide as the text, so that no example URL is cut off), and the footer's Redocly logo, which
// Redoc loads from its CDN, drawn inline instead. The page asks no other origin for anything.
// --out=FILE writes elsewhere than docs/index.html.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ?? 'docs/index.html';

const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='16' viewBox='0 0 64 16'><text x='0' y='12' font-family='sans-serif' font-size='12' fill='#6b7280'>Redocly</text></svg>",
)}`;

try {
  await run('node_modules/.bin/redocly', ['build-docs', 'generated/openapi.json', '--output', out, '--inlineBundle', '--title', 'DocuSign eSignature Connect OAuth']);
} catch (error) {
  console.error(`redocly build-docs failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  process.exit(1);
}
// Redoc lets code, headings and table cells break anywhere (overflow-wrap: anywhere), which cuts
// error codes and names mid-word ("VALIDA / TION_ERROR"): they wrap between words only, and a
// code outside a code block keeps its line.
const WHOLE_WORDS = `<style>h1, h2, h3, h4, h5, th, td, code { overflow-wrap: normal; word-break: normal; } :not(pre) > code { white-space: nowrap; }</style>`;
const html = (await readFile(out, 'utf8')).replace(CDN_LOGO, INLINE_LOGO).replace('</head>', `${WHOLE_WORDS}</head>`);
if (!html.includes('"disableTelemetry":true')) {
  console.error(`${out} would send Redocly usage data: set \`telemetry: off\` in redocly.yaml.`);
  process.exit(1);
}
await writeFile(out, html);
console.log(`Wrote ${out}.`);
