// What the README says of the stateful mock as a target of the contract suite: it takes any
// token, so ignored_auth fails by design, and every other check, the writes and the stateful
// ones included, passes against it.
import { expect, it } from 'vitest';
import { CHECKS } from '../../contract-tests/engine/checks/all-checks.js';
import { RunContext } from '../../contract-tests/engine/run-context.js';
import { runChecks } from '../../contract-tests/engine/run-checks.js';
import { DEFAULT_SEED } from '../../contract-tests/engine/run-settings.js';
import { openTarget } from '../../contract-tests/engine/target.js';
import { startStatefulMock } from '../../contract-tests/reference-server/stateful-mock.js';
import { failedChecks } from '../contract-suite/reference-runs.js';

it('fails ignored_auth alone as a live target with writes on, and passes the stateful checks', async () => {
  const mock = await startStatefulMock();
  const open = await openTarget({ target: mock.url, token: 'any-token-123', accountId: '18394725', live: { writes: 'on', rate: '0' } });
  try {
    const results = await runChecks(new RunContext(open.target, { cases: 2, seed: DEFAULT_SEED }), CHECKS);
    expect(failedChecks(results)).toEqual(['ignored_auth']);
    for (const id of ['stateful_crud', 'ensure_resource_availability', 'use_after_free']) {
      expect(results.filter((result) => result.check.id === id).map((result) => result.state)).toContain('passed');
      expect(results.filter((result) => result.check.id === id).map((result) => result.state)).not.toContain('skipped');
    }
  } finally {
    await open.close();
    await mock.close();
  }
}, 60_000);
