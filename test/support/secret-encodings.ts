// The ways a server plausibly echoes a secret, each written character by character from the
// encoder's own definition (not from the redactor's list), as servers' default encoders do:
// JSON by JavaScript, PHP, Python, Go and .NET; percent-encoding by JavaScript, RFC 3986,
// Python's quote and quote_plus (Go's QueryEscape); form encoding; and the Basic credential.
const hex = (code: number, width: number, upper = false) => {
  const digits = code.toString(16).padStart(width, '0');
  return upper ? digits.toUpperCase() : digits;
};
const units = (text: string) => Array.from({ length: text.length }, (_, index) => text.charAt(index));
const bytes = (text: string) => [...new TextEncoder().encode(text)];

/** JSON's string escapes, with `escaped` deciding which other characters become \u (in `upper` hex or not). */
function jsonWith(text: string, escaped: (character: string) => boolean, upper = false, quote = '\\"', slash = '/'): string {
  const named: Record<string, string> = { '"': quote, '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '/': slash };
  return units(text)
    .map((character) => {
      if (escaped(character)) return `\\u${hex(character.charCodeAt(0), 4, upper)}`;
      if (character in named) return named[character]!;
      return character.charCodeAt(0) < 0x20 ? `\\u${hex(character.charCodeAt(0), 4)}` : character;
    })
    .join('');
}
const nonAscii = (character: string) => character.charCodeAt(0) > 0x7f;

const json = (secret: string) => JSON.stringify(secret).slice(1, -1);
const phpJson = (secret: string) => jsonWith(secret, nonAscii, false, '\\"', '\\/');
const pythonJson = (secret: string) => jsonWith(secret, nonAscii);
const goJson = (secret: string) => jsonWith(secret, (character) => '<>&\u2028\u2029'.includes(character));
const dotnetJson = (secret: string) => jsonWith(secret, (character) => nonAscii(character) || '"&\'+<>`'.includes(character), true);

/** Percent-encoding of the UTF-8 bytes, leaving `kept` characters as they are. */
const percentWith = (secret: string, kept: RegExp, upper = true, space = '%20') =>
  bytes(secret)
    .map((byte) => (byte < 0x80 && kept.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : byte === 0x20 && space !== '%20' ? space : `%${hex(byte, 2, upper)}`))
    .join('');
const RFC3986_UNRESERVED = /[A-Za-z0-9\-._~]/;
const percent = (secret: string) => percentWith(secret, /[A-Za-z0-9\-._~!'()*]/);
const percentLower = (secret: string) => percentWith(secret, /[A-Za-z0-9\-._~!'()*]/, false);
const rfc3986 = (secret: string) => percentWith(secret, RFC3986_UNRESERVED);
const pythonQuote = (secret: string) => percentWith(secret, /[A-Za-z0-9\-._~/]/);
const pythonQuotePlus = (secret: string) => percentWith(secret, RFC3986_UNRESERVED, true, '+');
const formEncoded = (secret: string) => percentWith(secret, /[A-Za-z0-9\-._*]/, true, '+');

/** Each way of escaping, by name. */
export const ENCODINGS = { json, phpJson, pythonJson, goJson, dotnetJson, percent, percentLower, rfc3986, pythonQuote, pythonQuotePlus, formEncoded } as const;

/** `Basic` credential of client_secret_basic: base64 of `clientId:clientSecret` (UTF-8), as Node's Buffer writes it. */
export const basicCredential = (clientId: string, clientSecret: string) => Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
