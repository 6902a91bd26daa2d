// A server may echo a secret escaped: JSON's \u escapes and its shorter ones (\", \/, \\),
// Python's \x, HTML entities, percent- or form encoding, and any of them nested (JSON inside
// JSON, percent-encoding applied twice, an HTML page quoting JSON). Each reading of a text
// undoes one family of escapes the way that family's parser does, left to right, so an
// escape is never split (a backslash that is a secret's own, doubled, is never taken for
// the start of the next character's \u escape). Each reading remembers where its escapes
// stood, so a secret found in any reading is redacted where it stands in the original text.
// Most texts hold no escape and have no reading.

/**
 * A reading of the text. Each escape it undid is four numbers: where its characters stand in
 * the reading and how many there are, then where the escape stood in the parent and its length.
 */
interface Reading {
  text: string;
  parent?: Reading;
  escapes?: number[];
}

/** Where the next escape of a family stands, and what one stands for (undefined: not an escape). */
type Family = [escape: RegExp, decode: (match: string[]) => string | undefined];

// Readings nest this deep: enough for percent-encoding twice inside JSON inside JSON.
const MAX_DEPTH = 4;
// Characters read in all, across a text's readings. A text dense with escapes of every family
// has a few hundred readings; at a megabyte, reading them all took seconds and most of a
// gigabyte. Shallow readings come first, so a long text of that kind loses only its deepest.
const READ_BUDGET = 8 * 1024 * 1024;

const SHORT_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', a: '\x07', v: '\v' };
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
// One character's UTF-8 bytes, each %XX in either case; decodeURIComponent refuses the rest.
const UTF8_CHARACTER = '%(?:[0-7][\\da-f]|[cd][\\da-f]%[89ab][\\da-f]|e[\\da-f](?:%[89ab][\\da-f]){2}|f[0-4](?:%[89ab][\\da-f]){3})';

const percentDecoded = (escape: string) => {
  try {
    return decodeURIComponent(escape);
  } catch {
    return undefined;
  }
};

const FAMILIES: Family[] = [
  // \uXXXX (JSON), \U0001F600 (Python, Go), \xXX, octal \007 (C), then the one-letter ones.
  [
    /\\(?:u([\dA-Fa-f]{4})|U([\dA-Fa-f]{8})|x([\dA-Fa-f]{2})|([0-7]{3})|([^]))/g,
    ([, unit, wide, byte, octal, other]) => {
      const code = unit || byte ? parseInt(unit ?? byte!, 16) : wide ? parseInt(wide, 16) : parseInt(octal!, 8);
      return other !== undefined ? (SHORT_ESCAPES[other] ?? other) : code > 0x10ffff ? undefined : String.fromCodePoint(code);
    },
  ],
  [
    /&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi,
    ([, decimal, hex, name]) => {
      const code = decimal ? Number(decimal) : parseInt(hex!, 16);
      return name ? NAMED_ENTITIES[name.toLowerCase()] : code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    },
  ],
  [new RegExp(UTF8_CHARACTER, 'gi'), ([escape]) => percentDecoded(escape!)],
  [new RegExp(`\\+|${UTF8_CHARACTER}`, 'gi'), ([escape]) => (escape === '+' ? ' ' : percentDecoded(escape!))],
];

/** The reading with one family's escapes undone, or undefined when it holds none of them. */
function readOnce(parent: Reading, [escape, decode]: Family): Reading | undefined {
  const escapes: number[] = [];
  let shift = 0;
  const text = parent.text.replace(escape, (...match: string[]) => {
    const decoded = decode(match);
    // What only looks like an escape (a code point past U+10FFFF, bytes that are not UTF-8) is text.
    if (decoded === undefined) return match[0]!;
    const at = Number(match.at(-2));
    escapes.push(at + shift, decoded.length, at, match[0]!.length);
    shift += decoded.length - match[0]!.length;
    return decoded;
  });
  return escapes.length ? { text, parent, escapes } : undefined;
}

/** The span of its parent that unit `index` of a reading came from. */
function parentSpan({ escapes }: Reading, index: number): [number, number] {
  // The last escape that starts at or before the unit, found by halves: a text may hold
  // a secret, and escapes, many thousands of times.
  let [low, high] = [0, escapes!.length / 4];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (escapes![middle * 4]! <= index) low = middle + 1;
    else high = middle;
  }
  if (low === 0) return [index, index + 1];
  const [readAt, units, parentAt, length] = [escapes![low * 4 - 4]!, escapes![low * 4 - 3]!, escapes![low * 4 - 2]!, escapes![low * 4 - 1]!];
  if (index < readAt + units) return [parentAt, parentAt + length];
  const offset = parentAt + length - readAt - units;
  return [index + offset, index + offset + 1];
}

/**
 * The spans of the text where a secret stands, as written or escaped in any family of escapes
 * nested up to MAX_DEPTH deep. The readings are taken a level at a time, so that a text that two
 * ways of reading come to is read on from the shallower one, and only once.
 */
export function secretSpans(text: string, secrets: readonly string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const seen = new Set([text]);
  let budget = READ_BUDGET;
  let level: Reading[] = [{ text }];
  for (let depth = 0; level.length > 0; depth++) {
    const next: Reading[] = [];
    for (const reading of level) {
      for (const secret of secrets) {
        for (let at = reading.text.indexOf(secret); at !== -1; at = reading.text.indexOf(secret, at + 1)) {
          let [start, end] = [at, at + secret.length];
          for (let current = reading; current.parent; current = current.parent) [start, end] = [parentSpan(current, start)[0], parentSpan(current, end - 1)[1]];
          spans.push([start, end]);
        }
      }
      // Every escape starts with one of these; most texts (a success envelope) hold none.
      if (depth === MAX_DEPTH || !/[\\&%+]/.test(reading.text)) continue;
      for (const family of FAMILIES) {
        const read = budget > 0 ? readOnce(reading, family) : undefined;
        if (read && !seen.has(read.text)) seen.add(read.text), next.push(read), (budget -= read.text.length);
      }
    }
    level = next;
  }
  return spans;
}
