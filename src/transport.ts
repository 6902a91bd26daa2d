// The fetch that every request of a client goes through, raw ones included: it sets the
// bearer token, gives each attempt its timeout, reads the whole body within that timeout,
// and retries what shouldRetry allows. It answers with a Response or throws NetworkError,
// TimeoutError, InputError or the caller's abort reason.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { createAttemptSignal, sleep } from './attempt-signal.js';
import { NetworkError, TimeoutError } from './errors.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchFunction;
  accessToken: AccessTokenSource;
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

const attemptCounts = new WeakMap<Response, number>();

/** How many attempts the transport made to get this response. */
export function attemptsOf(response: Response): number | undefined {
  return attemptCounts.get(response);
}

export function createTransport(options: TransportOptions): FetchFunction {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.retry === false ? 1 : options.retry.retries + 1;

  return async function transport(request: Request): Promise<Response> {
    const caller = request.signal;
    const context = { method: request.method, url: request.url };
    // A body can be sent once; keep a copy for every attempt but the last.
    let next: Request = request;
    for (let attempt = 1; ; attempt++) {
      const current = next;
      if (attempt < maxAttempts && current.body !== null) next = current.clone();
      current.headers.set('authorization', `Bearer ${await resolveAccessToken(options.accessToken)}`);

      const attemptSignal = createAttemptSignal(caller, options.timeoutMs);
      let outcome: AttemptOutcome;
      let failure: Error;
      try {
        const response = await readWholeResponse(options.fetch, current, attemptSignal.signal);
        attemptCounts.set(response, attempt);
        outcome = { kind: 'response', status: response.status, headers: response.headers };
        if (attempt >= maxAttempts || !shouldRetry(request.method, outcome)) return response;
        const delay = retryDelayMs({ attempt, outcome, policy: options.retry as RetryPolicy, now: now(), random: random() });
        if (delay === undefined) return response;
        await sleep(delay, caller);
        continue;
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        if (attemptSignal.timedOut) {
          outcome = { kind: 'timeout' };
          failure = new TimeoutError({ timeoutMs: options.timeoutMs }, { ...context, attempts: attempt });
        } else if (isFetchFailure(error)) {
          const code = systemErrorCode(error);
          outcome = { kind: 'network', connected: !(code && NOT_CONNECTED_CODES.has(code)) };
          failure = new NetworkError({ code, reason: reasonOf(error) }, { ...context, attempts: attempt, cause: error });
        } else {
          throw error;
        }
      } finally {
        attemptSignal.dispose();
      }
      if (attempt >= maxAttempts || !shouldRetry(request.method, outcome)) throw failure;
      const delay = retryDelayMs({ attempt, outcome, policy: options.retry as RetryPolicy, now: now(), random: random() });
      if (delay === undefined) throw failure;
      await sleep(delay, caller);
    }
  };
}

async function readWholeResponse(fetch: FetchFunction, request: Request, signal: AbortSignal): Promise<Response> {
  const response = await fetch(request, { signal });
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
