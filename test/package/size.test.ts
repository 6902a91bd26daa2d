// The client's weight in a browser bundle: its entry, bundled with its one dependency and
// minified by esbuild, then gzipped.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gzippedBundleSize } from '../../bench/bundle-size.js';

/** The budget, in gzipped bytes; README.md says why it is this size. */
export const CLIENT_GZIP_BUDGET = 13_500;

describe('the client entry', () => {
  it(`stays under ${CLIENT_GZIP_BUDGET} bytes gzipped, bundled and minified`, async () => {
    const size = await gzippedBundleSize(fileURLToPath(new URL('../../src/index.ts', import.meta.url)));
    console.log(`client entry: ${size} bytes gzipped (budget ${CLIENT_GZIP_BUDGET})`);
    expect(size).toBeLessThan(CLIENT_GZIP_BUDGET);
    // A budget far above the size would let it grow unseen.
    expect(size).toBeGreaterThan(CLIENT_GZIP_BUDGET * 0.7);
  });
});
