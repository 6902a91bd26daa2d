// Strings of the formats the spec uses (`uri`, `date-time`), and strings that are not of them,
// as fast-check arbitraries, each built on first use and then kept.
import fc from 'fast-check';

// fc.webUrl draws its percent-encoded characters from every code point, and builds a table of
// all of them on first use: most of a second per process. These URLs encode bytes instead.
let urlStrings: fc.Arbitrary<string> | undefined;
/** Absolute http and https URLs, with a path, a query and a fragment, each perhaps empty. */
function urls(): fc.Arbitrary<string> {
  if (urlStrings) return urlStrings;
  const character = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=:@') },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`) },
  );
  const segment = fc.string({ unit: character, maxLength: 10 });
  const tail = fc.string({ unit: fc.oneof({ weight: 8, arbitrary: character }, { weight: 1, arbitrary: fc.constantFrom('/', '?') }), maxLength: 12 });
  const parts = fc.record({ scheme: fc.constantFrom('https', 'http'), host: fc.domain(), path: fc.array(segment, { maxLength: 3 }), query: fc.option(tail), fragment: fc.option(tail) });
  urlStrings = parts.map(({ scheme, host, path, query, fragment }) => `${scheme}://${host}${path.map((part) => `/${part}`).join('')}${query === null ? '' : `?${query}`}${fragment === null ? '' : `#${fragment}`}`);
  return urlStrings;
}

let dateStrings: fc.Arbitrary<string> | undefined;
/** RFC 3339 instants in UTC, with and without a fraction of a second. */
function dates(): fc.Arbitrary<string> {
  dateStrings ??= fc
    .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.boolean())
    .map(([date, fraction]) => (fraction ? date.toISOString() : date.toISOString().replace(/\.\d+Z$/, 'Z')));
  return dateStrings;
}

const OF_FORMAT: Record<string, () => fc.Arbitrary<string>> = { uri: urls, 'date-time': dates };

/** Strings each format refuses. */
const NOT_OF_FORMAT: Record<string, readonly string[]> = {
  uri: ['not a url', '//auth.example.org/token', 'https://auth example.org/token', 'auth.example.org', ':'],
  'date-time': ['yesterday', '2025-13-01T00:00:00Z', '2025-01-01 00:00:00', '2025-01-01T25:00:00Z'],
};

const unknownFormat = (format: string) => new Error(`The test-data generators know no format ${format}: teach contract-tests/engine/format-strings.ts its strings.`);

/** Strings of the format. */
export function stringsOfFormat(format: string): fc.Arbitrary<string> {
  const strings = OF_FORMAT[format];
  if (!strings) throw unknownFormat(format);
  return strings();
}

/** Strings the format refuses. */
export function stringsNotOfFormat(format: string): readonly string[] {
  const strings = NOT_OF_FORMAT[format];
  if (!strings) throw unknownFormat(format);
  return strings;
}
