// The ways a server plausibly echoes a secret, written with the platform's own encoders (not
// the redactor's list): JSON as JSON.stringify writes it, with \u escapes (Go escapes < > &,
// Python every non-ASCII character, in either case of hex), PHP's escaped "/",
// percent-encoding in either case of hex, form encoding, and the Basic credential of RFC 6749.
const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');

const json = (secret: string) => JSON.stringify(secret).slice(1, -1);
const goJson = (secret: string) => json(secret).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${hex(character.charCodeAt(0), 4)}`);
const asciiJson = (secret: string) => json(secret).replace(/[\u0080-\uffff]/g, (character) => `\\u${hex(character.charCodeAt(0), 4)}`);
const upperAsciiJson = (secret: string) => asciiJson(secret).replace(/\\u([0-9a-f]{4})/g, (_match, digits: string) => `\\u${digits.toUpperCase()}`);
const phpJson = (secret: string) => json(secret).replace(/\//g, '\\/');
const percent = (secret: string) => encodeURIComponent(secret);
const percentLower = (secret: string) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const formEncoded = (secret: string) => new URLSearchParams({ x: secret }).toString().slice(2);

/** Each way of escaping, by name. */
export const ENCODINGS = { json, goJson, asciiJson, upperAsciiJson, phpJson, percent, percentLower, formEncoded } as const;

/** `Basic` credential of client_secret_basic: base64 of `clientId:clientSecret` (UTF-8), as Node's Buffer writes it. */
export const basicCredential = (clientId: string, clientSecret: string) => Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
