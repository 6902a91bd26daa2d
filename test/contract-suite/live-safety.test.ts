// What keeps a live account safe inside one run: the checks that write are skipped unless
// allowed, nothing else may write, bodies name only hosts that belong to no one, answers are
// bounded in time and size, and reports are masked of every secret.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, parseJson, sendRequest } from '../../contract-tests/engine/exchange.js';
import { SecretMasker } from '../../contract-tests/engine/mask-secrets.js';
import { sendUnfetchable } from '../../contract-tests/engine/send-unfetchable.js';
import { SendingStopped } from '../../contract-tests/engine/request-pacer.js';
import { RunContext } from '../../contract-tests/engine/run-context.js';
import { runChecks } from '../../contract-tests/engine/run-checks.js';
import { isSafeHost, unsafeHosts, withSafeHosts, withSafeHostsDeep } from '../../contract-tests/engine/safe-hosts.js';
import { openTarget } from '../../contract-tests/engine/target.js';
import { startLiveVariant, type LiveVariant } from '../../contract-tests/reference-server/live-variants.js';
import { listOperations } from '../../contract-tests/support/openapi-document.js';

const TOKEN = 'safety-token';
const ACCOUNT = '18394725';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function liveContext(live: Record<string, string> = {}): Promise<{ context: RunContext; server: LiveVariant }> {
  const server = await startLiveVariant({ token: TOKEN });
  closers.push(() => server.close());
  const open = await openTarget({ target: server.url, token: TOKEN, accountId: ACCOUNT, live: { rate: '0', ...live } });
  return { context: new RunContext(open.target, { cases: 3, seed: 11 }), server };
}

describe('a read-only run', () => {
  it('skips every check that writes or sends POST, PUT or DELETE, with the reason, and sends only GET, OPTIONS, and PATCH and TRACE without a body', async () => {
    const { context, server } = await liveContext();
    const results = await runChecks(context);
    const skipped = results.filter((result) => result.notRun === 'writes');
    expect(skipped.map((result) => `${result.check.id} ${result.column}`)).toEqual(expect.arrayContaining(['stateful_crud resource', 'negative_data_rejection POST', 'ignored_auth DELETE', 'envelope_conformance PUT']));
    expect(skipped.every((result) => result.column !== 'GET' && result.skipReason?.includes('CONTRACT_WRITES=on'))).toBe(true);
    expect(results.filter((result) => result.state === 'failed')).toEqual([]);
    expect(new Set(server.received.map((request) => request.method))).toEqual(new Set(['GET', 'OPTIONS', 'PATCH', 'TRACE']));
    expect(context.exchanges.filter((exchange) => exchange.request.method !== 'GET').every((exchange) => exchange.request.body === undefined)).toBe(true);
  });

  it('refuses to send a write that a check did not declare', async () => {
    const { context, server } = await liveContext();
    const post = listOperations().find((operation) => operation.method === 'post')!;
    await expect(context.send(context.validRequest(post), { check: 'test', purpose: 'an undeclared write', kind: 'valid', phase: 'coverage' })).rejects.toThrow(/refused to send POST \(an undeclared write\): writes are off/);
    expect(server.received).toEqual([]);
  });
});

describe('the pace and the budget', () => {
  it('hold for every request, TRACE sent with node:http included', async () => {
    const { context, server } = await liveContext({ maxRequests: '2' });
    const trace = { method: 'TRACE', path: '/v2.1/accounts/18394725/connect/oauth', headers: { authorization: `Bearer ${TOKEN}` } };
    const intent = { check: 'test', purpose: 'TRACE', kind: 'method', phase: 'coverage' } as const;
    await context.send(trace, intent);
    await context.send(trace, intent);
    await expect(context.send(trace, intent)).rejects.toThrow(SendingStopped);
    expect(server.received.map((request) => request.method)).toEqual(['TRACE', 'TRACE']);
    expect(context.pacer.report()).toMatchObject({ sent: 2, maxRequests: 2, stopped: { reason: 'budget' } });
  });
});

describe('bodies sent to a live target', () => {
  it('name only hosts under .invalid or .test, or example.com', async () => {
    const { context } = await liveContext({ writes: 'on' });
    await runChecks(context);
    const bodies = context.exchanges.map((exchange) => exchange.request.body).filter((body): body is string => body !== undefined);
    expect(bodies.length).toBeGreaterThan(10);
    // Malformed JSON included: its text names no unsafe host either.
    expect(bodies.flatMap((body) => unsafeHosts(parseJson(body) ?? body))).toEqual([]);
    expect(bodies.some((body) => /https:\/\/[a-z0-9-]+\.invalid/.test(body))).toBe(true);
    // A text at a length bound stays at it: the host is replaced by one as long.
    expect(bodies.some((body) => (parseJson(body) as { authorizationServerUrl?: unknown } | undefined)?.authorizationServerUrl?.toString().length === 2048)).toBe(true);
  });

  it('are refused when a host would resolve', async () => {
    const { context, server } = await liveContext({ writes: 'on' });
    const post = listOperations().find((operation) => operation.method === 'post')!;
    const request = context.validRequest(post);
    request.body = JSON.stringify({ authorizationServerUrl: 'https://login.real-company.com/token', clientId: 'c', clientSecret: 's' });
    await expect(context.send(request, { check: 'test', purpose: 'a body naming a real host', kind: 'valid', phase: 'coverage' })).rejects.toThrow(/refused to send a body naming login\.real-company\.com to a live target/);
    expect(server.received).toEqual([]);
  });

  it('are rewritten host by host, at the same length where a safe host fits, the same host always to the same one, safe hosts kept', () => {
    expect(withSafeHosts('https://1.rd///o?g00')).toBe('https://a.test///o?g00');
    expect(withSafeHosts('https://dev-123456.okta.com/token')).toMatch(/^https:\/\/[a-z0-9-]{11}\.invalid\/token$/);
    expect(withSafeHosts('https://abcdefg/x')).toMatch(/^https:\/\/[a-z0-9-]{2}\.test\/x$/);
    expect(withSafeHosts('https://user@host.io:8443/x')).toBe(withSafeHosts('https://user@host.io:8443/x'));
    expect(withSafeHosts('//auth.example.org/token')).toMatch(/^\/\/[a-z0-9-]{8}\.invalid\/token$/);
    for (const kept of ['https://auth.example.com/token', 'https://x.invalid', 'https://a.b.test/t', 'not a url', 'https://']) expect(withSafeHosts(kept)).toBe(kept);
    const value = { why: '"http://auth.example.org/token", not https', value: { authorizationServerUrl: 'http://auth.example.org/token' } };
    const safe = withSafeHostsDeep(value);
    expect(safe.why).toContain(safe.value.authorizationServerUrl);
    expect(withSafeHosts('a string off the pattern ^https://[^\\s/?#@]+(?:[/?#]\\S*)?$')).toBe('a string off the pattern ^https://[^\\s/?#@]+(?:[/?#]\\S*)?$');
    expect(unsafeHosts('https://[::1]/token')).toEqual(['[::1]']);
    expect(isSafeHost('EXAMPLE.com:443')).toBe(true);
    expect(isSafeHost('example.com.evil.io')).toBe(false);
  });

  it('are searched for hosts in time that grows with their length, also in a long run of letters and digits', () => {
    // A length probe (a field of 1,025 "a"s) is an ordinary body; 200,000 letters took over a minute when every letter began a search.
    const long = `${'a1'.repeat(100_000)}b://auth.example.org/token`;
    const started = performance.now();
    expect(unsafeHosts(long)).toEqual(['auth.example.org']);
    expect(withSafeHosts('a'.repeat(200_000))).toBe('a'.repeat(200_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('an answer', () => {
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server: Server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const request = { method: 'GET', path: '/', headers: {} };

  it('larger than 1 MiB is not read past the limit, and recorded as no response, with why', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('x'.repeat(MAX_RESPONSE_BYTES + 1));
    });
    const exchange = await sendRequest(url, request, 'a huge answer');
    expect(exchange.response).toBeUndefined();
    expect(exchange.failure).toBe('too-large');
    expect(exchange.error).toBe("the 200 answer's body is larger than 1048576 bytes (1 MiB), the most the suite reads");
  });

  it('of exactly 1 MiB is read whole', async () => {
    const url = await serve((_, response) => response.end('y'.repeat(MAX_RESPONSE_BYTES)));
    expect((await sendRequest(url, request, 'a large answer')).response?.text).toHaveLength(MAX_RESPONSE_BYTES);
  });

  it('that does not come within CONTRACT_TIMEOUT_MS ends the request, body included', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200);
      response.write('{"partial":');
    });
    const started = Date.now();
    const exchange = await sendRequest(url, request, 'a stalled answer', false, { timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(exchange).toMatchObject({ failure: 'timeout', error: 'no complete answer within 150 ms (CONTRACT_TIMEOUT_MS)' });
  });

  it('to TRACE that keeps dripping ends at CONTRACT_TIMEOUT_MS, however often a byte comes', async () => {
    const url = await serve((incoming, response) => {
      incoming.resume();
      response.writeHead(405, { 'content-type': 'application/json', allow: 'GET' });
      const drip = setInterval(() => response.write(' '), 40);
      response.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const exchange = await sendUnfetchable(url, { method: 'TRACE', path: '/', headers: {} }, 'a dripping answer', { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(exchange).toMatchObject({ failure: 'timeout', error: 'no complete answer within 300 ms (CONTRACT_TIMEOUT_MS)' });
  });

  it('to TRACE that never ends is read up to 1 MiB, and recorded as no response, with why', async () => {
    const url = await serve((incoming, response) => {
      incoming.resume();
      response.writeHead(405, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
      };
      response.on('drain', pump);
      pump();
    });
    const exchange = await sendUnfetchable(url, { method: 'TRACE', path: '/', headers: {} }, 'an endless answer', { timeoutMs: 5000 });
    expect(exchange).toMatchObject({ failure: 'too-large', error: "the 405 answer's body is larger than 1048576 bytes (1 MiB), the most the suite reads" });
  });
});

describe('the masker', () => {
  it('masks the token, every clientSecret seen however deep, as it stands in JSON too, and every clientSecret property whatever its length', () => {
    const masker = new SecretMasker('tok');
    masker.collect('{"clientSecret":"sent-secret-value","nested":[{"clientSecret":"quoted\\"secret"}]}');
    const masked = masker.text('Bearer tok | {"clientSecret":"x"} | echoed sent-secret-value | "clientSecret": "quoted\\"secret" | {"clientSecret":"cut sho');
    expect(masked).toBe('Bearer *** | {"clientSecret":"*"} | echoed ***************** | "clientSecret": "**************" | {"clientSecret":"*******');
  });

  it('masks a clientSecret with a lone surrogate, which has no percent-encoding, in every text', () => {
    const masker = new SecretMasker('');
    const secret = 'lone-surrogate-\ud800';
    masker.track(secret);
    // As JSON escapes it (\ud800), a tracked spelling of its own.
    const escaped = 'lone-surrogate-\\ud800';
    // The "%" makes the masker look for the other spellings too.
    expect(masker.text(`echoed ${secret} and escaped ${escaped}, 100%`)).toBe(`echoed ${'*'.repeat(secret.length)} and escaped ${'*'.repeat(escaped.length)}, 100%`);
  });

  it('leaves short values that are no secret of this run alone', () => {
    const masker = new SecretMasker('');
    masker.collect('{"clientSecret":"ab"}');
    expect(masker.text('a tab label')).toBe('a tab label');
  });
});
