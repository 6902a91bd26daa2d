// Secrets (the tokens sent for a call, the clientSecret in its body and the Basic credential
// made of it) never reach an error: not its message, fields, stack, JSON or cause. Text from a
// server is redacted of them as sent, JSON-escaped and percent-encoded; nothing else is
// decoded. Each call redacts its own errors with its own secrets.
import { ConnectOAuthError } from './errors.js';

export const REDACTED = '[REDACTED]';

// The spec's minimum length for clientSecret, and the client's for a token: shorter strings turn
// up by chance in ordinary text, and redacting them would mangle every message.
export const MIN_SECRET_LENGTH = 8;

export type Redactor = (text: string) => string;

const hex4 = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
const upperHex4 = (character: string) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const lowerPercent = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
// application/x-www-form-urlencoded, as a form or a query string carries a value.
const formEncoded = (text: string) => new URLSearchParams({ x: text }).toString().slice(2);

/**
 * A secret as a server may echo it: as sent; JSON-escaped as the default encoders of
 * JavaScript, PHP ("/" and non-ASCII), Python (non-ASCII), Go (< > &) and .NET (" & ' + < > `
 * and non-ASCII, upper-case hex) write it; percent-encoded as encodeURIComponent (either case),
 * RFC 3986 strictly, Python's quote ("/" kept) and quote_plus or Go's QueryEscape ("+"), and forms.
 */
function spellingsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u0080-\uffff]/g, hex4);
  const dotnetJson = json.replace(/\\"/g, '"').replace(/["&'+<>`\u0080-\uffff]/g, upperHex4);
  return [
    secret,
    json,
    json.replaceAll('/', '\\/'),
    asciiJson,
    asciiJson.replaceAll('/', '\\/'),
    asciiJson.replace(/\\u([0-9a-f]{4})/g, (_escape, digits: string) => `\\u${digits.toUpperCase()}`),
    json.replace(/[<>&\u2028\u2029]/g, hex4),
    dotnetJson,
    ...percentEncoded(secret),
  ];
}

function percentEncoded(secret: string): string[] {
  try {
    const percent = encodeURIComponent(secret);
    const strict = percent.replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
    return [percent, lowerPercent(percent), formEncoded(secret), strict, strict.replaceAll('%20', '+'), strict.replaceAll('%2F', '/')];
  } catch {
    // A lone surrogate has no percent-encoding: the secret is then found as it is.
    return [];
  }
}

/** Every spelling of the secrets long enough to redact, longest first. */
function spellings(secrets: ReadonlyArray<string | undefined>): string[] {
  const kept = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);
  return [...new Set(kept.flatMap(spellingsOf))].sort((one, other) => other.length - one.length);
}

/** Where each spelling stands in the text, as [start, end) spans, those of one spelling that overlap or touch already one. */
function spansOf(text: string, found: readonly string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const spelling of found) {
    let open: [number, number] | undefined;
    for (let at = text.indexOf(spelling); at !== -1; at = text.indexOf(spelling, at + 1)) {
      if (open && at <= open[1]) open[1] = at + spelling.length;
      else spans.push((open = [at, at + spelling.length]));
    }
  }
  return spans;
}

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const found = spellings(secrets);
  return (text) => (found.length > 0 ? redactSpans(text, spansOf(text, found)) : text);
}

/**
 * The secrets a request body carries: its clientSecret, and the Basic credential of RFC 6749's
 * client_secret_basic made of it, as a server or proxy that echoes its request to the
 * authorization server may show it: base64 of `clientId:clientSecret`, with and without their
 * form-encoding. Each is redacted like a token.
 */
export function secretsOfBody(body: unknown): string[] {
  const { clientId, clientSecret } = (typeof body === 'object' && body !== null ? body : {}) as { clientId?: unknown; clientSecret?: unknown };
  if (typeof clientSecret !== 'string') return [];
  if (typeof clientId !== 'string') return [clientSecret];
  const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  const plain = base64(`${clientId}:${clientSecret}`);
  try {
    return [clientSecret, plain, base64(`${formEncoded(clientId)}:${formEncoded(clientSecret)}`)];
  } catch {
    // A lone surrogate has no form-encoding.
    return [clientSecret, plain];
  }
}

/** The first `length` characters of the text once redacted, and "…" when there is more: redacted before it is cut, so that no cut leaves part of a secret. */
export function redactedStart(text: string, secrets: ReadonlyArray<string | undefined>, length: number): string {
  const redacted = createRedactor(secrets)(text);
  if (redacted.length <= length) return redacted;
  // A cut inside a marker keeps the whole marker.
  const marker = redacted.lastIndexOf(REDACTED, length - 1);
  return `${redacted.slice(0, marker !== -1 && marker + REDACTED.length > length ? marker + REDACTED.length : length)}…`;
}

/** The text with each span replaced by REDACTED; spans that overlap or touch become one. */
function redactSpans(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  let redacted = '';
  let written = 0;
  let open: [number, number] | undefined;
  const close = () => {
    if (open) (redacted += `${text.slice(written, open[0])}${REDACTED}`), (written = open[1]);
  };
  for (const [start, end] of spans.sort((one, other) => one[0] - other[0])) {
    if (open && start <= open[1]) open[1] = Math.max(open[1], end);
    else close(), (open = [start, end]);
  }
  close();
  return redacted + text.slice(written);
}

/** Whether the text holds any of the secrets, in any form the redactor finds. */
export function carriesSecret(text: string, secrets: ReadonlyArray<string | undefined>): boolean {
  // Every spelling keeps a secret's letters and digits as they are: a text without the
  // longest run of them holds no spelling, and is known without making any.
  const runs = secrets.map((secret) => (secret ?? '').match(/[A-Za-z0-9]+/g)?.reduce((one, other) => (other.length > one.length ? other : one)));
  return !runs.every((run) => run !== undefined && !text.includes(run)) && spellings(secrets).some((spelling) => text.includes(spelling));
}

/**
 * Redacts every string of one of the client's errors, in place, and replaces a cause that
 * holds a secret by a redacted copy. Anything else (a caller's abort reason) is the
 * caller's own and passes untouched.
 */
export function redactError(error: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  if (error instanceof ConnectOAuthError) scrub(error, createRedactor(secrets), 0);
  return error;
}

function scrub(error: object, redact: Redactor, depth: number): void {
  const fields = error as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = redact(value);
    else if (Array.isArray(value)) fields[key] = value.map((item) => (typeof item === 'string' ? redact(item) : item));
    else if (key === 'cause') fields[key] = redactCause(value, redact, depth + 1);
  }
}

function redactCause(cause: unknown, redact: Redactor, depth: number): unknown {
  if (cause === undefined || cause === null || typeof cause === 'number' || typeof cause === 'boolean') return cause;
  if (typeof cause === 'string') return redact(cause);
  if (cause instanceof ConnectOAuthError && depth < 9) {
    scrub(cause, redact, depth);
    return cause;
  }
  // Someone else's error (a token function's, the network's, an injected fetch's) is never
  // kept as it is: util.inspect shows more of it than any list of its fields (headers, a
  // Request, a Map). A copy of what tells the failure takes its place, redacted.
  const source = cause as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown; cause?: unknown; errors?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? redact(value) : undefined);
  const copy = new Error(text(source.message) ?? Object.prototype.toString.call(cause)) as Error & { code?: string; errors?: unknown[] };
  copy.name = text(source.name) ?? 'Error';
  copy.stack = text(source.stack) ?? `${copy.name}: ${copy.message}`;
  if (typeof source.code === 'string') copy.code = redact(source.code);
  if (depth < 9 && source.cause !== undefined) copy.cause = redactCause(source.cause, redact, depth + 1);
  if (depth < 9 && Array.isArray(source.errors)) copy.errors = source.errors.map((inner) => redactCause(inner, redact, depth + 1));
  return copy;
}
