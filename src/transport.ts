// The fetch openapi-fetch sends every request of both clients with. It sets the bearer token,
// gives each attempt its timeout (the token function's wait and the body included), follows
// no redirect, reads the body whole within the limit (so that a body cut off is retried as a
// network failure is), retries what shouldRetry allows, and redacts its errors.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { attemptFailure } from './attempt-failure.js';
import { createAttemptSignal, sleep, untilAborted } from './attempt-signal.js';
import { ConnectOAuthError, ContractError, InputError, TimeoutError, type ErrorContext } from './errors.js';
import { redactError, secretsOfBody } from './redact.js';
import { readBoundedBody, release } from './response-body.js';
import { redirectError } from './redirect.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

/** The fetch the clients send with: called with the URL and an init of method, headers (a Headers object), body (a string or null), signal and redirect: 'manual'. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  accessToken: AccessTokenSource;
  timeoutMs: number;
  retry: RetryPolicy | false;
  fetch: FetchFunction;
  maxResponseBytes: number;
}

/** What one call learns on the way, for the errors its caller raises after the transport answers. */
export interface CallRecord {
  attempts: number;
  tokens: string[];
  /** The body of the answer returned, read whole. */
  body?: Uint8Array | null;
}

/** What the transport reads of a request: a Request, or the light one the typed client has openapi-fetch build. */
export type OutgoingRequest = Pick<Request, 'url' | 'method' | 'headers' | 'text'> & { body: unknown; signal: AbortSignal | null };

export type Transport = (request: OutgoingRequest, record?: CallRecord) => Promise<Response>;

/** A value something threw, in words, whatever it is (an object without a prototype has no toString). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'object' && error !== null ? Object.prototype.toString.call(error) : String(error);
}

/** This package's own error, or the caller's abort reason: what a call rejects with as it is; anything else it wraps. */
export const passesAsIs = (error: unknown, signal: AbortSignal | null | undefined) => error instanceof ConnectOAuthError || (signal?.aborted === true && error === signal.reason);

/** What a fetch, or the body it answered, threw that is no network failure (a bug in an injected fetch): wrapped, not retried. This package's own errors pass as they are. */
function fetchThrew(error: unknown, context: ErrorContext, what: string): ConnectOAuthError {
  if (error instanceof ConnectOAuthError) return error;
  return new ConnectOAuthError(`${context.method} ${context.url} failed: ${what} threw ${describeThrown(error)}. Not a network failure, so it was not retried; check the fetch passed in the options.`, { ...context, cause: error });
}

function parsedOrUndefined(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createTransport({ baseUrl, accessToken, timeoutMs, retry, fetch, maxResponseBytes: limit }: TransportOptions): Transport {
  /** The delay before the next attempt, or undefined when this one is the last. */
  const nextDelay = (method: string, attempt: number, outcome: AttemptOutcome) =>
    retry !== false && attempt <= retry.retries && shouldRetry(method, outcome) ? retryDelayMs({ attempt, outcome, policy: retry, now: Date.now(), random: Math.random() }) : undefined;

  return async (request, record = { attempts: 0, tokens: [] }) => {
    const { method, url, signal: caller } = request;
    const context: ErrorContext = { method, url };
    // A raw call's own baseUrl, or a middleware's new Request, would take the token to a server whose URL was never checked.
    if (!url.startsWith(`${baseUrl}/`)) throw new InputError([`a request may go only below the client's baseUrl, which was checked (https, no credentials); make a client for another server`], { method });
    // Read once: every attempt sends the same text.
    const body = request.body === null ? null : await request.text();
    const redact = (error: unknown) => redactError(error, [...record.tokens, ...secretsOfBody(parsedOrUndefined(body))]);
    try {
      for (let attempt = 1; ; attempt++) {
        if (caller?.aborted) throw caller.reason;
        context.attempts = record.attempts = attempt;
        const attemptSignal = createAttemptSignal(caller, timeoutMs);
        let token: string;
        try {
          // The caller's abort or the attempt's timeout ends a token function's wait at once.
          token = typeof accessToken === 'string' ? accessToken : await untilAborted(resolveAccessToken(accessToken), attemptSignal.signal);
        } catch (error) {
          attemptSignal.dispose();
          if (caller?.aborted) throw caller.reason;
          throw attemptSignal.timedOut ? new TimeoutError({ timeoutMs, waitingFor: 'the accessToken function' }, { ...context }) : error;
        }
        if (!record.tokens.includes(token)) record.tokens.push(token);
        // Each attempt its own headers: what a fetch does to them stays with that attempt.
        const headers = new Headers(request.headers);
        headers.set('authorization', `Bearer ${token}`);
        let outcome: AttemptOutcome;
        let response: Response | undefined;
        // What the call ends with if this attempt is its last and got no answer.
        let failure: Error | undefined;
        let stage = 'the fetch function';
        try {
          // A fetch that does not heed its signal is left behind when the attempt is aborted.
          response = await untilAborted(fetch(url, { method, headers, body, signal: attemptSignal.signal, redirect: 'manual' }), attemptSignal.signal);
          if (typeof response?.status !== 'number' || typeof response.headers?.get !== 'function') {
            throw new ConnectOAuthError(`${method} ${url} failed: the fetch function returned ${describeThrown(response)}, not a Response; check the fetch passed in the options.`, { ...context });
          }
          const redirect = redirectError(response, url, { ...context });
          if (redirect) {
            release(response.body);
            throw redirect;
          }
          const { status } = response;
          if (status < 200 || status > 599) throw new ContractError({ status, violations: [`status ${status} is no final HTTP status (200 to 599)`] }, { ...context });
          stage = 'reading the body';
          const whole = await readBoundedBody(response, limit, attemptSignal.signal, (declared) => new ContractError({ status, violations: [`the body is ${declared === undefined ? 'longer than' : `${declared} bytes, over`} maxResponseBytes (${limit} bytes); no answer of the contract is that large`] }, { ...context }));
          record.body = whole;
          // A constructed Response has no URL (nor one an injected fetch left out); the caller still gets the one it asked.
          response = Object.defineProperty(new Response(status === 204 || status === 205 ? null : (whole as BodyInit | null), response), 'url', { value: response.url || url });
          outcome = { kind: 'response', status, headers: response.headers };
        } catch (error) {
          if (caller?.aborted) throw caller.reason;
          const failed = attemptFailure(error, attemptSignal, context);
          if (!failed) throw fetchThrew(error, context, stage);
          ({ outcome, error: failure } = failed);
        } finally {
          attemptSignal.dispose();
        }
        const delay = nextDelay(method, attempt, outcome);
        if (delay === undefined) {
          if (failure) throw failure;
          return response!;
        }
        await sleep(delay, caller);
      }
    } catch (error) {
      throw redact(error);
    }
  };
}
