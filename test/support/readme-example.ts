// An example of examples/ as the docs' tests hold it: the file is in the page that shows it
// (the README, or the guide it belongs to) word for word, and runs against a mock of its own
// with the environment it reads.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, vi } from 'vitest';
import { startMock, type RunningMock } from '../../contract-tests/support/mock-server.js';

/** The page that shows each example: the README's first call, the client guide's others. */
const SHOWN_IN: Record<string, string> = { usage: 'README.md', raw: 'docs/client.md', 'generated-types': 'docs/client.md' };

export function readmeExample(name: string) {
  const page = SHOWN_IN[name];
  if (!page) throw new Error(`examples/${name}.ts is shown in no page: add it to SHOWN_IN`);
  const shown = readFileSync(new URL(`../../${page}`, import.meta.url), 'utf8');
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
    /** Whether its page (README.md or a guide) shows the file whole, as a TypeScript block. */
    inReadme: () => shown.includes(`\`\`\`ts\n${text}\`\`\``),
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
