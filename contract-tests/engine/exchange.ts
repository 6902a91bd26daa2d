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
}

export async function sendRequest(baseUrl: string, request: PlannedRequest, purpose: string, forced = false): Promise<Exchange> {
  const url = `${baseUrl}${request.path}`;
  const recorded: Exchange = { request: { ...request, url }, purpose, ...(forced ? { forced } : {}) };
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    recorded.response = { status: response.status, headers: Object.fromEntries(response.headers), text, json };
  } catch (error) {
    recorded.error = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
  }
  return recorded;
}
