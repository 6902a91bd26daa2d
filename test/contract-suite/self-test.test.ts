// Proves the contract suite passes a server that keeps the contract: the reference server, at
// the default settings and at CONTRACT_CASES=1, directly and through Prism's proxy; and that
// the coverage phase sends the same requests whatever the seed and case count.
import { describe, expect, it } from 'vitest';
import type { RunSettings } from '../../contract-tests/engine/run-context.js';
import { DEFAULTS, ONE_CASE, failedChecks, failures, runAgainst } from './reference-runs.js';

const SETTINGS: Array<[string, RunSettings]> = [
  ['the default settings', DEFAULTS],
  ['CONTRACT_CASES=1', ONE_CASE],
];

describe('the contract suite against the reference server', () => {
  it.each(SETTINGS)('passes at %s, stateful checks included', async (_label, settings) => {
    const { results } = await runAgainst([], settings);
    expect(failures(results)).toEqual([]);
    // The client's own check runs with the mock only: it says nothing of a server.
    expect(results.filter((result) => result.state === 'skipped').map((result) => result.check.id).sort()).toEqual(['client_request_conformance', ...Array(4).fill('proxy_validation')]);
    expect(results.find((result) => result.check.id === 'client_request_conformance')?.skipReason).toMatch(/this package's own client.*runs with the mock/);
    for (const id of ['stateful_crud', 'use_after_free', 'ensure_resource_availability']) expect(results.find((result) => result.check.id === id)?.state).toBe('passed');
  });

  it.each(SETTINGS)('passes through Prism’s validating proxy at %s', async (_label, settings) => {
    const { results } = await runAgainst([], settings, { proxy: true });
    expect(failures(results)).toEqual([]);
    expect(results.filter((result) => result.check.id === 'proxy_validation').map((result) => result.state)).toEqual(Array(4).fill('passed'));
  });

  it('hears from Prism’s validating proxy when a response breaks the spec', async () => {
    const { results } = await runAgainst(['missing-success'], ONE_CASE, { proxy: true });
    expect(failedChecks(results)).toContain('proxy_validation');
  });

  it('finds a 404 answered as text/plain through Prism’s validating proxy too', async () => {
    const { results } = await runAgainst(['not-found-plain'], ONE_CASE, { proxy: true });
    expect(failedChecks(results)).toEqual(expect.arrayContaining(['content_type_conformance', 'envelope_conformance']));
  });

  it('sends the same coverage requests whatever the seed and case count', async () => {
    const coverage = async (settings: RunSettings) => {
      const { context } = await runAgainst([], settings);
      // The probe secrets are new on every run, on purpose.
      return context.exchanges.filter((exchange) => exchange.intent.phase === 'coverage' && exchange.intent.kind !== 'probe').map((exchange) => `${exchange.request.method} ${exchange.request.path} ${exchange.intent.purpose} ${exchange.request.body ?? ''}`);
    };
    const one = await coverage(ONE_CASE);
    const other = await coverage({ cases: 7, seed: 12345 });
    expect(one.length).toBeGreaterThan(100);
    expect(other).toEqual(one);
  });
});
