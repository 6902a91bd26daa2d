// A server's wait longer than maxRetryAfterMs ends the call at once with retryAfterMs, and
// no wait the client accepts can overflow Node's timer (2^31 - 1 ms), which would fire at once.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createConnectOAuthClient } from '../../src/index.js';
import { startFaultServer, type FaultServer } from '../support/fault-server.js';
import { ACCESS_TOKEN, expectNoSecretIn } from '../support/secrets.js';

const THIRTY_DAYS_S = 30 * 24 * 3600;
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a 30-day Retry-After', () => {
  it.each([
    ['the default maxRetryAfterMs', {}],
    ['the longest maxRetryAfterMs a timer holds', { maxRetryAfterMs: 2 ** 31 - 1 }],
  ])('ends the call at once with %s, and no timer overflows', async (_label, retry) => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      server = await startFaultServer([{ status: 503, headers: { 'retry-after': String(THIRTY_DAYS_S) }, body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Down.' } } }]);
      const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 4, ...retry } });
      const started = performance.now();
      const error = await client.getConnectOAuthConfig('18394725').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 503, attempts: 1, retryAfterMs: THIRTY_DAYS_S * 1000 });
      expectNoSecretIn(error);
      expect(server.requests).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(1_000);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('cannot be outlasted by an option: maxRetryAfterMs past the longest timer is refused', () => {
    expect(() => createConnectOAuthClient({ baseUrl: 'https://demo.docusign.net/restapi', accessToken: ACCESS_TOKEN, retry: { maxRetryAfterMs: 3e9 } })).toThrow(/retry\.maxRetryAfterMs must be a whole number of milliseconds from 0 to 2147483647/);
  });
});
