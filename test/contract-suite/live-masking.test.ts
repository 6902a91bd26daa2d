// A secret never reaches a report: a server that echoes clientSecret is reported as such,
// with the value masked, in the console, the JUnit report and the HAR file.
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveVariant, type LiveVariant } from '../../contract-tests/reference-server/live-variants.js';
import { runContract, type ContractRun } from './support/contract-run.js';

const TOKEN = 'masking-bearer-token-4f1c';
const ACCOUNT = '18394725';
const STORED_SECRET = 'prod-secret-do-not-lose';

const servers: LiveVariant[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function echoingAccount(stored: boolean): Promise<LiveVariant> {
  const server = await startLiveVariant({
    token: TOKEN,
    echoSecret: true,
    ...(stored ? { stored: { [ACCOUNT]: { authorizationServerUrl: 'https://auth.example.com/token', clientId: 'prod-client', clientSecret: STORED_SECRET } } } : {}),
  });
  servers.push(server);
  return server;
}

const target = (server: LiveVariant) => ({ CONTRACT_TARGET: server.url, CONTRACT_TOKEN: TOKEN, CONTRACT_ACCOUNT_ID: ACCOUNT, CONTRACT_RATE: '0' });

/** Every text the run left: the console, the JUnit report and the HAR file. */
function reports(run: ContractRun): Array<[string, string]> {
  return [
    ['console', `${run.stdout}\n${run.stderr}`],
    ['JUnit', run.junit],
    ['HAR', run.har],
  ];
}

function expectMasked(run: ContractRun, secrets: readonly (string | RegExp)[]): void {
  expect(run.junit).not.toBe('');
  expect(JSON.parse(run.har).log.entries.length).toBeGreaterThan(0);
  for (const [name, text] of reports(run)) {
    for (const secret of secrets) {
      if (typeof secret === 'string') expect(text.includes(secret), `${name} shows ${secret}`).toBe(false);
      else expect(text, `${name} shows a secret`).not.toMatch(secret);
    }
    // Wherever a clientSecret property is shown, its value is starred out (at its length, up to where a long body is cut short).
    expect(text, `${name} shows a clientSecret value`).not.toMatch(/\\?"clientSecret\\?"\s*:\s*\\?"(?!\**(?:\\?"|…))/);
  }
}

describe('masking', () => {
  it('reports a stored secret a server echoes as "the response carries clientSecret", its value masked everywhere', async () => {
    const server = await echoingAccount(true);
    const run = await runContract(target(server));
    expect(run.stdout).toContain('FAIL secret_not_echoed › resource');
    expect(run.stdout).toContain('the response carries clientSecret');
    expect(run.stdout).toMatch(/\\?"clientSecret\\?":\\?"\*{23}\\?"/);
    expectMasked(run, [STORED_SECRET, TOKEN]);
    expect(run.code).toBe(1);
  });

  it('masks every clientSecret the suite sent, when a server echoes them during a write run', async () => {
    const server = await echoingAccount(false);
    const run = await runContract({ ...target(server), CONTRACT_WRITES: 'on' });
    expect(run.stdout).toContain('FAIL secret_not_echoed › resource');
    expect(run.stdout).toMatch(/\\?"clientSecret\\?":\\?"\*+\\?"/);
    // The probes of secret_not_echoed, and the spec's example secret.
    expectMasked(run, [TOKEN, /echo-probe-\d+-(post|put)-/, 's3cr3t-Kx9vQ2mN7pL4wR8t']);
    // Checks failed, and the account still ends as the run found it.
    expect(server.storedConfiguration(ACCOUNT)).toBeUndefined();
    expect(run.code).toBe(1);
  });
});
