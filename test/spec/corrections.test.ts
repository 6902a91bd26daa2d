// What the spec says about time, Retry-After, error codes, DELETE's body, the 401 challenge,
// its operation names and its servers.
import { describe, expect, it } from 'vitest';
import { deref, listOperations, spec, type HeaderObject, type ResponseObject } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';

const timestamp = { $ref: '#/components/schemas/Timestamp' };
const operations = listOperations();

describe('the spec', () => {
  it.each(['2025-01-01T00:00:00Z', '2024-02-29T23:59:59Z', new Date(0).toISOString(), '2025-01-01T00:00:00.123456Z', '2025-01-01T02:00:00+02:00', '2025-01-01T00:00:00-05:30'])(
    'takes %s as a Timestamp: RFC 3339, fractions of a second and offsets included',
    (value) => {
      expect(schemaViolations(timestamp, value)).toEqual([]);
    },
  );

  it.each(['2025-01-01t00:00:00z', '2025-01-01T00:00:00', '2025-13-01T00:00:00Z', '2025-01-01 00:00:00Z', '2025-01-01T00:00:00.Z', '2025-01-01T00:00:00+0200', `2025-01-01T00:00:00.${'1'.repeat(10)}Z`])('refuses %s as a Timestamp', (value) => {
    expect(schemaViolations(timestamp, value)).not.toEqual([]);
  });

  const retryAfter = deref<HeaderObject>(deref<ResponseObject>(operations[0]!.operation.responses['429']!).headers!['Retry-After']!);
  it.each(['0', '120', 'Wed, 21 Oct 2026 07:28:00 GMT'])('takes Retry-After: %s, delay-seconds or an HTTP date', (value) => {
    expect(retryAfter.required).toBe(true);
    expect(schemaViolations(retryAfter.schema, value)).toEqual([]);
  });

  it.each(['-1', '1.5', 'soon', 'Wed, 21 Oct 2026 07:28:00 UTC', '2026-10-21T07:28:00Z', 'Wed, 99 Oct 2026 99:28:00 GMT', 'Wed, 21 Oct 2026 24:00:00 GMT'])('refuses Retry-After: %s', (value) => {
    expect(schemaViolations(retryAfter.schema, value)).not.toEqual([]);
  });

  const errorCodes = (spec.components.schemas!.ErrorCode as { enum: string[] }).enum;
  const errorResponses = operations.flatMap(({ method, operation }) =>
    Object.entries(operation.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, ref]) => ({ label: `${method.toUpperCase()} ${status}`, schema: deref<ResponseObject>(ref).content!['application/json']!.schema!, own: (deref<ResponseObject>(ref).content!['application/json']!.examples as Record<string, { value: { error: { code: string } } }>) })),
  );
  it.each(errorResponses)('$label takes its own code and codes not listed yet, and refuses the code of another status', ({ schema, own }) => {
    const ownCode = Object.values(own).map((example) => deref<{ value: { error: { code: string } } }>(example).value.error.code)[0]!;
    const body = (code: string) => ({ success: false, error: { code, message: 'What went wrong.' } });
    expect(schemaViolations(schema, body(ownCode))).toEqual([]);
    expect(schemaViolations(schema, body('QUOTA_EXCEEDED'))).toEqual([]);
    for (const other of errorCodes.filter((code) => code !== ownCode)) expect(schemaViolations(schema, body(other)), other).not.toEqual([]);
  });

  it('names each operation as DocuSign’s SDK names its method, and keeps DocuSign’s operationId beside it', () => {
    const names = Object.fromEntries(operations.map(({ method, operation }) => [method, [operation.operationId, (operation as unknown as Record<string, string>)['x-docusign-operation-id']]]));
    expect(names).toEqual({
      post: ['createConnectOAuthConfig', 'ConnectOAuthConfig_PostConnectOAuthConfig'],
      get: ['getConnectOAuthConfig', 'ConnectOAuthConfig_GetConnectOAuthConfig'],
      put: ['updateConnectOAuthConfig', 'ConnectOAuthConfig_PutConnectOAuthConfig'],
      delete: ['deleteConnectOAuthConfig', 'ConnectOAuthConfig_DeleteConnectOAuthConfig'],
    });
  });

  it('lets DELETE carry {} and nothing else, while POST and PUT still need the whole configuration', () => {
    const byMethod = Object.fromEntries(operations.map((operation) => [operation.method, operation]));
    const deleteBody = byMethod.delete!.requestBody!;
    expect(deleteBody.required).toBe(false);
    const schema = deleteBody.content['application/json']!.schema!;
    expect(schemaViolations(schema, {})).toEqual([]);
    for (const refused of [{ force: true }, null, [], '', 0]) expect(schemaViolations(schema, refused), JSON.stringify(refused)).not.toEqual([]);
    for (const method of ['post', 'put'] as const) {
      const body = byMethod[method]!.requestBody!;
      expect(body.required).toBe(true);
      expect(schemaViolations(body.content['application/json']!.schema!, {})).not.toEqual([]);
    }
  });

  it.each(operations)('$method documents WWW-Authenticate: Bearer on 401', ({ operation }) => {
    const header = deref<HeaderObject>(deref<ResponseObject>(operation.responses['401']!).headers!['WWW-Authenticate']!);
    expect(header.required).toBe(true);
    expect(schemaViolations(header.schema, 'Bearer realm="DocuSign"')).toEqual([]);
    expect(schemaViolations(header.schema, 'Bearer error="invalid_token"')).toEqual([]);
    expect(schemaViolations(header.schema, 'Basic realm="x"')).not.toEqual([]);
  });

  it('lists no server that serves no API, and says DocuSign’s own endpoint answers without the envelope', () => {
    const document = spec as unknown as { servers: Array<{ url: string }>; info: { description: string } };
    expect(document.servers.map((server) => server.url)).not.toContain('https://www.docusign.com');
    expect(document.info.description).toMatch(/DocuSign's endpoint itself answers .* bare/s);
  });

  it('lists first your https server, then the mock, and DocuSign’s hosts and contact nowhere but in its description', () => {
    const document = spec as unknown as { servers: Array<{ url: string; variables?: Record<string, { default: string }> }>; info: { description: string; contact: { name: string; url?: string } } };
    // Generators, Postman and docs default to the first server: a real one, over https.
    expect(document.servers.map((server) => server.url)).toEqual(['https://{gateway}', 'http://127.0.0.1:4010']);
    for (const server of document.servers) {
      const resolved = Object.entries(server.variables ?? {}).reduce((url, [name, variable]) => url.replace(`{${name}}`, variable.default), server.url);
      expect(new URL(resolved).hostname).not.toMatch(/docusign\.(?:net|com)$/);
    }
    expect(JSON.stringify(document.info.contact)).not.toMatch(/docusign/i);
    expect(document.info.description).toContain('https://demo.docusign.net/restapi');
  });
});
