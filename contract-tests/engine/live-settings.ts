// How the suite treats its target: whether it may write, how fast it sends, how many
// requests it may spend and how long it waits. A live target is somebody's account, so its
// defaults are careful; the embedded mock and the reference server are ours to hammer.
// Read from CONTRACT_WRITES, CONTRACT_RATE, CONTRACT_MAX_REQUESTS, CONTRACT_MAX_WAIT_MS and
// CONTRACT_TIMEOUT_MS; a bad value is refused with what to write instead.

/** `off`: read-only; `on`: writes on an account with no configuration; `replace`: writes even if that loses one. */
export type WritesMode = 'off' | 'on' | 'replace';

export interface LiveSettings {
  writes: WritesMode;
  /** Requests a second; 0 sends as fast as answers come. */
  rate: number;
  /** Requests the run may send, retries included; 0 for no budget. */
  maxRequests: number;
  /** The longest wait for a rate limit to clear, per wait. */
  maxWaitMs: number;
  /** How long one request may take, answer body included. */
  timeoutMs: number;
}

export interface LiveSettingsInput {
  writes?: string | undefined;
  rate?: string | undefined;
  maxRequests?: string | undefined;
  maxWaitMs?: string | undefined;
  timeoutMs?: string | undefined;
}

/** A live target: a tenth of DocuSign's hourly 3,000 calls, five a second, nothing written. */
export const LIVE_DEFAULTS: LiveSettings = { writes: 'off', rate: 5, maxRequests: 500, maxWaitMs: 60_000, timeoutMs: 10_000 };
/** The embedded mock and the in-process reference server: writes on, no pace, no budget. */
export const LOCAL_DEFAULTS: LiveSettings = { writes: 'on', rate: 0, maxRequests: 0, maxWaitMs: 60_000, timeoutMs: 10_000 };

/** Retries of one request that keeps getting 429, before the run reports it rate limited. */
export const MAX_RATE_LIMIT_RETRIES = 3;

export function liveSettingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): LiveSettingsInput {
  return {
    writes: env.CONTRACT_WRITES,
    rate: env.CONTRACT_RATE,
    maxRequests: env.CONTRACT_MAX_REQUESTS,
    maxWaitMs: env.CONTRACT_MAX_WAIT_MS,
    timeoutMs: env.CONTRACT_TIMEOUT_MS,
  };
}

const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function wholeNumber(name: string, value: string | undefined, fallback: number, { min, max, meaning }: { min: number; max: number; meaning: string }): number {
  if (!given(value)) return fallback;
  const parsed = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (${meaning}), got ${JSON.stringify(value)}.`);
  }
  return parsed;
}

/** The settings for a target, from what the user set and the target's defaults. */
export function parseLiveSettings(input: LiveSettingsInput, defaults: LiveSettings): LiveSettings {
  let writes = defaults.writes;
  if (given(input.writes)) {
    const mode = input.writes.trim().toLowerCase();
    if (mode !== 'off' && mode !== 'on' && mode !== 'replace') {
      throw new Error(`CONTRACT_WRITES must be off (read-only), on (create, change and delete on an account with no configuration) or replace (also when that loses the account's configuration), got ${JSON.stringify(input.writes)}.`);
    }
    writes = mode;
  }
  let rate = defaults.rate;
  if (given(input.rate)) {
    rate = /^\d+(?:\.\d+)?$/.test(input.rate.trim()) ? Number(input.rate.trim()) : NaN;
    if (!Number.isFinite(rate) || rate > 1000) throw new Error(`CONTRACT_RATE must be requests a second as a number from 0 to 1000 (0 for no pacing), such as 5 or 0.5, got ${JSON.stringify(input.rate)}.`);
  }
  return {
    writes,
    rate,
    maxRequests: wholeNumber('CONTRACT_MAX_REQUESTS', input.maxRequests, defaults.maxRequests, { min: 0, max: 1_000_000, meaning: 'requests the run may send, 0 for no budget' }),
    maxWaitMs: wholeNumber('CONTRACT_MAX_WAIT_MS', input.maxWaitMs, defaults.maxWaitMs, { min: 0, max: 3_600_000, meaning: 'milliseconds, the longest wait for a rate limit' }),
    timeoutMs: wholeNumber('CONTRACT_TIMEOUT_MS', input.timeoutMs, defaults.timeoutMs, { min: 1, max: 600_000, meaning: 'milliseconds one request may take' }),
  };
}

export const writesAllowed = (settings: Pick<LiveSettings, 'writes'>) => settings.writes !== 'off';
