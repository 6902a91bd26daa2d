// The options both clients (typed and raw) are made with, checked once. Every delay ends up in setTimeout, which fires at once past 2^31 - 1 ms.
import { checkAccessToken, type AccessTokenSource } from './access-token.js';
import { normalizeBaseUrl } from './base-url.js';
import { InputError } from './errors.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry-policy.js';
import type { FetchFunction } from './transport.js';

export interface ConnectionOptions {
  /** A server that implements this contract (`http://127.0.0.1:4010` for `npm run mock`, or your gateway), not DocuSign's own host. https, but for loopback or with `allowInsecureHttp`. */
  baseUrl: string;
  /** The OAuth access token, or a function asked for one before every attempt. */
  accessToken: AccessTokenSource;
  /** Limit on each attempt, from sending to the last byte of the body. Default 30 000. */
  timeoutMs?: number;
  /** Retry settings, or `false` for a single attempt. Default: 2 retries. */
  retry?: RetryOptions | false;
  /** The fetch to send with. Default: the global fetch, which a global dispatcher (undici's `setGlobalDispatcher`) reaches. */
  fetch?: FetchFunction;
  /** Allow plain http to a host that is not loopback (a private-network gateway). Insecure: the token and the secret travel unencrypted. Default false. */
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
  const { accessToken } = options;
  if (typeof accessToken === 'string') checkAccessToken(accessToken);
  else if (typeof accessToken !== 'function') throw new InputError(['accessToken is required: a string, or a function that returns one (or a promise of one)']);
  return { baseUrl, timeoutMs, retry, maxResponseBytes, fetch, accessToken };
}

/** A value in words, never quoted if it is text: a string given where a number goes may be a token. */
const described = (value: unknown) => (typeof value === 'string' ? `a string of ${value.length} characters` : typeof value === 'number' ? String(value) : typeof value);

const MAX_TIMER_MS = 2 ** 31 - 1;
const TIMER_RANGE = `${MAX_TIMER_MS} (2^31 - 1, the longest timer)`;
const MAX_RETRIES = 10;

/** `value` if a number that `valid` accepts, `fallback` if undefined; else an InputError saying what `name` must be. */
function checkNumber(name: string, value: unknown, fallback: number, valid: (value: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !valid(value)) throw new InputError([`${name} must be ${expected}, got ${described(value)}`]);
  return value;
}

const checkTimeout = (timeoutMs: unknown) =>
  checkNumber('timeoutMs', timeoutMs, 30_000, (value) => Number.isFinite(value) && value > 0 && value <= MAX_TIMER_MS, `a number of milliseconds above 0 and at most ${TIMER_RANGE}`);
// The contract's largest answer is a few kB; the 1 MiB default leaves room for any server's extras.
const checkMaxResponseBytes = (maxResponseBytes: unknown) =>
  checkNumber('maxResponseBytes', maxResponseBytes, 1024 * 1024, (value) => Number.isSafeInteger(value) && value >= 1, 'a whole number of bytes of at least 1');

function checkRetry(retry: unknown): RetryPolicy | false {
  if (retry === false) return false;
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry !== 'object' || retry === null) throw new InputError(['retry must be an object such as { retries: 3 }, or false']);
  // A setting given as undefined is a setting left out: it keeps its default.
  const policy = { ...DEFAULT_RETRY, ...Object.fromEntries(Object.entries(retry).filter(([, value]) => value !== undefined)) } as Record<string, unknown>;
  for (const [key, value] of Object.entries(policy)) {
    if (!(key in DEFAULT_RETRY)) throw new InputError([`retry has a setting that is not one (${key.length} characters); known: ${Object.keys(DEFAULT_RETRY).join(', ')}`]);
    const [max, range] = key === 'retries' ? [MAX_RETRIES, `from 0 to ${MAX_RETRIES}`] : [MAX_TIMER_MS, `of milliseconds from 0 to ${TIMER_RANGE}`];
    checkNumber(`retry.${key}`, value, 0, (number) => Number.isInteger(number) && number >= 0 && number <= max, `a whole number ${range}`);
  }
  return policy as RetryPolicy;
}
