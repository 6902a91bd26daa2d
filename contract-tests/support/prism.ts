// Prism serving the bundled spec in this process: ready in milliseconds, on a free
// loopback port, and closed by the suite that started it. Prism is loaded when it is first
// started (0.7 s), so that a run against a live server, or --help, does not wait for it.
import type { getHttpOperationsFromSpec as GetOperations } from '@stoplight/prism-http';
import { spec } from './openapi-document.js';

export interface RunningPrism {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
}

export interface PrismOptions {
  /** Turn a response that breaks its own schema into a 500, as `prism mock --errors` does. */
  errors?: boolean;
  /** Forward to this server and validate both ways (`prism proxy`), instead of mocking. */
  upstream?: string;
}

export async function startPrism({ errors = true, upstream }: PrismOptions = {}): Promise<RunningPrism> {
  const [{ createLogger }, { getHttpOperationsFromSpec }, { createServer }] = await Promise.all([import('@stoplight/prism-core'), import('@stoplight/prism-http'), import('@stoplight/prism-http-server')]);
  // A copy: dereferencing rewrites the document it is given.
  const operations = await getHttpOperationsFromSpec(structuredClone(spec) as unknown as Parameters<typeof GetOperations>[0]);
  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger('prism', { level: 'silent' }) },
    config: {
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      errors,
      upstreamProxy: undefined,
      mock: { dynamic: false },
      ...(upstream ? { isProxy: true as const, upstream: new URL(upstream) } : { isProxy: false as const }),
    },
  });
  const address = await server.listen(0, '127.0.0.1');
  return { url: address.replace(/\/$/, ''), close: () => server.close() };
}
