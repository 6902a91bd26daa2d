// A real HTTP server on 127.0.0.1 that answers each request with the next scripted step:
// a response, a reset, a hang, a body cut short. The last step repeats.
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
  | { hangMidBody: true; status: number; headers?: Record<string, string>; body: string };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json', 'x-docusign-tracetoken': 'trace-123' };

export async function startFaultServer(steps: FaultStep[]): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    const step = steps[Math.min(requests.length - 1, steps.length - 1)]!;
    play(step, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function play(step: FaultStep, response: ServerResponse): void {
  if ('reset' in step) {
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
