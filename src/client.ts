// createConnectOAuthClient: the four operations with the names of DocuSign's SDK, typed
// from the spec, on an openapi-fetch client that shares the same transport.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { operationContracts } from '../generated/validators.js';
import { checkAccessToken, type AccessTokenSource } from './access-token.js';
import { normalizeBaseUrl } from './base-url.js';
import { checkMaxResponseBytes, checkRetry, checkTimeout } from './client-options.js';
import { ContractError, InputError } from './errors.js';
import { assertAccountId, assertRequestBody } from './input-validation.js';
import { carriesSecret, redactError } from './redact.js';
import { readEnvelope } from './response-envelope.js';
import type { RetryOptions } from './retry-policy.js';
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
  /**
   * The base URL of a server that implements this contract: `http://127.0.0.1:4010` for
   * `npm run mock`, or your gateway's. Not DocuSign's own host, which answers without the
   * envelope. https only, but for loopback.
   */
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
  /** The most bytes of a response body read; a longer body is a ContractError. Default 1 MiB. */
  maxResponseBytes?: number;
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

type OperationName = keyof typeof operationContracts;

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  if (typeof options !== 'object' || options === null) throw new InputError(['createConnectOAuthClient needs an options object with baseUrl and accessToken']);
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const timeoutMs = checkTimeout(options.timeoutMs);
  const retry = checkRetry(options.retry);
  const maxResponseBytes = checkMaxResponseBytes(options.maxResponseBytes);
  const fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetch !== 'function') throw new InputError(['no fetch: pass options.fetch where the platform has no global fetch']);
  const accessToken = options.accessToken;
  if (typeof accessToken !== 'string' && typeof accessToken !== 'function') {
    throw new InputError(['accessToken is required: a string, or a function that returns one (or a promise of one)']);
  }
  const validateResponses = options.validateResponses ?? true;
  if (typeof accessToken === 'string') checkAccessToken(accessToken);

  const transport = createTransport({ fetch, accessToken, timeoutMs, retry, maxResponseBytes });
  const raw = createClient<paths>({ baseUrl, fetch: (request: Request) => transport(request) });

  async function call(name: OperationName, accountId: unknown, body: unknown, callOptions: CallOptions | undefined, send: (init: SendInit) => Promise<{ response: Response }>): Promise<unknown> {
    // Every token sent for this call and the secret of its body: what its errors redact.
    const context: CallContext = { signal: callOptions?.signal, tokens: [] };
    // A string token is known from the start: an error before the first attempt (the token
    // passed where accountId goes) redacts it too.
    const clientSecret = (body as { clientSecret?: unknown } | undefined)?.clientSecret;
    const secrets = () => [...(typeof accessToken === 'string' ? [accessToken] : []), ...context.tokens, typeof clientSecret === 'string' ? clientSecret : undefined];
    try {
      const contract = operationContracts[name];
      assertAccountId(contract.pathParameters.accountId, accountId);
      if (contract.requestBody && contract.requestBodyRequired) assertRequestBody(contract.requestBody, body);
      // Serialized once, here: the same text goes out on every attempt.
      context.bodyText = body === undefined ? undefined : JSON.stringify(body);
      const { response } = await send({
        params: { path: { accountId: accountId as string } },
        parseAs: 'stream',
        fetch: (request: Request) => transport(request, context),
        ...(context.bodyText === undefined ? {} : { bodySerializer: () => context.bodyText }),
      });
      const text = context.responseText ?? '';
      const url = response.url || `${baseUrl}${contract.path.replace('{accountId}', encodeURIComponent(accountId as string))}`;
      const data = readEnvelope(
        { response, text },
        {
          contract,
          validateResponses,
          secrets,
          method: contract.method,
          url,
          attempts: context.attempts,
        },
      );
      // The secret is write-only: an answer that echoes it back, under any name or escaped, is refused.
      if (typeof clientSecret === 'string' && carriesSecret(text, [clientSecret])) {
        throw new ContractError(
          { status: response.status, violations: ['the answer echoes the clientSecret this call sent; the secret is write-only and no answer may carry it'], traceToken: response.headers.get('x-docusign-tracetoken') ?? undefined },
          { method: contract.method, url, attempts: context.attempts },
        );
      }
      return data;
    } catch (error) {
      throw redactError(error, secrets());
    }
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
  bodySerializer?: () => string | undefined;
};
