// A check that sent nothing and read nothing has not passed: it fails as untested.
import { describe, expect, it } from 'vitest';
import type { ContractCheck } from '../../contract-tests/engine/checks/contract-check.js';
import { RunContext } from '../../contract-tests/engine/run-context.js';
import { runChecks, runPlannedCheck, planChecks } from '../../contract-tests/engine/run-checks.js';
import { LOCAL_DEFAULTS } from '../../contract-tests/engine/live-settings.js';
import type { Target } from '../../contract-tests/engine/target.js';

// Nothing listens here: any request would fail, so a passing check cannot have sent one.
const TARGET: Target = { kind: 'live', label: 'nowhere', baseUrl: 'http://127.0.0.1:9', token: 'unused-token', accountId: '18394725', stateful: true, viaProxy: false, live: LOCAL_DEFAULTS };

const idle: ContractCheck = {
  id: 'idle_check',
  rule: 'Finds nothing to test.',
  reads: 'nothing',
  scope: 'resource',
  writes: false,
  run: async () => ({ violations: [], examined: 0 }),
};

describe('a check with nothing to test', () => {
  it('fails, saying nothing was tested', async () => {
    const [result] = await runChecks(new RunContext(TARGET, { cases: 1, seed: 1 }), [idle]);
    expect(result!.state).toBe('failed');
    expect(result!.violations.map((violation) => violation.message)).toEqual(['nothing was tested: idle_check sent no request and read no answer for resource']);
  });

  it('fails when a response rule got no answer to read in its column', async () => {
    const context = new RunContext(TARGET, { cases: 1, seed: 1 });
    const planned = planChecks().find((candidate) => candidate.check.id === 'envelope_conformance' && candidate.column === 'resource')!;
    const result = await runPlannedCheck(planned, context);
    expect(result.state).toBe('failed');
    expect(result.violations[0]!.message).toMatch(/^nothing was tested: envelope_conformance/);
  });

  it('passes once it looked at something and found nothing wrong', async () => {
    const [result] = await runChecks(new RunContext(TARGET, { cases: 1, seed: 1 }), [{ ...idle, run: async () => ({ violations: [], examined: 1 }) }]);
    expect(result!.state).toBe('passed');
  });
});

describe('the plan', () => {
  it('declares for every check whether it sends writes, and never for a GET', () => {
    const planned = planChecks();
    expect(planned.filter((entry) => entry.writes).map((entry) => `${entry.check.id} › ${entry.column}`)).toEqual(
      expect.arrayContaining(['positive_data_acceptance › POST', 'stateful_crud › resource', 'use_after_free › resource', 'ensure_resource_availability › resource']),
    );
    expect(planned.filter((entry) => entry.column === 'GET' && entry.writes)).toEqual([]);
    expect(planned.filter((entry) => entry.check.id === 'negative_data_rejection' || entry.check.id === 'ignored_auth').every((entry) => !entry.writes)).toBe(true);
  });

  it('runs the response rules after every check that sends requests', () => {
    const ids = planChecks().map((entry) => entry.check.id);
    const lastSender = Math.max(...['positive_data_acceptance', 'negative_data_rejection', 'ignored_auth', 'unsupported_method', 'stateful_crud', 'secret_not_echoed'].map((id) => ids.lastIndexOf(id)));
    expect(ids.indexOf('status_code_conformance')).toBeGreaterThan(lastSender);
  });
});
