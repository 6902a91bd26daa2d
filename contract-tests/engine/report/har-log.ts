// Every exchange of a run as a HAR 1.2 log (the format of browsers' network panels), with the
// token and every clientSecret masked, so that a failing run can be opened and read whole.
// Every string of the log goes through the masker, not a chosen few: a server may put a
// secret in any header, a redirect's Location or a content type.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretMasker } from '../mask-secrets.js';
import type { RecordedExchange } from '../run-context.js';

interface HarHeader { name: string; value: string }

const harHeaders = (headers: Record<string, string>): HarHeader[] => Object.entries(headers).map(([name, value]) => ({ name, value }));

function queryString(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/**
 * Every string in the value, however deep, masked (the log's own keys are its format's names).
 * A run repeats the same header names and values hundreds of times: each is masked once.
 */
function maskEverywhere(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((item) => maskEverywhere(item, mask));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskEverywhere(item, mask)]));
}

function memoized(masker: SecretMasker): { mask: (text: string) => string; known: (masked: string) => string } {
  const masked = new Map<string, string>();
  const mask = (text: string) => {
    let found = masked.get(text);
    if (found === undefined) masked.set(text, (found = masker.text(text)));
    return found;
  };
  // A text already masked stays as it is: not masked a second time.
  return { mask, known: (text) => (masked.set(text, text), text) };
}

export function harLog(exchanges: readonly RecordedExchange[], masker: SecretMasker, creator: { name: string; version: string }): object {
  const { mask, known } = memoized(masker);
  const entries = exchanges.map((exchange) => {
    const { request, response, intent } = exchange;
    // Masked before the sizes are taken: the log's sizes are those of what it shows.
    const body = request.body === undefined ? undefined : known(masker.text(request.body));
    const responseText = response ? known(masker.text(response.text)) : '';
    return {
      startedDateTime: exchange.startedAt.toISOString(),
      time: Math.round(exchange.durationMs * 1000) / 1000,
      request: {
        method: request.method,
        url: request.url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: harHeaders(request.headers),
        queryString: queryString(request.url),
        ...(body === undefined ? {} : { postData: { mimeType: request.headers['content-type'] ?? '', text: body } }),
        headersSize: -1,
        bodySize: body === undefined ? 0 : Buffer.byteLength(body),
      },
      response: {
        status: response?.status ?? 0,
        statusText: response ? '' : (exchange.error ?? 'no response'),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: harHeaders(response?.headers ?? {}),
        content: { size: Buffer.byteLength(responseText), mimeType: response?.headers['content-type'] ?? '', text: responseText },
        redirectURL: response?.headers.location ?? '',
        headersSize: -1,
        bodySize: response ? Buffer.byteLength(responseText) : -1,
      },
      cache: {},
      timings: { send: 0, wait: Math.round(exchange.durationMs * 1000) / 1000, receive: 0 },
      comment: `${intent.check} (${intent.phase}, ${intent.kind}): ${intent.purpose}`,
    };
  });
  return { log: { version: '1.2', creator, entries: maskEverywhere(entries, mask) } };
}

export async function writeHar(path: string, exchanges: readonly RecordedExchange[], masker: SecretMasker, creator: { name: string; version: string }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(harLog(exchanges, masker, creator), null, 1)}\n`);
}
