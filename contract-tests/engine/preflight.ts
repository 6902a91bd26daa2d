// One authorized read before any check: is the target there, does it take the token, and
// does the account have a configuration. A suite that cannot reach its target, or whose
// token is refused, says so in one line instead of failing every check for the same reason.
import { listOperations } from '../support/openapi-document.js';
import type { RunContext } from './run-context.js';

/** The suite could not run: bad settings, an unreachable target, a refused token, a guarded account. Exit code 2. */
export class SuiteCannotRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuiteCannotRun';
  }
}

export interface PreflightResult {
  /** The account has a configuration (GET answered 200), has none (404), or the answer did not tell. */
  configured: boolean | undefined;
  /** What the read answered, for reports: `200`, `404`, or why there was no status. */
  answer: string;
}

export async function preflight(context: RunContext): Promise<PreflightResult> {
  const read = listOperations().find((operation) => operation.method === 'get')!;
  const request = context.validRequest(read);
  const where = `${context.target.label} (account ${context.target.accountId})`;
  // Its answer is held to the response rules like every other.
  const exchange = await context.sendEssential(request, 'an authorized read of the configuration', 'preflight');
  const { response } = exchange;
  if (!response) {
    if (exchange.failure === 'too-large') return { configured: undefined, answer: exchange.error ?? 'an answer too large to read' };
    if (exchange.failure === 'timeout') {
      throw new SuiteCannotRun(`The target did not answer in time: GET ${exchange.request.url} had ${exchange.error}. Check the server, or raise CONTRACT_TIMEOUT_MS.`);
    }
    throw new SuiteCannotRun(`The target is unreachable: GET ${exchange.request.url} got no answer (${exchange.error}). Check CONTRACT_TARGET and that the server is up.`);
  }
  if (response.status === 401 || response.status === 403) {
    const code = (response.json as { error?: { code?: unknown }; errorCode?: unknown } | undefined)?.error?.code ?? (response.json as { errorCode?: unknown } | undefined)?.errorCode;
    throw new SuiteCannotRun(
      `The target refused the token: an authorized GET of ${where} answered ${response.status}${typeof code === 'string' ? ` ${code}` : ''}. Set CONTRACT_TOKEN to a valid access token of an administrator of that account (and CONTRACT_ACCOUNT_ID to the account).`,
    );
  }
  return { configured: response.status === 200 ? true : response.status === 404 ? false : undefined, answer: String(response.status) };
}
