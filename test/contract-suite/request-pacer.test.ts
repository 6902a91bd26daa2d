// The pacer, on a clock of its own: pace, 429 waits and their cap, retries, budget, and the
// stop before the account's calls run out.
import { describe, expect, it } from 'vitest';
import { LIMIT_RESERVE, RequestPacer, SendingStopped, type Clock, type PacedResult } from '../../contract-tests/engine/request-pacer.js';

function fakeClock(start = 1_000_000): Clock & { slept: number[]; starts: number[] } {
  let now = start;
  const clock = {
    slept: [] as number[],
    starts: [] as number[],
    now: () => now,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      now += ms;
    },
  };
  return clock;
}

const answer = (status: number, headers: Record<string, string> = {}): PacedResult => ({ response: { status, headers } });

/** A server that answers the statuses given, in order, then 200. */
function scripted(clock: ReturnType<typeof fakeClock>, ...answers: PacedResult[]) {
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    attempt: async () => {
      clock.starts.push(clock.now());
      sent++;
      return answers.shift() ?? answer(200);
    },
  };
}

const settings = { rate: 0, maxRequests: 0, maxWaitMs: 60_000 };

describe('the request pacer', () => {
  it('sends no faster than CONTRACT_RATE', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({ ...settings, rate: 4 }, clock);
    const server = scripted(clock);
    for (let index = 0; index < 4; index++) await pacer.send(server.attempt);
    expect(clock.starts.map((start) => start - clock.starts[0]!)).toEqual([0, 250, 500, 750]);
  });

  it('waits out a 429 for its Retry-After and sends again', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(settings, clock);
    const server = scripted(clock, answer(429, { 'retry-after': '2' }));
    expect((await pacer.send(server.attempt)).response?.status).toBe(200);
    expect(clock.slept).toEqual([2000]);
    expect(pacer.report()).toMatchObject({ sent: 2, waits: [{ ms: 2000, source: 'Retry-After: 2', capped: false }] });
  });

  it('reads a Retry-After date and X-RateLimit-Reset, and caps every wait at CONTRACT_MAX_WAIT_MS', async () => {
    const clock = fakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const pacer = new RequestPacer({ ...settings, maxWaitMs: 5000 }, clock);
    const resetIn3s = String(Date.parse('2026-01-01T00:00:03Z') / 1000);
    const server = scripted(clock, answer(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:04 GMT' }), answer(429, { 'x-ratelimit-reset': resetIn3s }), answer(429, { 'retry-after': '3600' }));
    await pacer.send(server.attempt);
    expect(pacer.report().waits).toEqual([
      { ms: 4000, source: 'Retry-After: Thu, 01 Jan 2026 00:00:04 GMT', capped: false },
      { ms: 0, source: `X-RateLimit-Reset: ${resetIn3s}`, capped: false },
      { ms: 5000, source: 'Retry-After: 3600', capped: true },
    ]);
  });

  it('gives up after 3 retries: the run is rate limited, not the request a violation', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(settings, clock);
    const server = scripted(clock, ...Array.from({ length: 5 }, () => answer(429, { 'retry-after': '1' })));
    await expect(pacer.send(server.attempt)).rejects.toThrow(SendingStopped);
    expect(server.sent).toBe(4);
    expect(pacer.stop).toMatchObject({ reason: 'rate-limited', message: expect.stringMatching(/^rate limited: the server answered 429 to the same request 4 times in a row/) });
    await expect(pacer.send(server.attempt)).rejects.toBe(pacer.stop);
    expect(server.sent).toBe(4);
  });

  it('does not wait out a 429 the suite asked for', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(settings, clock);
    const server = scripted(clock, answer(429, { 'retry-after': '30', 'x-ratelimit-remaining': '0' }));
    expect((await pacer.send(server.attempt, { honourRateLimit: false })).response?.status).toBe(429);
    expect(clock.slept).toEqual([]);
    expect(pacer.stop).toBeUndefined();
  });

  it('stops at the budget, retries counted, and still sends the clean-up', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({ ...settings, maxRequests: 3 }, clock);
    const server = scripted(clock, answer(429, { 'retry-after': '1' }));
    await pacer.send(server.attempt);
    await pacer.send(server.attempt);
    await expect(pacer.send(server.attempt)).rejects.toMatchObject({ reason: 'budget', message: 'the budget of 3 requests (CONTRACT_MAX_REQUESTS) is spent' });
    expect(server.sent).toBe(3);
    await pacer.send(server.attempt, { essential: true });
    expect(pacer.report().sent).toBe(4);
  });

  it(`stops when X-RateLimit-Remaining or X-BurstLimit-Remaining is down to ${LIMIT_RESERVE}, keeping the last calls`, async () => {
    for (const header of ['x-ratelimit-remaining', 'x-burstlimit-remaining']) {
      const clock = fakeClock();
      const pacer = new RequestPacer(settings, clock);
      const server = scripted(clock, answer(200, { [header]: String(LIMIT_RESERVE + 1) }), answer(200, { [header]: String(LIMIT_RESERVE) }));
      await pacer.send(server.attempt);
      await pacer.send(server.attempt);
      await expect(pacer.send(server.attempt)).rejects.toMatchObject({ reason: 'limits' });
      expect(server.sent).toBe(2);
      expect(pacer.report().lastLimits).toEqual({ [header]: String(LIMIT_RESERVE) });
    }
  });
});
