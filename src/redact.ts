// Secrets (the access token, a clientSecret) must never reach an error's message, its
// fields or its JSON, even when a server echoes them back. Every text an error carries
// passes through a redactor built from the secrets of its call.

export const REDACTED = '[REDACTED]';

// Shorter strings occur by chance in ordinary text; replacing them would mangle messages
// without protecting anything a guess could not find.
const MIN_SECRET_LENGTH = 4;

export type Redactor = (text: string) => string;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    // As a JSON string it may come back escaped.
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => ordered.reduce((redacted, form) => redacted.split(form).join(REDACTED), text);
}
