import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../../contract-tests/support/mock-server.js';

const example = readFileSync(new URL('../../examples/usage.ts', import.meta.url), 'utf8');
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

describe('the README’s usage example', () => {
  it('is examples/usage.ts, word for word', () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('runs against the mock and creates a configuration', async () => {
    vi.stubEnv('CONNECT_OAUTH_BASE_URL', mock.url);
    vi.stubEnv('DOCUSIGN_ACCESS_TOKEN', 'mock-token');
    vi.stubEnv('CLIENT_SECRET', 'a-client-secret-value');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('../../examples/usage.js');
    expect(log).toHaveBeenCalledWith('created', { id: 'abc123', created_at: '2025-01-01T00:00:00Z' });
  });
});
