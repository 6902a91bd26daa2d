// The options both clients (the typed one and the raw one) are made with, checked once when
// the client is made. Every delay and timeout ends up in setTimeout, which holds at most
// 2^31 - 1 ms (about 24.8 days) and fires at once past it.
import { checkAccessToken, type AccessTokenSource } from './access-token.js';
import { normalizeBaseUrl } from './base-url.js';
import { InputError } from './errors.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry-policy.js';
import type { FetchFunction } from './transport.js';

export interface ConnectionOptions {
  /**
   * The base URL of a server that implements this contract: `http://127.0.0.1:4010` for
   * `npm run mock`, or your gateway's. Not DocuSign's own host, which answers without the
   * envelope. https only, but for loopback and with `allowInsecureHttp`.
   */
  baseUrl: string;
  /** The OAuth access token, or a function asked for one before every attempt. */
  accessToken: AccessTokenSource;
  /** Limit on each attempt, from sending to the last byte of the body. Default 30 000. */
  timeoutMs?: number;
  /** Retry settings, or `false` for a single attempt. Default: 2 retries. */
  retry?: RetryOptions | false;
  /** The fetch to send with. Default: the global fetch, which a global dispatcher (undici's `setGlobalDispatcher`) reaches. */
  fetch?: FetchFunction;
  /**
   * Allow plain http to a host that is not loopback (a gateway inside a private network).
   * Insecure: the token and the secret travel unencrypted. Default false: https, or loopback.
   */
  allowInsecureHttp?: boolean;
  /** The most bytes of a response body read; a longer body is a ContractError. Default 1 MiB. */
  maxResponseBytes?: number;
}

/** The options as the transport takes them, each checked; `factory` names the function the caller called. */
export function checkConnectionOptions(options: ConnectionOptions, factory: string) {
  if (typeof options !== 'object' || options === null) throw new InputError([`${factory} needs an options object with baseUrl and accessToken`]);
  const baseUrl = normalizeBaseUrl(options.baseUrl, { allowInsecureHttp: options.allowInsecureHttp === true });
  const timeoutMs = checkTimeout(options.timeoutMs);
  const retry = checkRetry(options.retry);
  const maxResponseBytes = checkMaxResponseBytes(options.maxResponseBytes);
  const fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetch !== 'function') throw new InputError(['no fetch: pass options.fetch where the platform has no global fetch']);
  const accessToken = options.accessToken;
  if (typeof accessToken !== 'string' && typeof accessToken !== 'function') {
    throw new InputError(['accessToken is required: a string, or a function that returns one (or a promise of one)']);
  }
  if (typeof accessToken === 'string') checkAccessToken(accessToken);
  return { baseUrl, timeoutMs, retry, maxResponseBytes, fetch, accessToken };
}

/** A value in words, never quoted if it is text: a string given where a number goes may be a token. */
const described = (value: unknown) => (typeof value === 'string' ? `a string of ${value.length} characters` : typeof value === 'number' ? String(value) : typeof value);

export const MAX_TIMER_MS = 2 ** 31 - 1;
const TIMER_RANGE = `${MAX_TIMER_MS} (2^31 - 1, the longest timer)`;
const DEFAULT_TIMEOUT_MS = 30_000;
// The largest answer of the contract is a few kB; 1 MiB leaves room for any server's extras.
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_RETRIES = 10;

export function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new InputError([`timeoutMs must be a number of milliseconds above 0 and at most ${TIMER_RANGE}, got ${described(timeoutMs)}`]);
  }
  return timeoutMs;
}

export function checkMaxResponseBytes(maxResponseBytes: unknown): number {
  if (maxResponseBytes === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof maxResponseBytes !== 'number' || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    throw new InputError([`maxResponseBytes must be a whole number of bytes of at least 1, got ${described(maxResponseBytes)}`]);
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
    if (!(key in DEFAULT_RETRY)) throw new InputError([`retry has a setting that is not one (${key.length} characters); known: ${Object.keys(DEFAULT_RETRY).join(', ')}`]);
    const max = key === 'retries' ? MAX_RETRIES : MAX_TIMER_MS;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      const range = key === 'retries' ? `from 0 to ${MAX_RETRIES}` : `of milliseconds from 0 to ${TIMER_RANGE}`;
      throw new InputError([`retry.${key} must be a whole number ${range}, got ${described(value)}`]);
    }
  }
  return policy as RetryPolicy;
}
