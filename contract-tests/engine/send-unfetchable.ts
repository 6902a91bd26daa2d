// Methods that fetch refuses to send (TRACE), sent with node:http so that the suite can ask a
// server what Schemathesis asks it. The exchange is recorded in the same shape as fetch's.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PlannedRequest } from '../support/valid-request.js';
import type { Exchange } from './exchange.js';

export const UNFETCHABLE_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);
const TIMEOUT_MS = 15_000;

export function sendUnfetchable(baseUrl: string, request: PlannedRequest, purpose: string): Promise<Exchange> {
  const url = `${baseUrl}${request.path}`;
  const recorded: Exchange = { request: { ...request, url }, purpose };
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = send(url, { method: request.method, headers: request.headers, timeout: TIMEOUT_MS }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
        recorded.response = { status: incoming.statusCode ?? 0, headers, text, json };
        resolve(recorded);
      });
      incoming.on('error', (error) => {
        recorded.error = error.message;
        resolve(recorded);
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    outgoing.on('error', (error) => {
      recorded.error = error.message;
      resolve(recorded);
    });
    outgoing.end(request.body);
  });
}
