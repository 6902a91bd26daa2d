// Checks the client's numeric options. Every delay and timeout ends up in setTimeout,
// which holds at most 2^31 - 1 ms (about 24.8 days) and fires at once past it.
import { InputError } from './errors.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';

export const MAX_TIMER_MS = 2 ** 31 - 1;
const TIMER_RANGE = `${MAX_TIMER_MS} (2^31 - 1, the longest timer)`;
const DEFAULT_TIMEOUT_MS = 30_000;
// The largest answer of the contract is a few kB; 1 MiB leaves room for any server's extras.
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_RETRIES = 10;

export function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new InputError([`timeoutMs must be a number of milliseconds above 0 and at most ${TIMER_RANGE}, got ${String(timeoutMs)}`]);
  }
  return timeoutMs;
}

export function checkMaxResponseBytes(maxResponseBytes: unknown): number {
  if (maxResponseBytes === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxResponseBytes !== 'number' || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    throw new InputError([`maxResponseBytes must be a whole number of bytes of at least 1, got ${String(maxResponseBytes)}`]);
  }
  return maxResponseBytes;
}

export function checkRetry(retry: unknown): RetryPolicy | false {
  if (retry === false) return false;
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry !== 'object' || retry === null) throw new InputError(['retry must be an object such as { retries: 3 }, or false']);
  // A setting given as undefined is a setting left out: it keeps its default.
  const given = Object.entries(retry).filter(([, value]) => value !== undefined);
  const policy = { ...DEFAULT_RETRY, ...Object.fromEntries(given) } as Record<string, unknown>;
  for (const [key, value] of Object.entries(policy)) {
    if (!(key in DEFAULT_RETRY)) throw new InputError([`retry.${key} is not a retry setting; known: ${Object.keys(DEFAULT_RETRY).join(', ')}`]);
    const max = key === 'retries' ? MAX_RETRIES : MAX_TIMER_MS;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      const range = key === 'retries' ? `from 0 to ${MAX_RETRIES}` : `of milliseconds from 0 to ${TIMER_RANGE}`;
      throw new InputError([`retry.${key} must be a whole number ${range}, got ${String(value)}`]);
    }
  }
  return policy as RetryPolicy;
}
