// The contestants, each able to create and read a configuration through a given transport:
// this package's client (validation on and off), bare openapi-fetch on the same paths, raw
// fetch, and DocuSign's official SDK (docusign-esign, on axios).
import { createRequire } from 'node:module';
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { createConnectOAuthClient, type FetchFunction } from '../src/index.js';
import { ACCOUNT_ID, REQUEST_BODY, TOKEN } from './stub-responses.js';

export interface Side {
  name: string;
  create(): Promise<unknown>;
  get(): Promise<unknown>;
}

type Fetch = FetchFunction;
const PATH = '/v2.1/accounts/{accountId}/connect/oauth';

export const OURS = 'connect-oauth-kit (validation on)';

/** Our client on the global fetch, or on the given one. */
export function ourClient(baseUrl: string, fetch: Fetch | undefined, validateResponses: boolean): Side {
  const client = createConnectOAuthClient({ baseUrl, accessToken: TOKEN, validateResponses, ...(fetch ? { fetch } : {}) });
  return {
    name: validateResponses ? OURS : 'connect-oauth-kit (validation off)',
    create: () => client.createConnectOAuthConfig(ACCOUNT_ID, REQUEST_BODY),
    get: () => client.getConnectOAuthConfig(ACCOUNT_ID),
  };
}

export function bareOpenapiFetch(baseUrl: string, fetch: Fetch | undefined): Side {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch: (request: Request) => fetch(request.url, request) } : {}), headers: { authorization: `Bearer ${TOKEN}` } });
  const params = { path: { accountId: ACCOUNT_ID } };
  return {
    name: 'openapi-fetch (bare)',
    create: async () => (await client.POST(PATH, { params, body: REQUEST_BODY })).data,
    get: async () => (await client.GET(PATH, { params })).data,
  };
}

export function rawFetch(baseUrl: string): Side {
  const url = `${baseUrl}${PATH.replace('{accountId}', ACCOUNT_ID)}`;
  const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
  const body = JSON.stringify(REQUEST_BODY);
  return {
    name: 'fetch (raw)',
    create: async () => (await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })).json(),
    get: async () => (await fetch(url, { headers })).json(),
  };
}

// The SDK is CommonJS and calls the axios module it depends on.
const requireFromSdk = createRequire(createRequire(import.meta.url).resolve('docusign-esign'));
const docusign = createRequire(import.meta.url)('docusign-esign') as {
  ApiClient: new (options: { basePath: string }) => { addDefaultHeader(name: string, value: string): void };
  ConnectApi: new (client: unknown) => {
    createConnectOAuthConfig(accountId: string, options: { connectOAuthConfig: unknown }): Promise<unknown>;
    getConnectOAuthConfig(accountId: string): Promise<unknown>;
  };
};

/** The axios instance the SDK sends with; its adapter is what a stub replaces. */
export const sdkAxios = requireFromSdk('axios') as { defaults: { adapter: unknown } };

export function docusignSdk(baseUrl: string): Side {
  const apiClient = new docusign.ApiClient({ basePath: baseUrl });
  apiClient.addDefaultHeader('Authorization', `Bearer ${TOKEN}`);
  const connect = new docusign.ConnectApi(apiClient);
  return {
    name: 'docusign-esign',
    create: () => connect.createConnectOAuthConfig(ACCOUNT_ID, { connectOAuthConfig: REQUEST_BODY }),
    get: () => connect.getConnectOAuthConfig(ACCOUNT_ID),
  };
}

export function sdkVersion(): string {
  return (createRequire(import.meta.url)('docusign-esign/package.json') as { version: string }).version;
}
