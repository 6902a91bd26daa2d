// Every failure of the client is a ConnectOAuthError whose class says what failed; none holds a secret (texts are redacted first).

export interface ErrorContext {
  /** HTTP method of the call, e.g. `POST`. */
  method?: string | undefined;
  /** URL of the call, without credentials (they travel in a header, never in the URL). */
  url?: string | undefined;
  /** How many attempts were made, retries included. */
  attempts?: number | undefined;
  cause?: unknown;
}

/** "POST https://…" when the call is known, for the start of a message. */
const callOf = (context: ErrorContext, otherwise: string) => (context.method && context.url ? `${context.method} ${context.url}` : otherwise);

// Fields are declared, not initialized: each constructor sets its own.
export class ConnectOAuthError extends Error {
  override name: string = 'ConnectOAuthError';
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;
  declare readonly attempts: number | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    Object.assign(this, { method: context.method, url: context.url, attempts: context.attempts });
  }

  /** Plain fields for logs; `cause` is left out, as it is not ours to serialize. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (value !== undefined && key !== 'cause') fields[key] = value;
    return fields;
  }
}

export interface RateLimit {
  limit?: number;
  remaining?: number;
  /** When the hourly limit resets, in Unix epoch seconds. */
  reset?: number;
}

/** The server answered with the error envelope. Its message names the status and the code, then the server's words. */
export class ApiError extends ConnectOAuthError {
  override readonly name = 'ApiError' as const;
  declare readonly status: number;
  /** `error.code` of the envelope; servers may send codes the spec does not list. */
  declare readonly code: string;
  /** `error.message` of the envelope, as the server wrote it (secrets redacted). */
  declare readonly serverMessage: string;
  /** `X-DocuSign-TraceToken`: quote it to DocuSign support. */
  declare readonly traceToken: string | undefined;
  /** How long the server asked to wait before another attempt (`Retry-After`, or `X-RateLimit-Reset` on 429). */
  declare readonly retryAfterMs: number | undefined;
  declare readonly rateLimit: RateLimit | undefined;

  constructor(details: { status: number; code: string; message: string; traceToken?: string | undefined; retryAfterMs?: number | undefined; rateLimit?: RateLimit | undefined }, context: ErrorContext) {
    const { message, ...fields } = details;
    super(`${callOf(context, 'The server')} answered ${details.status} ${details.code}: ${message}`, context);
    Object.assign(this, fields, { serverMessage: message });
  }
}

/** A 502, 503 or 504 that is not the contract's envelope: a proxy or gateway answered and the server may be down. An outage, retried as the retry settings allow. */
export class UnavailableError extends ConnectOAuthError {
  override readonly name = 'UnavailableError' as const;
  declare readonly status: number;
  /** The answer's content type, as sent (`text/html` from most proxies). */
  declare readonly contentType: string | undefined;
  declare readonly retryAfterMs: number | undefined;

  constructor({ status, contentType, retryAfterMs }: { status: number; contentType?: string | undefined; retryAfterMs?: number | undefined }, context: ErrorContext) {
    const type = contentType ? `${contentType}, ` : '';
    super(`${callOf(context, 'The request')} got ${status} from something in front of the server (${type}not the contract's envelope): the server is unavailable or unreachable; try again later.`, context);
    Object.assign(this, { status, contentType, retryAfterMs });
  }
}

/** The answer breaks the contract: undocumented status, not JSON, no envelope, or a body the spec's schema refuses. */
export class ContractError extends ConnectOAuthError {
  override readonly name = 'ContractError' as const;
  declare readonly status: number | undefined;
  declare readonly violations: readonly string[];
  declare readonly traceToken: string | undefined;

  constructor({ status, violations, traceToken }: { status?: number | undefined; violations: readonly string[]; traceToken?: string | undefined }, context: ErrorContext) {
    super(`${callOf(context, 'The server')} answered outside the contract${status === undefined ? '' : ` (HTTP ${status})`}: ${violations.join('; ')}`, context);
    Object.assign(this, { status, violations, traceToken });
  }
}

/** No response: the connection was refused, reset or never resolved. */
export class NetworkError extends ConnectOAuthError {
  override readonly name = 'NetworkError' as const;
  /** The system's code when known, e.g. `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`. */
  declare readonly code: string | undefined;

  constructor({ code, reason }: { code?: string | undefined; reason: string }, context: ErrorContext) {
    super(`${callOf(context, 'The request')} got no response${code ? ` (${code})` : ''}: ${reason}. Check baseUrl and the network.`, context);
    this.code = code;
  }
}

/** An attempt took longer than `timeoutMs`. A caller's own abort is not a TimeoutError. */
export class TimeoutError extends ConnectOAuthError {
  override readonly name = 'TimeoutError' as const;
  declare readonly timeoutMs: number;

  /** `waitingFor`: what the attempt was still waiting for, when not the server (the accessToken function). */
  constructor({ timeoutMs, waitingFor }: { timeoutMs: number; waitingFor?: string }, context: ErrorContext) {
    const what = waitingFor ? `was not sent: ${waitingFor} gave no token` : 'got no complete response';
    super(`${callOf(context, 'The request')} ${what} within ${timeoutMs} ms; raise timeoutMs if ${waitingFor ? 'it' : 'the server'} is known to be slow.`, context);
    this.timeoutMs = timeoutMs;
  }
}

/** Bad input: an argument or option, caught before any request was sent, or a token function that failed (on a retry, after the first attempt). */
export class InputError extends ConnectOAuthError {
  override readonly name = 'InputError' as const;
  declare readonly violations: readonly string[];

  constructor(violations: readonly string[], context: ErrorContext = {}) {
    super(`Invalid input: ${violations.join('; ')}`, context);
    this.violations = violations;
  }
}
