// What the generated validators (generated/validators.js, Ajv's standalone code) call at run
// time: the string length JSON Schema counts and the spec's two formats, so that the client
// ships no schema library.

/** String length in Unicode code points, as JSON Schema's minLength and maxLength count it (a lone surrogate is one). */
export const ucs2length = (value: string): number => (/[\ud800-\udfff]/.test(value) ? [...value].length : value.length);

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
  const year = +match[1]!;
  const month = +match[2]!;
  const day = +match[3]!;
  const daysInMonth = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);
  // Second 60 is a leap second; an absent offset (Z) reads as 0.
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && +match[4]! <= 23 && +match[5]! <= 59 && +match[6]! <= 60 && +(match[7] ?? 0) <= 23 && +(match[8] ?? 0) <= 59;
}

export const formats = { uri: isUri, 'date-time': isDateTime };
