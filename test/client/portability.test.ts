import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const sources = [
  ...readdirSync(new URL('../../src/', import.meta.url)).map((name) => new URL(`../../src/${name}`, import.meta.url)),
  new URL('../../generated/validators.js', import.meta.url),
];

describe('the client’s runtime code', () => {
  it.each(sources.map((url) => ({ file: url.pathname.split('/').slice(-2).join('/'), url })))('$file uses no Node built-in, so it runs in browsers too', ({ url }) => {
    const source = readFileSync(url, 'utf8');
    expect(source).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b|__dirname/);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
    for (const specifier of imports) expect(specifier.startsWith('.') || specifier === 'openapi-fetch', specifier).toBe(true);
  });
});
