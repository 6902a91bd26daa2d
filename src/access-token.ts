// The bearer token of each attempt: a fixed string, or a function asked before every attempt, so that retries use a refreshed token.
import { InputError } from './errors.js';
import { MIN_SECRET_LENGTH } from './redact.js';

export type AccessTokenSource = string | (() => string | Promise<string>);

// A token is one header value: printable ASCII, no spaces, as RFC 6750's b64token.
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export async function resolveAccessToken(source: AccessTokenSource): Promise<string> {
  if (typeof source === 'string') return source;
  let token: unknown;
  try {
    token = await source();
  } catch (error) {
    const kind = error instanceof Error ? error.name : typeof error;
    throw new InputError([`the accessToken function threw ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}; fix the token source`], { cause: error });
  }
  if (typeof token !== 'string') throw new InputError([`the accessToken function returned ${token === null ? 'null' : typeof token}, not a token string; fix the token source`]);
  return checkAccessToken(token);
}

/** The token itself, or an InputError saying what is wrong with it (never the token). */
export function checkAccessToken(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0) throw new InputError([`accessToken must be a non-empty string, got ${token === '' ? 'an empty string' : typeof token}`]);
  if (!TOKEN.test(token)) throw new InputError(['accessToken holds characters a bearer token cannot (spaces, line breaks or a "Bearer " prefix?); pass the bare token']);
  // A shorter one could not be told from ordinary words in an error, so it could not be redacted.
  if (token.length < MIN_SECRET_LENGTH) throw new InputError([`accessToken is ${token.length} characters long; an OAuth access token has at least ${MIN_SECRET_LENGTH}`]);
  return token;
}
