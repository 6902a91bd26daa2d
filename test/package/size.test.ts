// The entries' weight in a browser bundle: each bundled with what it imports, minified by
// esbuild, then gzipped.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gzippedBundleSize } from '../../bench/bundle-size.js';

/**
 * The client entry's budget, in gzipped bytes: about 1% above its size, so that it cannot grow
 * unseen. The target is 8,000; README.md and bench/analysis.md say what stands in the way.
 */
export const CLIENT_GZIP_BUDGET = 10_500;
/** The raw entry's (connect-oauth-kit/raw): openapi-fetch and the transport it shares with the client. */
export const RAW_GZIP_BUDGET = 8_750;

describe.each([
  { entry: 'client', path: '../../src/index.ts', budget: CLIENT_GZIP_BUDGET },
  { entry: 'raw', path: '../../src/raw.ts', budget: RAW_GZIP_BUDGET },
])('the $entry entry', ({ entry, path, budget }) => {
  it(`weighs at most ${budget} bytes gzipped, bundled and minified`, async () => {
    const size = await gzippedBundleSize(fileURLToPath(new URL(path, import.meta.url)));
    console.log(`${entry} entry: ${size} bytes gzipped (budget ${budget})`);
    expect(size).toBeLessThanOrEqual(budget);
    // A budget far above the size would let it grow unseen.
    expect(size).toBeGreaterThan(budget * 0.7);
  });
});
