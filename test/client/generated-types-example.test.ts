// The README's "using the generated types alone": openapi-fetch typed by `paths` from
// connect-oauth-kit/schema, with no client of ours. `npm run typecheck` compiles it
// (examples/ is in tsconfig.json); this runs it against the mock.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../contract-tests/support/mock-server.js';

const example = readFileSync(new URL('../../examples/generated-types.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the README’s example of the generated types alone', () => {
  it('is examples/generated-types.ts, word for word', () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('imports nothing of the client, only the types', () => {
    expect(example).toMatch(/^import type \{ paths \} from 'connect-oauth-kit\/schema';$/m);
    expect(example).not.toMatch(/from 'connect-oauth-kit'/);
  });

  it('runs against the mock and reads the configuration out of the envelope', async () => {
    vi.stubEnv('CONNECT_OAUTH_BASE_URL', mock.url);
    vi.stubEnv('DOCUSIGN_ACCESS_TOKEN', 'mock-token');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('../../examples/generated-types.js');
    expect(log).toHaveBeenCalledWith('configured', '6731de76-14a6-49ae-97bc-6eba6914391e', '2025-01-01T00:00:00Z');
  });
});
