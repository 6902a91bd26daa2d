// The client's own calls on Node, sent with node:http and node:https and their keep-alive
// agents: the same exchange as the fetch sender, without the WHATWG Request, Headers and
// stream machinery that fetch builds around every request. It follows no redirect (node:http
// never does), reads the body no further than the limit, and stops at the attempt's abort.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isRedirect, NULL_BODY_STATUSES, type HeaderReader, type Sender } from '../src/sender.js';

export const nodeSender: Sender = (exchange, attempt) =>
  new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    const send = exchange.url.startsWith('https:') ? httpsRequest : httpRequest;
    const headers = exchange.body === undefined ? exchange.headers : { ...exchange.headers, 'content-length': String(Buffer.byteLength(exchange.body)) };
    const request = send(exchange.url, { method: exchange.method, headers }, (response) => {
      const status = response.statusCode ?? 0;
      const reply = { status, statusText: response.statusMessage ?? '', headers: headerReader(response.headers), text: '', url: '' };
      const finish = () => {
        if (settled) return;
        settled = true;
        resolve(reply);
      };
      if (isRedirect(reply) || NULL_BODY_STATUSES.has(status)) {
        // A redirect's body is not wanted: the connection goes rather than reading it.
        if (isRedirect(reply)) response.destroy();
        else response.resume();
        return finish();
      }
      const declared = response.headers['content-length'];
      if (declared !== undefined && Number(declared) > exchange.limit) return fail(exchange.tooLarge(status, Number(declared)));
      readBody(response, exchange.limit, status, exchange.tooLarge).then((text) => {
        reply.text = text;
        finish();
      }, fail);
    });
    request.on('error', fail);
    attempt.onAbort(fail);
    request.end(exchange.body);
  });

function readBody(response: IncomingMessage, limit: number, status: number, tooLarge: (status: number) => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        response.destroy();
        reject(tooLarge(status));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
      // As fetch's text(): a byte order mark is not part of the text.
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    response.on('error', reject);
    // A body cut short without an error (the socket closed before its end).
    response.on('close', () => {
      if (!response.complete) reject(Object.assign(new Error('the connection closed before the end of the body'), { code: 'ECONNRESET' }));
    });
  });
}

/** node:http's header object read as fetch's Headers are: by lowercase name, repeated values joined. */
function headerReader(headers: IncomingHttpHeaders): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
