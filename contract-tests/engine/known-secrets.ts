// The secrets of one run, so that no report shows them: the bearer token and every
// clientSecret the suite sent or a server returned. A configuration's secret is write-only
// and cannot be read back; one printed in a CI log is leaked for good.

export const MASK = '***';
// Shorter values turn up in ordinary text by chance; masking them would garble reports.
// They are still masked wherever they stand as a clientSecret.
const MIN_MASKED_LENGTH = 6;
// Up to the closing quote, or the end of the line when a report cut the body short.
const SECRET_PROPERTY = /("clientSecret"\s*:\s*)"(?:[^"\\\n]|\\.)*"?/g;

export class KnownSecrets {
  private readonly values = new Set<string>();

  /** Remembers a secret, such as the token; texts are masked of it from now on. */
  add(secret: string | undefined, { whateverLength = false } = {}): void {
    if (!secret || (!whateverLength && secret.length < MIN_MASKED_LENGTH)) return;
    this.values.add(secret);
    // As it stands inside a JSON string: quotes and backslashes escaped.
    this.values.add(JSON.stringify(secret).slice(1, -1));
  }

  /** Remembers every clientSecret in a JSON text (a body sent or received). */
  collect(text: string | undefined): void {
    if (!text || !text.includes('clientSecret')) return;
    try {
      visit(JSON.parse(text), (secret) => this.add(secret));
    } catch {
      // Not JSON: its clientSecret properties are still masked by pattern.
    }
  }

  /** The text with every known secret, and every clientSecret property's value, replaced by ***. */
  mask(text: string): string {
    let masked = text.replace(SECRET_PROPERTY, `$1"${MASK}"`);
    for (const secret of [...this.values].sort((a, b) => b.length - a.length)) masked = masked.replaceAll(secret, MASK);
    return masked;
  }
}

function visit(value: unknown, found: (secret: string) => void): void {
  if (Array.isArray(value)) value.forEach((item) => visit(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'clientSecret' && typeof item === 'string') found(item);
      else visit(item, found);
    }
  }
}
