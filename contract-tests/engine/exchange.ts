// One request and its response, as the checks read them and as a report prints them.
import type { PlannedRequest } from '../support/valid-request.js';
import type { RequestPacer } from './request-pacer.js';

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json: unknown;
}

export interface Exchange {
  request: PlannedRequest & { url: string };
  /** Undefined when no response came (network error). */
  response?: RecordedResponse;
  error?: string;
  /** Why this request was sent, for reports: "valid example", "missing clientSecret", ... */
  purpose: string;
  /** The status was forced with Prism's Prefer header: it says nothing of the server's own choice. */
  forced?: boolean;
  /** Why no response was recorded, when none was. */
  failure?: 'unreachable' | 'timeout' | 'too-large';
}

/** The most of a response body the suite reads; a larger answer is a violation, not a memory problem. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface SendRequestOptions {
  /** How long the request may take, body included (CONTRACT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Paces the request, spends the budget, waits out a 429; without one the request goes at once. */
  pacer?: RequestPacer;
  /** The clean-up, sent even past the budget (see RequestPacer). */
  essential?: boolean;
}

export async function sendRequest(baseUrl: string, request: PlannedRequest, purpose: string, forced = false, options: SendRequestOptions = {}): Promise<Exchange> {
  const attempt = () => sendOnce(baseUrl, request, purpose, forced, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // A status the suite asked for (a forced 429) is not the server limiting the rate.
  return options.pacer ? options.pacer.send(attempt, { honourRateLimit: !forced, essential: options.essential ?? false }) : attempt();
}

async function sendOnce(baseUrl: string, request: PlannedRequest, purpose: string, forced: boolean, timeoutMs: number): Promise<Exchange> {
  const url = `${baseUrl}${request.path}`;
  const recorded: Exchange = { request: { ...request, url }, purpose, ...(forced ? { forced } : {}) };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal,
    });
    const text = await readBounded(response);
    if (text === undefined) {
      recorded.error = `the ${response.status} answer's body is larger than ${MAX_RESPONSE_BYTES} bytes (1 MiB), the most the suite reads`;
      recorded.failure = 'too-large';
      return recorded;
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    recorded.response = { status: response.status, headers: Object.fromEntries(response.headers), text, json };
  } catch (error) {
    if (signal.aborted) {
      recorded.error = `no complete answer within ${timeoutMs} ms (CONTRACT_TIMEOUT_MS)`;
      recorded.failure = 'timeout';
    } else {
      recorded.error = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
      recorded.failure = 'unreachable';
    }
  }
  return recorded;
}

/** The body as text, or undefined past MAX_RESPONSE_BYTES (the rest is not read). */
async function readBounded(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const MAX_BODY = 400;

/** The exchange as a report shows it, with the bearer token masked. */
export function describeExchange(exchange: Exchange): string {
  const { request, response } = exchange;
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? value.replace(/^(\S+\s+).+$/, '$1***') : value}`)
    .join('\n    ');
  const lines = [`  request (${exchange.purpose}): ${request.method} ${request.url}`, `    ${headers}`];
  if (request.body !== undefined) lines.push(`    ${truncate(request.body)}`);
  if (response) {
    lines.push(`  response: ${response.status} ${response.headers['content-type'] ?? '(no content-type)'}`, `    ${truncate(response.text) || '(empty body)'}`);
  } else {
    lines.push(`  no response: ${exchange.error}`);
  }
  return lines.join('\n');
}

function truncate(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} characters)` : text;
}
