// Secrets (the access tokens sent for a call, the clientSecret in its body) must never
// reach an error: not its message, code, violations, other fields, stack, JSON or cause,
// even when a server echoes them back. Each call redacts its own errors with its own
// secrets, so concurrent calls cannot crowd each other's tokens out.
import { ConnectOAuthError } from './errors.js';

export const REDACTED = '[REDACTED]';

// The spec's minimum length for clientSecret, and the client's for an access token.
// Shorter strings turn up by chance in ordinary text (a word, a status code), so
// redacting them would mangle every message; a minimum of 8 is still far below any
// credential that an authorization server issues. The spec keeps clientSecret at this
// minimum (test/client/redaction.test.ts checks that they agree), so every secret the
// client accepts is redacted.
export const MIN_SECRET_LENGTH = 8;

export type Redactor = (text: string) => string;

const unchanged: Redactor = (text) => text;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    // As a JSON string or in a URL it may come back escaped.
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return unchanged;
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let redacted = text;
    for (const form of ordered) if (redacted.includes(form)) redacted = redacted.split(form).join(REDACTED);
    return redacted;
  };
}

const MAX_CAUSE_DEPTH = 10;

/**
 * Redacts every string of one of the client's errors, in place, and replaces any cause
 * that holds a secret by a redacted copy. Other values (a caller's abort reason) are the
 * caller's own and pass untouched.
 */
export function redactError(error: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  if (!(error instanceof ConnectOAuthError)) return error;
  const redact = createRedactor(secrets);
  if (redact !== unchanged) scrub(error, redact, 0);
  return error;
}

function scrub(error: ConnectOAuthError, redact: Redactor, depth: number): void {
  const fields = error as unknown as Record<string, unknown>;
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
  if (cause instanceof ConnectOAuthError && depth < MAX_CAUSE_DEPTH) {
    scrub(cause, redact, depth);
    return cause;
  }
  // Someone else's error (a token function's, the network's): kept as it is unless it
  // holds a secret, then replaced by a redacted copy rather than changed.
  if (!holdsSecret(cause, redact, depth)) return cause;
  if (!(cause instanceof Error)) return redact(safeJson(cause));
  const copy = new Error(redact(cause.message));
  copy.name = cause.name;
  copy.stack = redact(String(cause.stack));
  for (const [key, value] of Object.entries(cause)) {
    if (typeof value !== 'object' && typeof value !== 'function') (copy as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? redact(value) : value;
  }
  if (cause.cause !== undefined && depth < MAX_CAUSE_DEPTH) copy.cause = redactCause(cause.cause, redact, depth + 1);
  return copy;
}

function holdsSecret(value: object, redact: Redactor, depth: number): boolean {
  if (depth >= MAX_CAUSE_DEPTH) return true;
  const leaks = (text: string) => redact(text) !== text;
  if (!(value instanceof Error)) return leaks(safeJson(value)) || leaks(String(value));
  if (leaks(value.message) || leaks(String(value.stack))) return true;
  for (const item of Object.values(value)) {
    if (typeof item === 'string' ? leaks(item) : typeof item === 'object' && item !== null && holdsSecret(item, redact, depth + 1)) return true;
  }
  return value.cause !== undefined && typeof value.cause === 'object' && value.cause !== null ? holdsSecret(value.cause, redact, depth + 1) : typeof value.cause === 'string' && leaks(value.cause);
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
