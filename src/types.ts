// The client's public types, read off the generated `paths` so that they follow the spec.
import type { components, paths } from '../generated/schema.js';

type ConnectOAuthPath = paths['/v2.1/accounts/{accountId}/connect/oauth'];
type JsonBody<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
/** The `data` of an operation's 2xx JSON response. */
type SuccessData<Operation> = Operation extends { responses: infer Responses } ? (JsonBody<Responses[Extract<keyof Responses, 200 | 201 | 202>]> extends { data: infer Data } ? Data : never) : never;

/** An account number such as `"18394725"` or an account ID GUID. */
export type AccountId = ConnectOAuthPath['parameters']['path']['accountId'];
/** What POST and PUT send: the authorization server and the client credentials. */
export type ConnectOAuthConfigInput = NonNullable<ConnectOAuthPath['post']['requestBody']>['content']['application/json'];
/** What `createConnectOAuthConfig` resolves to: `{ id, created_at }`. */
export type ConnectOAuthConfigCreated = SuccessData<ConnectOAuthPath['post']>;
/** What `getConnectOAuthConfig` resolves to: the stored configuration, without its secret. */
export type ConnectOAuthConfigDetails = SuccessData<ConnectOAuthPath['get']>;
/** What `updateConnectOAuthConfig` resolves to: the configuration as stored after the change. */
export type ConnectOAuthConfigUpdated = SuccessData<ConnectOAuthPath['put']>;
/** What `deleteConnectOAuthConfig` resolves to: `{ id, deleted_at }`. */
export type ConnectOAuthConfigDeleted = SuccessData<ConnectOAuthPath['delete']>;
/** The error envelope's `error`. */
export type ErrorBody = NonNullable<ConnectOAuthPath['get']['responses'][404]['content']['application/json']>['error'];
/** The error codes the spec documents; servers may send others. */
export type KnownErrorCode = components['schemas']['ErrorCode'];
