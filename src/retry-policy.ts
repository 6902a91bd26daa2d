// When to try a request again, and after how long: pure functions of the attempt's outcome, unit-tested without a clock or a network.

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries?: number | undefined;
  /** First backoff delay; it doubles with each retry. */
  baseDelayMs?: number | undefined;
  /** Cap on a backoff delay. */
  maxDelayMs?: number | undefined;
  /** The longest `Retry-After` (or rate-limit reset) worth waiting for; a longer one ends the retries. */
  maxRetryAfterMs?: number | undefined;
}

// Every setting filled in: an undefined one has taken its default.
export type RetryPolicy = { [Key in keyof RetryOptions]-?: number };

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ retries: 2, baseDelayMs: 300, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 });

export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: { get(name: string): string | null } }
  /** `connected`: false when the connection was never made, so the server cannot have acted. */
  | { kind: 'network'; connected: boolean }
  | { kind: 'timeout' };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const IDEMPOTENT_RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
// 429 and 503 say the server did not act on the request, so even a POST can go again.
const UNACTED_STATUSES = new Set([429, 503]);

/** Whether the outcome is worth another attempt of this method, retries left aside. */
export function shouldRetry(method: string, outcome: AttemptOutcome): boolean {
  const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
  switch (outcome.kind) {
    case 'response':
      return (idempotent ? IDEMPOTENT_RETRY_STATUSES : UNACTED_STATUSES).has(outcome.status);
    case 'network':
      return idempotent || !outcome.connected;
    case 'timeout':
      return idempotent;
  }
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) || !/[a-z]/i.test(text) ? undefined : Math.max(0, date - now);
}

/** `X-RateLimit-Reset` (Unix epoch seconds) as milliseconds from `now`. */
export function parseRateLimitReset(value: string | null, now: number): number | undefined {
  return value !== null && /^\d+$/.test(value.trim()) ? Math.max(0, Number(value) * 1000 - now) : undefined;
}

/** How long the server asked the client to wait, if it did. */
export function serverRequestedDelayMs(status: number, headers: { get(name: string): string | null }, now: number): number | undefined {
  return parseRetryAfter(headers.get('retry-after'), now) ?? (status === 429 ? parseRateLimitReset(headers.get('x-ratelimit-reset'), now) : undefined);
}

interface RetryDelayInput {
  /** The attempt that just failed, from 1. */
  attempt: number;
  outcome: AttemptOutcome;
  policy: RetryPolicy;
  now: number;
  /** A number in [0, 1), for jitter. */
  random: number;
}

/** Milliseconds to wait before the next attempt, or undefined when the server asked for longer than `maxRetryAfterMs` (the caller gets the answer now, with its `retryAfterMs`). */
export function retryDelayMs({ attempt, outcome, policy, now, random }: RetryDelayInput): number | undefined {
  if (outcome.kind === 'response') {
    const requested = serverRequestedDelayMs(outcome.status, outcome.headers, now);
    if (requested !== undefined) return requested <= policy.maxRetryAfterMs ? requested : undefined;
  }
  // Backoff with "equal jitter" (half fixed, half random): clients failing together do not retry together, and no retry comes at once.
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}
