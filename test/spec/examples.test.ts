import { describe, expect, it } from 'vitest';
import {
  deref,
  JSON_MEDIA_TYPE,
  listOperations,
  namedExamples,
  spec,
  type HeaderObject,
  type ResponseObject,
} from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';

const operations = listOperations();

const requestBodyCases = operations.flatMap(({ operation, requestBody }) => {
  const media = requestBody?.content[JSON_MEDIA_TYPE];
  return namedExamples(media?.examples).map((example) => ({ id: operation.operationId, schema: media!.schema!, ...example }));
});

const parameterCases = operations.flatMap(({ operation, parameters }) =>
  parameters.flatMap((parameter) =>
    namedExamples(parameter.examples).map((example) => ({ id: `${operation.operationId} ${parameter.name}`, schema: parameter.schema, ...example })),
  ),
);

const responseCases = operations.flatMap(({ operation }) =>
  Object.entries(operation.responses).flatMap(([status, response]) => {
    const media = deref<ResponseObject>(response).content?.[JSON_MEDIA_TYPE];
    return namedExamples(media?.examples).map((example) => ({ id: `${operation.operationId} ${status}`, status, schema: media!.schema!, ...example }));
  }),
);

const headerCases = Object.entries(spec.components.headers ?? {}).map(([name, header]) => ({ name, header: header as HeaderObject }));

describe('the spec’s examples', () => {
  it('cover every request body, parameter and JSON response', () => {
    for (const { operation, requestBody, parameters } of operations) {
      if (requestBody) expect(namedExamples(requestBody.content[JSON_MEDIA_TYPE]?.examples), operation.operationId).not.toHaveLength(0);
      for (const parameter of parameters) expect(namedExamples(parameter.examples), parameter.name).not.toHaveLength(0);
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = deref<ResponseObject>(response).content?.[JSON_MEDIA_TYPE];
        expect(media, `${operation.operationId} ${status} has JSON content`).toBeDefined();
        expect(namedExamples(media?.examples), `${operation.operationId} ${status}`).not.toHaveLength(0);
      }
    }
  });

  it.each(requestBodyCases)('request body $id/$name is valid against its schema', ({ schema, value }) => {
    expect(schemaViolations(schema, value)).toEqual([]);
  });

  it.each(parameterCases)('parameter $id/$name is valid against its schema', ({ schema, value }) => {
    expect(schemaViolations(schema, value)).toEqual([]);
  });

  it.each(responseCases)('response $id/$name is valid against its schema', ({ schema, value, status }) => {
    expect(schemaViolations(schema, value)).toEqual([]);
    expect((value as { success: unknown }).success).toBe(status.startsWith('2'));
  });

  it.each(headerCases)('header $name has an example valid against its schema', ({ header }) => {
    expect(header.example).toBeDefined();
    expect(schemaViolations(header.schema, header.example)).toEqual([]);
  });
});

describe('the spec’s schemas', () => {
  const requestSchema = deref(operations.find((op) => op.method === 'post')!.requestBody!.content[JSON_MEDIA_TYPE]!.schema!);
  const valid = { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'id', clientSecret: 'secret-8' };
  const detailsSchema = { $ref: '#/components/schemas/ConnectOAuthConfigDetails' };
  const accountIdSchema = { $ref: '#/components/schemas/AccountId' };

  it.each([
    ['a missing clientSecret', { authorizationServerUrl: valid.authorizationServerUrl, clientId: 'id' }],
    ['an unknown property', { ...valid, extra: true }],
    ['an http authorization server', { ...valid, authorizationServerUrl: 'http://auth.example.org/token' }],
    ['a relative authorization server', { ...valid, authorizationServerUrl: '/token' }],
    ['an empty clientId', { ...valid, clientId: '' }],
    ['a clientSecret over 1024 characters', { ...valid, clientSecret: 'x'.repeat(1025) }],
    ['customParameters with a non-string value', { ...valid, customParameters: { audience: 1 } }],
    ['customParameters as a plain string', { ...valid, customParameters: 'audience=x' }],
  ])('rejects a request body with %s', (_, body) => {
    expect(schemaViolations(requestSchema, body)).not.toEqual([]);
  });

  it('accepts the smallest valid request body', () => {
    expect(schemaViolations(requestSchema, valid)).toEqual([]);
  });

  it.each(['abc', '1/../2', '0123', '-1', '1.5', '', ' 1', '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a6', '7c9d5f3a2b1e4c8d9f6a1e2d3c4b5a69'])(
    'rejects the account id %j',
    (accountId) => {
      expect(schemaViolations(accountIdSchema, accountId)).not.toEqual([]);
    },
  );

  it.each(['1', '18394725', '7C9D5F3A-2B1E-4C8D-9F6A-1E2D3C4B5A69'])('accepts the account id %j', (accountId) => {
    expect(schemaViolations(accountIdSchema, accountId)).toEqual([]);
  });

  it('refuses a stored configuration that carries its secret', () => {
    const stored = { id: 'abc123', authorizationServerUrl: valid.authorizationServerUrl, clientId: 'id', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' };
    expect(schemaViolations(detailsSchema, stored)).toEqual([]);
    expect(schemaViolations(detailsSchema, { ...stored, clientSecret: 'secret' })).not.toEqual([]);
  });

  it('tolerates properties a server adds to a response', () => {
    const created = { success: true, data: { id: 'abc123', created_at: '2025-01-01T00:00:00Z', region: 'eu' }, requestId: 'r1' };
    expect(schemaViolations({ $ref: '#/components/schemas/ConnectOAuthConfigCreatedEnvelope' }, created)).toEqual([]);
  });

  it('accepts error codes it does not document, and refuses an error without a code', () => {
    const envelope = { $ref: '#/components/schemas/ErrorEnvelope' };
    expect(schemaViolations(envelope, { success: false, error: { code: 'ACCOUNT_LOCKED', message: 'Locked.' } })).toEqual([]);
    expect(schemaViolations(envelope, { success: false, error: { message: 'No code.' } })).not.toEqual([]);
    expect(schemaViolations(envelope, { success: true, error: { code: 'X', message: 'Wrong flag.' } })).not.toEqual([]);
  });
});
