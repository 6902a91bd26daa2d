// What a run sent, per operation: requests by kind (valid, invalid by the rule they break,
// auth, method, stateful, probe) and the schema keywords exercised, N of M.
import { listOperations } from '../../support/openapi-document.js';
import { operationKeywords } from '../coverage/operation-cases.js';
import type { RecordedExchange } from '../run-context.js';

export interface ColumnCounts {
  column: string;
  total: number;
  byKind: Record<string, number>;
  /** Invalid requests by the rule they break: a schema keyword, or malformed JSON, ... */
  invalidByRule: Record<string, number>;
  keywordsExercised: number;
  keywordsTotal: number;
  /** Keywords of the spec no request exercised. */
  keywordsMissed: string[];
}

export interface RunCounts {
  total: number;
  byPhase: Record<string, number>;
  columns: ColumnCounts[];
}

const add = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function invalidRule(exchange: RecordedExchange): string {
  const [first] = exchange.intent.keywords ?? [];
  if (first) return first.split(' ').at(-1)!;
  if (/malformed JSON/.test(exchange.intent.purpose)) return 'malformed JSON';
  if (/empty body/.test(exchange.intent.purpose)) return 'empty body';
  if (/sent as text\/plain/.test(exchange.intent.purpose)) return 'media type';
  return exchange.intent.phase === 'random' ? 'generated' : 'other';
}

export function countRequests(exchanges: readonly RecordedExchange[]): RunCounts {
  const byPhase: Record<string, number> = {};
  for (const exchange of exchanges) add(byPhase, exchange.intent.phase);
  const operations = listOperations();
  const columns = [...operations.map((operation) => operation.method.toUpperCase()), 'resource'].map((column): ColumnCounts => {
    const mine = exchanges.filter((exchange) => exchange.column === column);
    const byKind: Record<string, number> = {};
    const invalidByRule: Record<string, number> = {};
    const exercised = new Set<string>();
    for (const exchange of mine) {
      add(byKind, exchange.intent.kind);
      if (exchange.intent.kind === 'invalid') add(invalidByRule, invalidRule(exchange));
      for (const keyword of exchange.intent.keywords ?? []) exercised.add(keyword);
    }
    const operation = operations.find((candidate) => candidate.method.toUpperCase() === column);
    const keywords = operation ? operationKeywords(operation) : [];
    const missed = keywords.filter((keyword) => !exercised.has(keyword));
    return { column, total: mine.length, byKind, invalidByRule, keywordsExercised: keywords.length - missed.length, keywordsTotal: keywords.length, keywordsMissed: missed };
  });
  return { total: exchanges.length, byPhase, columns };
}

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');

/** The counts as the summary prints them, one line per operation. */
export function describeCounts(counts: RunCounts): string[] {
  const lines = counts.columns
    .filter((column) => column.total > 0 || column.keywordsTotal > 0)
    .map((column) => {
      const kinds = Object.entries(column.byKind)
        .map(([kind, count]) => (kind === 'invalid' ? `invalid ${count} (${list(column.invalidByRule)})` : `${kind} ${count}`))
        .join(', ');
      const keywords = column.keywordsTotal > 0 ? `; schema keywords exercised ${column.keywordsExercised} of ${column.keywordsTotal}${column.keywordsMissed.length ? ` (not: ${column.keywordsMissed.join(', ')})` : ''}` : '';
      return `  ${column.column.padEnd(8)} ${String(column.total).padStart(4)} requests: ${kinds || 'none'}${keywords}`;
    });
  return [...lines, `  total    ${String(counts.total).padStart(4)} requests (${list(counts.byPhase)})`];
}
