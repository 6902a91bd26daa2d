// What the mock answers when Prism alone would leave the contract: error envelopes with
// the documented content type and headers, and validation messages a person can act on.
// Codes, headers and descriptions are read off the spec, never restated here.
import { randomUUID } from 'node:crypto';
import { deref, JSON_MEDIA_TYPE, namedExamples, type HeaderObject, type JsonSchema, type ResponseObject, type SpecOperation } from './openapi-document.js';

export interface MockAnswer {
  status: number;
  headers: Record<string, string>;
  /** The envelope, or undefined for an answer without a body (OPTIONS). */
  body?: unknown;
}

const TRACE_HEADER = 'X-DocuSign-TraceToken';

/** A Prism violation, as listed in its `sl-violations` header. */
export interface PrismViolation {
  location?: string[];
  code?: string | number;
  message?: string;
}

export function documentedResponse(operation: SpecOperation, status: number): ResponseObject | undefined {
  const ref = operation.operation.responses[String(status)];
  return ref ? deref<ResponseObject>(ref) : undefined;
}

/** The support trace header, new for every answer. */
export function traceHeader(): Record<string, string> {
  return { [TRACE_HEADER.toLowerCase()]: randomUUID() };
}

/** The documented headers of a response, each with its example; the trace token is new for every answer. */
export function documentedHeaders(response: ResponseObject | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': JSON_MEDIA_TYPE, ...traceHeader() };
  for (const [name, ref] of Object.entries(response?.headers ?? {})) {
    const header = deref<HeaderObject>(ref);
    if (name === TRACE_HEADER || header.example === undefined) continue;
    headers[name.toLowerCase()] = String(header.example);
  }
  return headers;
}

/** The error code the spec's examples give a status, such as VALIDATION_ERROR for 400. */
export function errorCodeOf(response: ResponseObject | undefined): string | undefined {
  const [example] = namedExamples(response?.content?.[JSON_MEDIA_TYPE]?.examples);
  const code = (example?.value as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error envelope for a status the operation documents, with that status's headers. */
export function documentedError(operation: SpecOperation, status: number, message: string): MockAnswer {
  const response = documentedResponse(operation, status);
  if (!response) throw new Error(`${operation.method.toUpperCase()} ${operation.path} does not document ${status}; the mock may not answer it.`);
  const code = errorCodeOf(response);
  if (!code) throw new Error(`${operation.method.toUpperCase()} ${operation.path} ${status} has no example error code to answer with.`);
  return { status, headers: documentedHeaders(response), body: { success: false, error: { code, message } } };
}

/** An error envelope where no operation applies (unknown path, undocumented method). */
export function resourceError(status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): MockAnswer {
  return { status, headers: { ...documentedHeaders(undefined), ...extraHeaders }, body: { success: false, error: { code, message } } };
}

export function parseViolations(header: string | undefined): PrismViolation[] | undefined {
  if (!header) return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : undefined;
  } catch {
    // Prism cuts a long list short ("Too many violations! ..."), which no longer parses.
    return undefined;
  }
}

/**
 * One message out of Prism's violations: each says where and what, and a broken pattern or
 * format adds the schema's own description, which says in words what the value must be.
 */
export function describeViolations(operation: SpecOperation, violations: PrismViolation[], body: unknown): string {
  const parts = violations.map((violation) => describeViolation(operation, violation, body));
  return `The request breaks the contract: ${[...new Set(parts)].join('; ')}.`;
}

function describeViolation(operation: SpecOperation, violation: PrismViolation, body: unknown): string {
  const location = (violation.location ?? []).filter((part) => part !== 'request');
  const message = (violation.message ?? `${location.join('.')} is invalid`).replace(/\.$/, '');
  const schema = schemaAt(operation, location);
  if (violation.code === 'additionalProperties') {
    const unknown = unknownProperties(schema, valueAt(body, location.slice(1)));
    if (unknown.length > 0) return `${message} (${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not allowed; allowed: ${Object.keys(properties(schema)).join(', ') || 'none'})`;
  }
  if ((violation.code === 'pattern' || violation.code === 'format') && typeof schema?.description === 'string') {
    return `${message} (${schema.description.trim().replace(/\s+/g, ' ').replace(/\.$/, '')})`;
  }
  return message;
}

function schemaAt(operation: SpecOperation, location: string[]): JsonSchema | undefined {
  const [where, ...rest] = location;
  let schema: JsonSchema | undefined;
  if (where === 'path' || where === 'query' || where === 'header') {
    // Prism reports parameter names in lower case.
    const parameter = operation.parameters.find((candidate) => candidate.in === where && candidate.name.toLowerCase() === rest[0]?.toLowerCase());
    return parameter ? deref<JsonSchema>(parameter.schema) : undefined;
  }
  if (where !== 'body') return undefined;
  schema = operation.requestBody?.content[JSON_MEDIA_TYPE]?.schema;
  for (const name of rest) schema = schema ? properties(deref<JsonSchema>(schema))[name] : undefined;
  return schema ? deref<JsonSchema>(schema) : undefined;
}

function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return ((schema && deref<JsonSchema>(schema).properties) ?? {}) as Record<string, JsonSchema>;
}

function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined), value);
}

function unknownProperties(schema: JsonSchema | undefined, value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const known = properties(schema);
  return Object.keys(value).filter((name) => !(name in known));
}
