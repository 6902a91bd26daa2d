// createConnectOAuthClient: the four operations with the names of DocuSign's SDK, typed
// from the spec, their answers checked against it. (The raw openapi-fetch client, on the
// same transport, is the package's ./raw entry: src/raw-client.ts.)
import { operationContracts } from '../generated/validators.js';
import { checkConnectionOptions, type ConnectionOptions } from './client-options.js';
import { assertAccountId, assertRequestBody, assertSignal } from './input-validation.js';
import { ConnectOAuthError } from './errors.js';
import { redactError, secretsOfBody } from './redact.js';
import { readEnvelope } from './response-envelope.js';
import { fetchSender, senderAttempts } from './sender.js';
import { createTransport, describeThrown, type CallContext } from './transport.js';
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

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  const { baseUrl, fetch, maxResponseBytes, ...transportOptions } = checkConnectionOptions(options, 'createConnectOAuthClient');
  const validateResponses = options.validateResponses ?? true;
  const { accessToken } = transportOptions;
  const sender = fetchSender(fetch);
  const transport = createTransport(transportOptions);

  async function call(name: OperationName, accountId: unknown, body: unknown, callOptions: CallOptions | undefined): Promise<unknown> {
    const contract = operationContracts[name];
    // Every token sent for this call and the secret of its body: what its errors redact.
    const context: CallContext = { method: contract.method, url: '', signal: callOptions?.signal, tokens: [] };
    // A string token is known from the start: an error before the first attempt (the token
    // passed where accountId goes) redacts it too.
    const { clientSecret, secrets: bodySecrets } = secretsOfBody(body);
    const secrets = () => [...(typeof accessToken === 'string' ? [accessToken] : []), ...context.tokens, ...bodySecrets];
    try {
      assertSignal(callOptions?.signal);
      assertAccountId(contract.pathParameters.accountId, accountId);
      if (contract.requestBody && contract.requestBodyRequired) assertRequestBody(contract.requestBody, body);
      context.url = `${baseUrl}${contract.path.replace('{accountId}', encodeURIComponent(accountId as string))}`;
      // Serialized once, here: the same text goes out on every attempt.
      const bodyText = body === undefined ? undefined : JSON.stringify(body);
      const reply = await transport.run(context, senderAttempts(sender, context, bodyText, maxResponseBytes));
      return readEnvelope(reply, {
        contract,
        validateResponses,
        secrets,
        clientSecret,
        method: contract.method,
        url: reply.url || context.url,
        attempts: context.attempts,
      });
    } catch (error) {
      // The caller's abort reason is the caller's own; anything else not ours (a body whose
      // toJSON throws) is wrapped, so that every failure is a ConnectOAuthError, redacted.
      const own = error instanceof ConnectOAuthError || (callOptions?.signal?.aborted === true && error === callOptions.signal.reason);
      throw redactError(own ? error : new ConnectOAuthError(`${contract.method} ${context.url || contract.path} failed: ${describeThrown(error)}`, { method: contract.method, url: context.url || undefined, cause: error }), secrets());
    }
  }

  return {
    createConnectOAuthConfig: (accountId, body, callOptions) => call('createConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigCreated>,
    getConnectOAuthConfig: (accountId, callOptions) => call('getConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDetails>,
    updateConnectOAuthConfig: (accountId, body, callOptions) => call('updateConnectOAuthConfig', accountId, body, callOptions) as Promise<ConnectOAuthConfigUpdated>,
    deleteConnectOAuthConfig: (accountId, callOptions) => call('deleteConnectOAuthConfig', accountId, undefined, callOptions) as Promise<ConnectOAuthConfigDeleted>,
  };
}
