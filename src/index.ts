export { createConnectOAuthClient } from './client.js';
export type { CallOptions, ConnectOAuthClient, ConnectOAuthClientOptions } from './client.js';
export { ApiError, ConnectOAuthError, ContractError, InputError, NetworkError, TimeoutError, UnavailableError } from './errors.js';
export type { RateLimit } from './errors.js';
export type { AccessTokenSource } from './access-token.js';
export { DEFAULT_RETRY, shouldRetry } from './retry-policy.js';
export type { AttemptOutcome, RetryOptions } from './retry-policy.js';
export type { FetchFunction } from './transport.js';
export type { AccountId, ConnectOAuthConfigCreated, ConnectOAuthConfigDeleted, ConnectOAuthConfigDetails, ConnectOAuthConfigInput, ConnectOAuthConfigUpdated, ErrorBody, KnownErrorCode } from './types.js';
