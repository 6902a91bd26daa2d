// Strings of the formats the spec uses (`uri`, `date-time`), and strings that are not of them,
// as fast-check arbitraries, each built on first use and then kept.
import fc from 'fast-check';

let urlStrings: fc.Arbitrary<string> | undefined;
/** Absolute http and https URLs, with a path, a query and a fragment, each perhaps empty. */
function urls(): fc.Arbitrary<string> {
  urlStrings ??= fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true });
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
