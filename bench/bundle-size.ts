// What an entry weighs in a browser bundle: bundled with its dependencies, minified by
// esbuild, then gzipped at level 9; and what each part of it adds.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

export interface BundlePart {
  /** A source file, or a package under node_modules. */
  part: string;
  minifiedBytes: number;
}

async function bundle(entry: string) {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true });
  return { code: result.outputFiles[0]!.contents, inputs: Object.values(result.metafile.outputs)[0]!.inputs };
}

export async function gzippedBundleSize(entry: string): Promise<number> {
  return gzipSync((await bundle(entry)).code, { level: 9 }).length;
}

/** The bundle's minified bytes by the part they come from, packages taken whole, largest first. */
export async function bundleParts(entry: string): Promise<{ gzipBytes: number; minifiedBytes: number; parts: BundlePart[] }> {
  const { code, inputs } = await bundle(entry);
  const parts = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const part = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file;
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  return {
    gzipBytes: gzipSync(code, { level: 9 }).length,
    minifiedBytes: code.length,
    parts: [...parts].map(([part, minifiedBytes]) => ({ part, minifiedBytes })).filter((part) => part.minifiedBytes > 0).sort((a, b) => b.minifiedBytes - a.minifiedBytes),
  };
}
