// What a failed attempt was, for the retry policy and for the error the call may end with:
// a timeout, a network failure (and whether the connection was ever made), or neither.
import type { AttemptSignal } from './attempt-signal.js';
import { NetworkError, TimeoutError, type ErrorContext } from './errors.js';
import type { AttemptOutcome } from './retry-policy.js';

// System error codes that mean the connection was never made: nothing reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** A failed attempt as an outcome for the retry policy and its error, or undefined when it is neither a timeout nor a network failure. */
export function attemptFailure(error: unknown, attemptSignal: AttemptSignal, context: ErrorContext): { outcome: AttemptOutcome; error: Error } | undefined {
  // A fetch wrapper's own timeout (AbortSignal.timeout's DOMException) is a timeout too.
  if (attemptSignal.timedOut || fieldOf(error, 'name') === 'TimeoutError') return { outcome: { kind: 'timeout' }, error: new TimeoutError({ timeoutMs: attemptSignal.timeoutMs }, { ...context }) };
  if (!isFetchFailure(error)) return undefined;
  const code = systemErrorCode(error);
  return {
    outcome: { kind: 'network', connected: !(code && NOT_CONNECTED_CODES.has(code)) },
    error: new NetworkError({ code, reason: reasonOf(error) }, { ...context, cause: error }),
  };
}

// The TypeError messages fetch rejects with when the network fails, in Node.js (undici, also
// for a body cut off: "terminated") and in browsers. Any other TypeError from a fetch is a bug
// in it, such as an injected fetch calling what is not a function: not retried.
const NETWORK_TYPE_ERRORS = /^(?:fetch failed|terminated|Failed to fetch|Load failed|NetworkError when attempting to fetch resource\.?|Network request failed)$/;
// The codes of a failed network: the system's (ECONNRESET, ENOTFOUND, ...), undici's
// (UND_ERR_SOCKET, ...), TLS and certificate errors, and a broken compressed body (Z_*).
// Other codes (ERR_INVALID_URL, ERR_INVALID_ARG_TYPE) are a bug's.
const NETWORK_CODES = /^(?:E[A-Z0-9]+|UND_ERR_[A-Z0-9_]+|ERR_TLS_[A-Z0-9_]+|ERR_SSL_[A-Z0-9_]+|[A-Z_]*CERT[A-Z0-9_]*|Z_[A-Z_]+)$/;

/** A field of what was thrown, read without trusting its realm: an error made in a vm or an iframe is no instance of ours. */
const fieldOf = (error: unknown, field: 'name' | 'message') => {
  const value = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** A failure of the network, as fetch reports one: a network code in its causes, or one of fetch's own network messages. */
function isFetchFailure(error: unknown): error is Error {
  return systemErrorCode(error) !== undefined || (fieldOf(error, 'name') === 'TypeError' && NETWORK_TYPE_ERRORS.test(fieldOf(error, 'message') ?? ''));
}

function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
  }
  return undefined;
}

function reasonOf(error: Error): string {
  const message = fieldOf(error, 'message') ?? '';
  const cause = fieldOf(error.cause, 'message');
  return cause && cause !== message ? `${message}: ${cause}` : message;
}
