// A real HTTP server on 127.0.0.1 that answers each request with the next scripted step:
// a response, a reset, a hang, a body cut short, a body of any size streamed with
// backpressure. A step may also be a function of the request (to echo what it carried).
// The last step repeats.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultStep =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Close the connection without answering. */
  | { reset: true }
  /** Send the status line and headers, part of the body, then close. */
  | { resetMidBody: true; status: number; headers?: Record<string, string>; body: string }
  /** Never answer (until the server closes). */
  | { hang: true }
  /** Send headers and part of the body, then never finish. */
  | { hangMidBody: true; status: number; headers?: Record<string, string>; body: string }
  /**
   * Stream `chunk` again and again, waiting for the client to drain each one: `totalBytes`
   * in all (announced in Content-Length unless `chunked`), or without end.
   */
  | { stream: true; status: number; headers?: Record<string, string>; chunk: string; totalBytes?: number; chunked?: boolean };

/** A step, or a function that picks one for the request it answers. */
export type FaultScript = FaultStep | ((request: RecordedRequest) => FaultStep);

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  /** Bytes of body written by streaming steps so far. */
  readonly streamedBytes: number;
  /** Streaming answers whose connection is still open: 0 once the client let go of them. */
  readonly openStreams: number;
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json', 'x-docusign-tracetoken': 'trace-123' };

export async function startFaultServer(steps: FaultScript[]): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const streamed = { bytes: 0, open: 0 };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const recorded = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(recorded);
    const script = steps[Math.min(requests.length - 1, steps.length - 1)]!;
    play(typeof script === 'function' ? script(recorded) : script, response, streamed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get streamedBytes() {
      return streamed.bytes;
    },
    get openStreams() {
      return streamed.open;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function play(step: FaultStep, response: ServerResponse, streamed: { bytes: number; open: number }): void {
  if ('stream' in step) {
    void stream(step, response, streamed);
  } else if ('reset' in step) {
    response.socket?.destroy();
  } else if ('hang' in step) {
    // Nothing: the client's timeout or the server's close ends it.
  } else if ('resetMidBody' in step || 'hangMidBody' in step) {
    response.writeHead(step.status, { ...JSON_HEADERS, ...step.headers, 'content-length': String(Buffer.byteLength(step.body) + 100) });
    response.write(step.body.slice(0, Math.ceil(step.body.length / 2)));
    if ('resetMidBody' in step) setTimeout(() => response.socket?.destroy(), 5);
  } else {
    const body = step.body === undefined ? '' : typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
    response.writeHead(step.status, { ...JSON_HEADERS, ...step.headers });
    response.end(body);
  }
}

async function stream(step: Extract<FaultStep, { stream: true }>, response: ServerResponse, streamed: { bytes: number; open: number }): Promise<void> {
  streamed.open++;
  response.once('close', () => streamed.open--);
  const chunk = Buffer.from(step.chunk);
  const length = step.totalBytes !== undefined && !step.chunked ? { 'content-length': String(step.totalBytes) } : {};
  response.writeHead(step.status, { ...JSON_HEADERS, ...step.headers, ...length });
  let left = step.totalBytes ?? Number.POSITIVE_INFINITY;
  while (left > 0 && !response.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= piece.length;
    streamed.bytes += piece.length;
    if (!response.write(piece)) {
      // Wait for the client to take it, or for the connection to end.
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  if (!response.destroyed) response.end();
}
