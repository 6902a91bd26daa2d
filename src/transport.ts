// The fetch that openapi-fetch sends every request of both clients with: it sets the bearer
// token, gives each attempt its timeout (the token function's wait and the body included),
// follows no redirect, bounds the body, retries what shouldRetry allows, and redacts its
// errors. It answers the Response, its body still streaming, or throws NetworkError,
// TimeoutError, ContractError, InputError, a ConnectOAuthError wrapping what the fetch
// threw, or the caller's abort reason.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { attemptFailure } from './attempt-failure.js';
import { createAttemptSignal, sleep, untilAborted, type AttemptSignal } from './attempt-signal.js';
import { ConnectOAuthError, ContractError, TimeoutError, type ErrorContext } from './errors.js';
import { redactError, secretsOfBody } from './redact.js';
import { checkDeclaredLength, guardBody, NULL_BODY_STATUSES, release } from './response-body.js';
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
  /** Read the whole body within the attempt, so that a body cut off is retried as a network failure is. */
  wholeBody?: boolean;
}

export type Transport = (request: Request, record?: CallRecord) => Promise<Response>;

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
      token = typeof accessToken === 'string' ? accessToken : await untilAborted(resolveAccessToken(accessToken), attempt);
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
    // A real Request always has a signal; a light one, made by openapi-fetch's Request option, may not.
    const caller: AbortSignal | null = request.signal ?? null;
    const context: ErrorContext = { method, url };
    // Read once: every attempt sends the same text, and its secrets are redacted from every error.
    const body = request.body === null ? null : await request.text();
    const { secrets } = secretsOfBody(body === null ? undefined : parsedOrUndefined(body));
    const redact = (error: unknown) => redactError(error, [...record.tokens, ...secrets]);
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
          const tooLarge = tooLargeError(limit, response.status, context);
          checkDeclaredLength(response, limit, tooLarge);
          if (record.wholeBody && response.body !== null) {
            const whole = await new Response(guardBody(response.body, { limit, tooLarge, failure: (error) => error, settled: () => {} })).arrayBuffer();
            response = withUrl(new Response(whole, response), response.url);
          }
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
          if (failure) throw failure;
          if (record.wholeBody) {
            attemptSignal.dispose();
            return response!;
          }
          return boundedAnswer(response!, attemptSignal, {
            limit,
            // Raised into the stream the caller reads: redacted here, as nothing else will.
            tooLarge: (declared) => redact(tooLargeError(limit, response!.status, context)(declared)) as Error,
            failure: (error) => (caller?.aborted ? caller.reason : redact(attemptFailure(error, attemptSignal, context)?.error ?? fetchThrew(error, context))),
          });
        }
        attemptSignal.dispose();
        release(response?.body ?? null);
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

/** The answer with its body counted against the limit and read within the attempt, which ends with the body. */
function boundedAnswer(response: Response, attempt: AttemptSignal, guard: { limit: number; tooLarge: (declared?: number) => Error; failure: (error: unknown) => unknown }): Response {
  // openapi-fetch leaves an empty body unread: nothing would end the attempt, so it ends now.
  if (response.body === null || NULL_BODY_STATUSES.has(response.status) || response.headers.get('content-length') === '0') {
    attempt.dispose();
    return response;
  }
  return withUrl(new Response(guardBody(response.body, { ...guard, settled: () => attempt.dispose() }), response), response.url);
}

/** A constructed Response has no URL; the caller still gets the one it asked. */
function withUrl(response: Response, url: string): Response {
  return Object.defineProperty(response, 'url', { value: url });
}
