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

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = new Set<string>();
  const kept: string[] = [];
  for (const secret of [...new Set(secrets)].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0))) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    // The forms a server most often echoes, found by plain search.
    forms.add(secret).add(JSON.stringify(secret).slice(1, -1));
    try {
      forms.add(encodeURIComponent(secret));
    } catch {
      // A lone surrogate has no percent-encoding; the patterns still find the rest of the secret's spellings.
    }
    kept.push(secret);
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  // Built the first time a text needs them: most texts do not, and building them costs more
  // than a whole call (the write-only check reads every answer to a create).
  let patterns: RegExp[] | undefined;
  return (text) => {
    const plain = ordered.reduce((redacted, form) => redacted.split(form).join(REDACTED), text);
    // Every escaped spelling holds a backslash, "&", "%" or "+": without one, and with no
    // secret as written left, the patterns (slow on long texts) have nothing to find.
    if (!/[\\&%+]/.test(plain) && !ordered.some((form) => plain.includes(form))) return plain;
    patterns ??= kept.map(anyEscaping);
    return patterns.reduce((redacted, pattern) => redacted.replace(pattern, REDACTED), plain);
  };
}

/** Whether the text holds any of the secrets, in any form the redactor finds. */
export function carriesSecret(text: string, secrets: ReadonlyArray<string | undefined>): boolean {
  return createRedactor(secrets)(text) !== text;
}

/**
 * The secret however a server escaped it, each character on its own: as itself, as a JSON
 * or Go escape (\u003c, \/, nested \\u003c), a Python one (\xe4), an HTML entity (&lt;,
 * &#60;, &#x3C;, &amp;lt;), percent-encoded in either case (also twice, %253C) or, for a
 * space, as "+". Each character's alternatives are tried longest first and never
 * reconsidered (a lookahead with a backreference is an atomic group), so the search stays
 * linear however the text is built.
 */
function anyEscaping(secret: string): RegExp {
  const groups = [...secret].map((character, index) => `(?=(${characterForms(character).join('|')}))\\${index + 1}`);
  return new RegExp(groups.join(''), 'g');
}

function characterForms(character: string): string[] {
  const codePoint = character.codePointAt(0)!;
  const forms = [
    // Each UTF-16 unit its own escape: a character past U+FFFF is two.
    character
      .split('')
      .map((unit) => `\\\\+u${hex(unit.charCodeAt(0), 4)}`)
      .join(''),
    `&(?:amp;)*#(?:0*${codePoint}|[xX]0*${hex(codePoint, 1)});`,
    [...new TextEncoder().encode(character)].map((byte) => `%(?:25)*${hex(byte, 2)}`).join(''),
  ];
  if (codePoint < 0x100) forms.push(`\\\\+x${hex(codePoint, 2)}`);
  const named = HTML_NAMES[character];
  if (named) forms.push(`&(?:amp;)*${anyCase(named)};`);
  const short = JSON_SHORT_ESCAPES[character];
  if (short) forms.push(`\\\\+${short}`);
  if (character === ' ') forms.push('\\+');
  // The character itself last, after any backslashes that escape it (\/, \", \\).
  forms.push(`\\\\*${character.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}`);
  return forms;
}

/** Hex digits of a number, at least `width` of them, each matching either case. */
const hex = (value: number, width: number) => anyCase(value.toString(16).padStart(width, '0'));

/** A pattern of lowercase text that matches it in either case, letter by letter. */
const anyCase = (text: string) => text.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);

const HTML_NAMES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos', '\u00a0': 'nbsp' };
const JSON_SHORT_ESCAPES: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f' };

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
  const texts = value instanceof Error ? [String(value.stack), value.message, ...textsOf(value.cause, seen)] : [];
  for (const item of Object.values(value)) texts.push(...textsOf(item, seen));
  return texts;
}
