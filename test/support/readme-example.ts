// An example of examples/ as the README's tests hold it: the file is in the README word for
// word, and runs against a mock of its own with the environment it reads.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, vi } from 'vitest';
import { startMock, type RunningMock } from '../../contract-tests/support/mock-server.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

export function readmeExample(name: string) {
  const text = readFileSync(new URL(`../../examples/${name}.ts`, import.meta.url), 'utf8');
  let mock: RunningMock | undefined;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock?.close();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
  return {
    text,
    /** Whether the README shows the file whole, as a TypeScript block. */
    inReadme: () => README.includes(`\`\`\`ts\n${text}\`\`\``),
    /**
     * Runs the example (imported by the caller, so that the path stays visible to vitest) with
     * the mock's URL, a token and `env` in its environment; answers the spy on what it logged.
     */
    async run(importExample: () => Promise<unknown>, env: Record<string, string> = {}) {
      for (const [name, value] of Object.entries({ CONNECT_OAUTH_BASE_URL: mock!.url, DOCUSIGN_ACCESS_TOKEN: 'mock-token', ...env })) vi.stubEnv(name, value);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      await importExample();
      return log;
    },
  };
}
