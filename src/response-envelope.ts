// Turns an answer into the envelope's `data`, an ApiError, an UnavailableError, or a
// ContractError that says how the answer breaks the contract. A body is redacted before a
// snippet of it is cut, so that no cut leaves part of a secret.
import type { OperationContract } from '../generated/validators.js';
import { ApiError, ContractError, UnavailableError, type ErrorContext, type RateLimit } from './errors.js';
import { carriesSecret, createRedactor, redactedStart } from './redact.js';
import { serverRequestedDelayMs } from './retry-policy.js';
import { describeViolations } from './violation-text.js';

export interface EnvelopeContext extends ErrorContext {
  status: number;
  headers: Headers;
  contract: OperationContract;
  validateResponses: boolean;
  /** The call's secrets, asked for only when a body is quoted. */
  secrets: () => ReadonlyArray<string | undefined>;
  /** The clientSecret the call sent, which no answer may carry. */
  clientSecret: string | undefined;
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
// What a load balancer, proxy or gateway answers when the server behind it cannot.
const INFRASTRUCTURE_STATUSES = new Set([502, 503, 504]);

const SNIPPET_LENGTH = 120;
/** What a body that is not JSON parses to. */
const NOT_JSON = Symbol('not JSON');

/** The envelope's `data` of an answer whose body is `text`, or the error it is. */
export function readEnvelope(text: string, context: EnvelopeContext): unknown {
  const { status, headers, contract } = context;
  const traceToken = headers.get('x-docusign-tracetoken') ?? undefined;
  const errorContext: ErrorContext = { method: context.method, url: context.url, attempts: context.attempts };
  const breach = (...violations: string[]) => new ContractError({ status, violations, traceToken }, errorContext);
  const describeText = (text: string) => `; it starts ${JSON.stringify(redactedStart(text, context.secrets(), SNIPPET_LENGTH))}`;
  const contentType = headers.get('content-type');
  const isJson = contentType !== null && JSON_CONTENT_TYPE.test(contentType);
  // Not JSON: the SyntaxError is not kept, as its message quotes the body, which may hold a secret.
  let envelope: unknown = NOT_JSON;
  try {
    if (isJson) envelope = JSON.parse(text);
  } catch {}
  // The media type alone: its parameters may carry anything a server puts there. Redacted
  // before it is quoted, which escapes it once more.
  const redactedMediaType = () => {
    const mediaType = contentType?.split(';')[0]?.trim();
    return mediaType ? createRedactor(context.secrets())(mediaType) : undefined;
  };

  // A gateway's or a proxy's own page (no envelope, with or without the rest of the contract): an outage in front of the server.
  if (INFRASTRUCTURE_STATUSES.has(status) && typeof (envelope as { success?: unknown } | null)?.success !== 'boolean') {
    throw new UnavailableError({ status, contentType: redactedMediaType(), retryAfterMs: serverRequestedDelayMs(status, headers, Date.now()) }, errorContext);
  }
  if (!(status in contract.responses)) {
    throw breach(`status ${status} is not documented for ${contract.method} ${contract.path} (documented: ${Object.keys(contract.responses).join(', ')})`);
  }
  if (text === '') throw breach(`the body is empty; the contract wants a JSON envelope`);
  if (!isJson) {
    const mediaType = redactedMediaType();
    throw breach(`content-type is ${mediaType ? JSON.stringify(mediaType) : 'missing'}, not application/json${describeText(text)}`);
  }
  if (envelope === NOT_JSON) throw breach(`the body is not valid JSON${describeText(text)}`);
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw breach(`the body is ${Array.isArray(envelope) ? 'an array' : typeof envelope}, not the envelope object`);
  }
  const fields = envelope as { success?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  const successStatus = status >= 200 && status < 300;
  if (typeof fields.success !== 'boolean') throw breach('the envelope has no boolean `success`');
  if (fields.success !== successStatus) throw breach(`\`success\` is ${fields.success} on HTTP ${status}`);

  const validate = contract.responses[status];
  // The spec's schemas do not recur: validation reads the answer no deeper than they go.
  if (context.validateResponses && validate && !validate(envelope)) throw breach(...describeViolations(validate, envelope, 'body', 'response'));
  if (successStatus) {
    if (!('data' in fields)) throw breach('the success envelope has no `data`');
    // Under any name, escaped or not.
    if (carriesSecret(text, [context.clientSecret])) throw breach('the answer echoes the clientSecret this call sent, which is write-only');
    return fields.data;
  }
  const error = fields.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
    throw breach('the error envelope has no string `error.code` and `error.message`');
  }
  const retryAfterMs = serverRequestedDelayMs(status, headers, Date.now());
  throw new ApiError({ status, code: error.code, message: error.message, traceToken, retryAfterMs, rateLimit: rateLimitOf(headers) }, errorContext);
}

function rateLimitOf(headers: Headers): RateLimit | undefined {
  const rateLimit: RateLimit = {};
  for (const key of ['limit', 'remaining', 'reset'] as const) {
    const value = headers.get(`x-ratelimit-${key}`);
    if (value !== null && /^\d+$/.test(value.trim())) rateLimit[key] = Number(value);
  }
  return Object.keys(rateLimit).length > 0 ? rateLimit : undefined;
}
