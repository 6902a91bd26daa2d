// Requests Prism alone would answer outside the contract: each gets the error envelope
// from the mock, as application/json, with the documented headers, and a message that
// says what was wrong.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref, JSON_MEDIA_TYPE, listOperations, spec, type HeaderObject, type ResponseObject, type SpecOperation } from './support/openapi-document.js';
import { MAX_REQUEST_BYTES, startMock, type RunningMock } from './support/mock-server.js';
import { schemaViolations } from './support/schema-validator.js';
import { validRequest, type PlannedRequest } from './support/valid-request.js';

const operations = listOperations();
const withRequiredBody = operations.filter((operation) => operation.requestBody?.required);
const withBody = operations.filter((operation) => operation.requestBody);
const documentedMethods = operations.map((operation) => operation.method.toUpperCase());
const errorEnvelope = { $ref: '#/components/schemas/ErrorEnvelope' };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: unknown }

// node:http rather than fetch: fetch refuses methods such as TRACE.
function raw(request: PlannedRequest): Promise<Answer> {
  const url = new URL(`${mock.url}${request.path}`);
  return new Promise((resolve, reject) => {
    // A length of its own: node:http sends DELETE's and TRACE's bodies without one otherwise.
    const headers = request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
    const outgoing = httpRequest(url, { method: request.method, headers }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => {
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: incoming.statusCode!, headers: incoming.headers, text, json });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** The envelope, valid against the spec's ErrorEnvelope, as JSON, with a trace token. */
function expectEnvelope(answer: Answer, status: number, code: string): string {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json\b/);
  expect(answer.headers['x-docusign-tracetoken']).toMatch(/^\S{1,128}$/);
  expect(schemaViolations(errorEnvelope, answer.json), answer.text).toEqual([]);
  expect(answer.json).toMatchObject({ success: false, error: { code } });
  return (answer.json as { error: { message: string } }).error.message;
}

/** Every header the operation documents for the status is there and valid. */
function expectDocumentedHeaders(operation: SpecOperation, answer: Answer) {
  const response = deref<ResponseObject>(operation.operation.responses[String(answer.status)]!);
  for (const [name, ref] of Object.entries(response.headers ?? {})) {
    const header = deref<HeaderObject>(ref);
    const value = answer.headers[name.toLowerCase()] as string | undefined;
    if (header.required) expect(value, `${name} on ${answer.status}`).toBeDefined();
    if (value !== undefined) expect(schemaViolations(header.schema, header.schema.type === 'integer' ? Number(value) : value), `${name}: ${value}`).toEqual([]);
  }
}

describe('the mock keeps the envelope', () => {
  it.each(withBody)('$method: a body that is not JSON text gets the 400 envelope, without quoting the body', async (operation) => {
    const request = validRequest(operation, { body: '{"clientSecret": "s3cret-in-broken-json", ' });
    request.headers['content-type'] = JSON_MEDIA_TYPE;
    const answer = await raw(request);
    const message = expectEnvelope(answer, 400, 'VALIDATION_ERROR');
    expectDocumentedHeaders(operation, answer);
    expect(message).toMatch(/not valid JSON/);
    expect(answer.text).not.toContain('s3cret-in-broken-json');
  });

  it.each(withRequiredBody)('$method: an empty body gets the 400 envelope naming what to send', async (operation) => {
    for (const contentType of [JSON_MEDIA_TYPE, undefined]) {
      const request = validRequest(operation, { body: '' });
      if (contentType) request.headers['content-type'] = contentType;
      else delete request.headers['content-type'];
      const answer = await raw(request);
      expect(expectEnvelope(answer, 400, 'VALIDATION_ERROR')).toMatch(/body is empty.*clientSecret/);
      expectDocumentedHeaders(operation, answer);
    }
  });

  it.each(['PATCH', 'TRACE', 'HEAD', 'QUERY', 'PROPFIND'])('%s, which no operation documents, gets 405 with Allow listing the documented methods', async (method) => {
    const answer = await raw({ ...validRequest(operations[0]!), method });
    expect(answer.status).toBe(405);
    expect(String(answer.headers.allow).split(/,\s*/).sort()).toEqual([...documentedMethods].sort());
    expect(answer.headers['x-docusign-tracetoken']).toBeDefined();
    // A HEAD answer has no body by definition.
    if (method !== 'HEAD') expect(expectEnvelope(answer, 405, 'METHOD_NOT_ALLOWED')).toContain(method);
  });

  it('OPTIONS answers 204 with Allow listing the documented methods', async () => {
    const { body: _body, ...withoutBody } = validRequest(operations[0]!);
    const answer = await raw({ ...withoutBody, method: 'OPTIONS' });
    expect(answer.status).toBe(204);
    expect(String(answer.headers.allow).split(/,\s*/).sort()).toEqual([...documentedMethods].sort());
    expect(answer.text).toBe('');
  });

  it.each(['/', '/v2.1/accounts/18394725/connect', '/v2.1/accounts/18394725/connect/oauth/extra', '/v2.1/accounts/18394725/connect/oauth/'])('an unknown path %s gets the 404 envelope naming the paths there are', async (path) => {
    const answer = await raw({ method: 'GET', path, headers: { authorization: 'Bearer t' } });
    expect(expectEnvelope(answer, 404, 'NOT_FOUND')).toContain(Object.keys(spec.paths)[0]);
  });

  const undocumentedStatuses = operations.map((operation) => ({
    operation,
    label: operation.method.toUpperCase(),
    status: ['409', '404', '418', '201', '200'].find((status) => !(status in operation.operation.responses))!,
  }));
  it.each(undocumentedStatuses)('$label: Prefer for a status it does not document ($status) gets the 400 envelope listing the documented ones', async ({ operation, status }) => {
    const request = validRequest(operation);
    request.headers.prefer = `code=${status}`;
    const answer = await raw(request);
    const message = expectEnvelope(answer, 400, 'VALIDATION_ERROR');
    expectDocumentedHeaders(operation, answer);
    expect(message).toContain(`status ${status}`);
    for (const documented of Object.keys(operation.operation.responses)) expect(message).toContain(documented);
  });

  it.each(operations)('$method: Prefer for an example it does not have gets the 400 envelope', async (operation) => {
    const request = validRequest(operation);
    request.headers.prefer = 'example=noSuchExample';
    expect(expectEnvelope(await raw(request), 400, 'VALIDATION_ERROR')).toContain('noSuchExample');
  });

  // Prism's own problem+json answers (here: its __server query parameter naming no server of the spec's)
  // become the envelope, with a status the operation documents.
  it.each(operations)('$method: a Prism problem answer becomes an error envelope with a documented status', async (operation) => {
    const request = validRequest(operation);
    request.path += '?__server=ftp://no-such-server.invalid';
    const answer = await raw(request);
    expect(Object.keys(operation.operation.responses)).toContain(String(answer.status));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(expectEnvelope(answer, answer.status, answer.status === 404 ? 'NOT_FOUND' : 'VALIDATION_ERROR')).toMatch(/could not answer from the spec \(.+\)/);
    expectDocumentedHeaders(operation, answer);
  });

  it.each(operations)('$method: Prefer dynamic=true, which would answer bodies drawn at random, gets the 400 envelope saying to drop it', async (operation) => {
    for (const prefer of ['dynamic=true', `code=${Object.keys(operation.operation.responses)[0]}, dynamic=true`]) {
      const request = validRequest(operation);
      request.headers.prefer = prefer;
      const answer = await raw(request);
      expect(expectEnvelope(answer, 400, 'VALIDATION_ERROR')).toMatch(/dynamic=true.*examples only.*Drop dynamic=true/);
      expectDocumentedHeaders(operation, answer);
    }
    const request = validRequest(operation);
    request.headers.prefer = 'dynamic=false';
    expect((await raw(request)).status).toBeLessThan(300);
  });

  it.each(withBody)('$method: a body over 1 MiB gets the 400 envelope saying the limit, and the mock keeps serving', async (operation) => {
    const answer = await raw(validRequest(operation, { body: `{"clientId":"${'x'.repeat(MAX_REQUEST_BYTES)}"}` }));
    expect(expectEnvelope(answer, 400, 'VALIDATION_ERROR')).toContain(`over ${MAX_REQUEST_BYTES} bytes (1 MiB)`);
    expectDocumentedHeaders(operation, answer);
    expect((await raw(validRequest(operation))).status).toBeLessThan(300);
  });

  it('a request that is not HTTP gets the 400 envelope with a trace token, and the connection closes', async () => {
    const { hostname, port } = new URL(mock.url);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('FOO /v2.1 HTTP/1.1\r\nHost: x\r\n\r\n'));
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    const [head, body] = text.split('\r\n\r\n') as [string, string];
    const headers = Object.fromEntries(head.split('\r\n').slice(1).map((line) => line.split(/:\s*/, 2).map((part, index) => (index === 0 ? part.toLowerCase() : part))));
    expectEnvelope({ status: Number(head.split(' ')[1]), headers, text: body, json: JSON.parse(body) }, 400, 'VALIDATION_ERROR');
  });

  it.each(operations)('$method: each answer, success or error, carries a trace token of its own', async (operation) => {
    const tokens = new Set<unknown>();
    for (let index = 0; index < 3; index++) {
      tokens.add((await raw(validRequest(operation))).headers['x-docusign-tracetoken']);
      const unauthenticated = validRequest(operation);
      delete unauthenticated.headers.authorization;
      tokens.add((await raw(unauthenticated)).headers['x-docusign-tracetoken']);
    }
    expect(tokens.size).toBe(6);
  });

  it.each(operations)('$method: an Accept the contract does not serve still gets JSON', async (operation) => {
    const request = validRequest(operation);
    request.headers.accept = 'text/html';
    const answer = await raw(request);
    expect(answer.status, answer.text).toBeLessThan(300);
    expect(answer.headers['content-type']).toMatch(/^application\/json\b/);
  });

  it.each(operations)('$method without a token gets 401 with WWW-Authenticate: Bearer', async (operation) => {
    const request = validRequest(operation);
    delete request.headers.authorization;
    const answer = await raw(request);
    expectEnvelope(answer, 401, 'UNAUTHORIZED');
    expectDocumentedHeaders(operation, answer);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer\b/);
  });
});

describe('the mock says what was wrong', () => {
  const post = withRequiredBody.find((operation) => operation.method === 'post')!;
  const valid = JSON.parse(validRequest(post).body!) as Record<string, unknown>;

  it.each([
    ['a missing property by name', { ...valid, clientSecret: undefined }, /required property 'clientSecret'/],
    ['an unknown property by name, with the allowed ones', { ...valid, webhookUrl: 'https://example.org' }, /webhookUrl is not allowed; allowed: authorizationServerUrl, clientId, clientSecret/],
    ['an http URL, with what the field must be', { ...valid, authorizationServerUrl: 'http://auth.example.org/token' }, /authorizationServerUrl.*absolute `https` URL/],
    ['a secret too long, without the secret', { ...valid, clientSecret: 'x'.repeat(1025) }, /clientSecret must NOT have more than 1024 characters/],
  ])('names %s', async (_, body, expected) => {
    const answer = await raw(validRequest(post, { body: JSON.stringify(body) }));
    const message = expectEnvelope(answer, 400, 'VALIDATION_ERROR');
    expect(message).toMatch(expected);
    expect(message).not.toBe('Invalid request parameters');
    expect(message).not.toContain('x'.repeat(64));
    expect(answer.headers['sl-violations']).toBeUndefined();
  });

  it.each(operations)('$method: an account id that is neither a number nor a GUID, saying what an account id is', async (operation) => {
    const answer = await raw(validRequest(operation, { path: operation.path.replace('{accountId}', 'acct-12') }));
    expect(expectEnvelope(answer, 400, 'VALIDATION_ERROR')).toMatch(/accountid.*account number.*GUID/i);
  });

  it.each(withBody)('$method: a JSON null body gets the 400 envelope', async (operation) => {
    const answer = await raw(validRequest(operation, { body: 'null' }));
    expect(expectEnvelope(answer, 400, 'VALIDATION_ERROR')).toMatch(/JSON null; .* takes a JSON object/);
  });

  it('DELETE with a body as another media type than JSON, with the 415 envelope', async () => {
    const operation = operations.find((candidate) => candidate.method === 'delete')!;
    const request = validRequest(operation, { body: 'force=true' });
    request.headers['content-type'] = 'application/x-www-form-urlencoded';
    const answer = await raw(request);
    expectEnvelope(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectDocumentedHeaders(operation, answer);
  });

  it('DELETE with a non-empty body, saying it must be empty', async () => {
    const operation = operations.find((candidate) => candidate.method === 'delete')!;
    const answer = await raw(validRequest(operation, { body: JSON.stringify({ force: true }) }));
    expect(expectEnvelope(answer, 400, 'VALIDATION_ERROR')).toMatch(/force is not allowed; allowed: none/);
  });
});
