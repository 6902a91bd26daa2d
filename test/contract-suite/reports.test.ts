// What the suite's reports show of a request: secrets masked in one place, a curl command
// that sends the same request, and a HAR log a browser's network panel opens.
import { describe, expect, it } from 'vitest';
import { SecretMasker, TOKEN_VARIABLE } from '../../contract-tests/engine/mask-secrets.js';
import { curlCommand } from '../../contract-tests/engine/report/curl-command.js';
import { describeExchange } from '../../contract-tests/engine/report/describe-exchange.js';
import { harLog } from '../../contract-tests/engine/report/har-log.js';
import type { RecordedExchange } from '../../contract-tests/engine/run-context.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvcnRzIn0.c2lnbmF0dXJl';
const SECRET = "s3cr3t-it's-Kx9vQ2mN7pL4";

function exchange(): RecordedExchange {
  const body = JSON.stringify({ authorizationServerUrl: 'https://auth.example.org/token', clientId: 'docusign-connect', clientSecret: SECRET });
  return {
    request: { method: 'POST', path: '/v2.1/accounts/18394725/connect/oauth', url: 'https://api.example.org/restapi/v2.1/accounts/18394725/connect/oauth', headers: { accept: 'application/json', authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body },
    response: { status: 500, headers: { 'content-type': 'application/json' }, text: `{"success":false,"error":{"code":"INTERNAL_ERROR","message":"failed for ${SECRET} and ${TOKEN}"}}`, json: undefined },
    purpose: 'a valid body',
    intent: { check: 'positive_data_acceptance', purpose: 'a valid body', kind: 'valid', phase: 'coverage' },
    column: 'POST',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    durationMs: 12.5,
  };
}

function masker(): SecretMasker {
  const found = new SecretMasker(TOKEN);
  found.track(SECRET);
  return found;
}

describe('masking', () => {
  it('stars out every clientSecret at its length and replaces the token', () => {
    const text = masker().text(`{"clientSecret": "abc\\"def", "other": "Bearer ${TOKEN}"} ${SECRET}`);
    expect(text).toBe(`{"clientSecret": "********", "other": "Bearer ***"} ${'*'.repeat(SECRET.length)}`);
  });

  it('leaves no secret in the report of an exchange, the curl command or the HAR log', () => {
    const outputs = [describeExchange(exchange(), masker(), { kind: 'live', baseUrl: 'https://api.example.org/restapi' }), JSON.stringify(harLog([exchange()], masker(), { name: 'test', version: '0' }))];
    for (const output of outputs) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(SECRET);
    }
  });
});

describe('curl', () => {
  it('sends the same request, with the token left to the shell', () => {
    const command = curlCommand(exchange(), masker(), { kind: 'live', baseUrl: 'https://api.example.org/restapi' });
    expect(command).toContain(`-X POST 'https://api.example.org/restapi/v2.1/accounts/18394725/connect/oauth'`);
    expect(command).toContain(`-H "authorization: Bearer ${TOKEN_VARIABLE}"`);
    expect(command).toContain(`"clientSecret":"${'*'.repeat(SECRET.length)}"`);
    expect(command).not.toContain(SECRET);
  });

  it('sends a request of the embedded mock to `npm run mock`', () => {
    const mocked = { ...exchange(), request: { ...exchange().request, url: 'http://127.0.0.1:40123/v2.1/accounts/18394725/connect/oauth' } };
    expect(curlCommand(mocked, masker(), { kind: 'mock', baseUrl: 'http://127.0.0.1:40123' })).toMatch(/'http:\/\/127\.0\.0\.1:4010\/v2\.1\/accounts\/18394725\/connect\/oauth'.*npm run mock/);
  });
});

describe('HAR', () => {
  it('is a HAR 1.2 log with the request, the response and why it was sent', () => {
    const log = harLog([exchange()], masker(), { name: 'test', version: '0' }) as { log: { version: string; entries: Array<Record<string, any>> } };
    expect(log.log.version).toBe('1.2');
    const [entry] = log.log.entries;
    expect(entry).toMatchObject({ startedDateTime: '2026-01-01T00:00:00.000Z', time: 12.5, request: { method: 'POST', postData: { mimeType: 'application/json' } }, response: { status: 500, content: { mimeType: 'application/json' } } });
    expect(entry!.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer ***' });
    expect(entry!.comment).toBe('positive_data_acceptance (coverage, valid): a valid body');
  });
});

describe('the masker', () => {
  it('tracks a secret a server returned under client_secret, and masks it wherever it turns up again', () => {
    const masker = new SecretMasker(TOKEN);
    masker.collect('{"success":true,"data":{"client_secret":"Prod-Secret-XYZ-123456"}}');
    expect(masker.text('x-docusign-debug: stored secret Prod-Secret-XYZ-123456')).not.toContain('Prod-Secret-XYZ-123456');
    expect(masker.text('{"client_secret":"Prod-Secret-XYZ-123456"}')).not.toContain('Prod-Secret-XYZ-123456');
  });
});
