// The gate's report, for people: breaking changes first, grouped by operation, each with why and where.
import { isBreaking } from './compare.mjs';

function describeChange(change) {
  const target = change.where || 'the operation';
  const what = change.kind === 'modified' && change.property ? `${change.property} of ${target}` : target;
  const lines = [`    ${change.impact.padEnd(5)} ${change.kind.padEnd(8)} ${what}`];
  for (const reason of change.reasons) lines.push(`              ${reason.message} [${reason.rule}]`);
  if (change.file) lines.push(`              at ${change.file}${change.line ? `:${change.line}` : ''}${change.side === 'base' ? ' (in the base)' : ''}`);
  return lines;
}

function describeGroup(title, changes) {
  if (changes.length === 0) return [];
  const lines = [`${title} (${changes.length}):`];
  const byOperation = new Map();
  for (const change of changes) {
    const operation = change.operation ?? 'outside any operation';
    byOperation.set(operation, [...(byOperation.get(operation) ?? []), change]);
  }
  for (const [operation, own] of byOperation) {
    lines.push(`  ${operation}`);
    for (const change of own) lines.push(...describeChange(change));
  }
  return lines;
}

/** The report's lines: a heading naming both sides, the breaking changes, then the compatible ones, then the verdict. */
export function formatReport({ baseLabel, revisionLabel, changes }) {
  const breaking = changes.filter(isBreaking);
  const compatible = changes.filter((change) => !isBreaking(change));
  const lines = [`spec:diff: ${revisionLabel} against ${baseLabel}`];
  if (changes.length === 0) return [...lines, 'No change to the contract.'];
  lines.push(...describeGroup('Breaking changes', breaking));
  lines.push(...describeGroup('Compatible changes', compatible));
  lines.push(
    breaking.length === 0
      ? `No breaking change (${compatible.length} compatible).`
      : `${breaking.length} breaking change${breaking.length === 1 ? '' : 's'}: a client or server built against ${baseLabel} ` +
          'would break. Keep what consumers rely on (add optional things instead of removing, renaming or tightening), ' +
          'or release the change as a new major version.',
  );
  return lines;
}
