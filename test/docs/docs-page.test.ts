// The published docs as a reader sees them: headless Chromium (Debian's package) opens the
// page from a local server and finds the operations, the envelope and the error codes.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations } from '../../contract-tests/support/openapi-document.js';
import { REPO_ROOT as root, runCommand } from '../support/run-command.js';

const CHROMIUM = '/usr/bin/chromium';
const reports = join(root, 'reports');
// Long enough for a telemetry exporter's batch to go out, were one still on.
const QUIET_PERIOD_MS = 6_000;

let work: string;
let server: Server;
let pageUrl: string;
let browser: Browser;
let page: Page;
/** When the page was first loaded: the quiet period runs from then, while the tests that stay on it read it. */
let loadedAt: number;
const consoleErrors: string[] = [];
const outsideRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); .ci/run does.`);
  work = await mkdtemp(join(tmpdir(), 'connect-oauth-docs-'));
  await runCommand('node', ['scripts/docs.mjs', `--out=${join(work, 'index.html')}`], root);
  const html = await readFile(join(work, 'index.html'));
  server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A common laptop width, at which the three-panel layout cut codes and example URLs.
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  // Every request is recorded; one that leaves the page's origin fails the last test. It
  // gets a blank stand-in, so that the page goes on as it would online.
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(pageUrl) && !/^(?:data|blob|about):/.test(url)) outsideRequests.push(`${request.method()} ${url}`);
  });
  await page.route(
    (url) => !url.href.startsWith(pageUrl),
    (route) => route.fulfill({ status: 204, body: '' }),
  );
  await page.goto(pageUrl, { waitUntil: 'networkidle' });
  loadedAt = Date.now();
  await mkdir(reports, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the published docs', () => {
  it('show the title and the envelope examples on the overview', async () => {
    await expect.poll(() => page.getByRole('heading', { name: /DocuSign eSignature Connect OAuth/ }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('"created_at": "2025-01-01T00:00:00Z"', { exact: false }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('"message": "Invalid request parameters"', { exact: false }).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(reports, 'docs-overview.png') });
  });

  it('show every code block of the description whole, without cutting a line off', async () => {
    const blocks = page.locator('[id^="section"] pre, .redoc-markdown pre, pre').filter({ hasText: '"success"' });
    await expect.poll(() => blocks.count()).toBeGreaterThanOrEqual(2);
    const overflowing = await blocks.evaluateAll((elements) =>
      elements.filter((element) => element.scrollWidth > element.clientWidth + 1).map((element) => element.textContent?.slice(0, 80)),
    );
    expect(overflowing).toEqual([]);
  });

  it('show no raw Markdown backticks and call the account id what it is', async () => {
    const text = await page.evaluate(() => document.body.innerText);
    const backticked = text.split('\n').filter((line) => line.includes('`'));
    expect(backticked, backticked.join('\n')).toEqual([]);
    expect(text).not.toContain('(int)');
  });

  it('show the error codes table with every documented code', async () => {
    await page.getByText('Error codes', { exact: true }).first().click();
    for (const code of ['VALIDATION_ERROR', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE']) {
      await page.locator('table').getByText(code, { exact: true }).first().waitFor({ state: 'visible', timeout: 5_000 });
    }
  });

  it('show the four operations with their summaries and examples', async () => {
    await page.getByText('ConnectConfigurations', { exact: true }).first().click();
    // Redoc renders an operation when it is reached: follow each one from the sidebar.
    for (const { operation, method, requestBody } of listOperations()) {
      const summary = (operation as unknown as { summary: string }).summary;
      await page.getByText(summary, { exact: true }).first().click();
      const section = page.locator('[id*="' + operation.operationId.toLowerCase() + '"]').first();
      await page.getByRole('heading', { name: summary }).first().waitFor({ state: 'visible', timeout: 5_000 });
      if (requestBody?.required) await section.getByText('"authorizationServerUrl"').first().waitFor({ state: 'visible', timeout: 5_000 });
      await section.getByText('"success"').first().waitFor({ state: 'visible', timeout: 5_000 });
      if (method === 'post') await page.screenshot({ path: join(reports, 'docs-operations.png') });
    }
  });

  it('log no console errors and ask no other origin for anything in the quiet period after loading, telemetry included', async () => {
    await page.waitForTimeout(Math.max(0, QUIET_PERIOD_MS - (Date.now() - loadedAt)));
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    expect(outsideRequests, outsideRequests.join('\n')).toEqual([]);
  }, QUIET_PERIOD_MS + 10_000);

  it('break no code, heading or table cell mid-word, in any section or operation', async () => {
    const broken: string[] = [];
    const visit = async () => {
      broken.push(
        ...(await page.evaluate(() => {
          const found: string[] = [];
          for (const element of document.querySelectorAll('h1, h2, h3, h4, h5, th, td, code')) {
            if (!(element as HTMLElement).offsetParent) continue;
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                // A word on one line has its boxes at one height; one broken across lines has two.
                const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
                if (tops.size > 1) found.push(`${element.tagName.toLowerCase()}: ${match[0]}`);
              }
            }
          }
          // Whole words must not push the page wider than the window.
          if (document.documentElement.scrollWidth > window.innerWidth) found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
          return found;
        })),
      );
    };
    const places = [
      { anchor: 'section/Error-codes', heading: 'Error codes' },
      { anchor: 'tag/ConnectConfigurations', heading: 'ConnectConfigurations' },
      ...listOperations().map(({ operation }) => ({ anchor: `tag/ConnectConfigurations/operation/${operation.operationId}`, heading: (operation as unknown as { summary: string }).summary })),
    ];
    for (const { anchor, heading } of places) {
      // A new load, not a change of hash alone, which Redoc does not follow.
      await page.goto('about:blank');
      // One self-contained file: loaded, it asks for nothing more; the heading shows Redoc has rendered.
      await page.goto(`${pageUrl}#${anchor}`, { waitUntil: 'load' });
      await page.locator('h1, h2').filter({ hasText: heading }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 5_000 });
      await visit();
    }
    expect([...new Set(broken)]).toEqual([]);
  });

  it('show each example request body whole, its URL not cut off', async () => {
    const post = listOperations().find(({ method }) => method === 'post')!;
    await page.goto('about:blank');
    await page.goto(`${pageUrl}#tag/ConnectConfigurations/operation/${post.operation.operationId}`, { waitUntil: 'networkidle' });
    const sample = page.locator('pre').filter({ hasText: '"authorizationServerUrl"' }).first();
    await sample.waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => sample.textContent()).toContain('https://dev-123456.okta.com/oauth2/default/v1/token');
    const cut = await sample.evaluate((element) => {
      const clipped: string[] = [];
      for (let box: HTMLElement | null = element as HTMLElement; box; box = box.parentElement) {
        if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible') clipped.push(`${box.tagName.toLowerCase()} ${box.scrollWidth} > ${box.clientWidth}`);
      }
      return clipped;
    });
    expect(cut).toEqual([]);
    await sample.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(reports, 'docs-example.png') });
  });

  it('log no console errors and ask no other origin for anything on the later loads either', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    expect(outsideRequests, outsideRequests.join('\n')).toEqual([]);
  });
});
