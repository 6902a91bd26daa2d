// The part of the summary that says how the run treated its target: read-only or not, the
// requests it sent and the limits the server reported, the waits, what a stop left unrun,
// the clean-up; and the exit code that follows from it all.
import type { TestCase } from 'vitest/node';
import { LIMIT_HEADERS, displayName } from './engine/request-pacer.js';
import type { ExitCode, RunRecord } from './engine/run-record.js';

export function liveSummaryLines(cases: readonly TestCase[], record: RunRecord | undefined): string[] {
  const lines: string[] = [];
  const notRun = (kind: 'writes' | 'stopped') => cases.filter((test) => test.meta().contract?.notRun === kind);
  const readOnly = notRun('writes');
  if (readOnly.length > 0) {
    lines.push(
      '',
      `Read-only run: ${readOnly.length} check runs that send POST, PUT or DELETE were skipped, and nothing was written (only GET, and requests a correct server refuses unread: no or a wrong credential, undocumented methods without a body).`,
      'CONTRACT_WRITES=on runs them, on a dedicated test account with no Connect OAuth configuration (README: running against a live server).',
    );
  }
  for (const test of cases.filter((candidate) => candidate.meta().contract?.readsTarget === false)) {
    lines.push('', `${test.name} checks this package's own client against the spec, not the target: not counted above (${test.result().state}).`);
  }
  const requests = record?.requests;
  if (requests && record?.kind === 'live') {
    const budget = requests.maxRequests > 0 ? ` of a budget of ${requests.maxRequests} (CONTRACT_MAX_REQUESTS)${requests.sent > requests.maxRequests ? ', past it only to clean up' : ''}` : '';
    const planned = record.planned === undefined ? '' : `; the plan was ${record.planned}, retries and the clean-up not included`;
    lines.push('', `Requests sent: ${requests.sent}${budget}, retries included${planned}`);
    if (requests.waits.length > 0) {
      const total = requests.waits.reduce((sum, wait) => sum + wait.ms, 0);
      const sources = [...new Set(requests.waits.map((wait) => wait.source))].join(', ');
      const capped = requests.waits.filter((wait) => wait.capped).length;
      lines.push(`Rate limited (429) ${requests.waits.length} times, waited ${(total / 1000).toFixed(1)} s in all (${sources})${capped ? `, ${capped} waits cut to CONTRACT_MAX_WAIT_MS` : ''}, then sent again`);
    }
    const limits = LIMIT_HEADERS.filter((name) => requests.lastLimits[name] !== undefined).map((name) => `${displayName(name)} ${requests.lastLimits[name]}${name === 'x-ratelimit-reset' ? resetTime(requests.lastLimits[name]!) : ''}`);
    lines.push(`Last limits the server reported: ${limits.length > 0 ? limits.join(', ') : 'none (no X-RateLimit-* or X-BurstLimit-* headers)'}`);
    if (requests.stopped) {
      const stopped = notRun('stopped');
      lines.push(
        `Stopped sending: ${requests.stopped.message}.`,
        `Not run (${stopped.length}): ${stopped.map((test) => test.name).join(', ') || 'none'}`,
        'The run did not finish, so it does not pass: it exits 2. The answers that came were judged by every response rule.',
      );
    }
  }
  if (record?.writesArmed) {
    lines.push(record.cleanedUp ? 'Clean-up: the account was left with no Connect OAuth configuration, as the suite found it.' : `CLEAN-UP FAILED: ${record.cleanupProblem ?? 'it did not finish'}. The account may keep a configuration the suite created; delete it by hand.`);
  }
  return lines;
}

/** X-RateLimit-Reset is Unix epoch seconds: shown as a time too. */
function resetTime(value: string): string {
  const seconds = Number(value);
  return /^\d+$/.test(value.trim()) && Number.isSafeInteger(seconds) ? ` (${new Date(seconds * 1000).toISOString()})` : '';
}

/**
 * 0 every planned check ran and passed, 1 a contract violation, 2 the suite could not run, could
 * not clean up, or stopped sending (budget, rate limits) before every planned check had run:
 * a run that did not check everything never passes.
 */
export function exitCodeFor(cases: readonly TestCase[], record: RunRecord | undefined): ExitCode {
  if (record?.writesArmed && !record.cleanedUp) return 2;
  if (cases.some((test) => test.result().state === 'failed')) return 1;
  if (record?.requests?.stopped || cases.some((test) => test.meta().contract?.notRun === 'stopped')) return 2;
  return 0;
}
