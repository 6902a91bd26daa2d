// 1. Client overhead with a stubbed transport: every side gets the same prebuilt answer
// without a network, so what is measured is the client's own work per call.
import { Bench } from 'tinybench';
import { median, shuffled } from './statistics.js';
import { bareOpenapiFetch, docusignSdk, ourClient, sdkAxios, type Side } from './sides.js';
import { CREATED, DETAILS, JSON_HEADERS } from './stub-responses.js';

export interface OverheadResult {
  side: string;
  operation: 'create' | 'get';
  opsPerSecond: number;
}

const BASE_URL = 'https://demo.docusign.net/restapi';

/** A fetch that answers at once: a new Response each call, as a body is read only once. */
const stubFetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
  const answer = (init?.method ?? (input as Request).method) === 'POST' ? CREATED : DETAILS;
  return new Response(answer.body, { status: answer.status, headers: JSON_HEADERS });
};

/** The same for axios, which the SDK uses: an adapter that answers at once. */
const stubAxiosAdapter = async (config: { method?: string }) => {
  const answer = config.method?.toUpperCase() === 'POST' ? CREATED : DETAILS;
  return { data: answer.body, status: answer.status, statusText: 'OK', headers: JSON_HEADERS, config, request: {} };
};

export async function measureClientOverhead(options: { rounds: number; timeMs: number }): Promise<OverheadResult[]> {
  const previousAdapter = sdkAxios.defaults.adapter;
  sdkAxios.defaults.adapter = stubAxiosAdapter;
  try {
    const sides: Side[] = [ourClient(BASE_URL, stubFetch, true), ourClient(BASE_URL, stubFetch, false), bareOpenapiFetch(BASE_URL, stubFetch), docusignSdk(BASE_URL)];
    const samples = new Map<string, number[]>();
    // Rounds in a new order each time, so machine noise falls on every side alike.
    for (let round = 0; round < options.rounds; round++) {
      for (const side of shuffled(sides)) {
        for (const operation of ['create', 'get'] as const) {
          const bench = new Bench({ time: options.timeMs, warmupTime: Math.min(50, options.timeMs), throws: true });
          bench.add(`${side.name} ${operation}`, () => side[operation]());
          await bench.run();
          // The median latency, not the mean throughput: a GC pause in one sample moves a mean.
          const p50 = (bench.tasks[0]!.result as { latency?: { p50: number } }).latency?.p50 ?? Number.NaN;
          const throughput = 1000 / p50;
          const key = `${side.name}\u0000${operation}`;
          samples.set(key, [...(samples.get(key) ?? []), throughput]);
        }
      }
    }
    return [...samples].map(([key, values]) => {
      const [side, operation] = key.split('\u0000') as [string, 'create' | 'get'];
      return { side, operation, opsPerSecond: median(values) };
    });
  } finally {
    sdkAxios.defaults.adapter = previousAdapter;
  }
}
