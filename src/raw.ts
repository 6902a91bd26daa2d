export { createRawConnectOAuthClient } from './raw-client.js';
export type { RawConnectOAuthClient } from './raw-client.js';
export type { ConnectionOptions as RawConnectOAuthClientOptions } from './client-options.js';
export type { AccessTokenSource } from './access-token.js';
export type { RetryOptions } from './retry-policy.js';
export type { FetchFunction } from './transport.js';
export { ConnectOAuthError, ContractError, InputError, NetworkError, TimeoutError } from './errors.js';
