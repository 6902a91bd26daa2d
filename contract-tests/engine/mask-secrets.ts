// The one place where the suite's output is cleaned of secrets: the bearer token and every
// clientSecret, sent or received. The console summary, the JUnit report, the HAR file and the
// curl commands all go through it, so a secret cannot leak by one of them forgetting.

/** Shown instead of the bearer token. */
export const TOKEN_MASK = '***';
/** What a curl command carries instead of the token: the shell fills it in. */
export const TOKEN_VARIABLE = '$CONTRACT_TOKEN';
// Short values turn up inside other text by chance; masking them would garble reports, and
// a secret that short protects nothing.
const MIN_TRACKED_LENGTH = 8;
const SECRET_PROPERTY = /("clientSecret"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

/**
 * A value that can be told apart from other text: long enough and varied enough. A secret
 * such as 1,025 times "a" (a length probe) turns up inside any long run of a's.
 */
export function isDistinctiveSecret(secret: unknown, minLength = MIN_TRACKED_LENGTH): secret is string {
  return typeof secret === 'string' && secret.length >= minLength && new Set(secret).size >= 6;
}

export class SecretMasker {
  private readonly secrets = new Set<string>();

  constructor(private readonly token: string) {}

  /** Remembers a clientSecret that was sent, to mask it wherever it turns up again. */
  track(secret: unknown): void {
    if (isDistinctiveSecret(secret)) this.secrets.add(secret);
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
    let masked = text.replace(SECRET_PROPERTY, (_, before: string, value: string, after: string) => `${before}${'*'.repeat(value.length)}${after}`);
    for (const secret of this.secrets) masked = masked.replaceAll(secret, '*'.repeat(secret.length));
    if (this.token.length > 0) masked = masked.replaceAll(this.token, tokenReplacement);
    return masked;
  }

  /** Header values masked; the names are kept. */
  headers(headers: Record<string, string>, tokenReplacement: string = TOKEN_MASK): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, this.text(value, tokenReplacement)]));
  }
}
