// The reference server dressed as somebody's live account, to prove that the suite cannot
// hurt one: a configuration already stored, rate limits that answer 429 or count down to 0,
// a server that echoes the secret, a slow one. Each logs what it received. Unlike the plain
// reference server it counts as live: a suite in this process gets the careful defaults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forgetLocalServer } from '../engine/local-servers.js';
import { startReferenceServer, type Fault, type ReferenceServer, type StoredInput } from './server.js';

export interface LiveVariantOptions {
  token: string;
  /** Configurations the accounts already have, by account id. */
  stored?: Record<string, StoredInput>;
  /** Every Nth request is answered 429 with `Retry-After: 1`, as a burst limit does. */
  rateLimitEvery?: number;
  /** X-RateLimit-Remaining starts here and counts down one a request; at 0 every request gets 429. */
  remaining?: number;
  /** GET and PUT answer with the stored clientSecret. */
  echoSecret?: boolean;
  /** Every answer waits this long first. */
  delayMs?: number;
  /** Broken in these ways too (the reference server's faults). */
  faults?: readonly Fault[];
}

export interface ReceivedRequest {
  method: string;
  path: string;
  /** What X-RateLimit-Remaining said when it arrived (the `remaining` variant). */
  remainingBefore?: number;
}

export interface LiveVariant extends ReferenceServer {
  /** Every request received, in order. */
  received: ReceivedRequest[];
}

const HOUR_SECONDS = 3600;

export async function startLiveVariant(options: LiveVariantOptions): Promise<LiveVariant> {
  const received: ReceivedRequest[] = [];
  let remaining = options.remaining;

  function tooMany(response: ServerResponse, retryAfter: number, message: string): true {
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter), 'x-docusign-tracetoken': `rate-${received.length}` });
    response.end(JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message } }));
    return true;
  }

  async function intercept(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const seen: ReceivedRequest = { method: request.method ?? 'GET', path: request.url ?? '/' };
    received.push(seen);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (remaining !== undefined) {
      seen.remainingBefore = remaining;
      const reset = String(Math.ceil(Date.now() / 1000 / HOUR_SECONDS) * HOUR_SECONDS);
      if (remaining === 0) {
        response.setHeader('x-ratelimit-remaining', '0');
        response.setHeader('x-ratelimit-reset', reset);
        return tooMany(response, HOUR_SECONDS, 'The hourly limit is spent.');
      }
      remaining--;
      response.setHeader('x-ratelimit-limit', String(options.remaining));
      response.setHeader('x-ratelimit-remaining', String(remaining));
      response.setHeader('x-ratelimit-reset', reset);
    }
    if (options.rateLimitEvery && received.length % options.rateLimitEvery === 0) return tooMany(response, 1, 'Too many requests in this burst window.');
    return false;
  }

  const server = await startReferenceServer({
    token: options.token,
    ...(options.stored ? { stored: options.stored } : {}),
    faults: [...(options.faults ?? []), ...(options.echoSecret ? (['secret-echoed'] as const) : [])],
    intercept,
  });
  // Somebody's account as far as the suite can tell.
  forgetLocalServer(server.url);
  return { ...server, received };
}
