// One request and its response, as the checks read them and as a report prints them.
import type { PlannedRequest } from '../support/valid-request.js';

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

/** Sends the request once, bounded in time (CONTRACT_TIMEOUT_MS) and in the size of the answer read. */
export async function sendRequest(baseUrl: string, request: PlannedRequest, purpose: string, forced = false, { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<Exchange> {
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
    const text = await readAnswerText(response, response.status);
    recorded.response = { status: response.status, headers: Object.fromEntries(response.headers), text, json: parseJson(text) };
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      recorded.error = error.message;
      recorded.failure = 'too-large';
    } else if (signal.aborted) {
      recorded.error = tooSlow(timeoutMs);
      recorded.failure = 'timeout';
    } else {
      recorded.error = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
      recorded.failure = 'unreachable';
    }
  }
  return recorded;
}

/** The text parsed as JSON; undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export const tooLarge = (status: number) => `the ${status} answer's body is larger than ${MAX_RESPONSE_BYTES} bytes (1 MiB), the most the suite reads`;
export const tooSlow = (timeoutMs: number) => `no complete answer within ${timeoutMs} ms (CONTRACT_TIMEOUT_MS)`;

/** What the suite reads of an answer's body, whichever way it was sent. */
export class AnswerTooLarge extends Error {
  constructor(status: number) {
    super(tooLarge(status));
  }
}

/**
 * The body as text, read no further than MAX_RESPONSE_BYTES: past it the suite stops reading,
 * lets the connection go (leaving the loop cancels the stream) and throws AnswerTooLarge.
 */
export async function readAnswerText(response: Response, status: number): Promise<string> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_RESPONSE_BYTES) {
    await response.body?.cancel().catch(() => {});
    throw new AnswerTooLarge(status);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (response.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw new AnswerTooLarge(status);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
