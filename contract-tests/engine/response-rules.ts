// The rules every response must keep, whatever request it answers and whichever check sent
// it: pure functions of what the spec documents for the answer's status and of the answer.
// A rule that has nothing to compare an answer with says so (undefined), so that a check
// counts only the answers it really read.
import { deref, JSON_MEDIA_TYPE, listOperations, type HeaderObject, type ResponseObject, type SpecOperation } from '../support/openapi-document.js';
import { schemaViolations } from '../support/schema-validator.js';
import type { RecordedResponse } from './exchange.js';

export interface RuleInput {
  /** The operation the request was sent to; undefined for a method the path does not document. */
  operation: SpecOperation | undefined;
  response: RecordedResponse;
  /** The request was valid: everything Prism's proxy reports about it counts. */
  validRequest: boolean;
  /** The status was forced with Prism's Prefer header. */
  forced: boolean;
  viaProxy: boolean;
}

/** The ways an answer breaks the rule; undefined when the rule does not apply to it. */
export type ResponseRule = (input: RuleInput) => string[] | undefined;

const documentedFor = (operation: SpecOperation, status: number): ResponseObject | undefined => {
  const response = operation.operation.responses[String(status)] ?? operation.operation.responses[`${String(status)[0]}XX`];
  return response ? deref<ResponseObject>(response) : undefined;
};

let sharedError: ResponseObject | undefined;

/**
 * What every documented error of the path has in common: the headers all of them require and
 * the media types (with their schema) all of them share. An error the spec does not document
 * for the operation (a 404 to POST, a 405 to PATCH) is still held to this.
 */
export function sharedErrorResponse(): ResponseObject {
  if (sharedError) return sharedError;
  const errors = listOperations().flatMap((operation) =>
    Object.entries(operation.operation.responses)
      .filter(([status]) => /^[45]/.test(status))
      .map(([, ref]) => deref<ResponseObject>(ref)),
  );
  const [first, ...rest] = errors;
  const headers = Object.fromEntries(
    Object.entries(first?.headers ?? {}).filter(([name, ref]) => deref<HeaderObject>(ref).required && rest.every((other) => other.headers?.[name] && deref<HeaderObject>(other.headers[name]!).required)),
  );
  // Each error status composes its schema from shared parts (allOf) and a rule of its own
  // (its error.code): an undocumented error is held to the parts every error has.
  const parts = (schema: unknown): string[] => {
    const { allOf } = (schema ?? {}) as { allOf?: unknown[] };
    return (allOf ?? [schema]).map((part) => JSON.stringify(part));
  };
  const content = Object.fromEntries(
    Object.entries(first?.content ?? {}).flatMap(([mediaType, media]) => {
      const shared = parts(media.schema).filter((part) => rest.every((other) => other.content?.[mediaType] && parts(other.content[mediaType]!.schema).includes(part)));
      if (shared.length === 0) return [];
      const schema = shared.length === 1 ? JSON.parse(shared[0]!) : { allOf: shared.map((part) => JSON.parse(part)) };
      return [[mediaType, { schema }]];
    }),
  );
  sharedError = { description: 'any error of the path', headers, content };
  return sharedError;
}

/** The documented response the answer is held to, if any. */
export function expectedResponse(operation: SpecOperation | undefined, status: number): ResponseObject | undefined {
  const documented = operation ? documentedFor(operation, status) : undefined;
  return documented ?? (status >= 400 ? sharedErrorResponse() : undefined);
}

const hasNoBody = (response: RecordedResponse) => response.text === '' && (response.status === 204 || response.status === 304 || response.status < 200);

export const statusCodeConformance: ResponseRule = ({ operation, response }) => {
  if (!operation) return undefined;
  return documentedFor(operation, response.status)
    ? []
    : [`status ${response.status} is not documented for ${operation.method.toUpperCase()} (documented: ${Object.keys(operation.operation.responses).join(', ')})`];
};

export const contentTypeConformance: ResponseRule = ({ operation, response }) => {
  const mediaTypes = Object.keys(expectedResponse(operation, response.status)?.content ?? {});
  if (mediaTypes.length === 0) return undefined;
  const received = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (!received) return [`content-type is missing on ${response.status}; documented: ${mediaTypes.join(', ')}`];
  return mediaTypes.includes(received) ? [] : [`content-type ${received} is not documented for ${response.status} (documented: ${mediaTypes.join(', ')})`];
};

export const responseHeadersConformance: ResponseRule = ({ operation, response }) => {
  const expected = expectedResponse(operation, response.status);
  if (!expected) return undefined;
  const problems: string[] = [];
  for (const [name, ref] of Object.entries(expected.headers ?? {})) {
    const header = deref<HeaderObject>(ref);
    const raw = response.headers[name.toLowerCase()];
    if (raw === undefined) {
      if (header.required) problems.push(`required header ${name} is missing on ${response.status}`);
      continue;
    }
    const schemaType = (header.schema as { type?: string }).type;
    const value = schemaType === 'integer' || schemaType === 'number' ? (/^-?\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : raw) : raw;
    for (const violation of schemaViolations(header.schema, value)) problems.push(`header ${name}: ${JSON.stringify(raw)} ${violation.message}`);
  }
  return problems;
};

export const responseSchemaConformance: ResponseRule = ({ operation, response }) => {
  const schema = expectedResponse(operation, response.status)?.content?.[JSON_MEDIA_TYPE]?.schema;
  if (!schema) return undefined;
  if (response.json === undefined) return [`the ${response.status} body is ${response.text ? 'not JSON' : 'empty'}; the schema wants JSON`];
  return schemaViolations(schema, response.json).map((violation) => `${response.status} body${violation.path === '/' ? '' : violation.path} ${violation.message}`);
};

export const envelopeConformance: ResponseRule = ({ operation, response }) => {
  if (hasNoBody(response) && !expectedResponse(operation, response.status)?.content) return undefined;
  const body = response.json as { success?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [`the ${response.status} body is not an envelope object`];
  const success = response.status >= 200 && response.status < 300;
  const problems: string[] = [];
  if (body.success !== success) problems.push(`success is ${JSON.stringify(body.success)} on HTTP ${response.status}; it must be ${success}`);
  if (success && !('data' in body)) problems.push('a success envelope has no data');
  if (!success && (typeof body.error?.code !== 'string' || body.error.code === '')) problems.push(`the ${response.status} error envelope has no error.code`);
  if (!success && (typeof body.error?.message !== 'string' || body.error.message === '')) problems.push(`the ${response.status} error envelope has no error.message`);
  return problems;
};

export const notAServerError: ResponseRule = ({ response, forced }) => {
  if (forced) return undefined;
  return response.status >= 500 ? [`the server failed with ${response.status}`] : [];
};

/** Prism's proxy reports both sides; for an invalid request, only what it says of the response counts. */
export const proxyValidation: ResponseRule = ({ response, validRequest, viaProxy }) => {
  if (!viaProxy) return undefined;
  const reported = response.headers['sl-violations'];
  if (!reported || reported === '[]') return [];
  if (validRequest) return [`Prism's proxy reports: ${reported}`];
  let entries: Array<{ location?: unknown[] }>;
  try {
    entries = JSON.parse(reported) as Array<{ location?: unknown[] }>;
  } catch {
    return [`Prism's proxy reports something it could not say as JSON: ${reported}`];
  }
  const aboutResponse = entries.filter((entry) => entry.location?.[0] === 'response');
  return aboutResponse.length > 0 ? [`Prism's proxy reports: ${JSON.stringify(aboutResponse)}`] : [];
};

/** Every answer's rules, under the id each is reported by. */
export const RESPONSE_RULES = {
  status_code_conformance: { rule: 'Every response has a status the operation documents.', check: statusCodeConformance },
  content_type_conformance: { rule: 'Every response has the content type documented for its status (any error: the one all errors share).', check: contentTypeConformance },
  response_headers_conformance: { rule: 'Every required header is present and every documented header valid, on errors too.', check: responseHeadersConformance },
  response_schema_conformance: { rule: 'Every body is valid against its documented schema (Ajv, JSON Schema 2020-12).', check: responseSchemaConformance },
  envelope_conformance: { rule: '`success` agrees with the status; errors carry error.code and error.message.', check: envelopeConformance },
  not_a_server_error: { rule: 'No request, valid or not, gets a 5xx.', check: notAServerError },
  proxy_validation: { rule: 'Prism’s validating proxy finds nothing wrong with an answer, nor with a valid request (no sl-violations).', check: proxyValidation },
} as const satisfies Record<string, { rule: string; check: ResponseRule }>;

export type ResponseRuleId = keyof typeof RESPONSE_RULES;
