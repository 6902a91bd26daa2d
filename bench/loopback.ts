// 2. Latency over loopback: a minimal node:http server on 127.0.0.1 answers the 201
// envelope; each side sends sequentially (p50, p99), then 16 at a time (requests/s).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { median, percentile, trimmedMean } from './statistics.js';
import { bareOpenapiFetch, docusignSdk, ourClient, rawFetch, type Side } from './sides.js';
import { CREATED, JSON_HEADERS } from './stub-responses.js';

export interface LoopbackResult {
  side: string;
  p50Ms: number;
  /** 10%-trimmed mean: a GC pause or a neighbour's burst on the shared machine moves a plain mean. */
  meanMs: number;
  p99Ms: number;
  requestsPerSecond: number;
}

export async function measureLoopback(options: { warmup: number; sequential: number; concurrentRequests: number; concurrency: number; rounds: number }): Promise<LoopbackResult[]> {
  const body = Buffer.from(CREATED.body);
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(CREATED.status, { ...JSON_HEADERS, 'content-length': body.length });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Bare openapi-fetch is there to show the floor a client on openapi-fetch starts from.
    const sides: Side[] = [rawFetch(baseUrl), ourClient(baseUrl, undefined, true), bareOpenapiFetch(baseUrl, undefined), docusignSdk(baseUrl)];
    for (const side of sides) for (let warmup = 0; warmup < options.warmup; warmup++) await side.create();

    // Sequential, interleaved request by request: side A, B, C, then B, C, A, ...
    const latencies = new Map<string, number[]>(sides.map((side) => [side.name, []]));
    for (let index = 0; index < options.sequential; index++) {
      for (let offset = 0; offset < sides.length; offset++) {
        const side = sides[(index + offset) % sides.length]!;
        const started = performance.now();
        await side.create();
        latencies.get(side.name)!.push(performance.now() - started);
      }
    }

    const throughput = new Map<string, number[]>(sides.map((side) => [side.name, []]));
    for (let round = 0; round < options.rounds; round++) {
      for (let offset = 0; offset < sides.length; offset++) {
        const side = sides[(round + offset) % sides.length]!;
        throughput.get(side.name)!.push(await requestsPerSecond(side, options.concurrentRequests, options.concurrency));
      }
    }

    return sides.map((side) => ({
      side: side.name,
      p50Ms: median(latencies.get(side.name)!),
      meanMs: trimmedMean(latencies.get(side.name)!, 0.1),
      p99Ms: percentile(latencies.get(side.name)!, 0.99),
      requestsPerSecond: median(throughput.get(side.name)!),
    }));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function requestsPerSecond(side: Side, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await side.create();
      }
    }),
  );
  return (total / (performance.now() - started)) * 1000;
}
