// Proves the contract suite can fail: it passes against the reference server, and fails
// against each broken variant of it, naming the rule that variant breaks, at the default
// settings and at CONTRACT_CASES=1 (the coverage phase does not depend on the case count).
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../contract-tests/engine/checks/all-checks.js';
import { RunContext, type RunSettings } from '../../contract-tests/engine/run-context.js';
import { runChecks, type CheckResult } from '../../contract-tests/engine/run-checks.js';
import { DEFAULT_CASES, DEFAULT_SEED } from '../../contract-tests/engine/run-settings.js';
import { openTarget } from '../../contract-tests/engine/target.js';
import { FAULTS, startReferenceServer, type Fault } from '../../contract-tests/reference-server/server.js';

const TOKEN = 'reference-token';
const DEFAULTS: RunSettings = { cases: DEFAULT_CASES, seed: DEFAULT_SEED };
const ONE_CASE: RunSettings = { cases: 1, seed: DEFAULT_SEED };

// The client's own check talks to a Prism of its own, never to the target: the broken
// variants leave it out.
const TARGET_CHECKS = CHECKS.filter((check) => check.id !== 'client_request_conformance');

async function runAgainst(faults: Fault[], settings: RunSettings, options: { proxy?: boolean } = {}): Promise<CheckResult[]> {
  const server = await startReferenceServer({ token: TOKEN, faults });
  const open = await openTarget({ target: server.url, token: TOKEN, accountId: '18394725', proxy: options.proxy ? 'on' : undefined });
  try {
    return await runChecks(new RunContext(open.target, settings), faults.length > 0 ? TARGET_CHECKS : CHECKS);
  } finally {
    await open.close();
    await server.close();
  }
}

const failedChecks = (results: CheckResult[]) => [...new Set(results.filter((result) => result.state === 'failed').map((result) => result.check.id))];
const failures = (results: CheckResult[]) => results.filter((result) => result.state === 'failed').flatMap((result) => result.violations.map((violation) => `${result.check.id} › ${result.column}: ${violation.message}`));

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
  'delete-keeps-resource': 'use_after_free',
  'no-conflict': 'stateful_crud',
  'no-trace-token': 'response_headers_conformance',
  'success-on-error': 'envelope_conformance',
  'patch-accepted': 'unsupported_method',
  'error-not-enveloped': 'envelope_conformance',
  'error-wrong-content-type': 'content_type_conformance',
  'error-no-trace-token': 'response_headers_conformance',
  'not-found-plain': 'content_type_conformance',
  'unknown-property-accepted': 'negative_data_rejection',
  'http-url-accepted': 'negative_data_rejection',
  'any-token-accepted': 'ignored_auth',
  'malformed-json-500': 'negative_data_rejection',
  'no-allow-header': 'unsupported_method',
};

describe('the contract suite in live mode', () => {
  it.each([
    ['the default settings', DEFAULTS],
    ['CONTRACT_CASES=1', ONE_CASE],
  ])('passes against the reference server at %s, stateful checks included', async (_label, settings) => {
    const results = await runAgainst([], settings);
    expect(failures(results)).toEqual([]);
    expect(results.filter((result) => result.state === 'skipped').map((result) => result.check.id)).toEqual(Array(4).fill('proxy_validation'));
    for (const id of ['stateful_crud', 'use_after_free', 'ensure_resource_availability']) expect(results.find((result) => result.check.id === id)?.state).toBe('passed');
  });

  it.each([
    ['the default settings', DEFAULTS],
    ['CONTRACT_CASES=1', ONE_CASE],
  ])('passes against the reference server through Prism’s validating proxy at %s', async (_label, settings) => {
    const results = await runAgainst([], settings, { proxy: true });
    expect(failures(results)).toEqual([]);
    expect(results.filter((result) => result.check.id === 'proxy_validation').map((result) => result.state)).toEqual(Array(4).fill('passed'));
  });

  it('hears from Prism’s validating proxy when a response breaks the spec', async () => {
    const results = await runAgainst(['missing-success'], ONE_CASE, { proxy: true });
    expect(failedChecks(results)).toContain('proxy_validation');
  });

  it('finds a 404 answered as text/plain through Prism’s validating proxy too', async () => {
    const results = await runAgainst(['not-found-plain'], ONE_CASE, { proxy: true });
    expect(failedChecks(results)).toEqual(expect.arrayContaining(['content_type_conformance', 'envelope_conformance']));
  });

  it('sends the same coverage requests whatever the seed and case count', async () => {
    const coverage = async (settings: RunSettings) => {
      const server = await startReferenceServer({ token: TOKEN });
      const open = await openTarget({ target: server.url, token: TOKEN, accountId: '18394725' });
      try {
        const context = new RunContext(open.target, settings);
        await runChecks(context, TARGET_CHECKS);
        return context.exchanges.filter((exchange) => exchange.intent.phase === 'coverage').map((exchange) => `${exchange.request.method} ${exchange.request.path} ${exchange.intent.purpose} ${exchange.request.body ?? ''}`);
      } finally {
        await open.close();
        await server.close();
      }
    };
    const [one, other] = await Promise.all([coverage(ONE_CASE), coverage({ cases: 7, seed: 12345 })]);
    expect(one.length).toBeGreaterThan(100);
    expect(other.filter((line) => !line.includes('echo-probe'))).toEqual(one.filter((line) => !line.includes('echo-probe')));
  });

  it('covers every broken variant of the reference server', () => {
    expect(Object.keys(BROKEN_RULE).sort()).toEqual(Object.keys(FAULTS).sort());
    expect(new Set(Object.values(BROKEN_RULE)).size).toBeGreaterThanOrEqual(10);
  });

  const variants = (Object.entries(BROKEN_RULE) as Array<[Fault, string]>).flatMap(([fault, rule]) => [
    { fault, rule, label: 'the default settings', settings: DEFAULTS },
    { fault, rule, label: 'CONTRACT_CASES=1', settings: ONE_CASE },
  ]);
  it.each(variants)('fails against the variant where $fault, naming $rule, at $label', async ({ fault, rule, settings }) => {
    const results = await runAgainst([fault], settings);
    expect(failedChecks(results)).toContain(rule);
    const failure = results.find((result) => result.check.id === rule && result.state === 'failed')!;
    expect(failure.violations.length).toBeGreaterThan(0);
    expect(failure.violations.every((violation) => !violation.message.startsWith('nothing was tested'))).toBe(true);
  });
});
