// Methods that fetch refuses to send (TRACE), sent with node:http so that the suite can ask a
// server what Schemathesis asks it. The exchange is recorded in the same shape as fetch's,
// with the same bounds: CONTRACT_TIMEOUT_MS for the whole answer, 1 MiB of body at most.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PlannedRequest } from '../support/valid-request.js';
import { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, parseJson, tooLarge, tooSlow, type Exchange } from './exchange.js';

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
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_RESPONSE_BYTES) fail('too-large', tooLarge(incoming.statusCode ?? 0));
        else chunks.push(chunk);
      });
      incoming.on('end', () => {
        clearTimeout(timer);
        if (recorded.error) return;
        const text = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
        recorded.response = { status: incoming.statusCode ?? 0, headers, text, json: parseJson(text) };
        resolve(recorded);
      });
      incoming.on('error', (error) => fail('unreachable', error.message));
    });
    outgoing.on('error', (error) => fail('unreachable', error.message));
    outgoing.end(request.body);
  });
}
