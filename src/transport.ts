// The fetch that openapi-fetch sends every request of both clients with: it sets the bearer
// token, gives each attempt its timeout (the token function's wait and the body included),
// follows no redirect, reads the body whole within the limit, retries what shouldRetry
// allows, and redacts its errors. It answers the Response, its body read (so that a body cut
// off is retried as any network failure is, and a slow one times out), or throws NetworkError,
// TimeoutError, ContractError, InputError, a ConnectOAuthError wrapping what the fetch
// threw, or the caller's abort reason.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { attemptFailure } from './attempt-failure.js';
import { createAttemptSignal, sleep, untilAborted, type AttemptSignal } from './attempt-signal.js';
import { ConnectOAuthError, ContractError, TimeoutError, type ErrorContext } from './errors.js';
import { redactError, secretsOfBody } from './redact.js';
import { readBoundedBody, release } from './response-body.js';
import { redirectError } from './redirect.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

/** The fetch the clients send with: called with the URL and an init of method, headers (a Headers object), body (a string or null), signal and redirect: 'manual'. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** A string is sent as it is; a function is asked before every attempt. */
  accessToken: AccessTokenSource;
  timeoutMs: number;
  /** `false`: one attempt only. */
  retry: RetryPolicy | false;
  fetch: FetchFunction;
  maxResponseBytes: number;
  /** Clock and randomness, replaceable in tests. */
  now?: () => number;
  random?: () => number;
}

/** What one call learns on the way, for the errors its caller raises after it answers. */
export interface CallRecord {
  attempts: number;
  /** Every token sent. */
  tokens: string[];
}

/** What the transport reads of a request: a Request, or the light one the typed client has openapi-fetch build. */
export type OutgoingRequest = Pick<Request, 'url' | 'method' | 'headers' | 'text'> & { body: unknown; signal: AbortSignal | null };

export type Transport = (request: OutgoingRequest, record?: CallRecord) => Promise<Response>;

/** The error for a body past the limit; `declared`: the Content-Length that is. */
const tooLargeError = (limit: number, status: number, context: ErrorContext) => (declared?: number) =>
  new ContractError({ status, violations: [`the body is ${declared === undefined ? 'longer than' : `${declared} bytes, over`} maxResponseBytes (${limit} bytes); no answer of the contract is that large`] }, { ...context });

/** A value something threw, in words, whatever it is (an object without a prototype has no toString). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  return typeof error === 'object' && error !== null ? Object.prototype.toString.call(error) : String(error);
}

/**
 * What a fetch threw that is not a network failure (a bug in an injected fetch): wrapped,
 * kept as its cause, not retried. One of this package's own errors passes as it is.
 */
function fetchThrew(error: unknown, context: ErrorContext): ConnectOAuthError {
  if (error instanceof ConnectOAuthError) return error;
  return new ConnectOAuthError(`${context.method} ${context.url} failed: the fetch function threw ${describeThrown(error)}. Not a network failure, so it was not retried; check the fetch passed in the options.`, { ...context, cause: error });
}

export function createTransport(options: TransportOptions): Transport {
  const { accessToken, timeoutMs, retry, fetch, maxResponseBytes: limit } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = retry === false ? 1 : retry.retries + 1;

  /** The delay before the next attempt, or undefined when this one is the last. */
  const nextDelay = (method: string, attempt: number, outcome: AttemptOutcome) =>
    retry !== false && attempt < maxAttempts && shouldRetry(method, outcome) ? retryDelayMs({ attempt, outcome, policy: retry, now: now(), random: random() }) : undefined;

  /** The token of this attempt, within its timeout; the caller's abort ends the wait at once. */
  async function tokenFor(attempt: AttemptSignal, caller: AbortSignal | null, context: ErrorContext, tokens: string[]): Promise<string> {
    let token: string;
    try {
      token = typeof accessToken === 'string' ? accessToken : await untilAborted(resolveAccessToken(accessToken), attempt.signal);
    } catch (error) {
      attempt.dispose();
      if (caller?.aborted) throw caller.reason;
      if (attempt.timedOut) throw new TimeoutError({ timeoutMs, waitingFor: 'the accessToken function' }, { ...context });
      throw error;
    }
    if (!tokens.includes(token)) tokens.push(token);
    return token;
  }

  return async (request, record = { attempts: 0, tokens: [] }) => {
    const { method, url, headers } = request;
    const caller = request.signal;
    const context: ErrorContext = { method, url };
    // Read once: every attempt sends the same text, and its secrets are redacted from every error.
    const body = request.body === null ? null : await request.text();
    const redact = (error: unknown) => redactError(error, [...record.tokens, ...secretsOfBody(body === null ? undefined : parsedOrUndefined(body))]);
    try {
      for (let attempt = 1; ; attempt++) {
        if (caller?.aborted) throw caller.reason;
        context.attempts = record.attempts = attempt;
        const attemptSignal = createAttemptSignal(caller, timeoutMs);
        headers.set('authorization', `Bearer ${await tokenFor(attemptSignal, caller, context, record.tokens)}`);
        let outcome: AttemptOutcome;
        let response: Response | undefined;
        // What the call ends with if this attempt is its last and got no answer.
        let failure: Error | undefined;
        try {
          response = await fetch(url, { method, headers, body, signal: attemptSignal.signal, redirect: 'manual' });
          const redirect = redirectError(response, url, { ...context });
          if (redirect) {
            release(response.body);
            throw redirect;
          }
          const whole = await readBoundedBody(response, limit, tooLargeError(limit, response.status, context));
          // A constructed Response has no URL; the caller still gets the one it asked.
          response = Object.defineProperty(new Response(whole as BodyInit | null, response), 'url', { value: response.url });
          outcome = { kind: 'response', status: response.status, headers: response.headers };
        } catch (error) {
          attemptSignal.dispose();
          if (caller?.aborted) throw caller.reason;
          const failed = attemptFailure(error, attemptSignal, context);
          if (!failed) throw fetchThrew(error, context);
          ({ outcome, error: failure } = failed);
        }
        const delay = nextDelay(method, attempt, outcome);
        if (delay === undefined) {
          attemptSignal.dispose();
          if (failure) throw failure;
          return response!;
        }
        attemptSignal.dispose();
        await sleep(delay, caller);
      }
    } catch (error) {
      throw redact(error);
    }
  };
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

