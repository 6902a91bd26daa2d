// createConnectOAuthClient: the four operations with the names of DocuSign's SDK, each a call
// of the openapi-fetch client typed by the spec's paths (createRawConnectOAuthClient), with
// its input checked before it is sent and its answer checked against the spec.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { operationContracts } from '../generated/validators.js';
import { checkConnectionOptions, type ConnectionOptions } from './client-options.js';
import { ConnectOAuthError } from './errors.js';
import { assertAccountId, assertRequestBody, assertSignal } from './input-validation.js';
import { redactError, secretsOfBody } from './redact.js';
import { readEnvelope } from './response-envelope.js';
import { createTransport, describeThrown, passesAsIs, type CallRecord, type OutgoingRequest } from './transport.js';
import type { AccountId, ConnectOAuthConfigCreated, ConnectOAuthConfigDeleted, ConnectOAuthConfigDetails, ConnectOAuthConfigInput, ConnectOAuthConfigUpdated } from './types.js';

export interface ConnectOAuthClientOptions extends ConnectionOptions {
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
}

type OperationName = keyof typeof operationContracts;

/** What openapi-fetch builds for each call in place of a Request, which (its URL parsed, its body made a stream) cost a third of the client's own time. */
class LightRequest implements OutgoingRequest {
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  constructor(
    readonly url: string,
    init: RequestInit,
  ) {
    [this.method, this.headers, this.body, this.signal] = [init.method!, init.headers as Headers, (init.body as string | undefined) ?? null, init.signal ?? null];
  }
  text() {
    return Promise.resolve(this.body ?? '');
  }
}

const decoder = new TextDecoder();

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  const checked = checkConnectionOptions(options, 'createConnectOAuthClient');
  const { baseUrl, accessToken } = checked;
  const validateResponses = options.validateResponses ?? true;
  const transport = createTransport(checked);
  const client = createClient<paths>({ baseUrl, Request: LightRequest as unknown as typeof Request });

  async function call(name: OperationName, accountId: unknown, body: unknown, callOptions: CallOptions | undefined): Promise<unknown> {
    const { method, path, pathParameters, requestBody, requestBodyRequired } = operationContracts[name];
    // A string token is known from the start: an error before the first attempt (the token
    // passed where accountId goes) redacts it too.
    const record: CallRecord = { attempts: 0, tokens: typeof accessToken === 'string' ? [accessToken] : [] };
    const secrets = () => [...record.tokens, ...secretsOfBody(body)];
    let url = path;
    try {
      assertSignal(callOptions?.signal);
      assertAccountId(pathParameters.accountId, accountId);
      url = `${baseUrl}${path.replace('{accountId}', encodeURIComponent(accountId as string))}`;
      if (requestBody && requestBodyRequired) assertRequestBody(requestBody, body);
      // The envelope is checked on the body as it came (record.body); openapi-fetch leaves a 2xx body unread as a stream.
      const { response } = await client.request(method as 'get', path as '/v2.1/accounts/{accountId}/connect/oauth', {
        params: { path: { accountId: accountId as string } },
        body: body as never,
        signal: callOptions?.signal ?? null,
        parseAs: 'stream',
        fetch: (request: OutgoingRequest) => transport(request, record),
      });
      const { status, headers } = response;
      const text = record.body ? decoder.decode(record.body) : '';
      const clientSecret = (body as { clientSecret?: string } | undefined)?.clientSecret;
      return readEnvelope(text, { contract: operationContracts[name], validateResponses, secrets, clientSecret, status, headers, method, url: response.url, attempts: record.attempts });
    } catch (error) {
      // The caller's abort reason is the caller's own; anything else not ours (a body whose
      // toJSON throws) is wrapped, so that every failure is a ConnectOAuthError, redacted.
      throw redactError(passesAsIs(error, callOptions?.signal) ? error : new ConnectOAuthError(`${method} ${url} failed: ${describeThrown(error)}`, { method, url, cause: error }), secrets());
    }
  }

  return {
    createConnectOAuthConfig: (accountId, body, callOptions) => call('createConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigCreated>,
    getConnectOAuthConfig: (accountId, callOptions) => call('getConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDetails>,
    updateConnectOAuthConfig: (accountId, body, callOptions) => call('updateConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigUpdated>,
    deleteConnectOAuthConfig: (accountId, callOptions) => call('deleteConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDeleted>,
  };
}
