// What the generated validators (generated/validators.ts) call at run time, in place of
// Ajv's and ajv-formats' own modules, so that the client ships no schema library.
// The shapes follow what Ajv's standalone code calls: `uri(value)`, `date-time.validate(value)`.

/** String length in Unicode code points, as JSON Schema's minLength and maxLength count it. */
export function ucs2length(value: string): number {
  let length = 0;
  for (let index = 0; index < value.length; index++) {
    length++;
    const code = value.charCodeAt(index);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
  }
  return length;
}

// RFC 3986 absolute URI: a scheme, then only characters a URI may hold (no spaces, no
// controls, no <>"{}|\^`), and percent signs only as escapes.
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/i;

function isUri(value: string): boolean {
  if (!ABSOLUTE_URI.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

// RFC 3339 date-time, with the calendar checked (no 31 April, 29 February only in leap years).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return (
    days !== undefined &&
    day >= 1 &&
    day <= days &&
    Number(match[4]) <= 23 &&
    Number(match[5]) <= 59 &&
    Number(match[6]) <= 60 && // a leap second
    Number(match[8] ?? 0) <= 23 &&
    Number(match[9] ?? 0) <= 59
  );
}

export const formats = {
  uri: isUri,
  'date-time': { validate: isDateTime },
} as const;
