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

// Every method of openapi-fetch's client that sends: one per HTTP method, and `request`.
const SENDERS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;

export function createRawConnectOAuthClient(options: ConnectionOptions): RawConnectOAuthClient {
  const { baseUrl, fetch, maxResponseBytes, ...transportOptions } = checkConnectionOptions(options, 'createRawConnectOAuthClient');
  const client = createClient<paths>({ baseUrl, fetch: rawFetch(createTransport(transportOptions), fetch, maxResponseBytes) });
  for (const method of SENDERS) {
    const send = client[method] as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => send(...args).catch(unquoted);
  }
  return client;
}

// openapi-fetch parses a 2xx body with JSON.parse, whose SyntaxError quotes the start of the
// body, cut where it may hold part of a secret that no redaction could then recognise.
function unquoted(error: unknown): never {
  throw error instanceof SyntaxError ? new SyntaxError('the body is not valid JSON (not quoted: it may hold a secret); parseAs: "text" reads it as text') : error;
}
