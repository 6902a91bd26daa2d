// What a failed attempt was, for the retry policy and for the error the call may end with:
// a timeout, a network failure (and whether the connection was ever made), or neither.
import type { AttemptSignal } from './attempt-signal.js';
import { NetworkError, TimeoutError, type ErrorContext } from './errors.js';
import type { AttemptOutcome } from './retry-policy.js';

// System error codes that mean the connection was never made: nothing reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** A failed attempt as an outcome for the retry policy and its error, or undefined when it is neither a timeout nor a network failure. */
export function attemptFailure(error: unknown, attemptSignal: AttemptSignal, context: ErrorContext): { outcome: AttemptOutcome; error: Error } | undefined {
  if (attemptSignal.timedOut) return { outcome: { kind: 'timeout' }, error: new TimeoutError({ timeoutMs: attemptSignal.timeoutMs }, { ...context }) };
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

/** A failure of the network, as fetch reports one: a system error code in its causes, or one of fetch's own network messages. */
function isFetchFailure(error: unknown): error is Error {
  return error instanceof Error && (systemErrorCode(error) !== undefined || (error instanceof TypeError && NETWORK_TYPE_ERRORS.test(error.message)));
}

function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
  }
  return undefined;
}

function reasonOf(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message}: ${cause}` : error.message;
}
