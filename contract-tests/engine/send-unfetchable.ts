// Methods that fetch refuses to send (TRACE), sent with node:http so that the suite can ask a
// server what Schemathesis asks it. The exchange is recorded in the same shape as fetch's,
// with the same bounds: CONTRACT_TIMEOUT_MS for the whole answer, 1 MiB of body at most.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { PlannedRequest } from '../support/valid-request.js';
import { AnswerTooLarge, DEFAULT_TIMEOUT_MS, parseJson, readAnswerText, tooSlow, type Exchange } from './exchange.js';

export const UNFETCHABLE_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

export function sendUnfetchable(baseUrl: string, request: PlannedRequest, purpose: string, { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<Exchange> {
  const url = `${baseUrl}${request.path}`;
  const recorded: Exchange = { request: { ...request, url }, purpose };
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const fail = (failure: NonNullable<Exchange['failure']>, error: string) => {
      clearTimeout(timer);
      if (recorded.response || recorded.error) return;
      recorded.failure = failure;
      recorded.error = error;
      outgoing.destroy();
      resolve(recorded);
    };
    const timer = setTimeout(() => fail('timeout', tooSlow(timeoutMs)), timeoutMs);
    const outgoing = send(url, { method: request.method, headers: request.headers }, (incoming) => {
      const status = incoming.statusCode ?? 0;
      // Read as fetch's answers are, by the same bounded reader.
      readAnswerText(new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>), status).then(
        (text) => {
          clearTimeout(timer);
          if (recorded.error) return;
          const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
          recorded.response = { status, headers, text, json: parseJson(text) };
          resolve(recorded);
        },
        (error: unknown) => fail(error instanceof AnswerTooLarge ? 'too-large' : 'unreachable', error instanceof Error ? error.message : String(error)),
      );
    });
    outgoing.on('error', (error) => fail('unreachable', error.message));
    outgoing.end(request.body);
  });
}
