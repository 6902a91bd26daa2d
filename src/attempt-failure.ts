// What a failed attempt was, for the retry policy and the call's error: a timeout, a network failure (connected or not), or neither.
import type { AttemptSignal } from './attempt-signal.js';
import { NetworkError, TimeoutError, type ErrorContext } from './errors.js';
import type { AttemptOutcome } from './retry-policy.js';

// System error codes that mean the connection was never made: nothing reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// fetch's TypeError messages for a failed network in Node.js (undici; "terminated" for a cut-off body) and browsers. Any other TypeError is a bug: not retried.
const NETWORK_TYPE_ERRORS = /^(?:fetch failed|terminated|Failed to fetch|Load failed|NetworkError when attempting to fetch resource\.?|Network request failed)$/;
// Codes of a failed network: system (E*), undici (UND_ERR_*), TLS and certificates, a broken compressed body (Z_*). Others (ERR_INVALID_URL...) are a bug's.
const NETWORK_CODES = /^(?:E[A-Z0-9]+|UND_ERR_[A-Z0-9_]+|ERR_TLS_[A-Z0-9_]+|ERR_SSL_[A-Z0-9_]+|[A-Z_]*CERT[A-Z0-9_]*|Z_[A-Z_]+)$/;

/** A failed attempt as an outcome for the retry policy and its error, or undefined when it is neither a timeout nor a network failure. */
export function attemptFailure(error: unknown, attemptSignal: AttemptSignal, context: ErrorContext): { outcome: AttemptOutcome; error: Error } | undefined {
  // A fetch wrapper's own timeout (AbortSignal.timeout's DOMException) is a timeout too.
  if (attemptSignal.timedOut || fieldOf(error, 'name') === 'TimeoutError') return { outcome: { kind: 'timeout' }, error: new TimeoutError({ timeoutMs: attemptSignal.timeoutMs }, { ...context }) };
  const code = systemErrorCode(error);
  const message = fieldOf(error, 'message') ?? '';
  if (code === undefined && !(fieldOf(error, 'name') === 'TypeError' && NETWORK_TYPE_ERRORS.test(message))) return undefined;
  const cause = fieldOf((error as Error).cause, 'message');
  const reason = cause && cause !== message ? `${message}: ${cause}` : message;
  return { outcome: { kind: 'network', connected: !(code && NOT_CONNECTED_CODES.has(code)) }, error: new NetworkError({ code, reason }, { ...context, cause: error }) };
}

/** A field of what was thrown, read without trusting its realm: an error made in a vm or an iframe is no instance of ours. */
const fieldOf = (error: unknown, field: 'name' | 'message') => {
  const value = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
};

function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
  }
  return undefined;
}
