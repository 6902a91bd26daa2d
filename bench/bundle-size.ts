// What an entry weighs in a browser bundle: bundled with its dependencies, minified by
// esbuild, then gzipped at level 9; and what each part of it adds.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

export interface BundlePart {
  /** A source file, or a package under node_modules. */
  part: string;
  minifiedBytes: number;
  /**
   * What the part adds to the gzipped bundle: the bundle gzipped, less the bundle gzipped
   * without the part's code. Text that parts share compresses once, so these add up to more
   * than the whole.
   */
  gzipBytes: number;
}

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    metafile: true,
    // The map is only read to tell which part each byte comes from; it does not change the code.
    sourcemap: 'external',
    outfile: 'bundle.js',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))!.text) as { sources: string[]; mappings: string };
  return { code, map };
}

const gzipBytes = (text: string) => gzipSync(text, { level: 9 }).length;

export async function gzippedBundleSize(entry: string): Promise<number> {
  return gzipBytes((await bundle(entry)).code);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each character's source (an index into `sources`, or -1), read off the map's Base64 VLQ mappings. */
function sourceOfEachCharacter(code: string, mappings: string): Int32Array {
  const owners = new Int32Array(code.length).fill(-1);
  let lineStart = 0;
  let source = 0;
  for (const line of mappings.split(';')) {
    const lineEnd = code.indexOf('\n', lineStart) === -1 ? code.length : code.indexOf('\n', lineStart);
    let column = 0;
    const segments: Array<[number, number]> = [];
    for (const segment of line.split(',').filter(Boolean)) {
      // Fields: generated column (from the last segment of the line), then source, original
      // line, original column and name (each from the last one in the whole map).
      const fields: number[] = [];
      for (let index = 0, value = 0, shift = 0; index < segment.length; index++) {
        const digit = BASE64.indexOf(segment[index]!);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = shift = 0;
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    segments.forEach(([start, owner], index) => owners.fill(owner, lineStart + start, lineStart + (segments[index + 1]?.[0] ?? lineEnd - lineStart)));
    lineStart = lineEnd + 1;
  }
  return owners;
}

/** The bundle's bytes by the part they come from, packages taken whole, largest first. */
export async function bundleParts(entry: string): Promise<{ gzipBytes: number; minifiedBytes: number; parts: BundlePart[] }> {
  const { code, map } = await bundle(entry);
  const owners = sourceOfEachCharacter(code, map.mappings);
  const partOf = map.sources.map((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? source.replace(/^(?:\.\.\/)+/, '').replace(/^.*?\/(src|node|generated)\//, '$1/'));
  const total = gzipBytes(code);
  const parts = [...new Set(partOf)].map((part) => {
    let without = '';
    let minifiedBytes = 0;
    for (let index = 0; index < code.length; index++) {
      if (owners[index] !== -1 && partOf[owners[index]!] === part) minifiedBytes++;
      else without += code[index];
    }
    return { part, minifiedBytes, gzipBytes: total - gzipBytes(without) };
  });
  return { gzipBytes: total, minifiedBytes: code.length, parts: parts.filter((part) => part.minifiedBytes > 0).sort((a, b) => b.gzipBytes - a.gzipBytes) };
}
