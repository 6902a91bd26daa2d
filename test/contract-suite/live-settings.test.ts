// The settings of a live run, each refused with what to write when it is wrong, and the
// defaults that make a live target safe and our own servers fast.
import { describe, expect, it } from 'vitest';
import { LIVE_DEFAULTS, LOCAL_DEFAULTS, parseLiveSettings } from '../../contract-tests/engine/live-settings.js';
import { openTarget } from '../../contract-tests/engine/target.js';
import { startLiveVariant } from '../../contract-tests/reference-server/live-variants.js';
import { startReferenceServer } from '../../contract-tests/reference-server/server.js';

describe('live settings', () => {
  it('default to read-only, 5 requests a second, a budget of 500, 60 s waits and 10 s requests for a live target', () => {
    expect(parseLiveSettings({}, LIVE_DEFAULTS)).toEqual({ writes: 'off', rate: 5, maxRequests: 500, maxWaitMs: 60_000, timeoutMs: 10_000 });
  });

  it('default to writes on, no pace and no budget for our own servers', () => {
    expect(parseLiveSettings({}, LOCAL_DEFAULTS)).toMatchObject({ writes: 'on', rate: 0, maxRequests: 0 });
  });

  it('read every variable', () => {
    expect(parseLiveSettings({ writes: 'Replace', rate: '0.5', maxRequests: '0', maxWaitMs: '1500', timeoutMs: '250' }, LIVE_DEFAULTS)).toEqual({ writes: 'replace', rate: 0.5, maxRequests: 0, maxWaitMs: 1500, timeoutMs: 250 });
  });

  it.each([
    [{ writes: 'yes' }, /CONTRACT_WRITES must be off \(read-only\), on .* or replace .*got "yes"/],
    [{ rate: 'fast' }, /CONTRACT_RATE must be requests a second as a number from 0 to 1000 \(0 for no pacing\).*got "fast"/],
    [{ rate: '-1' }, /CONTRACT_RATE must be/],
    [{ maxRequests: '1.5' }, /CONTRACT_MAX_REQUESTS must be a whole number from 0 to 1000000 \(requests the run may send, 0 for no budget\), got "1.5"/],
    [{ maxWaitMs: '1e3' }, /CONTRACT_MAX_WAIT_MS must be a whole number/],
    [{ timeoutMs: '0' }, /CONTRACT_TIMEOUT_MS must be a whole number from 1 to 600000/],
  ])('refuses %j with what to write instead', (input, message) => {
    expect(() => parseLiveSettings(input, LIVE_DEFAULTS)).toThrow(message);
  });
});

describe('the target', () => {
  it('is ours, with writes on by default, when it is the reference server this process started', async () => {
    const server = await startReferenceServer({ token: 'settings-token' });
    try {
      const open = await openTarget({ target: server.url, token: 'settings-token', accountId: '18394725' });
      expect(open.target.live).toMatchObject({ writes: 'on', rate: 0, maxRequests: 0 });
      await open.close();
    } finally {
      await server.close();
    }
  });

  it('is somebody’s account, read-only by default, when it is a live variant or any other server', async () => {
    const server = await startLiveVariant({ token: 'settings-token' });
    try {
      const open = await openTarget({ target: server.url, token: 'settings-token', accountId: '18394725' });
      expect(open.target.live).toEqual(LIVE_DEFAULTS);
      const opted = await openTarget({ target: server.url, token: 'settings-token', accountId: '18394725', live: { writes: 'on' } });
      expect(opted.target.live.writes).toBe('on');
      await Promise.all([open.close(), opted.close()]);
    } finally {
      await server.close();
    }
  });
});
