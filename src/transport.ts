// The fetch that every request of a client goes through, raw ones included: it sets the
// bearer token, gives each attempt its timeout, reads the whole body within that timeout,
// and retries what shouldRetry allows. It answers with a Response or throws NetworkError,
// TimeoutError, InputError or the caller's abort reason.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { createAttemptSignal, sleep } from './attempt-signal.js';
import { NetworkError, TimeoutError } from './errors.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

/** The standard fetch signature: the client's own calls pass a URL and init, raw calls a Request. */
export type FetchFunction = (input: string | Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchFunction;
  /**
   * A function is asked before every attempt. A fixed string is not handled here: the
   * client sends it as a default header, so the requests already carry it.
   */
  accessToken: Exclude<AccessTokenSource, string> | undefined;
  timeoutMs: number;
  /** `false`: one attempt only. */
  retry: RetryPolicy | false;
  /** Clock and randomness, replaceable in tests. */
  now?: () => number;
  random?: () => number;
}

// Statuses whose responses have no body by definition; `new Response` refuses one.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
// System error codes that mean the connection was never made: nothing reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * What one call of the client shares with the transport. The client knows the body it
 * serialized, so every attempt sends the URL, headers and that text, as a plain fetch
 * would: no clone, and a body of known length rather than a stream. The transport hands
 * back the body text it read within the timeout, and the attempts it made.
 */
export interface CallContext {
  bodyText?: string | undefined;
  /** The caller's signal. Given here, not on the request, so a call without one links none. */
  signal?: AbortSignal | undefined;
  responseText?: string;
  attempts?: number;
}

export type Transport = (request: Request, call?: CallContext) => Promise<Response>;

export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.retry === false ? 1 : options.retry.retries + 1;

  return async function transport(request: Request, call?: CallContext): Promise<Response> {
    const caller = call ? call.signal : request.signal;
    const context = { method: request.method, url: request.url };
    // A raw request's body is sent once: keep a copy for every attempt but the last.
    let spare: Request | undefined;
    for (let attempt = 1; ; attempt++) {
      const current = call || attempt === 1 ? request : (spare ?? request);
      if (!call && attempt < maxAttempts && current.body !== null) spare = current.clone();
      if (options.accessToken) current.headers.set('authorization', `Bearer ${await resolveAccessToken(options.accessToken)}`);

      const attemptSignal = createAttemptSignal(caller, options.timeoutMs);
      let outcome: AttemptOutcome;
      // What the call ends with if this attempt is its last.
      let result: { answer: Response } | { failure: Error };
      try {
        const response = call
          ? await options.fetch(request.url, { method: request.method, headers: current.headers, body: call.bodyText ?? null, signal: attemptSignal.signal })
          : await options.fetch(current, { signal: attemptSignal.signal });
        // The body is read within the attempt's timeout too.
        result = { answer: call ? await keepText(response, call) : await keepBytes(response) };
        if (call) call.attempts = attempt;
        outcome = { kind: 'response', status: response.status, headers: response.headers };
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        if (attemptSignal.timedOut) {
          outcome = { kind: 'timeout' };
          result = { failure: new TimeoutError({ timeoutMs: options.timeoutMs }, { ...context, attempts: attempt }) };
        } else if (isFetchFailure(error)) {
          const code = systemErrorCode(error);
          outcome = { kind: 'network', connected: !(code && NOT_CONNECTED_CODES.has(code)) };
          result = { failure: new NetworkError({ code, reason: reasonOf(error) }, { ...context, attempts: attempt, cause: error }) };
        } else {
          throw error;
        }
      } finally {
        attemptSignal.dispose();
      }
      const delay =
        attempt < maxAttempts && shouldRetry(request.method, outcome)
          ? retryDelayMs({ attempt, outcome, policy: options.retry as RetryPolicy, now: now(), random: random() })
          : undefined;
      if (delay === undefined) {
        if ('answer' in result) return result.answer;
        throw result.failure;
      }
      await sleep(delay, caller);
    }
  };
}

/**
 * For the client's own calls: the text goes to the call context. A 2xx response is
 * handed on read, as openapi-fetch only passes its body along (parseAs "stream"); any
 * other is rebuilt, as openapi-fetch reads an error's body itself.
 */
async function keepText(response: Response, call: CallContext): Promise<Response> {
  call.responseText = NULL_BODY_STATUSES.has(response.status) ? '' : await response.text();
  if (response.ok) return response;
  return new Response(call.responseText, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** For raw calls: the bytes, in a new Response that can be read again. */
async function keepBytes(response: Response): Promise<Response> {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// fetch rejects with a TypeError when the network fails (and undici's body reads with
// one too); anything else, such as a bug in an injected fetch, is not a network error.
function isFetchFailure(error: unknown): error is Error {
  return error instanceof TypeError || (error instanceof Error && systemErrorCode(error) !== undefined);
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
