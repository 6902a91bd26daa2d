// The bearer token a server echoes reaches no report in any spelling: as sent, JSON-escaped
// with "\/", URL-encoded (upper or lower case), in a redirect's Location, in a content type,
// in any header. A CONTRACT_TOKEN with a trailing line break is masked as the token it sends.
import { afterEach, describe, expect, it } from 'vitest';
import { SecretMasker, TOKEN_VARIABLE } from '../../contract-tests/engine/mask-secrets.js';
import { curlCommand } from '../../contract-tests/engine/report/curl-command.js';
import { describeExchange } from '../../contract-tests/engine/report/describe-exchange.js';
import { harLog } from '../../contract-tests/engine/report/har-log.js';
import type { RecordedExchange } from '../../contract-tests/engine/run-context.js';
import { startReferenceServer, type ReferenceServer } from '../../contract-tests/reference-server/server.js';
import { runContract } from './support/contract-run.js';

const TOKEN = 'tok/en+with~chars/1234=';
const ENCODED = encodeURIComponent(TOKEN);

/** Every way the token was seen echoed by servers: none may be left in a report. */
const SPELLINGS = [TOKEN, TOKEN.replaceAll('/', '\\/'), JSON.stringify(TOKEN.replaceAll('/', '\\/')).slice(1, -1), ENCODED, ENCODED.toLowerCase(), `Bearer%20${ENCODED}`];

function echoingExchange(): RecordedExchange {
  return {
    request: { method: 'GET', path: `/v2.1/accounts/18394725/connect/oauth?next=${ENCODED}`, url: `https://api.example.org/restapi/v2.1/accounts/18394725/connect/oauth?next=${ENCODED}`, headers: { authorization: `Bearer ${TOKEN}` } },
    response: {
      status: 302,
      headers: { location: `https://login.example/cb?access_token=${ENCODED}`, 'content-type': `application/json; token=${TOKEN}`, 'x-debug-auth': `Bearer%20${ENCODED.toLowerCase()}` },
      text: `{"success":false,"error":{"code":"NOT_FOUND","message":"you sent Bearer ${TOKEN.replaceAll('/', '\\/')}"}}`,
      json: undefined,
    },
    purpose: 'a read',
    intent: { check: 'unknown_path', purpose: `a read of ${TOKEN}`, kind: 'path', phase: 'coverage' },
    column: 'resource',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    durationMs: 3,
  };
}

const expectNoToken = (name: string, text: string) => {
  for (const spelling of SPELLINGS) expect(text.includes(spelling), `${name} shows the token as ${spelling}`).toBe(false);
};

describe('the token echoed in another spelling', () => {
  it('is masked in the HAR log, Location and content type included', () => {
    const har = harLog([echoingExchange()], new SecretMasker(TOKEN), { name: 'test', version: '0' }) as { log: { entries: Array<{ response: { redirectURL: string; content: { mimeType: string } } }> } };
    expectNoToken('HAR', JSON.stringify(har));
    const [entry] = har.log.entries;
    expect(entry!.response.redirectURL).toBe('https://login.example/cb?access_token=***');
    expect(entry!.response.content.mimeType).toBe('application/json; token=***');
  });

  it('is masked in the console report of the exchange and in its curl command', () => {
    const masker = new SecretMasker(TOKEN);
    expectNoToken('console', describeExchange(echoingExchange(), masker, { kind: 'live', baseUrl: 'https://api.example.org/restapi' }));
    const curl = curlCommand(echoingExchange(), masker, { kind: 'live', baseUrl: 'https://api.example.org/restapi' });
    expectNoToken('curl', curl);
    expect(curl).toContain(`Bearer ${TOKEN_VARIABLE}`);
  });

  it('leaves text without the token as it was', () => {
    const text = 'GET /v2.1/accounts/18394725/connect/oauth answered 404 [REDACTED] tok/en';
    expect(new SecretMasker(TOKEN).text(text)).toBe(text);
  });
});

describe('a run against a server that echoes the token in its errors', () => {
  const servers: ReferenceServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('fails secret_not_echoed and shows the token nowhere, even when CONTRACT_TOKEN ends with a line break', async () => {
    const server = await startReferenceServer({ token: TOKEN, faults: ['token-echoed'] });
    servers.push(server);
    const run = await runContract({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: `${TOKEN}\n`, CONTRACT_ACCOUNT_ID: '18394725', CONTRACT_RATE: '0' });
    expect(run.stdout).toContain('FAIL secret_not_echoed › resource');
    expect(run.stdout).toContain('the response repeats the bearer token');
    expect(run.junit).not.toBe('');
    expect(JSON.parse(run.har).log.entries.length).toBeGreaterThan(0);
    for (const [name, text] of [['console', `${run.stdout}\n${run.stderr}`], ['JUnit', run.junit], ['HAR', run.har]] as const) expectNoToken(name, text);
    expect(run.code).toBe(1);
  });
});
