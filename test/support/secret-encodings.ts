// The ways servers escape text they echo: JSON with \u escapes (Go escapes < > &, Python
// every non-ASCII character), PHP's escaped "/", HTML entities, percent-encoding in lower
// case, keeping "/" or applied twice, and form encoding.
const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');

const goJson = (secret: string) => JSON.stringify(secret).slice(1, -1).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${hex(character.charCodeAt(0), 4)}`);
const asciiJson = (secret: string) => JSON.stringify(secret).slice(1, -1).replace(/[\u0080-\uffff]/g, (character) => `\\u${hex(character.charCodeAt(0), 4)}`);
const upperAsciiJson = (secret: string) => asciiJson(secret).replace(/\\u([0-9a-f]{4})/g, (_match, digits: string) => `\\u${digits.toUpperCase()}`);
const phpJson = (secret: string) => JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/');
const html = (secret: string) => secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const htmlNumeric = (secret: string) => [...secret].map((character) => (/\w/.test(character) ? character : `&#x${hex(character.codePointAt(0)!, 1).toUpperCase()};`)).join('');
const percentLower = (secret: string) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const percentKeepingSlash = (secret: string) => encodeURIComponent(secret).replace(/%2F/g, '/');
const formEncoded = (secret: string) => new URLSearchParams({ x: secret }).toString().slice(2);
const percentTwice = (secret: string) => encodeURIComponent(encodeURIComponent(secret));

/** Each way of escaping, by name. */
export const ENCODINGS = { goJson, asciiJson, upperAsciiJson, phpJson, html, htmlNumeric, percentLower, percentKeepingSlash, formEncoded, percentTwice } as const;

