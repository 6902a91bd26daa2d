// The secrets the client tests send, and the check that none of them got into an error.
import { inspect } from 'node:util';
import { expect } from 'vitest';

export const CLIENT_SECRET = 'Zx8Q~mN7pL4wR8tKx9vQ-s3cr3t';
export const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25uZWN0In0.c2lnbmF0dXJl';

export const validBody = {
  authorizationServerUrl: 'https://auth.example.org/oauth/token',
  clientId: 'docusign-connect',
  clientSecret: CLIENT_SECRET,
};

/** Every text an error shows (message, stack, JSON, inspect, cause chain) is free of secrets. */
export function expectNoSecretIn(error: unknown, secrets: readonly string[] = [CLIENT_SECRET, ACCESS_TOKEN]): void {
  const texts: string[] = [inspect(error, { depth: 20, showHidden: true })];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 20; current = (current as { cause?: unknown }).cause, depth++) {
    const asError = current as { message?: unknown; stack?: unknown };
    texts.push(String(asError.message), String(asError.stack), String(current));
    try {
      texts.push(JSON.stringify(current));
    } catch {
      // Circular: inspect above has covered it.
    }
  }
  for (const secret of secrets) {
    for (const text of texts) expect(text.includes(secret), `a secret leaked into: ${text.slice(0, 300)}`).toBe(false);
  }
}
