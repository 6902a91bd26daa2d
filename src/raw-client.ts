// createRawConnectOAuthClient: the openapi-fetch client typed by the spec's paths, on the
// transport of the typed client (base URL checks, token, timeouts, retries, no redirect, the
// body limit, redaction), for requests the typed client does not make. It checks no envelope.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { checkConnectionOptions, type ConnectionOptions } from './client-options.js';
import { createTransport } from './transport.js';

export type RawConnectOAuthClient = Client<paths>;

// Every method of openapi-fetch's client that sends: one per HTTP method, and `request`.
const SENDERS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;

export function createRawConnectOAuthClient(options: ConnectionOptions): RawConnectOAuthClient {
  const { baseUrl, ...transportOptions } = checkConnectionOptions(options, 'createRawConnectOAuthClient');
  const transport = createTransport(transportOptions);
  const client = createClient<paths>({ baseUrl, fetch: (request: Request) => transport(request) });
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
