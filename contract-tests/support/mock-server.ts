// The mock of the contract: Prism serving the spec in this process (or, stateful, another
// server of the contract: see reference-server/stateful-mock.ts), behind a thin front
// that keeps every answer inside the contract. The front answers itself only where Prism
// would step outside it (an unknown path, an undocumented method, text that is not JSON, a
// Prefer for a status the operation does not document), and turns the rest of Prism's
// answers into the envelope: problem+json becomes an error envelope with the documented
// headers, and a 400 says what was wrong instead of only "Invalid request parameters".
import { createServer, request as sendToPrism, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createRedactor } from '../../src/redact.js';
import { describeViolations, documentedError, documentedResponse, errorCodeOf, parseViolations, resourceError, traceHeader, type MockAnswer } from './mock-answers.js';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type JsonSchema, type SpecOperation } from './openapi-document.js';
import { startPrism } from './prism.js';

export interface MockOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The server behind the front. Default: Prism serving the spec, stateless, answering from
   * its examples. Another backend remembers what it is sent, so Prism's Prefer is refused.
   */
  backend?: () => Promise<MockBackend>;
}

export interface MockBackend {
  url: string;
  close(): Promise<void>;
}

export interface RunningMock {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  close(): Promise<void>;
}

interface Route {
  pattern: RegExp;
  template: string;
  operations: Map<string, SpecOperation>;
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
// The largest valid request body is a few kB; the spec documents no 413, so a longer one
// gets the documented 400, read no further than this.
export const MAX_REQUEST_BYTES = 1024 * 1024;
// Headers that describe one connection or one encoding of the body, not the answer.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date', 'sl-violations']);

function routesOf(operations: SpecOperation[]): Route[] {
  const routes = new Map<string, Route>();
  for (const operation of operations) {
    let route = routes.get(operation.path);
    if (!route) {
      const pattern = new RegExp(`^${operation.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
      route = { pattern, template: operation.path, operations: new Map() };
      routes.set(operation.path, route);
    }
    route.operations.set(operation.method.toUpperCase(), operation);
  }
  return [...routes.values()];
}

export async function startMock({ port = 0, host = '127.0.0.1', backend }: MockOptions = {}): Promise<RunningMock> {
  const routes = routesOf(listOperations());
  const prism = await (backend ?? (() => startPrism({ errors: true })))();
  const prismUrl = new URL(prism.url);

  const server = createServer((request, response) => {
    handle(request)
      .then((answer) => reply(response, answer))
      .catch((error: unknown) => reply(response, resourceError(500, 'INTERNAL_ERROR', `The mock failed: ${error instanceof Error ? error.message : String(error)}`)));
  });
  // Requests that are not even HTTP get the envelope too, and the connection closes.
  server.on('clientError', (_error: Error, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({ success: false, error: { code: 'VALIDATION_ERROR', message: 'The request is not valid HTTP/1.1; check the request line and headers.' } });
    const headers = { 'content-type': JSON_MEDIA_TYPE, ...traceHeader(), 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
    socket.end(`HTTP/1.1 400 Bad Request\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
  });

  async function handle(request: IncomingMessage): Promise<MockAnswer> {
    const { body, tooLarge } = await readBody(request, MAX_REQUEST_BYTES);
    const method = (request.method ?? 'GET').toUpperCase();
    const pathname = new URL(request.url ?? '/', 'http://mock').pathname;
    const route = routes.find((candidate) => candidate.pattern.test(pathname));
    if (!route) {
      return resourceError(404, 'NOT_FOUND', `Nothing is served at ${pathname}; the paths of this API are ${routes.map((known) => known.template).join(', ')}.`);
    }
    const allow = [...route.operations.keys()].join(', ');
    if (method === 'OPTIONS') return { status: 204, headers: { allow, ...traceHeader() } };
    const operation = route.operations.get(method);
    if (!operation) {
      return resourceError(405, 'METHOD_NOT_ALLOWED', `${method} is not an operation of ${route.template}; use ${allow}.`, { allow });
    }
    if (tooLarge) {
      return documentedError(operation, 400, `The request body is over ${MAX_REQUEST_BYTES} bytes (1 MiB), far more than any valid ${method} body; send the configuration alone, as one JSON object.`);
    }
    const prefer = single(request.headers.prefer);
    const refused = (backend ? refuseStatefulPrefer(operation, prefer) : refusePrefer(operation, prefer)) ?? refuseMissingBody(operation, body) ?? refuseUnparsedJson(operation, request.headers, body);
    if (refused) return refused;
    return fromPrism(operation, await forward(request, method, body), body);
  }

  async function forward(request: IncomingMessage, method: string, body: Buffer): Promise<PrismReply> {
    // The contract only speaks JSON: whatever Accept asked, the answer is the JSON envelope.
    const headers: IncomingHttpHeaders = { ...request.headers, host: prismUrl.host, accept: JSON_MEDIA_TYPE, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    delete headers.connection;
    // The scheme is case-insensitive (RFC 9110, section 11.1), which Prism does not allow for.
    const bearer = /^bearer(\s+\S+)$/i.exec(single(headers.authorization) ?? '');
    if (bearer) headers.authorization = `Bearer${bearer[1]}`;
    return new Promise((resolve, reject) => {
      const outgoing = sendToPrism({ hostname: prismUrl.hostname, port: prismUrl.port, method, path: request.url, headers }, (incoming) => {
        readBody(incoming, Number.POSITIVE_INFINITY).then(({ body: text }) => resolve({ status: incoming.statusCode ?? 500, headers: incoming.headers, text: text.toString('utf8') }), reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        });
        await prism.close();
      })()),
  };
}

interface PrismReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A Prefer the operation cannot honour: a status it does not document, or an example it does not have. */
function refusePrefer(operation: SpecOperation, prefer: string | undefined): MockAnswer | undefined {
  if (!prefer) return undefined;
  const documented = Object.keys(operation.operation.responses);
  const name = `${operation.method.toUpperCase()} ${operation.path}`;
  // Prism's dynamic answers are drawn at random from the schemas, and may break them (a
  // secret-shaped property, a malformed timestamp): the mock answers from examples only.
  if (/(?:^|[\s,;])dynamic=true\b/i.test(prefer)) {
    return documentedError(operation, 400, `Prefer asks for dynamic=true (answers generated at random from the schemas), which the mock does not serve: it answers from the spec's examples only. Drop dynamic=true; pick a status with code=N or an example with example=NAME.`);
  }
  const code = /(?:^|[\s,;])code=([^\s,;]+)/.exec(prefer)?.[1];
  if (code !== undefined && !documented.includes(code)) {
    return documentedError(operation, 400, `Prefer asks for status ${code}, which ${name} does not document; ask for one of ${documented.join(', ')}.`);
  }
  const example = /(?:^|[\s,;])example=([^\s,;]+)/.exec(prefer)?.[1];
  if (example === undefined) return undefined;
  const status = code ?? documented.find((candidate) => candidate.startsWith('2'))!;
  const names = namedExamples(documentedResponse(operation, Number(status))?.content?.[JSON_MEDIA_TYPE]?.examples).map((known) => known.name);
  if (names.includes(example)) return undefined;
  return documentedError(operation, 400, `Prefer asks for example ${example}, which ${name} does not have for status ${status}; its examples are ${names.join(', ')}.`);
}

/** The stateful mock answers from what it stores: a status or example asked for cannot be honoured. */
function refuseStatefulPrefer(operation: SpecOperation, prefer: string | undefined): MockAnswer | undefined {
  if (!prefer || !/(?:^|[\s,;])(?:code|example|dynamic)=/i.test(prefer)) return undefined;
  return documentedError(operation, 400, `Prefer asks for a status or an example, which the stateful mock does not serve: it answers from what each account stores. Drop the Prefer header, or use the stateless mock (npm run mock, without --stateful).`);
}

/** No body where the operation needs one: say what to send, from the body's schema. */
function refuseMissingBody(operation: SpecOperation, body: Buffer): MockAnswer | undefined {
  if (body.length > 0 || !operation.requestBody?.required) return undefined;
  const schema = deref<JsonSchema>(operation.requestBody.content[JSON_MEDIA_TYPE]?.schema ?? {});
  const required = (schema.required as string[] | undefined) ?? [];
  return documentedError(operation, 400, `The request body is empty; ${operation.method.toUpperCase()} needs a JSON object (${JSON_MEDIA_TYPE})${required.length > 0 ? ` with ${required.join(', ')}` : ''}.`);
}

/** A body sent as JSON that does not parse, or is null. Prism would answer it outside the envelope, or take it for no body. */
function refuseUnparsedJson(operation: SpecOperation, headers: IncomingHttpHeaders, body: Buffer): MockAnswer | undefined {
  if (body.length === 0 || !JSON_CONTENT_TYPE.test(headers['content-type'] ?? '')) return undefined;
  try {
    // Prism takes a JSON null for no body at all, which an optional body would let pass.
    if (JSON.parse(body.toString('utf8')) !== null) return undefined;
    return documentedError(operation, 400, `The request body is JSON null; ${operation.method.toUpperCase()} takes a JSON object${operation.requestBody?.required ? '' : ', or no body'}.`);
  } catch {
    // The parser's message quotes the text, which may hold a secret: say only where to look.
    return documentedError(operation, 400, `The request body is not valid JSON (${body.length} bytes as ${headers['content-type']}); send one JSON object, or check for a missing quote, comma or brace.`);
  }
}

/** Prism's answer, kept inside the contract. */
function fromPrism(operation: SpecOperation, reply: PrismReply, requestBody: Buffer): MockAnswer {
  const contentType = String(reply.headers['content-type'] ?? '');
  if (!JSON_CONTENT_TYPE.test(contentType) || /problem\+json/i.test(contentType) || !documentedResponse(operation, reply.status)) {
    const problem = parseJson(reply.text) as { title?: unknown; detail?: unknown } | undefined;
    const what = [problem?.title, problem?.detail].filter((part) => typeof part === 'string').join(': ') || `status ${reply.status}`;
    // A status the operation does not document becomes the one it does for the same side:
    // 400 for the request's fault, 500 for the mock's.
    const status = errorCodeOf(documentedResponse(operation, reply.status)) ? reply.status : reply.status >= 400 && reply.status < 500 ? 400 : 500;
    return documentedError(operation, status, `The mock could not answer from the spec (${what}).`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Prism repeats the header's example on every answer; a trace token names one request.
  Object.assign(headers, traceHeader());
  const body = parseJson(reply.text);
  const violations = parseViolations(single(reply.headers['sl-violations']));
  const envelope = body as { success?: unknown; error?: { message?: unknown } } | undefined;
  if (reply.status === 400 && violations && violations.length > 0 && envelope?.success === false && envelope.error) {
    const sent = parseJson(requestBody.toString('utf8'));
    const secret = (sent as { clientSecret?: unknown } | undefined)?.clientSecret;
    // Prism's messages name fields and rules, not values; should one ever quote the secret, in
    // any escaping, it goes, by the client's own rule.
    envelope.error.message = createRedactor([typeof secret === 'string' ? secret : undefined])(describeViolations(operation, violations, sent));
  }
  return { status: reply.status, headers, body };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reply(response: ServerResponse, answer: MockAnswer): void {
  if (answer.body === undefined) {
    response.writeHead(answer.status, answer.headers);
    response.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

/**
 * A body, read up to `limit` bytes. Past it the rest is drained, not kept, so that the
 * sender can finish sending and read the answer.
 */
async function readBody(stream: NodeJS.ReadableStream, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let tooLarge = false;
  for await (const chunk of stream) {
    if (tooLarge) continue;
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    length += buffer.length;
    if (length > limit) {
      tooLarge = true;
      chunks.length = 0;
    } else chunks.push(buffer);
  }
  return { body: Buffer.concat(chunks), tooLarge };
}
