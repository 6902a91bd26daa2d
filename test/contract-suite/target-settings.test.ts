// CONTRACT_TARGET and CONTRACT_TOKEN are held to what the client accepts for a base URL and a
// token: nothing goes out in clear off loopback, nowhere but the API base, and the token is
// sent, masked and refused as one exact value.
import { describe, expect, it } from 'vitest';
import { openTarget } from '../../contract-tests/engine/target.js';
import { runContract } from './support/contract-run.js';

const TOKEN = 'settings-token-7Kq2';
const ACCOUNT = '18394725';
const open = (target: string, token = TOKEN) => openTarget({ target, token, accountId: ACCOUNT });

describe('CONTRACT_TARGET', () => {
  it.each([
    ['plain http off loopback, which would send the token in clear', 'http://api.example.com/restapi', /CONTRACT_TARGET must use https \(plain http only on loopback, for mocks, or with CONTRACT_ALLOW_HTTP=1 \(--allow-http\)\)/],
    ['a scheme other than http(s)', 'ftp://api.example.com/restapi', /CONTRACT_TARGET must use https/],
    ['a query', 'https://api.example.com/restapi?tenant=1', /CONTRACT_TARGET must not have a query or a fragment/],
    ['a fragment', 'https://api.example.com/restapi#top', /CONTRACT_TARGET must not have a query or a fragment/],
    ['credentials', 'https://user:pw@api.example.com/restapi', /CONTRACT_TARGET must not hold credentials; pass the token as CONTRACT_TOKEN/],
    ['no URL at all', 'api.example.com', /CONTRACT_TARGET is not an absolute URL \(15 characters, no scheme such as https:\/\/\)/],
  ])('refuses %s, saying what to give instead', async (_, target, reason) => {
    const refusal = open(target);
    await expect(refusal).rejects.toThrow(reason);
    const message = await refusal.catch((error: Error) => error.message);
    expect(message).toMatch(/give the API base of a server of this contract, such as https:\/\/\S+\.example\.org\/restapi\.$/);
    // DocuSign's own endpoint answers without this contract's envelope: no example target.
    expect(message).not.toMatch(/docusign/i);
    expect(message).not.toContain('pw@');
  });

  it.each([
    ['https off loopback', 'https://api.example.com/restapi/', 'https://api.example.com/restapi'],
    ['plain http on loopback', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('accepts %s, without a trailing slash', async (_, target, base) => {
    const opened = await open(target);
    expect(opened.target.baseUrl).toBe(base);
    await opened.close();
  });
});

describe('CONTRACT_TOKEN', () => {
  it('is trimmed: a token read with its line break is sent and masked as the token alone', async () => {
    const opened = await open('https://api.example.com/restapi', `  ${TOKEN}\n`);
    expect(opened.target.token).toBe(TOKEN);
    await opened.close();
  });

  it.each([
    ['with a "Bearer " prefix', `Bearer ${TOKEN}`, /CONTRACT_TOKEN holds characters a bearer token cannot .*"Bearer " prefix.*; pass the bare token/],
    ['with a space inside', 'settings token 7Kq2', /CONTRACT_TOKEN holds characters a bearer token cannot/],
    ['with a line break inside', 'settings-token\n7Kq2', /CONTRACT_TOKEN holds characters a bearer token cannot/],
    ['made of whitespace alone', ' \n', /CONTRACT_TOKEN must be a non-empty string/],
    ['too short to be masked', 'abc', /CONTRACT_TOKEN is 3 characters long; an OAuth access token has at least 8/],
  ])('is refused %s, without showing it', async (_, token, reason) => {
    const message = await open('https://api.example.com/restapi', token).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    expect(message).toMatch(reason);
    expect(message).not.toContain('7Kq2');
  });
});

describe('a bad CONTRACT_TARGET or CONTRACT_TOKEN on the command line', () => {
  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Wrote the JUnit report'));

  it('ends the run with exit code 2 and one line saying what is wrong, before anything is sent', async () => {
    const target = await runContract({ CONTRACT_TARGET: 'http://api.example.com/restapi', CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: ACCOUNT });
    expect(lines(target.stdout)).toEqual([expect.stringMatching(/^The contract suite could not run: CONTRACT_TARGET must use https \(plain http only on loopback/)]);
    expect(target.code).toBe(2);
    // Programs read the same from the run record, and a CI system from a JUnit report whose one case is that error.
    expect(target.junit).toMatch(/<testsuites [^>]*tests="1" failures="0" errors="1"/);
    expect(target.junit).toContain('CONTRACT_TARGET must use https');
    expect(target.record).toMatchObject({ exitCode: 2, cannotRun: expect.stringMatching(/^CONTRACT_TARGET must use https/) });
    const token = await runContract({ CONTRACT_TARGET: 'https://api.example.com/restapi', CONTRACT_TOKEN: `Bearer ${TOKEN}`, CONTRACT_ACCOUNT_ID: ACCOUNT });
    expect(lines(token.stdout)).toEqual([expect.stringMatching(/^The contract suite could not run: CONTRACT_TOKEN holds characters a bearer token cannot/)]);
    expect(`${token.stdout}${token.stderr}`).not.toContain(TOKEN);
    expect(token.code).toBe(2);
  });
});

describe('CONTRACT_ALLOW_HTTP', () => {
  it('lets a plain-http target off loopback run, and the summary says so; the token appears nowhere', async () => {
    const { startReferenceServer } = await import('../../contract-tests/reference-server/server.js');
    const server = await startReferenceServer({ token: TOKEN });
    try {
      // An IPv4-mapped address reaches this machine's loopback without being written as loopback.
      const target = server.url.replace('127.0.0.1', '[::ffff:127.0.0.1]');
      const run = await runContract({ CONTRACT_TARGET: target, CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: ACCOUNT, CONTRACT_ALLOW_HTTP: '1', CONTRACT_RATE: '0', CONTRACT_CASES: '1' });
      expect(run.stdout).toContain('(plain http, CONTRACT_ALLOW_HTTP: the token travels unencrypted)');
      expect(`${run.stdout}${run.stderr}${run.junit}${run.har}`).not.toContain(TOKEN);
      expect(run.code).toBe(0);
      const refused = await runContract({ CONTRACT_TARGET: target, CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: ACCOUNT });
      expect(refused.stdout).toMatch(/CONTRACT_TARGET must use https .*CONTRACT_ALLOW_HTTP=1 \(--allow-http\)/);
      expect(refused.code).toBe(2);
    } finally {
      await server.close();
    }
  }, 60_000);
});
