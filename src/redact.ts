// Secrets (the access tokens sent for a call, the clientSecret in its body) must never
// reach an error: not its message, code, violations, other fields, stack, JSON or cause,
// even when a server echoes them back. Each call redacts its own errors with its own
// secrets, so concurrent calls cannot crowd each other's tokens out.
import { ConnectOAuthError } from './errors.js';
import { secretSpans } from './escaped-readings.js';

export const REDACTED = '[REDACTED]';

// The spec's minimum length for clientSecret, and the client's for an access token.
// Shorter strings turn up by chance in ordinary text (a word, a status code), so
// redacting them would mangle every message; a minimum of 8 is still far below any
// credential that an authorization server issues. The spec keeps clientSecret at this
// minimum (test/client/redaction.test.ts checks that they agree), so every secret the
// client accepts is redacted.
export const MIN_SECRET_LENGTH = 8;

export type Redactor = (text: string) => string;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const kept = keptSecrets(secrets);
  return (text) => (kept.length ? redactSpans(text, secretSpans(text, kept)) : text);
}

// Characters a secret's character may take once escaped, four layers deep: a "<" in HTML
// numeric entities four times over takes 201.
const ESCAPED_CHARACTER_LENGTH = 256;

/**
 * The first `length` characters of the text, redacted, and "…" when there is more: a secret
 * that starts within them is redacted whole however far it runs, so that no cut leaves part
 * of one. Only the start of the text is read, however long it is.
 */
export function redactedStart(text: string, secrets: ReadonlyArray<string | undefined>, length: number): string {
  const kept = keptSecrets(secrets);
  // Far enough to reach the end of the longest secret, escaped, that starts within the snippet.
  const window = length + Math.max(0, ...kept.map((secret) => secret.length)) * ESCAPED_CHARACTER_LENGTH;
  const spans = kept.length ? secretSpans(text.slice(0, window), kept) : [];
  const end = Math.max(length, ...spans.filter(([start]) => start < length).map(([, stop]) => stop));
  const start = redactSpans(text.slice(0, end), spans.filter(([from]) => from < end));
  return end < text.length ? `${start}…` : start;
}

/**
 * The secrets long enough to redact, each also as servers and parsers hand one back: with a
 * lone surrogate as U+FFFD (text stored as UTF-8), as its UTF-8 bytes read as Latin-1 (a
 * header), in lower case and punycode (a URL's host).
 */
function keptSecrets(secrets: ReadonlyArray<string | undefined>): string[] {
  const kept = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);
  return [
    ...new Set(
      kept.flatMap((secret) => {
        // An ASCII secret has no lone surrogate, no bytes that Latin-1 reads otherwise and no
        // punycode: only its lower case differs.
        if (/^[\0-\x7f]*$/.test(secret)) return [secret, secret.toLowerCase()];
        const wellFormed = (secret as { toWellFormed?: () => string }).toWellFormed?.() ?? secret;
        const spellings = [secret, wellFormed, String.fromCharCode(...new TextEncoder().encode(wellFormed)), secret.toLowerCase()];
        try {
          // As a host's label, in punycode; a secret with a URL's delimiters is no label.
          if (!/[\s/?#@:%\\.[\]]/.test(wellFormed)) spellings.push(new URL(`http://${wellFormed}.x`).hostname.slice(0, -2));
        } catch {
          // Not a host.
        }
        return spellings;
      }),
    ),
  ].filter((spelling) => spelling.length >= MIN_SECRET_LENGTH);
}

/** The text with each span replaced by REDACTED; spans that overlap or touch become one. */
function redactSpans(text: string, spans: Array<[number, number]>): string {
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
  return createRedactor(secrets)(text) !== text;
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
  if (typeof cause === 'string') return redact(cause);
  if (typeof cause !== 'object' || cause === null) return cause;
  if (cause instanceof ConnectOAuthError && depth < 9) {
    scrub(cause, redact, depth);
    return cause;
  }
  // Someone else's error (a token function's, the network's) is kept as it is unless
  // some text of it holds a secret; then a redacted copy of its texts takes its place.
  const texts = textsOf(cause, new Set());
  if (texts.every((text) => redact(text) === text)) return cause;
  if (!(cause instanceof Error) || depth >= 9) return redact(texts.join('\n'));
  const copy = new Error(redact(cause.message), { cause: redactCause(cause.cause, redact, depth + 1) });
  copy.name = cause.name;
  copy.stack = redact(String(cause.stack));
  return copy;
}

/** Every text that util.inspect or JSON could show of a value, nested ones included. */
function textsOf(value: unknown, seen: Set<unknown>): string[] {
  if (typeof value !== 'object' || value === null) return [String(value)];
  if (seen.has(value)) return [];
  seen.add(value);
  // Bytes as text: Node's HTTP parser keeps the answer it failed on (rawPacket), which util.inspect shows.
  if (ArrayBuffer.isView(value)) return [new TextDecoder().decode(value)];
  const texts = value instanceof Error ? [String(value.stack), value.message, ...textsOf(value.cause, seen)] : [];
  for (const item of Object.values(value)) texts.push(...textsOf(item, seen));
  return texts;
}
