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
import { createTransport, describeThrown, type CallRecord, type OutgoingRequest } from './transport.js';
import type {
  AccountId,
  ConnectOAuthConfigCreated,
  ConnectOAuthConfigDeleted,
  ConnectOAuthConfigDetails,
  ConnectOAuthConfigInput,
  ConnectOAuthConfigUpdated,
} from './types.js';

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

/**
 * What openapi-fetch builds for each call in place of a Request: the transport reads only
 * these fields, and a Request (its URL parsed, its body made a stream) cost a third of the
 * client's own time per call.
 */
class LightRequest implements OutgoingRequest {
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  constructor(
    readonly url: string,
    init: RequestInit,
  ) {
    this.method = init.method!;
    this.headers = init.headers as Headers;
    this.body = (init.body as string | undefined) ?? null;
    this.signal = init.signal ?? null;
  }
  text = () => Promise.resolve(this.body ?? '');
}

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  const { baseUrl, ...transportOptions } = checkConnectionOptions(options, 'createConnectOAuthClient');
  const validateResponses = options.validateResponses ?? true;
  const { accessToken } = transportOptions;
  const transport = createTransport(transportOptions);
  const client = createClient<paths>({ baseUrl, Request: LightRequest as unknown as typeof Request });

  async function call(name: OperationName, accountId: unknown, body: unknown, callOptions: CallOptions | undefined): Promise<unknown> {
    const contract = operationContracts[name];
    // A string token is known from the start: an error before the first attempt (the token
    // passed where accountId goes) redacts it too.
    const record: CallRecord = { attempts: 0, tokens: typeof accessToken === 'string' ? [accessToken] : [] };
    const secrets = () => [...record.tokens, ...secretsOfBody(body)];
    let url = contract.path;
    try {
      assertSignal(callOptions?.signal);
      assertAccountId(contract.pathParameters.accountId, accountId);
      url = `${baseUrl}${contract.path.replace('{accountId}', encodeURIComponent(accountId as string))}`;
      if (contract.requestBody && contract.requestBodyRequired) assertRequestBody(contract.requestBody, body);
      // openapi-fetch parses an error body; the envelope is checked on the text as it came.
      let errorText = '';
      const { data, response } = await client.request(contract.method as 'get', contract.path as '/v2.1/accounts/{accountId}/connect/oauth', {
        params: { path: { accountId: accountId as string } },
        body: body as never,
        signal: callOptions?.signal ?? null,
        parseAs: 'text',
        fetch: async (request: OutgoingRequest) => {
          const answer = await transport(request, record);
          if (answer.ok) return answer;
          errorText = await answer.text();
          return new Response(null, { status: answer.status, headers: answer.headers });
        },
      });
      return readEnvelope(response.ok ? ((data as string | undefined) ?? '') : errorText, {
        contract,
        validateResponses,
        secrets,
        clientSecret: (body as { clientSecret?: string } | undefined)?.clientSecret,
        status: response.status,
        headers: response.headers,
        method: contract.method,
        url: response.url || url,
        attempts: record.attempts,
      });
    } catch (error) {
      // The caller's abort reason is the caller's own; anything else not ours (a body whose
      // toJSON throws) is wrapped, so that every failure is a ConnectOAuthError, redacted.
      const own = error instanceof ConnectOAuthError || (callOptions?.signal?.aborted === true && error === callOptions.signal.reason);
      throw redactError(own ? error : new ConnectOAuthError(`${contract.method} ${url} failed: ${describeThrown(error)}`, { method: contract.method, url, cause: error }), secrets());
    }
  }

  return {
    createConnectOAuthConfig: (accountId, body, callOptions) => call('createConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigCreated>,
    getConnectOAuthConfig: (accountId, callOptions) => call('getConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDetails>,
    updateConnectOAuthConfig: (accountId, body, callOptions) => call('updateConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigUpdated>,
    deleteConnectOAuthConfig: (accountId, callOptions) => call('deleteConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDeleted>,
  };
}
