// Every TypeScript sample of the README and the guides is a file of examples/, word for word:
// `npm run typecheck` compiles each, and a test of test/client runs it against the mock.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownFiles } from '../support/markdown-links.js';
import { REPO_ROOT } from '../support/run-command.js';

const examples = readdirSync(join(REPO_ROOT, 'examples')).map((name) => readFileSync(join(REPO_ROOT, 'examples', name), 'utf8'));
const samplesOf = (text: string) => [...text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
const pages = markdownFiles(REPO_ROOT).filter((file) => file === 'README.md' || file.startsWith('docs/'));

describe('the TypeScript samples of the docs', () => {
  it('finds the samples of a page', () => {
    expect(samplesOf('text\n```ts\nconst a = 1;\n```\n```sh\nnpm test\n```\n')).toEqual(['const a = 1;\n']);
  });

  it.each(pages)('%s shows only files of examples/', (page) => {
    const samples = samplesOf(readFileSync(join(REPO_ROOT, page), 'utf8'));
    expect(samples.filter((sample) => !examples.includes(sample))).toEqual([]);
  });

  it('shows every file of examples/ somewhere', () => {
    const shown = pages.flatMap((page) => samplesOf(readFileSync(join(REPO_ROOT, page), 'utf8')));
    expect(examples.filter((example) => !shown.includes(example))).toEqual([]);
  });
});
