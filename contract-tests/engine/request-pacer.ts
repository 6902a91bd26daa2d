// Every request of a run passes here: it keeps the pace, spends the budget, waits out a 429
// and stops before the account runs out of calls. DocuSign counts calls per account (3,000
// an hour, a burst limit per 30 s): a suite that ignores them fails for the wrong reason
// and leaves the account's owner without calls.
import { MAX_RATE_LIMIT_RETRIES, type LiveSettings } from './live-settings.js';

export type StopReason = 'budget' | 'limits' | 'rate-limited' | 'interrupted';

/** Thrown instead of sending once the run may send no more. */
export class SendingStopped extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
    this.name = 'SendingStopped';
  }
}

export interface PacedResult {
  response?: { status: number; headers: Record<string, string> } | undefined;
}

export interface RateLimitWait {
  /** How long the suite waited. */
  ms: number;
  /** Where the wait came from: `Retry-After: 1`, `X-RateLimit-Reset: ...`, or no header. */
  source: string;
  /** The server asked for more than CONTRACT_MAX_WAIT_MS allows. */
  capped: boolean;
}

export interface PacerReport {
  sent: number;
  maxRequests: number;
  waits: RateLimitWait[];
  /** The rate-limit headers of the last answer that had any, as the server wrote them. */
  lastLimits: Record<string, string>;
  stopped?: { reason: StopReason; message: string };
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export const LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-burstlimit-limit', 'x-burstlimit-remaining'] as const;
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'x-burstlimit-remaining'] as const;
/**
 * Calls left alone when the server counts down: the clean-up of a write run needs two (read,
 * delete), and the account's owner needs the rest. The suite stops before spending them.
 */
export const LIMIT_RESERVE = 3;

export interface SendOptions {
  /** Sent even past the budget or the reserve: the preflight's read, and the clean-up. */
  essential?: boolean;
  /** The clean-up: sent even after an interruption, which stops everything else, so the account is left as found. */
  cleanUp?: boolean;
  /** Wait out a 429 and send again; off for answers the suite asked to be 429. */
  honourRateLimit?: boolean;
}

export class RequestPacer {
  private sent = 0;
  private readonly waits: RateLimitWait[] = [];
  private lastLimits: Record<string, string> = {};
  private stopped: SendingStopped | undefined;
  private nextStart = 0;

  constructor(
    private readonly settings: Pick<LiveSettings, 'rate' | 'maxRequests' | 'maxWaitMs'> & {
      /** Read the X-RateLimit-* headers; off for the mock, whose headers are the spec's examples. */
      watchLimits?: boolean;
    },
    private readonly clock: Clock = realClock,
  ) {}

  /** Why the run may send no more; undefined while it may. */
  get stop(): SendingStopped | undefined {
    return this.stopped;
  }

  async send<T extends PacedResult>(attempt: () => Promise<T>, options: SendOptions = {}): Promise<T> {
    for (let retry = 0; ; retry++) {
      await this.admit(options.essential ?? false, options.cleanUp ?? false);
      const result = await attempt();
      const response = result.response;
      // An answer the suite forced says nothing of the server's limits.
      if (!response || options.honourRateLimit === false) return result;
      if (this.settings.watchLimits !== false) this.readLimits(response.headers);
      if (response.status !== 429) return result;
      if (retry >= MAX_RATE_LIMIT_RETRIES) {
        this.halt('rate-limited', `rate limited: the server answered 429 to the same request ${retry + 1} times in a row, after waiting each time; the suite stopped sending`);
        if (options.essential) return result;
        throw this.stopped!;
      }
      const wait = this.waitFor(response.headers, retry);
      this.waits.push(wait);
      await this.clock.sleep(wait.ms);
    }
  }

  report(): PacerReport {
    return {
      sent: this.sent,
      maxRequests: this.settings.maxRequests,
      waits: [...this.waits],
      lastLimits: { ...this.lastLimits },
      ...(this.stopped ? { stopped: { reason: this.stopped.reason, message: this.stopped.message } } : {}),
    };
  }

  private async admit(essential: boolean, cleanUp: boolean): Promise<void> {
    if (this.stopped?.reason === 'interrupted' && !cleanUp) throw this.stopped;
    if (!essential) {
      if (this.stopped) throw this.stopped;
      if (this.settings.maxRequests > 0 && this.sent >= this.settings.maxRequests) {
        this.halt('budget', `the budget of ${this.settings.maxRequests} requests (CONTRACT_MAX_REQUESTS) is spent`);
        throw this.stopped!;
      }
    }
    if (this.settings.rate > 0) {
      const now = this.clock.now();
      if (this.nextStart > now) await this.clock.sleep(this.nextStart - now);
      this.nextStart = Math.max(now, this.nextStart) + 1000 / this.settings.rate;
    }
    this.sent++;
  }

  private readLimits(headers: Record<string, string>): void {
    const reported = Object.fromEntries(LIMIT_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]!]));
    if (Object.keys(reported).length === 0) return;
    this.lastLimits = reported;
    for (const name of REMAINING_HEADERS) {
      const remaining = Number(reported[name]);
      if (reported[name] !== undefined && Number.isFinite(remaining) && remaining <= LIMIT_RESERVE) {
        this.halt('limits', `the server reported ${displayName(name)}: ${reported[name]}; the suite stopped sending to leave the account its last calls`);
      }
    }
  }

  /** Sends nothing more but what is essential (the clean-up): the run was interrupted. */
  interrupt(): void {
    this.halt('interrupted', 'the run was interrupted (SIGINT or SIGTERM)');
  }

  private halt(reason: StopReason, message: string): void {
    this.stopped ??= new SendingStopped(reason, message);
  }

  private waitFor(headers: Record<string, string>, retry: number): RateLimitWait {
    const retryAfter = headers['retry-after'];
    const reset = headers['x-ratelimit-reset'];
    let requested: number;
    let source: string;
    if (retryAfter !== undefined && /^\s*\d+\s*$/.test(retryAfter)) {
      requested = Number(retryAfter) * 1000;
      source = `Retry-After: ${retryAfter.trim()}`;
    } else if (retryAfter !== undefined && !Number.isNaN(Date.parse(retryAfter))) {
      requested = Date.parse(retryAfter) - this.clock.now();
      source = `Retry-After: ${retryAfter}`;
    } else if (reset !== undefined && /^\s*\d+\s*$/.test(reset)) {
      requested = Number(reset) * 1000 - this.clock.now();
      source = `X-RateLimit-Reset: ${reset.trim()}`;
    } else {
      requested = 1000 * 2 ** retry;
      source = 'no Retry-After or X-RateLimit-Reset';
    }
    requested = Math.max(0, requested);
    return { ms: Math.min(requested, this.settings.maxWaitMs), source, capped: requested > this.settings.maxWaitMs };
  }
}

const DISPLAY: Record<string, string> = {
  'x-ratelimit-limit': 'X-RateLimit-Limit',
  'x-ratelimit-remaining': 'X-RateLimit-Remaining',
  'x-ratelimit-reset': 'X-RateLimit-Reset',
  'x-burstlimit-limit': 'X-BurstLimit-Limit',
  'x-burstlimit-remaining': 'X-BurstLimit-Remaining',
};

export const displayName = (header: string) => DISPLAY[header] ?? header;
