// createRawConnectOAuthClient: the openapi-fetch client typed by the spec's paths, for
// requests the typed client does not make. It shares the typed client's transport (base URL
// checks, token, timeouts, retries, no redirect, the body limit, redaction) but checks no
// envelope. It is its own entry (connect-oauth-kit/raw) so that the typed client's bundle
// carries no openapi-fetch.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { checkConnectionOptions, type ConnectionOptions } from './client-options.js';
import { rawFetch } from './raw-transport.js';
import { createTransport } from './transport.js';

export type RawConnectOAuthClient = Client<paths>;

export function createRawConnectOAuthClient(options: ConnectionOptions): RawConnectOAuthClient {
  const { baseUrl, fetch, maxResponseBytes, ...transportOptions } = checkConnectionOptions(options, 'createRawConnectOAuthClient');
  return createClient<paths>({ baseUrl, fetch: rawFetch(createTransport(transportOptions), fetch, maxResponseBytes) });
}
