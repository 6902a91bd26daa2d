// What the generated validators (generated/validators.ts) call at run time besides the
// interpreter: the string length JSON Schema counts and the spec's formats, so that the
// client ships no schema library.

/** String length in Unicode code points, as JSON Schema's minLength and maxLength count it (a lone surrogate is one). */
export const ucs2length = (value: string): number => [...value].length;

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
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.map((part = '0') => Number(part)) as number[];
  // A day past the end of its month rolls over into the next one, so the month comes back
  // changed; setUTCFullYear, unlike Date.UTC, takes the years 0 to 99 as they are.
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day);
  // Second 60 is a leap second.
  return date.getUTCMonth() === month! - 1 && hour! <= 23 && minute! <= 59 && second! <= 60 && offsetHours! <= 23 && offsetMinutes! <= 59;
}

export const formats = { uri: isUri, 'date-time': isDateTime };
