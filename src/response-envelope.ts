// Turns an answer into the envelope's `data`, an ApiError, or a ContractError that lists
// every way the answer breaks the contract, an echo of the call's clientSecret included.
// The client redacts every error of a call (src/client.ts); a body is redacted here too,
// before a snippet of it is cut, so that a cut cannot leave part of a secret.
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

/** A JSON body with a boolean `success`: the contract's envelope, whether or not it keeps the rest of the contract. */
function isEnvelope(text: string, contentType: string | null): boolean {
  if (!contentType || !JSON_CONTENT_TYPE.test(contentType)) return false;
  try {
    return typeof (JSON.parse(text) as { success?: unknown } | null)?.success === 'boolean';
  } catch {
    return false;
  }
}
const SNIPPET_LENGTH = 120;

/** The envelope's `data` of an answer whose body is `text`, or the error it is. */
export function readEnvelope(text: string, context: EnvelopeContext): unknown {
  const { status, headers } = context;
  const traceToken = headers.get('x-docusign-tracetoken') ?? undefined;
  const { contract } = context;
  const errorContext: ErrorContext = { method: context.method, url: context.url, attempts: context.attempts };
  const breach = (...violations: string[]) => new ContractError({ status, violations, traceToken }, errorContext);
  // Only on the way to an error; no cut leaves part of a secret.
  const describeText = (text: string) => `; it starts ${JSON.stringify(redactedStart(text, context.secrets(), SNIPPET_LENGTH))}`;

  const contentType = headers.get('content-type');
  // Only on the way to an error. The media type alone: its parameters may carry anything a
  // server puts there. Redacted before it is quoted: quoting escapes it once more.
  const redactedMediaType = () => {
    const mediaType = contentType?.split(';')[0]?.trim();
    return mediaType ? createRedactor(context.secrets())(mediaType) : undefined;
  };

  // A gateway's or a proxy's own page: an outage in front of the server, not a broken contract.
  if (INFRASTRUCTURE_STATUSES.has(status) && !isEnvelope(text, contentType)) {
    throw new UnavailableError({ status, contentType: redactedMediaType(), retryAfterMs: serverRequestedDelayMs(status, headers, Date.now()) }, errorContext);
  }
  if (!(status in contract.responses)) {
    throw breach(`status ${status} is not documented for ${contract.method} ${contract.path} (documented: ${Object.keys(contract.responses).join(', ')})`);
  }
  if (text === '') throw breach(`the body is empty; the contract wants a JSON envelope`);
  if (!contentType || !JSON_CONTENT_TYPE.test(contentType)) {
    const mediaType = redactedMediaType();
    const quoted = mediaType ? JSON.stringify(mediaType) : 'missing';
    throw breach(`content-type is ${quoted}, not application/json${describeText(text)}`);
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    // The SyntaxError is not kept: its message quotes the body, which may hold a secret.
    throw breach(`the body is not valid JSON${describeText(text)}`);
  }
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
  throw new ApiError(
    {
      status,
      code: error.code,
      message: error.message,
      traceToken,
      retryAfterMs: serverRequestedDelayMs(status, headers, Date.now()),
      rateLimit: rateLimitOf(headers),
    },
    errorContext,
  );
}

function rateLimitOf(headers: Headers): RateLimit | undefined {
  const rateLimit: RateLimit = {};
  for (const key of ['limit', 'remaining', 'reset'] as const) {
    const value = headers.get(`x-ratelimit-${key}`);
    if (value !== null && /^\d+$/.test(value.trim())) rateLimit[key] = Number(value);
  }
  return Object.keys(rateLimit).length > 0 ? rateLimit : undefined;
}
