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
import { fetchSender, type FetchFunction, type Sender } from './sender.js';
import { createTransport, type CallContext } from './transport.js';
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
  /** The fetch to send with. Default: the global fetch (on Node, the client's own calls go out on node:http). */
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

type OperationName = keyof typeof operationContracts;

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  return createClientWith(options);
}

/** The client, its own calls sent by `defaultSender` unless the options give a fetch. */
export function createClientWith(options: ConnectOAuthClientOptions, defaultSender?: Sender): ConnectOAuthClient {
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

  const sender = options.fetch === undefined && defaultSender ? defaultSender : fetchSender(fetch);
  const transport = createTransport({ fetch, sender, accessToken, timeoutMs, retry, maxResponseBytes });
  const raw = createClient<paths>({ baseUrl, fetch: (request: Request) => transport.raw(request) });

  async function call(name: OperationName, accountId: unknown, body: unknown, callOptions: CallOptions | undefined): Promise<unknown> {
    const contract = operationContracts[name];
    // Every token sent for this call and the secret of its body: what its errors redact.
    const context: CallContext = { method: contract.method, url: '', bodyText: undefined, signal: callOptions?.signal, tokens: [] };
    // A string token is known from the start: an error before the first attempt (the token
    // passed where accountId goes) redacts it too.
    const clientSecret = (body as { clientSecret?: unknown } | undefined)?.clientSecret;
    const secrets = () => [...(typeof accessToken === 'string' ? [accessToken] : []), ...context.tokens, typeof clientSecret === 'string' ? clientSecret : undefined];
    try {
      assertAccountId(contract.pathParameters.accountId, accountId);
      if (contract.requestBody && contract.requestBodyRequired) assertRequestBody(contract.requestBody, body);
      context.url = `${baseUrl}${contract.path.replace('{accountId}', encodeURIComponent(accountId as string))}`;
      // Serialized once, here: the same text goes out on every attempt.
      context.bodyText = body === undefined ? undefined : JSON.stringify(body);
      const reply = await transport.call(context);
      const url = reply.url || context.url;
      const data = readEnvelope(reply, { contract, validateResponses, secrets, method: contract.method, url, attempts: context.attempts });
      // The secret is write-only: an answer that echoes it back, under any name or escaped, is refused.
      if (typeof clientSecret === 'string' && carriesSecret(reply.text, [clientSecret])) {
        throw new ContractError(
          { status: reply.status, violations: ['the answer echoes the clientSecret this call sent; the secret is write-only and no answer may carry it'], traceToken: reply.headers.get('x-docusign-tracetoken') ?? undefined },
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
    createConnectOAuthConfig: (accountId, body, callOptions) => call('createConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigCreated>,
    getConnectOAuthConfig: (accountId, callOptions) => call('getConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDetails>,
    updateConnectOAuthConfig: (accountId, body, callOptions) => call('updateConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigUpdated>,
    deleteConnectOAuthConfig: (accountId, callOptions) => call('deleteConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDeleted>,
  };
}
