// What every request of a client goes through: it sets the bearer token, gives each attempt
// its timeout (the token function's wait included), follows no redirect, bounds the body,
// and retries what shouldRetry allows. It answers or throws NetworkError, TimeoutError,
// ContractError, InputError, a ConnectOAuthError that wraps what a fetch threw, or the
// caller's abort reason. The client's own calls go out with a URL and an init
// (src/sender.ts), the raw client's with the Request openapi-fetch built
// (src/raw-transport.ts); both run these attempts, on the same fetch.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { attemptFailure } from './attempt-failure.js';
import { createAttemptSignal, sleep, untilAborted, type AttemptSignal } from './attempt-signal.js';
import { ConnectOAuthError, ContractError, TimeoutError, type ErrorContext } from './errors.js';
import { redirectError } from './redirect.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

export type { FetchFunction } from './sender.js';

export interface TransportOptions {
  /** A string is sent as it is; a function is asked before every attempt. */
  accessToken: AccessTokenSource;
  timeoutMs: number;
  /** `false`: one attempt only. */
  retry: RetryPolicy | false;
  /** Clock and randomness, replaceable in tests. */
  now?: () => number;
  random?: () => number;
}

/** One call: where it goes, and what it learns for its errors. */
export interface CallContext {
  method: string;
  url: string;
  /** The caller's signal. */
  signal: AbortSignal | null | undefined;
  /** Every token sent, for the call to redact from its errors. */
  tokens: string[];
  /** How many attempts the call has made. */
  attempts?: number;
}

/** What an attempt's answer must show for the redirect and retry rules. */
export interface Answer {
  status: number;
  headers: Headers;
  type?: string;
}

/** How one kind of call sends an attempt and hands over its answer. */
export interface Attempts<A extends Answer> {
  /** Sends one attempt; rejects with the attempt's abort reason when it is aborted. */
  send(attempt: AttemptSignal, authorization: string, context: ErrorContext): Promise<A>;
  /** The last attempt's answer, as the call returns it; the attempt must be disposed once nothing more is read. */
  finish(answer: A, attempt: AttemptSignal, context: ErrorContext): A;
  /** Lets go of an answer that is not returned: a redirect, or one that is retried. */
  discard(answer: A): void;
}

export interface Transport {
  /** Runs the attempts of one call until one is final, and answers what the last one got. */
  run<A extends Answer>(call: CallContext, attempts: Attempts<A>): Promise<A>;
}

/** The error for a body past the limit; `declared`: the Content-Length that is. */
export const tooLargeError = (limit: number, status: number, context: ErrorContext) => (declared?: number) =>
  new ContractError(
    { status, violations: [`the body is ${declared === undefined ? 'longer than' : `${declared} bytes, over`} maxResponseBytes (${limit} bytes); no answer of the contract is that large`] },
    { ...context },
  );

/** A value something threw, in words, whatever it is (an object without a prototype has no toString). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  return typeof error === 'object' && error !== null ? Object.prototype.toString.call(error) : String(error);
}

/**
 * What a fetch function threw that is not a network failure (a bug in an injected fetch):
 * wrapped, kept as its cause, not retried. One of this package's errors (the body limit's,
 * raised while the body streams) is already told, and passes as it is.
 */
export function fetchThrew(error: unknown, context: ErrorContext): ConnectOAuthError {
  if (error instanceof ConnectOAuthError) return error;
  const what = describeThrown(error);
  return new ConnectOAuthError(`${context.method} ${context.url} failed: the fetch function threw ${what}. Not a network failure, so it was not retried; check the fetch passed in the options.`, { ...context, cause: error });
}

export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.retry === false ? 1 : options.retry.retries + 1;
  const { accessToken, timeoutMs } = options;
  const fixedToken = typeof accessToken === 'string' ? accessToken : undefined;

  /** The delay before the next attempt, or undefined when this one is the last. */
  const nextDelay = (method: string, attempt: number, outcome: AttemptOutcome) =>
    attempt < maxAttempts && shouldRetry(method, outcome) ? retryDelayMs({ attempt, outcome, policy: options.retry as RetryPolicy, now: now(), random: random() }) : undefined;

  /** The token of this attempt, within its timeout; the caller's abort ends the wait at once. */
  async function tokenFor(attemptSignal: AttemptSignal, caller: AbortSignal | null | undefined, context: ErrorContext, tokens: string[]): Promise<string> {
    if (fixedToken !== undefined) {
      if (tokens.length === 0) tokens.push(fixedToken);
      return fixedToken;
    }
    let token: string;
    try {
      token = await untilAborted(resolveAccessToken(accessToken), attemptSignal);
    } catch (error) {
      attemptSignal.dispose();
      if (caller?.aborted) throw caller.reason;
      if (attemptSignal.timedOut) throw new TimeoutError({ timeoutMs, waitingFor: 'the accessToken function' }, { ...context });
      throw error;
    }
    if (!tokens.includes(token)) tokens.push(token);
    return token;
  }

  async function run<A extends Answer>(call: CallContext, attempts: Attempts<A>): Promise<A> {
    const caller = call.signal;
    const context: ErrorContext = { method: call.method, url: call.url };
    for (let attempt = 1; ; attempt++) {
      if (caller?.aborted) throw caller.reason;
      context.attempts = call.attempts = attempt;
      const attemptSignal = createAttemptSignal(caller, timeoutMs);
      const authorization = `Bearer ${await tokenFor(attemptSignal, caller, context, call.tokens)}`;
      let outcome: AttemptOutcome;
      let answer: A | undefined;
      // What the call ends with if this attempt is its last and got no answer.
      let failure: Error | undefined;
      try {
        answer = await attempts.send(attemptSignal, authorization, context);
        const redirect = redirectError(answer, call.url, { ...context });
        if (redirect) {
          attempts.discard(answer);
          throw redirect;
        }
        outcome = { kind: 'response', status: answer.status, headers: answer.headers };
      } catch (error) {
        attemptSignal.dispose();
        if (caller?.aborted) throw caller.reason;
        const failed = attemptFailure(error, attemptSignal, context);
        if (!failed) throw fetchThrew(error, context);
        ({ outcome, error: failure } = failed);
      }
      const delay = nextDelay(call.method, attempt, outcome);
      if (delay === undefined) {
        if (failure) throw failure;
        return attempts.finish(answer!, attemptSignal, context);
      }
      attemptSignal.dispose();
      if (answer) attempts.discard(answer);
      await sleep(delay, caller);
    }
  }

  return { run };
}
