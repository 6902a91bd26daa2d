// The one place where the suite's output is cleaned of secrets: the bearer token and every
// clientSecret, sent or received. The console summary, the JUnit report, the HAR file and the
// curl commands all go through it, so a secret cannot leak by one of them forgetting. A
// configuration's secret is write-only: one printed in a CI log is leaked for good.
// The spellings a server may echo a secret in (JSON-escaped, URL-encoded, ...) are found by the
// client's own redactor: one reading of escapes for the client's errors and the suite's reports.
import { createRedactor, REDACTED, type Redactor } from '../../src/redact.js';
import { parseJson } from './exchange.js';

/** Shown instead of the bearer token. */
export const TOKEN_MASK = '***';
/** What a curl command carries instead of the token: the shell fills it in. */
export const TOKEN_VARIABLE = '$CONTRACT_TOKEN';
// Short values turn up inside other text by chance; masking them would garble reports, and
// a secret that short protects nothing. Wherever it stands as a clientSecret, it is masked.
const MIN_TRACKED_LENGTH = 8;
// Up to the closing quote, or the end of the line when a report cut the body short.
const SECRET_PROPERTY = /("(?:clientSecret|client_secret)"\s*:\s*")((?:[^"\\\n]|\\.)*)("?)/g;

/**
 * A value that can be told apart from other text: long enough and varied enough. A secret
 * such as 1,025 times "a" (a length probe) turns up inside any long run of a's.
 */
export function isDistinctiveSecret(secret: unknown, minLength = MIN_TRACKED_LENGTH): secret is string {
  return typeof secret === 'string' && secret.length >= minLength && new Set(secret).size >= 6;
}

const stars = (text: string) => '*'.repeat(text.length);

export class SecretMasker {
  private readonly secrets = new Set<string>();
  private readonly redactToken: Redactor;
  // Both built when a text is next masked, not at every secret tracked: a run tracks hundreds.
  private longestFirst: string[] | undefined = [];
  private redactSecrets: Redactor | undefined = (text) => text;

  constructor(private readonly token: string) {
    this.redactToken = createRedactor([token]);
  }

  /** Remembers a clientSecret, to mask it wherever it turns up again. */
  track(secret: unknown): void {
    if (!isDistinctiveSecret(secret) || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    // As it stands inside a JSON string: quotes and backslashes escaped.
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
    this.longestFirst = undefined;
    this.redactSecrets = undefined;
  }

  /** Remembers every clientSecret in a JSON text (a body sent or received), however deep. */
  collect(text: string | undefined): void {
    // Text that is not JSON: its clientSecret and client_secret properties are still masked by pattern.
    if (text !== undefined && /client_?secret/i.test(text)) visitSecrets(parseJson(text), (secret) => this.track(secret));
  }

  /** The secrets tracked so far (for the check that no answer repeats one). */
  trackedSecrets(): ReadonlySet<string> {
    return this.secrets;
  }

  /**
   * Text with the token replaced and every clientSecret value starred out. A secret keeps its
   * length, so a masked request still breaks or keeps the same length limits as the original.
   */
  text(text: string, tokenReplacement: string = TOKEN_MASK): string {
    // The token first, in every spelling; the redactor's mark then becomes the report's.
    let masked = this.redactToken(text);
    if (masked !== text) masked = masked.replaceAll(REDACTED, tokenReplacement);
    // The redactor leaves values too short to tell from words; the token is masked as sent whatever its length.
    if (this.token.length > 0) masked = masked.replaceAll(this.token, tokenReplacement);
    masked = masked.replace(SECRET_PROPERTY, (_, before: string, value: string, after: string) => `${before}${stars(value)}${after}`);
    this.longestFirst ??= [...this.secrets].sort((one, other) => other.length - one.length);
    for (const secret of this.longestFirst) masked = masked.replaceAll(secret, stars(secret));
    // Any other spelling of a clientSecret (URL-encoded, "/" escaped) cannot keep its length.
    this.redactSecrets ??= createRedactor([...this.secrets]);
    return this.redactSecrets(masked);
  }

  /** Whether the text carries the bearer token in any spelling the masker knows. */
  revealsToken(text: string): boolean {
    return this.redactToken(text) !== text;
  }

  /** Header values masked; the names are kept. */
  headers(headers: Record<string, string>, tokenReplacement: string = TOKEN_MASK): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, this.text(value, tokenReplacement)]));
  }
}

/** The names the secret goes by: the spec's own, and the OAuth form field's (RFC 6749, section 2.3.1). */
const SECRET_NAMES = new Set(['clientSecret', 'client_secret']);

/**
 * Every property of a JSON value, at any depth, as [name, value]: walked with a list rather
 * than by recursion, so that an answer nested a hundred thousand deep is read, not a crash.
 */
function* propertiesOf(value: unknown): Generator<[string, unknown]> {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (Array.isArray(current)) pending.push(...current);
    else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        yield [key, item];
        pending.push(item);
      }
    }
  }
}

function visitSecrets(value: unknown, found: (secret: string) => void): void {
  for (const [key, item] of propertiesOf(value)) if (SECRET_NAMES.has(key) && typeof item === 'string') found(item);
}

/** Whether a JSON value carries the secret's property (clientSecret, client_secret) anywhere: no answer may, the secret is write-only. */
export function carriesClientSecret(value: unknown): boolean {
  for (const [key] of propertiesOf(value)) if (SECRET_NAMES.has(key)) return true;
  return false;
}
