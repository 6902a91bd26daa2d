// The rules every response must keep, whatever request it answers: pure functions of the
// operation and the exchange, each answering the ways the response breaks it.
import { deref, JSON_MEDIA_TYPE, type HeaderObject, type ResponseObject, type SpecOperation } from '../support/openapi-document.js';
import { schemaViolations } from '../support/schema-validator.js';
import type { RecordedResponse } from './exchange.js';

export type ResponseRule = (operation: SpecOperation, response: RecordedResponse) => string[];

function documented(operation: SpecOperation, status: number): ResponseObject | undefined {
  const response = operation.operation.responses[String(status)] ?? operation.operation.responses[`${String(status)[0]}XX`];
  return response ? deref<ResponseObject>(response) : undefined;
}

export const statusCodeConformance: ResponseRule = (operation, response) =>
  documented(operation, response.status)
    ? []
    : [`status ${response.status} is not documented for ${operation.method.toUpperCase()} (documented: ${Object.keys(operation.operation.responses).join(', ')})`];

export const contentTypeConformance: ResponseRule = (operation, response) => {
  const spec = documented(operation, response.status);
  const mediaTypes = Object.keys(spec?.content ?? {});
  if (mediaTypes.length === 0) return [];
  const received = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!received) return [`content-type is missing; documented: ${mediaTypes.join(', ')}`];
  return mediaTypes.includes(received) ? [] : [`content-type ${received} is not documented for ${response.status} (documented: ${mediaTypes.join(', ')})`];
};

export const responseHeadersConformance: ResponseRule = (operation, response) => {
  const spec = documented(operation, response.status);
  const problems: string[] = [];
  for (const [name, ref] of Object.entries(spec?.headers ?? {})) {
    const header = deref<HeaderObject>(ref);
    const raw = response.headers[name.toLowerCase()];
    if (raw === undefined) {
      if (header.required) problems.push(`required header ${name} is missing`);
      continue;
    }
    const schemaType = (header.schema as { type?: string }).type;
    const value = schemaType === 'integer' || schemaType === 'number' ? (/^-?\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : raw) : raw;
    for (const violation of schemaViolations(header.schema, value)) problems.push(`header ${name}: ${JSON.stringify(raw)} ${violation.message}`);
  }
  return problems;
};

export const responseSchemaConformance: ResponseRule = (operation, response) => {
  const schema = documented(operation, response.status)?.content?.[JSON_MEDIA_TYPE]?.schema;
  if (!schema) return [];
  if (response.json === undefined) return [`the body is ${response.text ? 'not JSON' : 'empty'}; the schema wants JSON`];
  return schemaViolations(schema, response.json).map((violation) => `body${violation.path === '/' ? '' : violation.path} ${violation.message}`);
};

export const envelopeConformance: ResponseRule = (_operation, response) => {
  const body = response.json as { success?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
  if (typeof body !== 'object' || body === null) return ['the body is not an envelope object'];
  const success = response.status >= 200 && response.status < 300;
  const problems: string[] = [];
  if (body.success !== success) problems.push(`success is ${JSON.stringify(body.success)} on HTTP ${response.status}; it must be ${success}`);
  if (success && !('data' in body)) problems.push('a success envelope has no data');
  if (!success && (typeof body.error?.code !== 'string' || body.error.code === '')) problems.push('an error envelope has no error.code');
  if (!success && typeof body.error?.message !== 'string') problems.push('an error envelope has no error.message');
  return problems;
};
