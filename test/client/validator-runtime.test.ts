import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formats, ucs2length } from '../../src/validator-runtime.js';

describe('the validators’ runtime', () => {
  it('counts string length in code points, as JSON Schema does', () => {
    expect(ucs2length('abc')).toBe(3);
    expect(ucs2length('😀😀')).toBe(2);
    expect(ucs2length('a\uD800b')).toBe(3); // a lone surrogate is one
    expect(ucs2length('\uDC00\uD800')).toBe(2); // a low surrogate before a high one is no pair
    expect(ucs2length('a😀\uD800')).toBe(3);
    expect(ucs2length('')).toBe(0);
  });

  it.each(['https://auth.example.org/token', 'https://login.microsoftonline.com/t/oauth2/v2.0/token?x=1#y', 'urn:ietf:rfc:3986', 'https://[::1]:8443/a%20b'])('accepts the URI %s', (value) => {
    expect(formats.uri(value)).toBe(true);
  });

  it.each(['auth.example.org/token', '/token', 'https://exa mple.org', 'https://example.org/<x>', 'https://example.org/%zz', '', 'ht tp://x'])('refuses the URI %j', (value) => {
    expect(formats.uri(value)).toBe(false);
  });

  it.each(['2025-01-01T00:00:00Z', '2024-02-29T23:59:60Z', '2000-02-29T00:00:00Z', '2025-08-31T00:00:00Z', '2025-03-14T09:26:53.589+01:00', '2025-12-31t23:59:59z'])('accepts the date-time %s', (value) => {
    expect(formats['date-time'](value)).toBe(true);
  });

  it.each(['2025-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2025-04-31T00:00:00Z', '2025-11-31T00:00:00Z', '2025-00-10T00:00:00Z', '2025-01-00T00:00:00Z', '2025-13-01T00:00:00Z', '2025-01-01T24:00:00Z', '2025-01-01 00:00:00Z', '2025-01-01T00:00:00', '2025-01-01T00:00:00+25:00', '2025-01-01'])(
    'refuses the date-time %j',
    (value) => {
      expect(formats['date-time'](value)).toBe(false);
    },
  );

  it('is all the generated validators need at run time', () => {
    const source = readFileSync(new URL('../../generated/validators.js', import.meta.url), 'utf8');
    expect(source).not.toMatch(/require\(/);
    expect(source).toMatch(/import \{ formats, ucs2length \} from '\.\.\/src\/validator-runtime\.js';/);
    const used = [...source.matchAll(/formats(?:\.([\w$]+)|\["([^"]+)"\])/g)].map((match) => match[1] ?? match[2]);
    for (const name of new Set(used)) expect(Object.keys(formats), name).toContain(name);
  });
});
