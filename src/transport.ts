// What every request of a client goes through, raw ones included: it sets the bearer
// token, gives each attempt its timeout (the token function's wait included), follows no
// redirect, bounds the body, and retries what shouldRetry allows. It answers or throws
// NetworkError, TimeoutError, ContractError, InputError or the caller's abort reason.
// The client's own calls go out through a Sender (no Request, no Response built); raw
// calls through fetch, with the Request openapi-fetch built.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { attemptFailure } from './attempt-failure.js';
import { createAttemptSignal, sleep, untilAborted, type AttemptSignal } from './attempt-signal.js';
import { ContractError, TimeoutError, type ErrorContext } from './errors.js';
import { redactError } from './redact.js';
import { redirectError } from './redirect.js';
import { checkDeclaredLength, guardBody, release, type BodyGuard, type TooLarge } from './response-body.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';
import { NULL_BODY_STATUSES, type FetchFunction, type Reply, type Sender } from './sender.js';

export type { FetchFunction } from './sender.js';

export interface TransportOptions {
  fetch: FetchFunction;
  /** What the client's own calls are sent with. */
  sender: Sender;
  /** A string is sent as it is; a function is asked before every attempt. */
  accessToken: AccessTokenSource;
  timeoutMs: number;
  /** `false`: one attempt only. */
  retry: RetryPolicy | false;
  /** The most bytes of a body read before the answer is refused. */
  maxResponseBytes: number;
  /** Clock and randomness, replaceable in tests. */
  now?: () => number;
  random?: () => number;
}

/** One call of the client: what it sends on every attempt, and what it learns for its errors. */
export interface CallContext {
  method: string;
  url: string;
  /** Serialized once by the client: the same text goes out on every attempt. */
  bodyText: string | undefined;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  attempts?: number;
  /** Every token sent, for the call to redact from its errors. */
  tokens: string[];
}

export interface Transport {
  /** The client's own calls: the answer with its body read, within the attempt's timeout. */
  call(call: CallContext): Promise<Reply>;
  /** openapi-fetch's fetch, for raw calls. */
  raw(request: Request): Promise<Response>;
}

export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.retry === false ? 1 : options.retry.retries + 1;
  const { accessToken, maxResponseBytes: limit, timeoutMs, sender } = options;
  const fixedToken = typeof accessToken === 'string' ? accessToken : undefined;

  const tooLargeError = (status: number, context: ErrorContext) => (declared?: number) =>
    new ContractError(
      {
        status,
        violations: [`the body is ${declared === undefined ? 'longer than' : `${declared} bytes, over`} maxResponseBytes (${limit} bytes); no answer of the contract is that large`],
      },
      { ...context },
    );

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

  async function call(call: CallContext): Promise<Reply> {
    const caller = call.signal;
    const context: ErrorContext = { method: call.method, url: call.url };
    const headers: Record<string, string> = call.bodyText === undefined ? {} : { 'content-type': 'application/json' };
    for (let attempt = 1; ; attempt++) {
      if (caller?.aborted) throw caller.reason;
      context.attempts = attempt;
      const attemptSignal = createAttemptSignal(caller, timeoutMs);
      headers.authorization = `Bearer ${await tokenFor(attemptSignal, caller, context, call.tokens)}`;
      let outcome: AttemptOutcome;
      let result: { reply: Reply } | { failure: Error };
      try {
        const reply = await sender({ method: call.method, url: call.url, headers, body: call.bodyText, limit, tooLarge: (status, declared) => tooLargeError(status, context)(declared) }, attemptSignal);
        const redirect = redirectError(reply, call.url, { ...context });
        if (redirect) throw redirect;
        outcome = { kind: 'response', status: reply.status, headers: reply.headers };
        result = { reply };
      } catch (error) {
        if (caller?.aborted) {
          attemptSignal.dispose();
          throw caller.reason;
        }
        const failed = attemptFailure(error, attemptSignal, context);
        attemptSignal.dispose();
        if (!failed) throw error;
        outcome = failed.outcome;
        result = { failure: failed.error };
      }
      attemptSignal.dispose();
      const delay = nextDelay(call.method, attempt, outcome);
      if (delay === undefined) {
        if ('failure' in result) throw result.failure;
        call.attempts = attempt;
        return result.reply;
      }
      await sleep(delay, caller);
    }
  }

  async function send(request: Request, raw: RawCall): Promise<Response> {
    const caller = request.signal;
    const context: ErrorContext = { method: request.method, url: request.url };
    for (let attempt = 1; ; attempt++) {
      if (caller?.aborted) throw caller.reason;
      context.attempts = attempt;
      // A raw request's body is sent once: a copy is kept for the next attempt, and for
      // finding the clientSecret that the call's errors redact.
      const current = attempt === 1 ? request : (raw.spare ?? request);
      if (current.body !== null) raw.spare = current.clone();

      const attemptSignal = createAttemptSignal(caller, timeoutMs);
      const token = await tokenFor(attemptSignal, caller, context, raw.tokens);
      current.headers.set('authorization', `Bearer ${token}`);

      let outcome: AttemptOutcome;
      let tooLarge: TooLarge | undefined;
      // What the call ends with if this attempt is its last.
      let result: { answer: Response } | { failure: Error };
      try {
        const response = await options.fetch(current, { signal: attemptSignal.signal, redirect: 'manual' });
        const redirect = redirectError(response, request.url, { ...context });
        if (redirect) {
          release(response.body);
          throw redirect;
        }
        outcome = { kind: 'response', status: response.status, headers: response.headers };
        tooLarge = tooLargeError(response.status, context);
        checkDeclaredLength(response, limit, tooLarge);
        result = { answer: response };
      } catch (error) {
        attemptSignal.dispose();
        if (caller?.aborted) throw caller.reason;
        const failed = attemptFailure(error, attemptSignal, context);
        if (!failed) throw error;
        outcome = failed.outcome;
        result = { failure: failed.error };
      }
      const delay = nextDelay(request.method, attempt, outcome);
      if (delay === undefined) {
        if ('failure' in result) throw result.failure;
        // A raw answer's body is read by the caller, still within this attempt's timeout.
        return rawAnswer(result.answer, {
          limit,
          tooLarge: tooLarge!,
          settled: () => attemptSignal.dispose(),
          failure: (error) => (caller?.aborted ? caller.reason : (attemptFailure(error, attemptSignal, context)?.error ?? error)),
        });
      }
      attemptSignal.dispose();
      if ('answer' in result) release(result.answer.body);
      await sleep(delay, caller);
    }
  }

  return {
    call,
    async raw(request: Request): Promise<Response> {
      const raw: RawCall = { tokens: [] };
      // A raw call's errors are redacted here; the client's own calls redact theirs.
      try {
        return await send(request, raw);
      } catch (error) {
        throw redactError(error, [...raw.tokens, await clientSecretOf(raw.spare)]);
      }
    },
  };
}

/** What a raw call keeps across its attempts: the tokens it sent, and a copy of its body. */
interface RawCall {
  tokens: string[];
  spare?: Request;
}

async function clientSecretOf(request: Request | undefined): Promise<string | undefined> {
  try {
    return (JSON.parse(await request!.text()) as { clientSecret?: string }).clientSecret;
  } catch {
    return undefined;
  }
}

/** A raw call's answer: the same response, its body counted and read within the attempt. */
function rawAnswer(response: Response, guard: BodyGuard): Response {
  // openapi-fetch leaves an empty body unread: nothing will end it, so the attempt ends now.
  if (response.body === null || NULL_BODY_STATUSES.has(response.status) || response.headers.get('content-length') === '0') {
    guard.settled();
    return response;
  }
  const answer = new Response(guardBody(response.body, guard), response);
  // A constructed Response has no URL; the caller still gets the one it asked.
  Object.defineProperty(answer, 'url', { value: response.url });
  return answer;
}
