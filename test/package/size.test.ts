// The client's weight in a browser bundle: its entry, bundled with its one dependency and
// minified by esbuild, then gzipped.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** The budget, in gzipped bytes; README.md says why it is this size. */
export const CLIENT_GZIP_BUDGET = 12_000;

export async function gzippedBundleSize(entry: string): Promise<number> {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

describe('the client entry', () => {
  it(`stays under ${CLIENT_GZIP_BUDGET} bytes gzipped, bundled and minified`, async () => {
    const size = await gzippedBundleSize(fileURLToPath(new URL('../../src/index.ts', import.meta.url)));
    console.log(`client entry: ${size} bytes gzipped (budget ${CLIENT_GZIP_BUDGET})`);
    expect(size).toBeLessThan(CLIENT_GZIP_BUDGET);
    // A budget far above the size would let it grow unseen.
    expect(size).toBeGreaterThan(CLIENT_GZIP_BUDGET * 0.7);
  });
});
