// A small, stateful, in-memory server of the contract, for proving the contract suite: the
// suite must pass against it, and fail against each of its broken variants (`faults`).
// Request checks use the spec's own validators (generated/validators.ts).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationContracts } from '../../generated/validators.js';
import { spec } from '../support/openapi-document.js';
import { forgetLocalServer, registerLocalServer } from '../engine/local-servers.js';

export const FAULTS = {
  'wrong-status': 'POST answers 200 instead of 201',
  'missing-success': 'GET answers its envelope without `success`',
  'secret-echoed': 'GET returns the clientSecret',
  'invalid-body-accepted': 'bodies are not validated',
  'bad-account-accepted': 'account ids are not validated',
  'auth-ignored': 'requests without a valid token are served',
  'wrong-content-type': 'responses are sent as text/plain',
  'error-on-valid-input': 'PUT answers 500 to valid input',
  'delete-keeps-resource': 'DELETE answers 200 but keeps the configuration',
  'no-conflict': 'a second POST replaces the configuration with 201',
  'no-trace-token': 'responses lack X-DocuSign-TraceToken',
  'success-on-error': 'error responses say `success: true`',
  'patch-accepted': 'PATCH is served like PUT',
  'error-not-enveloped': 'errors are answered as {"message": ...}, without the envelope',
  'error-wrong-content-type': 'errors are answered as text/html',
  'error-no-trace-token': 'errors lack X-DocuSign-TraceToken',
  'not-found-plain': '404 is answered as text/plain "Not Found"',
  'unknown-property-accepted': 'a body with an unknown property is accepted',
  'http-url-accepted': 'an http:// authorizationServerUrl is accepted',
  'any-token-accepted': 'any well-formed bearer token is accepted',
  'malformed-json-500': 'malformed JSON is answered 500',
  'no-allow-header': '405 comes without an Allow header',
  'token-echoed': 'error messages repeat the bearer token, as sent, JSON-escaped, and URL-encoded in a header',
  'delete-absent-answered': 'DELETE answers 200 with a made-up id when nothing is stored',
  'update-answers-old': 'PUT answers the configuration as it was before the update',
  'custom-parameters-dropped': 'customParameters are not stored: GET and PUT answer without them',
  'delete-wrong-id': 'DELETE answers a made-up id, not the one it removed',
  'created-at-moves': 'PUT sets created_at anew',
  'wrong-error-code': '404 carries the code of a 500, INTERNAL_ERROR',
} as const;

export type Fault = keyof typeof FAULTS;

export interface ReferenceServerOptions {
  /** The one bearer token served; `null` serves any, as a mock does. */
  token: string | null;
  faults?: readonly Fault[];
  /** Configurations the accounts already have, by account id. */
  stored?: Record<string, StoredInput>;
  /**
   * Sees every request first (a live variant's rate limits, delays, log); answers true when it
   * has answered the request itself. Headers it sets stand over the server's defaults.
   */
  intercept?(request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean>;
}

export interface ReferenceServer {
  url: string;
  /** The account's configuration as stored, secret included, as JSON; undefined when it has none. */
  storedConfiguration(accountId: string): string | undefined;
  close(): Promise<void>;
}

export type StoredInput = Pick<StoredConfig, 'authorizationServerUrl' | 'clientId' | 'clientSecret' | 'scope' | 'customParameters'>;

interface StoredConfig {
  id: string;
  authorizationServerUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  customParameters?: Record<string, string>;
  created_at: string;
  updated_at: string;
}

const PATH = /^\/v2\.1\/accounts\/([^/]+)\/connect\/oauth$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);
const contracts = operationContracts;
const KNOWN_PROPERTIES = new Set(Object.keys((spec.components.schemas!.ConnectOAuthConfig as { properties: Record<string, unknown> }).properties));

export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const faults = new Set(options.faults ?? []);
  const configs = new Map<string, StoredConfig>();
  const since = new Date(0).toISOString();
  for (const [accountId, input] of Object.entries(options.stored ?? {})) configs.set(accountId, { ...input, id: randomUUID(), created_at: since, updated_at: since });

  // What each request sent as Authorization, for the variant that repeats it in its errors.
  const authorizations = new WeakMap<ServerResponse, string>();
  const server = createServer(async (request, response) => {
    authorizations.set(response, request.headers.authorization ?? '');
    try {
      await handle(request, response);
    } catch (error) {
      send(response, 500, fail('INTERNAL_ERROR', `The reference server failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  });

  function send(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
    if (status === 404 && faults.has('wrong-error-code')) body = fail('INTERNAL_ERROR', 'Nothing is stored here.');
    if (status >= 400 && faults.has('token-echoed')) ({ body, headers } = echoToken(authorizations.get(response) ?? '', body, headers));
    if (status >= 400 && sendBrokenError(response, status, body, headers)) return;
    const envelope = faults.has('missing-success') && status === 200 && 'data' in body ? { data: (body as { data: unknown }).data } : body;
    const flagged = faults.has('success-on-error') && status >= 400 ? { ...envelope, success: true } : envelope;
    const limits = { 'x-ratelimit-limit': '3000', 'x-ratelimit-remaining': '2999', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 3_600_000) * 3600) };
    for (const [name, value] of Object.entries(limits)) if (!response.hasHeader(name)) response.setHeader(name, value);
    response.writeHead(status, {
      'content-type': faults.has('wrong-content-type') ? 'text/plain' : 'application/json',
      ...(faults.has('no-trace-token') ? {} : { 'x-docusign-tracetoken': randomUUID() }),
      ...headers,
    });
    const text = JSON.stringify(flagged);
    response.end(faults.has('token-echoed') ? text.replaceAll('/', '\\/') : text);
  }

  function echoToken(authorization: string, body: object, headers: Record<string, string>): { body: object; headers: Record<string, string> } {
    const { error } = body as { error?: { code: string; message: string } };
    if (!error || authorization === '') return { body, headers };
    // In the body every "/" goes out escaped as "\\/", as PHP's JSON encoder writes it.
    const message = `${error.message} (you sent ${authorization})`;
    return { body: { ...body, error: { ...error, message } }, headers: { ...headers, 'x-sent-authorization': authorization, 'x-debug-authorization': encodeURIComponent(authorization) } };
  }

  /** The faults of error answers alone; true when one of them answered. */
  function sendBrokenError(response: ServerResponse, status: number, body: object, headers: Record<string, string>): boolean {
    const message = (body as { error?: { message?: string } }).error?.message ?? 'Error';
    const { allow, ...others } = headers;
    const kept = faults.has('no-allow-header') ? others : headers;
    if (faults.has('not-found-plain') && status === 404) {
      response.writeHead(404, { 'content-type': 'text/plain', 'x-docusign-tracetoken': randomUUID(), ...kept }).end('Not Found');
    } else if (faults.has('error-not-enveloped')) {
      response.writeHead(status, { 'content-type': 'application/json', 'x-docusign-tracetoken': randomUUID(), ...kept }).end(JSON.stringify({ message }));
    } else if (faults.has('error-wrong-content-type')) {
      response.writeHead(status, { 'content-type': 'text/html', 'x-docusign-tracetoken': randomUUID(), ...kept }).end(JSON.stringify(body));
    } else if (faults.has('error-no-trace-token')) {
      response.writeHead(status, { 'content-type': 'application/json', ...kept }).end(JSON.stringify(body));
    } else if (faults.has('no-allow-header') && status === 405) {
      response.writeHead(status, { 'content-type': 'application/json', 'x-docusign-tracetoken': randomUUID() }).end(JSON.stringify(body));
    } else {
      return false;
    }
    return true;
  }

  function details(config: StoredConfig) {
    const { clientSecret, customParameters, ...rest } = config;
    const shown = faults.has('custom-parameters-dropped') || customParameters === undefined ? rest : { ...rest, customParameters };
    return faults.has('secret-echoed') ? { ...shown, clientSecret } : shown;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.intercept && (await options.intercept(request, response))) return;
    const url = new URL(request.url ?? '/', 'http://reference');
    const match = PATH.exec(url.pathname);
    if (!match) return send(response, 404, fail('NOT_FOUND', `No resource at ${url.pathname}.`));
    let method = request.method ?? 'GET';
    if (method === 'PATCH' && faults.has('patch-accepted')) method = 'PUT';
    if (!METHODS.has(method)) return send(response, 405, fail('METHOD_NOT_ALLOWED', `${method} is not supported here; use GET, POST, PUT or DELETE.`), { allow: 'GET, POST, PUT, DELETE' });

    const contract = Object.values(contracts).find((candidate) => candidate.method === method)!;
    const authorization = request.headers.authorization ?? '';
    // The scheme is case-insensitive (RFC 9110, section 11.1); the token is compared exactly.
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const anyToken = (options.token === null || faults.has('any-token-accepted')) && token !== undefined;
    if (!faults.has('auth-ignored') && !anyToken && token !== options.token) {
      const challenge = /^Bearer\s+\S/i.test(authorization) ? 'Bearer realm="reference", error="invalid_token"' : 'Bearer realm="reference"';
      return send(response, 401, fail('UNAUTHORIZED', "Send a valid access token as 'Authorization: Bearer <token>'."), { 'www-authenticate': challenge });
    }
    let accountId: string;
    try {
      accountId = decodeURIComponent(match[1]!);
    } catch {
      return send(response, 400, fail('VALIDATION_ERROR', 'The account id is not valid percent-encoding.'));
    }
    if (!faults.has('bad-account-accepted') && !contract.pathParameters.accountId(accountId)) {
      return send(response, 400, fail('VALIDATION_ERROR', 'accountId must be an account number or an account ID GUID.'));
    }

    let body: Record<string, unknown> | undefined;
    const text = await readBody(request);
    // An optional body (DELETE's) may be left out; a required one is read whatever was sent.
    if (contract.requestBody && (contract.requestBodyRequired || text !== '')) {
      if (!/^application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) {
        return send(response, 415, fail('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'));
      }
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        if (faults.has('malformed-json-500')) return send(response, 500, fail('INTERNAL_ERROR', 'Unexpected token.'));
        return send(response, 400, fail('VALIDATION_ERROR', 'The request body is not JSON.'));
      }
      if (!faults.has('invalid-body-accepted') && !contract.requestBody(leniently(body))) {
        return send(response, 400, fail('VALIDATION_ERROR', `The request body breaks the schema: ${brokenRules(contract.requestBody.errors)}.`));
      }
    }

    const existing = configs.get(accountId);
    // As most servers write it: UTC, with milliseconds.
    const now = new Date().toISOString();
    switch (method) {
      case 'POST': {
        if (existing && !faults.has('no-conflict')) return send(response, 409, fail('CONFLICT', 'This account already has a Connect OAuth configuration; change it with PUT.'));
        const stored = { ...(body as object), id: randomUUID(), created_at: now, updated_at: now } as StoredConfig;
        configs.set(accountId, stored);
        return send(response, faults.has('wrong-status') ? 200 : 201, ok({ id: stored.id, created_at: stored.created_at }));
      }
      case 'GET':
        if (!existing) return send(response, 404, fail('NOT_FOUND', 'This account has no Connect OAuth configuration; create one with POST.'));
        return send(response, 200, ok(details(existing)));
      case 'PUT': {
        if (faults.has('error-on-valid-input')) return send(response, 500, fail('INTERNAL_ERROR', 'Something broke.'));
        if (!existing) return send(response, 404, fail('NOT_FOUND', 'This account has no Connect OAuth configuration; create one with POST.'));
        // The broken variant moves created_at a whole second, so that no clock can hide it.
        const createdAt = faults.has('created-at-moves') ? new Date(Date.parse(existing.created_at) + 1000).toISOString() : existing.created_at;
        const stored = { ...(body as object), id: existing.id, created_at: createdAt, updated_at: now } as StoredConfig;
        configs.set(accountId, stored);
        return send(response, 200, ok(details(faults.has('update-answers-old') ? existing : stored)));
      }
      default: {
        if (!existing && faults.has('delete-absent-answered')) return send(response, 200, ok({ id: randomUUID(), deleted_at: now }));
        if (!existing) return send(response, 404, fail('NOT_FOUND', 'This account has no Connect OAuth configuration; create one with POST.'));
        if (!faults.has('delete-keeps-resource')) configs.delete(accountId);
        return send(response, 200, ok({ id: faults.has('delete-wrong-id') ? randomUUID() : existing.id, deleted_at: now }));
      }
    }
  }

  /** The body as a lenient variant would validate it: unknown properties dropped, http taken for https. */
  function leniently(body: unknown): unknown {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
    let seen = { ...(body as Record<string, unknown>) };
    if (faults.has('unknown-property-accepted')) seen = Object.fromEntries(Object.entries(seen).filter(([name]) => KNOWN_PROPERTIES.has(name)));
    if (faults.has('http-url-accepted') && typeof seen.authorizationServerUrl === 'string') seen.authorizationServerUrl = seen.authorizationServerUrl.replace(/^http:\/\//, 'https://');
    return seen;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Ours, not somebody's account: a suite in this process may write to it without asking.
  registerLocalServer(url);
  return {
    url,
    storedConfiguration: (accountId) => (configs.has(accountId) ? JSON.stringify(configs.get(accountId)) : undefined),
    close: () =>
      new Promise<void>((resolve, reject) => {
        forgetLocalServer(url);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Which field broke which rule, never the value sent (it may be the secret). */
function brokenRules(errors: ReadonlyArray<{ instancePath: string; keyword: string; params: Record<string, unknown> }> | null | undefined): string {
  const named = (errors ?? [])
    .filter(({ keyword }) => keyword !== 'anyOf')
    .map(({ instancePath, keyword, params }) => {
      const where = instancePath === '' ? 'the body' : instancePath.slice(1).replaceAll('/', '.');
      // A property's name (one missing, one unknown) is told; a value never is.
      const name = params.missingProperty ?? params.additionalProperty;
      return `${where} breaks ${keyword}${typeof name === 'string' ? ` (${name})` : ''}`;
    });
  return [...new Set(named)].join(', ') || 'it is not a valid configuration';
}

const ok = (data: unknown) => ({ success: true, data });
const fail = (code: string, message: string) => ({ success: false, error: { code, message } });

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
