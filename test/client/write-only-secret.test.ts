// The client refuses an answer whose result carries a clientSecret of its own (the spec's
// data schemas refuse it), and any answer that echoes the secret the call sent, wherever it
// stands: a ContractError that names the breach, with the secret nowhere in it. Searching
// whole answers for the property at any depth is the contract suite's (secret_not_echoed).
import { describe, expect, it } from 'vitest';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject } from '../../contract-tests/support/openapi-document.js';
import { ContractError, createConnectOAuthClient, type ConnectOAuthClient } from '../../src/index.js';
import { callOperation, type OperationName } from '../support/call-operation.js';
import { ENCODINGS } from '../support/secret-encodings.js';
import { ACCESS_TOKEN, CLIENT_SECRET, expectNoSecretIn, validBody } from '../support/secrets.js';
import { rejection } from '../support/rejection.js';

const ACCOUNT = '18394725';
// A secret the server holds but this call never sent: the client cannot know to redact it
// by value, so no message may quote a response's values at all.
const STORED_SECRET = 'stored-secret-the-call-never-sent-42';

const operations = listOperations().map((operation) => {
  const example = (status: string) => namedExamples(deref<ResponseObject>(operation.operation.responses[status]!).content?.[JSON_MEDIA_TYPE]?.examples)[0]!.value as Record<string, unknown>;
  const success = Object.keys(operation.operation.responses).find((status) => status.startsWith('2'))!;
  return { name: operation.operation.operationId as OperationName, success: Number(success), example, method: operation.method };
});

function answering(status: number, body: unknown): ConnectOAuthClient {
  return createConnectOAuthClient({
    baseUrl: 'http://127.0.0.1:9',
    accessToken: ACCESS_TOKEN,
    retry: false,
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-docusign-tracetoken': 'trace-1' } }),
  });
}

describe('an answer carrying clientSecret', () => {
  const cases = operations.flatMap(({ name, success, example }) =>
    [CLIENT_SECRET, STORED_SECRET].map((secret) => ({ label: `${name} ${success} with ${secret === CLIENT_SECRET ? 'the secret it sent' : 'a stored secret'}`, name, success, example, secret })),
  );

  it.each(cases)('$label in data is a ContractError, the secret redacted', async ({ name, success, example, secret }) => {
    const body = example(String(success));
    const error = await rejection(callOperation(answering(success, { ...body, data: { ...(body.data as object), clientSecret: secret } }), name, ACCOUNT));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations.join('\n')).toMatch(/body\.data /);
    expectNoSecretIn(error, [CLIENT_SECRET, STORED_SECRET, ACCESS_TOKEN]);
  });

  const nested: Array<[string, (body: Record<string, unknown>, secret: string) => unknown]> = [
    ['in an object inside data', (body, secret) => ({ ...body, data: { ...(body.data as object), extra: { clientSecret: secret } } })],
    ['in data.customParameters, under another name', (body, secret) => ({ ...body, data: { ...(body.data as object), customParameters: { audience: secret } } })],
    ['in a list of objects inside data', (body, secret) => ({ ...body, data: { ...(body.data as object), history: [{ clientId: 'x' }, { clientSecret: secret }] } })],
    ['in an object beside data', (body, secret) => ({ ...body, meta: { clientSecret: secret } })],
  ];
  const writes = operations.filter(({ name }) => name === 'createConnectOAuthConfig' || name === 'updateConnectOAuthConfig');
  const nestedCases = writes.flatMap(({ name, success, example }) => nested.map(([where, place]) => ({ label: `${name} ${success} ${where}`, name, success, example, place })));
  it.each(nestedCases)('$label, the secret the call sent, is a ContractError, the secret redacted', async ({ name, success, example, place }) => {
    const error = await rejection(callOperation(answering(success, place(example(String(success)), CLIENT_SECRET)), name, ACCOUNT));
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).violations.join('\n')).toMatch(/echoes the clientSecret this call sent/);
    expectNoSecretIn(error, [CLIENT_SECRET, STORED_SECRET, ACCESS_TOKEN]);
  });

  // A secret whose JSON and percent forms differ from it: "/" "&" "<" a space and a non-ASCII letter.
  const ESCAPABLE = 'Zx8Q~mN7 pL4/wR8t+é&<';
  const echoes: Array<[string, (secret: string) => string]> = [
    ['under another name', (secret) => secret],
    ...(Object.entries(ENCODINGS) as Array<[string, (secret: string) => string]>).map(([name, encode]): [string, (secret: string) => string] => [`written ${name}`, encode]),
  ];
  it.each(echoes)('a create or update answer that echoes the secret it sent %s is a ContractError', async (_how, encode) => {
    for (const name of ['createConnectOAuthConfig', 'updateConnectOAuthConfig'] as const) {
      const operation = operations.find((each) => each.name === name)!;
      const body = operation.example(String(operation.success));
      // Written into the JSON text as is: the server's own escaping, not JSON.stringify's on top.
      const text = JSON.stringify({ ...body, data: { ...(body.data as object), client_secret: 'PLACEHOLDER' } }).replace('PLACEHOLDER', encode(ESCAPABLE));
      const client = createConnectOAuthClient({
        baseUrl: 'http://127.0.0.1:9',
        accessToken: ACCESS_TOKEN,
        retry: false,
        fetch: async () => new Response(text, { status: operation.success, headers: { 'content-type': 'application/json', 'x-docusign-tracetoken': 'trace-1' } }),
      });
      const error = await rejection(client[name](ACCOUNT, { ...validBody, clientSecret: ESCAPABLE }));
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).violations.join('\n')).toMatch(/echoes the clientSecret this call sent/);
      expectNoSecretIn(error, [ESCAPABLE, encode(ESCAPABLE), ACCESS_TOKEN]);
    }
  });

  it('lets an answer through that merely names clientSecret in a value, without the secret', async () => {
    const operation = operations.find((each) => each.name === 'createConnectOAuthConfig')!;
    const body = operation.example(String(operation.success));
    await expect(callOperation(answering(operation.success, { ...body, data: { ...(body.data as object), note: 'clientSecret stored' } }), operation.name, ACCOUNT)).resolves.toMatchObject({ note: 'clientSecret stored' });
  });

});
