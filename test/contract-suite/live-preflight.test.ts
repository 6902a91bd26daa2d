// Before any check, one authorized read tells apart a target that is not there, a token it
// refuses, and a target that is ready: the first two end the run in one line, exit code 2.
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveVariant, type LiveVariant } from '../../contract-tests/reference-server/live-variants.js';
import { freePort } from '../support/free-port.js';
import { runContract, runContractInProcess } from './support/contract-run.js';

const ACCOUNT = '18394725';
const servers: LiveVariant[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const outputLines = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Wrote the JUnit report'));

describe('the preflight', () => {
  it('reports an unreachable target in one line, with exit code 2 and no check results', async () => {
    const run = await runContractInProcess({ CONTRACT_TARGET: `http://127.0.0.1:${await freePort()}`, CONTRACT_TOKEN: 'any-token', CONTRACT_ACCOUNT_ID: ACCOUNT });
    expect(outputLines(run.stdout)).toEqual([expect.stringMatching(/^The contract suite could not run: The target is unreachable: GET http:\/\/127\.0\.0\.1:\d+\/v2\.1\/accounts\/18394725\/connect\/oauth got no answer \(fetch failed: connect ECONNREFUSED/)]);
    expect(run.stdout).not.toMatch(/check runs|pass/);
    expect(run.code).toBe(2);
  });

  it('reports a refused token (401) in one line, with exit code 2, without the token', async () => {
    const server = await startLiveVariant({ token: 'the-right-token' });
    servers.push(server);
    const run = await runContract({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: 'WRONG-token-value', CONTRACT_ACCOUNT_ID: ACCOUNT });
    expect(outputLines(run.stdout)).toEqual([expect.stringMatching(/^The contract suite could not run: The target refused the token: an authorized GET of .* answered 401 UNAUTHORIZED\. Set CONTRACT_TOKEN/)]);
    expect(server.received).toHaveLength(1);
    expect(`${run.stdout}${run.stderr}${run.junit}`).not.toContain('WRONG-token-value');
    expect(run.code).toBe(2);
  });

  it('reports a target too slow for CONTRACT_TIMEOUT_MS in one line, with exit code 2, instead of hanging', async () => {
    const server = await startLiveVariant({ token: 'slow-token', delayMs: 2_000 });
    servers.push(server);
    const started = Date.now();
    const run = await runContract({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: 'slow-token', CONTRACT_ACCOUNT_ID: ACCOUNT, CONTRACT_TIMEOUT_MS: '200' });
    expect(outputLines(run.stdout)).toEqual([expect.stringMatching(/^The contract suite could not run: The target did not answer in time: .* had no complete answer within 200 ms \(CONTRACT_TIMEOUT_MS\)/)]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(2);
  });

  it('refuses a bad setting in one line, with exit code 2, saying what to write instead', async () => {
    const run = await runContractInProcess({ CONTRACT_TARGET: 'http://127.0.0.1:9', CONTRACT_TOKEN: 't', CONTRACT_ACCOUNT_ID: ACCOUNT, CONTRACT_WRITES: 'yes' });
    expect(outputLines(run.stdout)).toEqual([expect.stringMatching(/^The contract suite could not run: CONTRACT_WRITES must be off \(read-only\), on .* or replace .*, got "yes"\.$/)]);
    expect(run.code).toBe(2);
  });
});
