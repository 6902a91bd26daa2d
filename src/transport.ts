// The fetch that every request of a client goes through, raw ones included: it sets the
// bearer token, gives each attempt its timeout (the token function's wait included),
// follows no redirect, bounds the body, and retries what shouldRetry allows. It answers
// with a Response or throws NetworkError, TimeoutError, ContractError, InputError or the
// caller's abort reason.
import { resolveAccessToken, type AccessTokenSource } from './access-token.js';
import { createAttemptSignal, sleep, untilAborted, type AttemptSignal } from './attempt-signal.js';
import { ContractError, NetworkError, TimeoutError, type ErrorContext } from './errors.js';
import { redactError } from './redact.js';
import { redirectError } from './redirect.js';
import { checkDeclaredLength, guardBody, readBoundedText, release, type BodyGuard, type TooLarge } from './response-body.js';
import { retryDelayMs, shouldRetry, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';

/** The standard fetch signature: the client's own calls pass a URL and init, raw calls a Request. */
export type FetchFunction = (input: string | Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchFunction;
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

// Statuses whose responses have no body by definition; `new Response` refuses one.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
// System error codes that mean the connection was never made: nothing reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * What one call of the client shares with the transport. The client knows the body it
 * serialized, so every attempt sends the URL, headers and that text, as a plain fetch
 * would: no clone, and a body of known length rather than a stream. The transport hands
 * back the body text it read within the timeout, the attempts it made, and every token it
 * sent, for the call to redact from its errors.
 */
export interface CallContext {
  bodyText?: string | undefined;
  /** The caller's signal. Given here, not on the request, so a call without one links none. */
  signal?: AbortSignal | undefined;
  responseText?: string;
  attempts?: number;
  tokens: string[];
}

export type Transport = (request: Request, call?: CallContext) => Promise<Response>;

export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.retry === false ? 1 : options.retry.retries + 1;
  const { accessToken, maxResponseBytes: limit, timeoutMs } = options;

  async function send(request: Request, call: CallContext | undefined, raw: RawCall): Promise<Response> {
    const caller = call ? call.signal : request.signal;
    const { tokens } = call ?? raw;
    const context: ErrorContext = { method: request.method, url: request.url };
    for (let attempt = 1; ; attempt++) {
      if (caller?.aborted) throw caller.reason;
      context.attempts = attempt;
      // A raw request's body is sent once: a copy is kept for the next attempt, and for
      // finding the clientSecret that the call's errors redact.
      const current = call || attempt === 1 ? request : (raw.spare ?? request);
      if (!call && current.body !== null) raw.spare = current.clone();

      const attemptSignal = createAttemptSignal(caller, timeoutMs);
      const token = typeof accessToken === 'string' ? accessToken : await tokenWithin(attemptSignal, caller, context);
      if (!tokens.includes(token)) tokens.push(token);
      current.headers.set('authorization', `Bearer ${token}`);

      let outcome: AttemptOutcome;
      let tooLarge: TooLarge | undefined;
      // What the call ends with if this attempt is its last.
      let result: { answer: Response } | { failure: Error };
      try {
        const response = call
          ? await options.fetch(request.url, { method: request.method, headers: current.headers, body: call.bodyText ?? null, signal: attemptSignal.signal, redirect: 'manual' })
          : await options.fetch(current, { signal: attemptSignal.signal, redirect: 'manual' });
        const redirect = redirectError(response, request.url, { ...context });
        if (redirect) {
          release(response.body);
          throw redirect;
        }
        outcome = { kind: 'response', status: response.status, headers: response.headers };
        tooLarge = (declared) =>
          new ContractError(
            {
              status: response.status,
              violations: [`the body is ${declared === undefined ? 'longer than' : `${declared} bytes, over`} maxResponseBytes (${limit} bytes); no answer of the contract is that large`],
            },
            { ...context },
          );
        if (call) {
          // The body is read within the attempt's timeout too.
          call.responseText = NULL_BODY_STATUSES.has(response.status) ? '' : await readBoundedText(response, limit, tooLarge);
          call.attempts = attempt;
          // openapi-fetch passes a 2xx body along (parseAs "stream") but reads an error's itself.
          result = { answer: response.ok ? response : new Response(call.responseText, { status: response.status, statusText: response.statusText, headers: response.headers }) };
        } else {
          checkDeclaredLength(response, limit, tooLarge);
          result = { answer: response };
        }
      } catch (error) {
        attemptSignal.dispose();
        if (caller?.aborted) throw caller.reason;
        const failed = attemptFailure(error, attemptSignal, context);
        if (!failed) throw error;
        outcome = failed.outcome;
        result = { failure: failed.error };
      }
      const delay =
        attempt < maxAttempts && shouldRetry(request.method, outcome)
          ? retryDelayMs({ attempt, outcome, policy: options.retry as RetryPolicy, now: now(), random: random() })
          : undefined;
      if (delay === undefined) {
        if ('failure' in result) throw result.failure;
        if (call) {
          attemptSignal.dispose();
          return result.answer;
        }
        // A raw answer's body is read by the caller, still within this attempt's timeout.
        return rawAnswer(result.answer, {
          limit,
          tooLarge: tooLarge!,
          settled: () => attemptSignal.dispose(),
          failure: (error) => (caller?.aborted ? caller.reason : (attemptFailure(error, attemptSignal, context)?.error ?? error)),
        });
      }
      attemptSignal.dispose();
      if ('answer' in result && !call) release(result.answer.body);
      await sleep(delay, caller);
    }
  }

  /** The token of this attempt, within its timeout; the caller's abort ends the wait at once. */
  async function tokenWithin(attemptSignal: AttemptSignal, caller: AbortSignal | null | undefined, context: ErrorContext): Promise<string> {
    try {
      return await untilAborted(resolveAccessToken(accessToken), attemptSignal.signal);
    } catch (error) {
      attemptSignal.dispose();
      if (caller?.aborted) throw caller.reason;
      if (attemptSignal.timedOut) throw new TimeoutError({ timeoutMs, waitingFor: 'the accessToken function' }, { ...context });
      throw error;
    }
  }

  return async function transport(request: Request, call?: CallContext): Promise<Response> {
    const raw: RawCall = { tokens: [] };
    if (call) return send(request, call, raw);
    // A raw call's errors are redacted here; the client's own calls redact theirs.
    try {
      return await send(request, undefined, raw);
    } catch (error) {
      throw redactError(error, [...raw.tokens, await clientSecretOf(raw.spare)]);
    }
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

/** A failed attempt as an outcome for the retry policy and its error, or undefined when it is neither a timeout nor a network failure. */
function attemptFailure(error: unknown, attemptSignal: AttemptSignal, context: ErrorContext): { outcome: AttemptOutcome; error: Error } | undefined {
  if (attemptSignal.timedOut) return { outcome: { kind: 'timeout' }, error: new TimeoutError({ timeoutMs: attemptSignal.timeoutMs }, { ...context }) };
  if (!isFetchFailure(error)) return undefined;
  const code = systemErrorCode(error);
  return {
    outcome: { kind: 'network', connected: !(code && NOT_CONNECTED_CODES.has(code)) },
    error: new NetworkError({ code, reason: reasonOf(error) }, { ...context, cause: error }),
  };
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
