// Proves the contract suite can fail: it passes against the reference server, and fails
// against each broken variant of it, naming the rule that variant breaks.
import { describe, expect, it } from 'vitest';
import { RunContext } from '../../contract-tests/engine/run-context.js';
import { runChecks, type CheckResult } from '../../contract-tests/engine/run-checks.js';
import { openTarget } from '../../contract-tests/engine/target.js';
import { FAULTS, startReferenceServer, type Fault } from '../../contract-tests/reference-server/server.js';

const TOKEN = 'reference-token';
const SETTINGS = { cases: 12, seed: 7 };

async function runAgainst(faults: Fault[], options: { proxy?: boolean } = {}): Promise<CheckResult[]> {
  const server = await startReferenceServer({ token: TOKEN, faults });
  const open = await openTarget({ target: server.url, token: TOKEN, accountId: '18394725', proxy: options.proxy ? 'on' : undefined });
  try {
    return await runChecks(new RunContext(open.target, SETTINGS));
  } finally {
    await open.close();
    await server.close();
  }
}

const failedChecks = (results: CheckResult[]) => [...new Set(results.filter((result) => result.state === 'failed').map((result) => result.check.id))];

// The rule each broken variant breaks; the suite may find more, never fewer.
const BROKEN_RULE: Record<Fault, string> = {
  'wrong-status': 'status_code_conformance',
  'missing-success': 'envelope_conformance',
  'secret-echoed': 'secret_not_echoed',
  'invalid-body-accepted': 'negative_data_rejection',
  'bad-account-accepted': 'negative_data_rejection',
  'auth-ignored': 'ignored_auth',
  'wrong-content-type': 'content_type_conformance',
  'error-on-valid-input': 'not_a_server_error',
  'delete-keeps-resource': 'stateful_crud',
  'no-conflict': 'stateful_crud',
  'no-trace-token': 'response_headers_conformance',
  'success-on-error': 'envelope_conformance',
  'patch-accepted': 'unsupported_method',
};

describe('the contract suite in live mode', () => {
  it('passes against the reference server, stateful checks included', async () => {
    const results = await runAgainst([]);
    expect(failedChecks(results)).toEqual([]);
    expect(results.filter((result) => result.state === 'skipped').map((result) => result.check.id)).toEqual(Array(4).fill('proxy_validation'));
    expect(results.find((result) => result.check.id === 'stateful_crud')?.state).toBe('passed');
  });

  it('passes against the reference server through Prism’s validating proxy', async () => {
    const results = await runAgainst([], { proxy: true });
    expect(failedChecks(results)).toEqual([]);
    expect(results.filter((result) => result.check.id === 'proxy_validation').map((result) => result.state)).toEqual(Array(4).fill('passed'));
  });

  it('hears from Prism’s validating proxy when a response breaks the spec', async () => {
    const results = await runAgainst(['missing-success'], { proxy: true });
    expect(failedChecks(results)).toContain('proxy_validation');
  });

  it('covers every broken variant of the reference server', () => {
    expect(Object.keys(BROKEN_RULE).sort()).toEqual(Object.keys(FAULTS).sort());
    expect(new Set(Object.values(BROKEN_RULE)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(Object.entries(BROKEN_RULE) as Array<[Fault, string]>)('fails against the variant where %s, naming %s', async (fault, rule) => {
    const results = await runAgainst([fault]);
    expect(failedChecks(results)).toContain(rule);
    const failure = results.find((result) => result.check.id === rule && result.state === 'failed')!;
    expect(failure.violations.length).toBeGreaterThan(0);
  });
});
