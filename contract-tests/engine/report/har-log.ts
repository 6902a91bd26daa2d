// Every exchange of a run as a HAR 1.2 log (the format of browsers' network panels), with the
// token and every clientSecret masked, so that a failing run can be opened and read whole.
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

export function harLog(exchanges: readonly RecordedExchange[], masker: SecretMasker, creator: { name: string; version: string }): object {
  const entries = exchanges.map((exchange) => {
    const { request, response, intent } = exchange;
    const requestHeaders = masker.headers(request.headers);
    const body = request.body === undefined ? undefined : masker.text(request.body);
    const responseText = response ? masker.text(response.text) : '';
    return {
      startedDateTime: exchange.startedAt.toISOString(),
      time: Math.round(exchange.durationMs * 1000) / 1000,
      request: {
        method: request.method,
        url: masker.text(request.url),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: harHeaders(requestHeaders),
        queryString: queryString(request.url),
        ...(body === undefined ? {} : { postData: { mimeType: request.headers['content-type'] ?? '', text: body } }),
        headersSize: -1,
        bodySize: body === undefined ? 0 : Buffer.byteLength(body),
      },
      response: {
        status: response?.status ?? 0,
        statusText: response ? '' : masker.text(exchange.error ?? 'no response'),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: harHeaders(response ? masker.headers(response.headers) : {}),
        content: { size: Buffer.byteLength(responseText), mimeType: response?.headers['content-type'] ?? '', text: responseText },
        redirectURL: response?.headers.location ?? '',
        headersSize: -1,
        bodySize: response ? Buffer.byteLength(responseText) : -1,
      },
      cache: {},
      timings: { send: 0, wait: Math.round(exchange.durationMs * 1000) / 1000, receive: 0 },
      comment: `${intent.check} (${intent.phase}, ${intent.kind}): ${masker.text(intent.purpose)}`,
    };
  });
  return { log: { version: '1.2', creator, entries } };
}

export async function writeHar(path: string, exchanges: readonly RecordedExchange[], masker: SecretMasker, creator: { name: string; version: string }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(harLog(exchanges, masker, creator), null, 1)}\n`);
}
