// What an entry weighs in a browser bundle: bundled with its dependencies, minified by
// esbuild, then gzipped at level 9.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

export async function gzippedBundleSize(entry: string): Promise<number> {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}
