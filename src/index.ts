export { createConnectOAuthClient } from './client.ts';
export type { CallOptions, ConnectOAuthClient, ConnectOAuthClientOptions } from './client.ts';
export { ApiError, ConnectOAuthError, ContractError, InputError, NetworkError, TimeoutError } from './errors.ts';
export type { RateLimit } from './errors.ts';
export type { AccessTokenSource } from './access-token.ts';
export { DEFAULT_RETRY, shouldRetry } from './retry-policy.ts';
export type { AttemptOutcome, RetryOptions } from './retry-policy.ts';
export type { FetchFunction } from './transport.ts';
export type {
  AccountId,
  ConnectOAuthConfigCreated,
  ConnectOAuthConfigDeleted,
  ConnectOAuthConfigDetails,
  ConnectOAuthConfigInput,
  ConnectOAuthConfigUpdated,
  ErrorBody,
  KnownErrorCode,
} from './types.ts';
