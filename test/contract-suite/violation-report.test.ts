// A check's violations as the summary lists them: each distinct one once, with how many
// answers broke the rule that way, and the HAR report named only when one is written.
import { describe, expect, it } from 'vitest';
import type { ContractCheck } from '../../contract-tests/engine/checks/contract-check.js';
import { LOCAL_DEFAULTS } from '../../contract-tests/engine/live-settings.js';
import { describeViolations } from '../../contract-tests/engine/run-checks.js';
import { RunContext, type Violation } from '../../contract-tests/engine/run-context.js';
import type { Target } from '../../contract-tests/engine/target.js';

const TARGET: Target = { kind: 'live', label: 'nowhere', baseUrl: 'http://127.0.0.1:9', token: 'unused-token-123456', accountId: '18394725', stateful: true, viaProxy: false, live: LOCAL_DEFAULTS };
const check = { id: 'response_schema_conformance', rule: 'Every body is valid against its schema.' } as ContractCheck;
const report = (violations: Violation[], harWritten: boolean) => describeViolations({ check, column: 'GET', violations }, new RunContext(TARGET, { cases: 1, seed: 1 }), harWritten);

describe('the violations of a check', () => {
  it('are listed once each, with the number of answers that broke the rule the same way', () => {
    const text = report([...Array.from({ length: 3 }, () => ({ message: '404 body/error/code must be "NOT_FOUND"' })), { message: '404 body has no error.message' }], true);
    expect(text.match(/must be "NOT_FOUND"/g)).toHaveLength(1);
    expect(text).toContain('1. 404 body/error/code must be "NOT_FOUND" (3 answers, the first shown)');
    expect(text.split('\n')).toContain('2. 404 body has no error.message');
    expect(text).not.toContain('… and');
  });

  it.each([
    [true, '… and 2 more (every exchange is in the HAR report)'],
    [false, '… and 2 more'],
  ])('name the HAR report for the rest only when one is written (%s)', (harWritten, tail) => {
    const text = report(Array.from({ length: 7 }, (_, index) => ({ message: `violation ${index}` })), harWritten);
    expect(text.endsWith(tail)).toBe(true);
    if (!harWritten) expect(text).not.toContain('HAR');
  });
});
