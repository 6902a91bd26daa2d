// What the spec says about time, DELETE's body, the 401 challenge and its servers.
import { describe, expect, it } from 'vitest';
import { deref, listOperations, spec, type HeaderObject, type ResponseObject } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';

const timestamp = { $ref: '#/components/schemas/Timestamp' };
const operations = listOperations();

describe('the spec', () => {
  it.each(['2025-01-01T00:00:00Z', '2024-02-29T23:59:59Z'])('takes %s as a Timestamp', (value) => {
    expect(schemaViolations(timestamp, value)).toEqual([]);
  });

  it.each(['2025-01-01T02:00:00+02:00', '2025-01-01T00:00:00.123Z', '2025-01-01t00:00:00z', '2025-01-01T00:00:00', '2025-13-01T00:00:00Z', '2025-01-01 00:00:00Z'])(
    'refuses %s as a Timestamp: UTC, to the second, with Z',
    (value) => {
      expect(schemaViolations(timestamp, value)).not.toEqual([]);
    },
  );

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

  it('lists first the mock, then a placeholder for your server, and DocuSign’s hosts only in its description', () => {
    const document = spec as unknown as { servers: Array<{ url: string; variables?: Record<string, { default: string }> }>; info: { description: string } };
    // Generators and docs default to the first server: it must answer with the envelope.
    expect(document.servers[0]!.url).toBe('http://127.0.0.1:4010');
    for (const server of document.servers) {
      const resolved = Object.entries(server.variables ?? {}).reduce((url, [name, variable]) => url.replace(`{${name}}`, variable.default), server.url);
      expect(new URL(resolved).hostname).not.toMatch(/docusign\.(?:net|com)$/);
    }
    expect(document.info.description).toContain('https://demo.docusign.net/restapi');
  });
});
