// The README's "using the generated types alone": openapi-fetch typed by `paths` from
// connect-oauth-kit/schema, with no client of ours. `npm run typecheck` compiles it
// (examples/ is in tsconfig.json); this runs it against the mock.
import { describe, expect, it } from 'vitest';
import { readmeExample } from '../support/readme-example.js';

const example = readmeExample('generated-types');

describe('the README’s example of the generated types alone', () => {
  it('is examples/generated-types.ts, word for word', () => {
    expect(example.inReadme()).toBe(true);
  });

  it('imports nothing of the client, only the types', () => {
    expect(example.text).toMatch(/^import type \{ paths \} from 'connect-oauth-kit\/schema';$/m);
    expect(example.text).not.toMatch(/from 'connect-oauth-kit'/);
  });

  it('runs against the mock and reads the configuration out of the envelope', async () => {
    const log = await example.run(() => import('../../examples/generated-types.js'));
    expect(log).toHaveBeenCalledWith('configured', '6731de76-14a6-49ae-97bc-6eba6914391e', '2025-01-01T00:00:00Z');
  });
});
