// Where the suite sends its requests: Prism serving the spec (the default), or a live
// server named by CONTRACT_TARGET, optionally through Prism's validating proxy.
import { checkAccessToken } from '../../src/access-token.js';
import { isLoopbackHost, normalizeBaseUrl } from '../../src/base-url.js';
import { InputError } from '../../src/errors.js';
import type { RunningPrism } from '../support/prism.js';
import { LIVE_DEFAULTS, LOCAL_DEFAULTS, liveSettingsFromEnvironment, parseLiveSettings, type LiveSettings, type LiveSettingsInput } from './live-settings.js';
import { isLocalServer } from './local-servers.js';

export interface Target {
  /** "mock" for the embedded Prism, else "live". */
  kind: 'mock' | 'live';
  /** Shown in reports. */
  label: string;
  baseUrl: string;
  token: string;
  accountId: string;
  /** Keeps what it is sent: create, then read, finds it. Prism's mock does not. */
  stateful: boolean;
  /** Requests pass Prism's validating proxy, which reports violations in `sl-violations`. */
  viaProxy: boolean;
  /** Behind the proxy, the server itself: for what the proxy cannot forward (malformed JSON). */
  upstreamUrl?: string;
  /** Writes, pace, budget and time bounds: careful for a live account, relaxed for our own servers. */
  live: LiveSettings;
  /** Plain http to a host that is not loopback, asked for with CONTRACT_ALLOW_HTTP: the token travels unencrypted. */
  insecureHttp?: boolean;
}

export interface TargetSettings {
  target?: string | undefined;
  token?: string | undefined;
  accountId?: string | undefined;
  stateful?: string | undefined;
  proxy?: string | undefined;
  /** CONTRACT_ALLOW_HTTP: plain http to a host that is not loopback (a CI service container). */
  allowHttp?: string | undefined;
  /** CONTRACT_WRITES, CONTRACT_RATE, CONTRACT_MAX_REQUESTS, CONTRACT_MAX_WAIT_MS, CONTRACT_TIMEOUT_MS. */
  live?: LiveSettingsInput;
}

export interface OpenTarget {
  target: Target;
  close(): Promise<void>;
}

export const MOCK_ACCOUNT_ID = '18394725';
const MOCK_TOKEN = 'contract-suite-token';

export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): TargetSettings {
  return {
    target: env.CONTRACT_TARGET,
    token: env.CONTRACT_TOKEN,
    accountId: env.CONTRACT_ACCOUNT_ID,
    stateful: env.CONTRACT_STATEFUL,
    proxy: env.CONTRACT_PROXY,
    allowHttp: env.CONTRACT_ALLOW_HTTP,
    live: liveSettingsFromEnvironment(env),
  };
}

const isOn = (value: string | undefined, otherwise: boolean) => (value === undefined || value === '' ? otherwise : !/^(?:0|false|no|off)$/i.test(value));

export type CheckedTarget =
  | { kind: 'mock'; live: LiveSettings }
  | { kind: 'live'; base: string; token: string; accountId: string; stateful: boolean; proxy: boolean; insecureHttp: boolean; live: LiveSettings };

/** The settings, checked, without opening anything: a bad one throws, saying what to write instead. */
export function checkTargetSettings(settings: TargetSettings): CheckedTarget {
  if (!settings.target) return { kind: 'mock', live: parseLiveSettings(settings.live ?? {}, LOCAL_DEFAULTS) };
  const missing = [!settings.token && 'CONTRACT_TOKEN', !settings.accountId && 'CONTRACT_ACCOUNT_ID'].filter(Boolean);
  if (missing.length > 0) throw new Error(`CONTRACT_TARGET is set, so ${missing.join(' and ')} must be too: the live server needs a bearer token and an account id.`);
  const allowHttp = isOn(settings.allowHttp, false);
  const base = targetBaseUrl(settings.target, allowHttp);
  const live = parseLiveSettings(settings.live ?? {}, isLocalServer(base) ? LOCAL_DEFAULTS : LIVE_DEFAULTS);
  const insecureHttp = base.startsWith('http:') && !isLoopbackHost(new URL(base).hostname);
  return { kind: 'live', base, token: bearerToken(settings.token!), accountId: settings.accountId!, stateful: isOn(settings.stateful, true), proxy: isOn(settings.proxy, false), insecureHttp, live };
}

export async function openTarget(settings: TargetSettings): Promise<OpenTarget> {
  const checked = checkTargetSettings(settings);
  if (checked.kind === 'mock') {
    // Prism is loaded only for a target that needs it: a second of a run that reaches a live server.
    const { startMock } = await import('../support/mock-server.js');
    const prism = await startMock();
    return {
      target: { kind: 'mock', label: `Prism mock of the spec at ${prism.url}`, baseUrl: prism.url, token: MOCK_TOKEN, accountId: MOCK_ACCOUNT_ID, stateful: false, viaProxy: false, live: checked.live },
      close: () => prism.close(),
    };
  }
  const { base, token, accountId, stateful, live, insecureHttp } = checked;
  let proxy: RunningPrism | undefined;
  if (checked.proxy) {
    const { startPrism } = await import('../support/prism.js');
    proxy = await startPrism({ upstream: base, errors: false });
  }
  return {
    target: {
      kind: 'live',
      label: `${base}${insecureHttp ? ' (plain http, CONTRACT_ALLOW_HTTP: the token travels unencrypted)' : ''}${proxy ? " through Prism's validating proxy" : ''}`,
      baseUrl: proxy?.url ?? base,
      token,
      accountId,
      stateful,
      viaProxy: proxy !== undefined,
      ...(proxy ? { upstreamUrl: base } : {}),
      ...(insecureHttp ? { insecureHttp } : {}),
      live,
    },
    close: async () => {
      await proxy?.close();
    },
  };
}

// An example that answers with this contract's envelope; DocuSign's own endpoint does not.
const EXAMPLE_TARGET = 'https://connect-gateway.example.org/restapi';

/**
 * CONTRACT_TARGET as the client takes a base URL: https (plain http only on loopback, where
 * the token cannot be read on the way, or with CONTRACT_ALLOW_HTTP), no query, fragment or
 * credentials.
 */
function targetBaseUrl(target: string, allowInsecureHttp: boolean): string {
  try {
    return normalizeBaseUrl(target, { allowInsecureHttp });
  } catch (error) {
    throw settingError(error, `; give the API base of a server of this contract, such as ${EXAMPLE_TARGET}`);
  }
}

/**
 * CONTRACT_TOKEN as it is sent: trimmed (a secret read from a file or a CI variable often ends
 * with a line break, which fetch would drop while the masker looked for it), then checked as
 * the client checks a token.
 */
function bearerToken(token: string): string {
  try {
    return checkAccessToken(token.trim());
  } catch (error) {
    throw settingError(error, '');
  }
}

const VARIABLE_OF_OPTION: Record<string, string> = { baseUrl: 'CONTRACT_TARGET', accessToken: 'CONTRACT_TOKEN', allowInsecureHttp: 'CONTRACT_ALLOW_HTTP=1 (--allow-http)' };

/** The client's reasons, told in the suite's own words: the variables' names, and what to set. */
function settingError(error: unknown, advice: string): Error {
  if (!(error instanceof InputError)) return error instanceof Error ? error : new Error(String(error));
  const reasons = error.violations.map((reason) => reason.replace(/\b(?:baseUrl|accessToken|allowInsecureHttp)\b/g, (option) => VARIABLE_OF_OPTION[option]!).replace(/[;,]?\s*(?:give|such as)[^;]*"https:\/\/demo\.docusign\.net\/restapi"/g, ''));
  return new Error(`${reasons.join('; ')}${advice}.`);
}
