// createConnectOAuthClient: the four operations with the names of DocuSign's SDK, typed
// from the spec, on an openapi-fetch client that shares the same transport.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { operationContracts } from '../generated/validators.js';
import { checkAccessToken, type AccessTokenSource } from './access-token.js';
import { normalizeBaseUrl } from './base-url.js';
import { InputError } from './errors.js';
import { assertAccountId, assertRequestBody } from './input-validation.js';
import { readEnvelope } from './response-envelope.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry-policy.js';
import { createTransport, type CallContext, type FetchFunction } from './transport.js';
import type {
  AccountId,
  ConnectOAuthConfigCreated,
  ConnectOAuthConfigDeleted,
  ConnectOAuthConfigDetails,
  ConnectOAuthConfigInput,
  ConnectOAuthConfigUpdated,
} from './types.js';

export interface ConnectOAuthClientOptions {
  /** The API base, e.g. `https://demo.docusign.net/restapi`. https only, but for loopback. */
  baseUrl: string;
  /** The OAuth access token, or a function asked for one before every attempt. */
  accessToken: AccessTokenSource;
  /** Limit on each attempt, from sending to the last byte of the body. Default 30 000. */
  timeoutMs?: number;
  /** Retry settings, or `false` for a single attempt. Default: 2 retries. */
  retry?: RetryOptions | false;
  /** The fetch to send with. Default: the global fetch. */
  fetch?: FetchFunction;
  /** Check every answer against the spec's schemas. Default true. */
  validateResponses?: boolean;
}

export interface CallOptions {
  /** Aborts the current attempt and every retry; the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ConnectOAuthClient {
  createConnectOAuthConfig(accountId: AccountId, body: ConnectOAuthConfigInput, options?: CallOptions): Promise<ConnectOAuthConfigCreated>;
  getConnectOAuthConfig(accountId: AccountId, options?: CallOptions): Promise<ConnectOAuthConfigDetails>;
  updateConnectOAuthConfig(accountId: AccountId, body: ConnectOAuthConfigInput, options?: CallOptions): Promise<ConnectOAuthConfigUpdated>;
  deleteConnectOAuthConfig(accountId: AccountId, options?: CallOptions): Promise<ConnectOAuthConfigDeleted>;
  /** The underlying openapi-fetch client: same base URL, token, timeouts and retries; no envelope checks. */
  readonly raw: Client<paths>;
}

const PATH = '/v2.1/accounts/{accountId}/connect/oauth';
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
const RECENT_TOKENS = 4;

type OperationName = keyof typeof operationContracts;

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  if (typeof options !== 'object' || options === null) throw new InputError(['createConnectOAuthClient needs an options object with baseUrl and accessToken']);
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const timeoutMs = checkTimeout(options.timeoutMs);
  const retry = checkRetry(options.retry);
  const fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetch !== 'function') throw new InputError(['no fetch: pass options.fetch where the platform has no global fetch']);
  if (typeof options.accessToken !== 'string' && typeof options.accessToken !== 'function') {
    throw new InputError(['accessToken is required: a string, or a function that returns one (or a promise of one)']);
  }
  const validateResponses = options.validateResponses ?? true;
  if (typeof options.accessToken === 'string') checkAccessToken(options.accessToken);
  // The tokens lately sent, so that an error can redact a token that a function supplied.
  const recentTokens: string[] = [];
  const source = options.accessToken;
  const accessToken: AccessTokenSource =
    typeof source === 'string'
      ? source
      : async () => {
          const token = await source();
          if (typeof token === 'string' && !recentTokens.includes(token)) {
            recentTokens.unshift(token);
            recentTokens.length = Math.min(recentTokens.length, RECENT_TOKENS);
          }
          return token;
        };

  const transport = createTransport({ fetch, accessToken: typeof accessToken === 'string' ? undefined : accessToken, timeoutMs, retry });
  const raw = createClient<paths>({
    baseUrl,
    fetch: (request: Request) => transport(request),
    ...(typeof accessToken === 'string' ? { headers: { authorization: `Bearer ${accessToken}` } } : {}),
  });

  async function call(name: OperationName, accountId: unknown, body: unknown, callOptions: CallOptions | undefined, send: (init: SendInit) => Promise<{ response: Response }>): Promise<unknown> {
    const contract = operationContracts[name];
    assertAccountId(contract.pathParameters.accountId, accountId);
    if (contract.requestBody && contract.requestBodyRequired) assertRequestBody(contract.requestBody, body);
    // Serialized once, here: the same text goes out on every attempt.
    const bodyText = body === undefined ? undefined : JSON.stringify(body);
    const context: CallContext = { bodyText, signal: callOptions?.signal };
    const { response } = await send({
      params: { path: { accountId: accountId as string } },
      parseAs: 'stream',
      fetch: (request: Request) => transport(request, context),
      ...(bodyText === undefined ? {} : { bodySerializer: () => bodyText }),
    });
    return readEnvelope(
      { response, text: context.responseText ?? '' },
      {
        contract,
        validateResponses,
        secrets: () => [typeof source === 'string' ? source : undefined, ...recentTokens, (body as { clientSecret?: string } | undefined)?.clientSecret],
        method: contract.method,
        url: response.url || `${baseUrl}${contract.path.replace('{accountId}', encodeURIComponent(accountId as string))}`,
        attempts: context.attempts,
      },
    );
  }

  return {
    raw,
    createConnectOAuthConfig: (accountId, body, callOptions) =>
      call('createConnectOAuthConfig', accountId, body, callOptions, (init) => raw.POST(PATH, { ...init, body })) as Promise<ConnectOAuthConfigCreated>,
    getConnectOAuthConfig: (accountId, callOptions) =>
      call('getConnectOAuthConfig', accountId, undefined, callOptions, (init) => raw.GET(PATH, init)) as Promise<ConnectOAuthConfigDetails>,
    updateConnectOAuthConfig: (accountId, body, callOptions) =>
      call('updateConnectOAuthConfig', accountId, body, callOptions, (init) => raw.PUT(PATH, { ...init, body })) as Promise<ConnectOAuthConfigUpdated>,
    deleteConnectOAuthConfig: (accountId, callOptions) =>
      call('deleteConnectOAuthConfig', accountId, undefined, callOptions, (init) => raw.DELETE(PATH, init)) as Promise<ConnectOAuthConfigDeleted>,
  };
}

type SendInit = {
  params: { path: { accountId: string } };
  parseAs: 'stream';
  fetch: (request: Request) => Promise<Response>;
  bodySerializer?: () => string;
};

function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new InputError([`timeoutMs must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, got ${String(timeoutMs)}`]);
  }
  return timeoutMs;
}

function checkRetry(retry: unknown): RetryPolicy | false {
  if (retry === false) return false;
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry !== 'object' || retry === null) throw new InputError(['retry must be an object such as { retries: 3 }, or false']);
  const policy = { ...DEFAULT_RETRY, ...retry } as Record<string, unknown>;
  for (const [key, value] of Object.entries(policy)) {
    if (!(key in DEFAULT_RETRY)) throw new InputError([`retry.${key} is not a retry setting; known: ${Object.keys(DEFAULT_RETRY).join(', ')}`]);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (key === 'retries' && value > 10)) {
      throw new InputError([`retry.${key} must be a whole number of at least 0${key === 'retries' ? ' and at most 10' : ''}, got ${String(value)}`]);
    }
  }
  return policy as RetryPolicy;
}
