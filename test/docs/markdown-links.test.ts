// Every relative link in the repository's Markdown resolves: the file exists and, for an
// `#anchor`, the target has that heading (GitHub's slugs). The checker is shown to fail first.
import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, brokenLinksIn, githubSlug, markdownFiles } from '../support/markdown-links.js';
import { REPO_ROOT } from '../support/run-command.js';

describe('the link checker', () => {
  const files: Record<string, string> = {
    'docs/guide.md': '# A guide\n\n## Errors and `retries`\n\n## Errors and `retries`\n',
  };
  const read = (path: string) => {
    const key = path.slice(REPO_ROOT.length).replace(/^\//, '');
    return key in files ? { kind: 'file' as const, text: files[key]! } : key === 'docs' ? { kind: 'folder' as const } : undefined;
  };
  const check = (text: string) => brokenLinksIn('README.md', text, REPO_ROOT, read);

  it('makes anchors as GitHub does', () => {
    expect(githubSlug('Errors and `retries`')).toBe('errors-and-retries');
    expect(githubSlug('The contract CLI, for other repositories’ CI')).toBe('the-contract-cli-for-other-repositories-ci');
    expect(githubSlug('`CONTRACT_WRITES` and [live runs](x.md)')).toBe('contract_writes-and-live-runs');
    expect([...anchorsOf(files['docs/guide.md']!)]).toEqual(['a-guide', 'errors-and-retries', 'errors-and-retries-1']);
  });

  it('passes links that resolve', () => {
    const text = '# Top\n\n[guide](docs/guide.md), [its errors](docs/guide.md#errors-and-retries-1), [top](#top), [folder](docs), [web](https://example.org/x.md)\n';
    expect(check(text)).toEqual([]);
  });

  it('reports a missing file, a missing heading and a link out of the repository, with their lines', () => {
    const text = '# Top\n\nSee [the guide](docs/gone.md).\n[a](docs/guide.md#no-such-heading) and [b](#nowhere)\n[c]: ../../etc/passwd\n';
    expect(check(text)).toEqual([
      { file: 'README.md', line: 3, target: 'docs/gone.md', reason: 'docs/gone.md does not exist' },
      { file: 'README.md', line: 4, target: 'docs/guide.md#no-such-heading', reason: 'docs/guide.md has no heading #no-such-heading' },
      { file: 'README.md', line: 4, target: '#nowhere', reason: 'README.md has no heading #nowhere' },
      { file: 'README.md', line: 5, target: '../../etc/passwd', reason: 'points outside the repository' },
    ]);
  });

  it('reads no link or heading inside code', () => {
    const text = '# Top\n\n`[not](a-link.md)`\n\n```md\n[not](either.md)\n# Not a heading\n```\n\n[x](#not-a-heading)\n';
    expect(check(text)).toEqual([{ file: 'README.md', line: 10, target: '#not-a-heading', reason: 'README.md has no heading #not-a-heading' }]);
  });
});

describe('the repository’s Markdown', () => {
  it('is found: the README and the guides', () => {
    expect(markdownFiles(REPO_ROOT)).toEqual(expect.arrayContaining(['README.md', 'contract-tests/README.md', 'packages/contract-cli/README.md']));
    expect(markdownFiles(REPO_ROOT).filter((file) => file.includes('node_modules'))).toEqual([]);
  });

  it('has no broken relative link', () => {
    expect(brokenLinks(REPO_ROOT)).toEqual([]);
  });
});
