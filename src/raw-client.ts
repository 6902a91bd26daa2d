// createRawConnectOAuthClient: the openapi-fetch client typed by the spec's paths, on the
// transport of the typed client (base URL checks, token, timeouts, retries, no redirect, the
// body limit, redaction), for requests the typed client does not make. It checks no envelope.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { checkConnectionOptions, type ConnectionOptions } from './client-options.js';
import { ConnectOAuthError, InputError } from './errors.js';
import { redactError, secretsOfBody } from './redact.js';
import { createTransport, describeThrown, passesAsIs } from './transport.js';

export type RawConnectOAuthClient = Client<paths>;

// Every method of openapi-fetch's client that sends: one per HTTP method, and `request`.
const SENDERS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;
// What would send a call past the transport.
const BYPASSES = ['fetch', 'Request'] as const;

export function createRawConnectOAuthClient(options: ConnectionOptions): RawConnectOAuthClient {
  const checked = checkConnectionOptions(options, 'createRawConnectOAuthClient');
  const transport = createTransport(checked);
  const client = createClient<paths>({ baseUrl: checked.baseUrl, fetch: (request: Request) => transport(request) });
  for (const method of SENDERS) {
    const send = client[method] as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const init = args[method === 'request' ? 2 : 1] as { body?: unknown; signal?: AbortSignal | null } | undefined;
      try {
        const bypass = BYPASSES.filter((key) => (init as Record<string, unknown> | undefined)?.[key] !== undefined);
        if (bypass.length > 0) throw new InputError([`a raw call cannot set ${bypass.join(' or ')}: every call goes through the client's transport; pass fetch to createRawConnectOAuthClient`]);
        return await send(...args);
      } catch (error) {
        // The caller's abort reason is the caller's own; anything else (a body JSON.stringify
        // refuses, a 2xx body that is not JSON) becomes a ConnectOAuthError, redacted.
        if (passesAsIs(error, init?.signal)) throw error;
        // JSON.parse's SyntaxError quotes the start of the body, cut where it may hold part of a secret.
        const what = error instanceof SyntaxError ? 'the 2xx body is not valid JSON (not quoted: it may hold a secret); parseAs: "text" reads it as text' : describeThrown(error);
        const secrets = [...(typeof checked.accessToken === 'string' ? [checked.accessToken] : []), ...secretsOfBody(init?.body)];
        throw redactError(new ConnectOAuthError(`a raw ${method === 'request' ? String(args[0]).toUpperCase() : method} call failed: ${what}`, error instanceof SyntaxError ? {} : { cause: error }), secrets);
      }
    };
  }
  return client;
}
