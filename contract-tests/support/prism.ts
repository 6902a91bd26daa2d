// Prism serving the bundled spec in this process: ready in milliseconds, on a free
// loopback port, and closed by the suite that started it.
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { fileURLToPath } from 'node:url';
import { SPEC_PATH } from './openapi-document.js';

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
  const operations = await getHttpOperationsFromSpec(fileURLToPath(SPEC_PATH));
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
