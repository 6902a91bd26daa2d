// What `connect-oauth-contract --help` prints. The defaults come from the suite's own settings.
import { LIVE_DEFAULTS } from '../../../contract-tests/engine/live-settings.js';
import { DEFAULT_CASES, DEFAULT_SEED } from '../../../contract-tests/engine/run-settings.js';

export function helpText(version: string): string {
  return `Usage: connect-oauth-contract [options]

Checks a server of the Connect OAuth contract against the spec this package ships
(connect-oauth-contract ${version}) and prints a summary: every check by operation, the seed and
the requests sent, then each violation with its request, its answer and a curl command that
repeats it. Without --target it checks its embedded mock of the spec.

Target
  --target URL          the server's API base, such as https://staging.example.org/restapi
  --token TOKEN         bearer token for the target. Prefer the CONTRACT_TOKEN variable: an
                        option ends up in shell history and process lists. Never printed: the
                        summary and the reports mask it.
  --account ID          the account to test with
  --allow-http          let --target be plain http to a host that is not loopback (a service
                        container inside CI's private network); the summary says so. https is
                        the rule: over plain http the token travels unencrypted.

Live target (somebody's account: read-only unless writes are allowed)
  --writes on|replace   allow the checks that create, change and delete. on: only on an account
                        with no Connect OAuth configuration (else exit 2, nothing written);
                        replace: also when that deletes the account's configuration, whose
                        secret cannot be read back. Default: off, read-only.
  --rate N              requests a second, 0 for no pacing (default ${LIVE_DEFAULTS.rate})
  --max-requests N      the most requests the run may send, 0 for no limit (default ${LIVE_DEFAULTS.maxRequests})
  --max-wait-ms MS      the longest wait for a rate limit (429) to clear (default ${LIVE_DEFAULTS.maxWaitMs})
  --timeout-ms MS       how long one request may take (default ${LIVE_DEFAULTS.timeoutMs})
  Against the embedded mock writes are on, nothing is paced and there is no limit
  unless --max-requests sets one.

Cases
  --cases N             generated cases per generator and operation (default ${DEFAULT_CASES})
  --seed N|random       the random phase's seed (default ${DEFAULT_SEED}); the summary prints it

Reports
  --junit PATH          write the JUnit report to PATH, for a CI system to publish
  --har PATH            write every exchange to PATH as a HAR log (token and secrets masked)

  -h, --help            this text
  -v, --version         the version

Every option but --junit and --har can also be given as its variable: CONTRACT_TARGET,
CONTRACT_TOKEN, CONTRACT_ACCOUNT_ID, CONTRACT_ALLOW_HTTP=1, CONTRACT_WRITES, CONTRACT_RATE,
CONTRACT_MAX_REQUESTS, CONTRACT_MAX_WAIT_MS, CONTRACT_TIMEOUT_MS, CONTRACT_CASES,
CONTRACT_SEED. An option wins over its variable.

Exit codes
  0  every planned check ran and passed
  1  the server broke the contract, whatever else happened
  2  the suite could not run or did not finish: a bad option or setting, the target
     unreachable or the token refused, the account's configuration guarded against writes,
     a request limit smaller than the run's plan, sending stopped by the limit or the rate
     limits, an interruption, a failed clean-up
`;
}
