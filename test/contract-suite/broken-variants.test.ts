// Proves the contract suite can fail: against each broken variant of the reference server it
// fails naming the rule the variant breaks, at the default settings and at CONTRACT_CASES=1
// (the coverage phase does not depend on the case count).
import { describe, expect, it } from 'vitest';
import { FAULTS, type Fault } from '../../contract-tests/reference-server/server.js';
import { DEFAULTS, ONE_CASE, failedChecks, runAgainst } from './reference-runs.js';

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
  'token-echoed': 'secret_not_echoed',
  'delete-absent-answered': 'stateful_crud',
  'update-answers-old': 'stateful_crud',
  'custom-parameters-dropped': 'stateful_crud',
  'delete-wrong-id': 'stateful_crud',
  'created-at-moves': 'stateful_crud',
  'wrong-error-code': 'response_schema_conformance',
};

describe('the contract suite against a broken server', () => {
  it('covers every broken variant of the reference server', () => {
    expect(Object.keys(BROKEN_RULE).sort()).toEqual(Object.keys(FAULTS).sort());
    expect(new Set(Object.values(BROKEN_RULE)).size).toBeGreaterThanOrEqual(10);
  });

  const variants = (Object.entries(BROKEN_RULE) as Array<[Fault, string]>).flatMap(([fault, rule]) => [
    { fault, rule, label: 'the default settings', settings: DEFAULTS },
    { fault, rule, label: 'CONTRACT_CASES=1', settings: ONE_CASE },
  ]);
  it.each(variants)('fails against the variant where $fault, naming $rule, at $label', async ({ fault, rule, settings }) => {
    const { results } = await runAgainst([fault], settings);
    expect(failedChecks(results)).toContain(rule);
    const failure = results.find((result) => result.check.id === rule && result.state === 'failed')!;
    expect(failure.violations.length).toBeGreaterThan(0);
    expect(failure.violations.every((violation) => !violation.message.startsWith('nothing was tested'))).toBe(true);
  });
});
