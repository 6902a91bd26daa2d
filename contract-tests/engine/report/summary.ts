// The run's outcome for people: a table of checks by operation, the seed and what was sent,
// how the run treated a live target, then every violation with the request, the response,
// the rule it broke and a curl command to repeat it. It ends with the violations, where a
// reader looks first. Every text is masked of the token and every clientSecret.
import { exitCodeOf, type ContractRunResult } from '../contract-run.js';
import { LIMIT_HEADERS, displayName } from '../request-pacer.js';
import { describeViolations, type CheckResult } from '../run-checks.js';
import { countRequests, describeCounts } from './request-counts.js';

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip' } as const;
const COLUMNS = ['POST', 'GET', 'PUT', 'DELETE', 'resource'];

export const checkName = (checked: Pick<CheckResult, 'check' | 'column'>) => `${checked.check.id} › ${checked.column}`;

/** The summary's lines; `harWritten`: a violation's report may point to the HAR log for the rest. */
export function summaryLines(run: ContractRunResult, { harWritten }: { harWritten: boolean }): string[] {
  const { results, context } = run;
  if (run.cannotRun !== undefined && results.length === 0) {
    return ['', `The contract suite could not run: ${run.cannotRun}`, ...cleanUpLines(run), ''];
  }
  const lines: string[] = ['', `Contract checks${run.target ? ` against ${run.target.label}` : ''}`, ''];
  const columns = COLUMNS.filter((column) => results.some((checked) => checked.column === column));
  const rows = new Map<string, Map<string, CheckResult>>();
  for (const checked of results) {
    if (!rows.has(checked.check.id)) rows.set(checked.check.id, new Map());
    rows.get(checked.check.id)!.set(checked.column, checked);
  }
  const width = Math.max(5, ...[...rows.keys()].map((id) => id.length));
  lines.push(`${'check'.padEnd(width)}  ${columns.map((column) => column.padEnd(8)).join(' ')}`);
  for (const [id, byColumn] of rows) {
    lines.push(`${id.padEnd(width)}  ${columns.map((column) => (byColumn.get(column) ? MARK[byColumn.get(column)!.state] : '-').padEnd(8)).join(' ')}`);
  }
  // A check of this package's own client says nothing of the target: it is not counted for it.
  const ofTarget = results.filter((checked) => checked.check.readsTarget !== false);
  const count = (state: CheckResult['state']) => ofTarget.filter((checked) => checked.state === state).length;
  lines.push('', `${ofTarget.length} check runs: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  if (run.settings && context) {
    lines.push(`Seed: ${run.settings.seed} (CONTRACT_SEED=${run.settings.seed} repeats this run), CONTRACT_CASES=${run.settings.cases}`, '', 'Requests by operation:', ...describeCounts(countRequests(context.exchanges)));
  }
  // One line a reason: a read-only run skips many checks for the same one.
  const skippedFor = new Map<string, string[]>();
  for (const checked of results.filter((candidate) => candidate.state === 'skipped')) {
    const reason = checked.skipReason ?? 'no reason given';
    skippedFor.set(reason, [...(skippedFor.get(reason) ?? []), checkName(checked)]);
  }
  for (const [reason, names] of skippedFor) lines.push(names.length === 1 ? `  skipped ${names[0]}: ${reason}` : `  skipped ${names.length}, ${reason}:\n    ${names.join(', ')}`);
  for (const checked of results) for (const note of checked.notes) lines.push(`  ${checkName(checked)}: ${note}`);
  lines.push(...liveLines(run));
  if (run.cannotRun !== undefined) lines.push('', `The run stopped: ${run.cannotRun}`);
  if (context) {
    for (const checked of results.filter((candidate) => candidate.state === 'failed')) {
      lines.push('', `FAIL ${checkName(checked)}`, describeViolations(checked, context, harWritten));
    }
  }
  lines.push('', `Exit code ${exitCodeOf(run)}`, '');
  return lines;
}

/** How the run treated its target: read-only or not, what it sent and planned, the limits, what a stop left unrun, the clean-up. */
function liveLines(run: ContractRunResult): string[] {
  const { results, context, target } = run;
  const lines: string[] = [];
  const notRun = (kind: 'writes' | 'stopped') => results.filter((checked) => checked.notRun === kind);
  const readOnly = notRun('writes');
  if (readOnly.length > 0) {
    lines.push(
      '',
      `Read-only run: ${readOnly.length} check runs that send POST, PUT or DELETE were skipped, and nothing was written (only GET, and requests a correct server refuses unread: no or a wrong credential, undocumented methods without a body).`,
      'CONTRACT_WRITES=on runs them, on a dedicated test account with no Connect OAuth configuration (docs/contract-suite.md: running against a live server).',
    );
  }
  for (const checked of results.filter((candidate) => candidate.check.readsTarget === false)) {
    lines.push('', `${checkName(checked)} checks this package's own client against the spec, not the target: not counted above (${checked.state}${checked.skipReason ? `: ${checked.skipReason}` : ''}).`);
  }
  if (context && target && (target.kind === 'live' || target.live.maxRequests > 0)) {
    const requests = context.pacer.report();
    const budget = requests.maxRequests > 0 ? ` of a budget of ${requests.maxRequests} (CONTRACT_MAX_REQUESTS)${requests.sent > requests.maxRequests ? ', past it only to clean up' : ''}` : '';
    const planned = run.planned === undefined ? '' : `; the plan was ${run.planned}, retries and the clean-up not included`;
    lines.push('', `Requests sent: ${requests.sent}${budget}, retries included${planned}`);
    if (requests.waits.length > 0) {
      const total = requests.waits.reduce((sum, wait) => sum + wait.ms, 0);
      const sources = [...new Set(requests.waits.map((wait) => wait.source))].join(', ');
      const capped = requests.waits.filter((wait) => wait.capped).length;
      lines.push(`Rate limited (429) ${requests.waits.length} times, waited ${(total / 1000).toFixed(1)} s in all (${sources})${capped ? `, ${capped} waits cut to CONTRACT_MAX_WAIT_MS` : ''}, then sent again`);
    }
    const limits = LIMIT_HEADERS.filter((name) => requests.lastLimits[name] !== undefined).map((name) => `${displayName(name)} ${requests.lastLimits[name]}${name === 'x-ratelimit-reset' ? resetTime(requests.lastLimits[name]!) : ''}`);
    lines.push(`Last limits the server reported: ${limits.length > 0 ? limits.join(', ') : 'none (no X-RateLimit-* or X-BurstLimit-* headers)'}`);
    const stopped = notRun('stopped');
    if (requests.stopped) lines.push(`Stopped sending: ${requests.stopped.message}.`);
    if (stopped.length > 0) {
      lines.push(
        `Not run (${stopped.length}): ${stopped.map(checkName).join(', ')}`,
        'The run did not finish, so it does not pass: it exits 2 (1 had it found a violation). The answers that came were judged by every response rule.',
      );
    }
  }
  lines.push(...cleanUpLines(run));
  return lines;
}

function cleanUpLines(run: ContractRunResult): string[] {
  if (!run.writesArmed) return [];
  if (!run.cleanedUp) return [`CLEAN-UP FAILED: ${run.cleanupProblem ?? 'it did not finish'}. The account may keep a configuration the suite created; delete it by hand.`];
  return [
    run.target?.live.writes === 'replace'
      ? 'Clean-up: the account was left with no Connect OAuth configuration; with CONTRACT_WRITES=replace, one it had before the run is gone.'
      : 'Clean-up: the account was left with no Connect OAuth configuration, as the suite found it.',
  ];
}

/** X-RateLimit-Reset is Unix epoch seconds: shown as a time too. */
function resetTime(value: string): string {
  const seconds = Number(value);
  return /^\d+$/.test(value.trim()) && Number.isSafeInteger(seconds) ? ` (${new Date(seconds * 1000).toISOString()})` : '';
}
