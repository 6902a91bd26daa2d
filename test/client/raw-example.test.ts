// The README's raw-client example: examples/raw.ts, which `npm run typecheck` compiles, run against the mock.
import { describe, expect, it } from 'vitest';
import { readmeExample } from '../support/readme-example.js';

const example = readmeExample('raw');

describe('the README’s example of the raw client', () => {
  it('is examples/raw.ts, word for word', () => {
    expect(example.inReadme()).toBe(true);
  });

  it('runs against the mock and reads the envelope as the server sent it', async () => {
    const log = await example.run(() => import('../../examples/raw.js'));
    expect(log).toHaveBeenCalledWith(200, '6731de76-14a6-49ae-97bc-6eba6914391e');
  });
});
