// The relative links of Markdown files, checked as GitHub renders them: the file or folder a
// link names exists, and a `#anchor` names a heading of the target (GitHub's slugs) or an
// HTML anchor in it. Links with a scheme (https:, mailto:) are not followed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Folders that hold no Markdown of the repository's own: installed, built or written by runs. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', 'reports']);

export interface BrokenLink {
  /** The file the link is in, relative to the root. */
  file: string;
  line: number;
  target: string;
  reason: string;
}

/** Every Markdown file under the root, relative to it, in a stable order. */
export function markdownFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(folder, entry.name));
      } else if (entry.name.toLowerCase().endsWith('.md')) {
        found.push(relative(root, join(folder, entry.name)));
      }
    }
  };
  walk(root);
  return found.sort();
}

/** The lines of a Markdown text outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  let fence: string | undefined;
  text.split('\n').forEach((content, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(content)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && content.trim() === marker) fence = undefined;
    } else if (marker) {
      fence = marker;
    } else {
      lines.push({ line: index + 1, text: content });
    }
  });
  return lines;
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, each space a hyphen. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or an image: its text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/[`*]/g, ''); // code spans and emphasis
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown text offers: its headings' slugs (repeats numbered -1, -2, ...) and HTML ids and names. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const addHeading = (heading: string) => {
    const slug = githubSlug(heading);
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  };
  const lines = proseLines(text);
  lines.forEach(({ text: content }, index) => {
    const atx = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(content);
    if (atx) addHeading(atx[1]!);
    const next = lines[index + 1];
    if (!atx && content.trim() !== '' && next && next.line === lines[index]!.line + 1 && /^ {0,3}(=+|-+)\s*$/.test(next.text) && !/^\s*[-*+>|]/.test(content)) addHeading(content);
    for (const match of content.matchAll(/<a\s[^>]*?(?:id|name)="([^"]+)"/gi)) anchors.add(match[1]!);
  });
  return anchors;
}

/** Each link of a Markdown text outside code: inline links and images, and reference definitions. */
export function linksOf(text: string): Array<{ line: number; target: string }> {
  const links: Array<{ line: number; target: string }> = [];
  for (const { line, text: content } of proseLines(text)) {
    const prose = content.replace(/(`+)[^`]*?\1/g, ''); // code spans hold no links
    for (const match of prose.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) links.push({ line, target: match[1]!.replace(/^<|>$/g, '') });
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(prose);
    if (definition) links.push({ line, target: definition[1]!.replace(/^<|>$/g, '') });
  }
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/**
 * The broken relative links of one Markdown text. `file` is its path relative to `root`;
 * `read` answers another file's text, or undefined when there is none (a folder is not read).
 */
export function brokenLinksIn(
  file: string,
  text: string,
  root: string,
  read: (path: string) => { kind: 'file'; text: string } | { kind: 'folder' } | undefined = readFromDisk,
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const { line, target } of linksOf(text)) {
    if (isExternal(target)) continue;
    const hashAt = target.indexOf('#');
    const pathPart = hashAt === -1 ? target : target.slice(0, hashAt);
    const anchor = hashAt === -1 ? undefined : decodeURIComponent(target.slice(hashAt + 1));
    const path = pathPart === '' ? file : relative(root, resolve(root, dirname(file), decodeURIComponent(pathPart.split('?')[0]!)));
    const report = (reason: string) => broken.push({ file, line, target, reason });
    if (path.startsWith('..')) {
      report('points outside the repository');
      continue;
    }
    const found = path === file ? { kind: 'file' as const, text } : read(join(root, path));
    if (!found) {
      report(`${path} does not exist`);
    } else if (anchor !== undefined && anchor !== '') {
      if (found.kind !== 'file') report(`${path} is a folder, which has no heading #${anchor}`);
      else if (!anchorsOf(found.text).has(anchor)) report(`${path} has no heading #${anchor}`);
    }
  }
  return broken;
}

function readFromDisk(path: string): { kind: 'file'; text: string } | { kind: 'folder' } | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? { kind: 'folder' } : { kind: 'file', text: path.toLowerCase().endsWith('.md') ? readFileSync(path, 'utf8') : '' };
}

/** Every broken relative link in the Markdown files under the root. */
export function brokenLinks(root: string): BrokenLink[] {
  return markdownFiles(root).flatMap((file) => brokenLinksIn(file, readFileSync(join(root, file), 'utf8'), root));
}
