// The README's usage example: examples/usage.ts, which `npm run typecheck` compiles, run against the mock.
import { describe, expect, it } from 'vitest';
import { readmeExample } from '../support/readme-example.js';

const example = readmeExample('usage');

describe('the README’s usage example', () => {
  it('is examples/usage.ts, word for word', () => {
    expect(example.inReadme()).toBe(true);
  });

  it('runs against the mock and creates a configuration', async () => {
    const log = await example.run(() => import('../../examples/usage.js'), { CLIENT_SECRET: 'a-client-secret-value' });
    expect(log).toHaveBeenCalledWith('created', { id: 'abc123', created_at: '2025-01-01T00:00:00Z' });
  });
});
