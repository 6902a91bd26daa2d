import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, parseRateLimitReset, parseRetryAfter, retryDelayMs, shouldRetry, type AttemptOutcome } from '../../src/retry-policy.js';

const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({ kind: 'response', status, headers: new Headers(headers) });
const NOW = Date.parse('2025-01-01T12:00:00Z');

describe('shouldRetry', () => {
  it.each(['GET', 'PUT', 'DELETE'])('retries %s on 429, 500, 502, 503 and 504', (method) => {
    for (const status of [429, 500, 502, 503, 504]) expect(shouldRetry(method, response(status)), String(status)).toBe(true);
  });

  it.each(['GET', 'PUT', 'DELETE', 'POST'])('does not retry %s on 2xx, 4xx other than 429, or 501', (method) => {
    for (const status of [200, 201, 400, 401, 403, 404, 409, 415, 422, 501]) expect(shouldRetry(method, response(status)), String(status)).toBe(false);
  });

  it('retries POST only on 429 and 503, where the server did not act', () => {
    expect([429, 500, 502, 503, 504].filter((status) => shouldRetry('POST', response(status)))).toEqual([429, 503]);
  });

  it('retries idempotent methods on any network failure and on timeouts', () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'get']) {
      expect(shouldRetry(method, { kind: 'network', connected: true })).toBe(true);
      expect(shouldRetry(method, { kind: 'timeout' })).toBe(true);
    }
  });

  it('retries POST on a network failure only when the connection was never made', () => {
    expect(shouldRetry('POST', { kind: 'network', connected: false })).toBe(true);
    expect(shouldRetry('POST', { kind: 'network', connected: true })).toBe(false);
    expect(shouldRetry('POST', { kind: 'timeout' })).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('30', NOW)).toBe(30_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:45 GMT', NOW)).toBe(45_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const value of [null, '', '-5', '1.5', 'soon', '12:00']) expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it('reads Unix epoch seconds as the time left until then', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 90), NOW)).toBe(90_000);
    expect(parseRateLimitReset(String(NOW / 1000 - 90), NOW)).toBe(0);
    expect(parseRateLimitReset('next hour', NOW)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  const policy = DEFAULT_RETRY;

  it('backs off exponentially with jitter between half and all of the step', () => {
    const delays = [1, 2, 3].map((attempt) => [0, 0.999999].map((random) => retryDelayMs({ attempt, outcome: { kind: 'timeout' }, policy, now: NOW, random })));
    expect(delays).toEqual([
      [150, 300],
      [300, 600],
      [600, 1200],
    ]);
  });

  it('caps the backoff at maxDelayMs', () => {
    expect(retryDelayMs({ attempt: 20, outcome: { kind: 'timeout' }, policy, now: NOW, random: 0.999999 })).toBe(policy.maxDelayMs);
  });

  it('waits exactly as long as Retry-After asks, in seconds or as a date', () => {
    expect(retryDelayMs({ attempt: 1, outcome: response(503, { 'retry-after': '7' }), policy, now: NOW, random: 0.5 })).toBe(7000);
    expect(retryDelayMs({ attempt: 1, outcome: response(429, { 'retry-after': 'Wed, 01 Jan 2025 12:00:02 GMT' }), policy, now: NOW, random: 0.5 })).toBe(2000);
  });

  it('uses X-RateLimit-Reset on a 429 without Retry-After', () => {
    const reset = String(NOW / 1000 + 20);
    expect(retryDelayMs({ attempt: 1, outcome: response(429, { 'x-ratelimit-reset': reset }), policy, now: NOW, random: 0.5 })).toBe(20_000);
    // Not on other statuses: there the reset says nothing about when to retry.
    expect(retryDelayMs({ attempt: 1, outcome: response(503, { 'x-ratelimit-reset': reset }), policy, now: NOW, random: 0 })).toBe(150);
  });

  it('gives up when the server asks for a longer wait than maxRetryAfterMs', () => {
    expect(retryDelayMs({ attempt: 1, outcome: response(429, { 'retry-after': '3600' }), policy, now: NOW, random: 0.5 })).toBeUndefined();
    expect(retryDelayMs({ attempt: 1, outcome: response(429, { 'retry-after': '60' }), policy, now: NOW, random: 0.5 })).toBe(60_000);
  });
});
