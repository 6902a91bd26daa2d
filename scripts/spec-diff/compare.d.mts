// Types of compare.mjs, for the tests that call it.
export type Impact = 'major' | 'minor' | 'patch';

export interface SpecChange {
  impact: Impact;
  kind: 'added' | 'removed' | 'modified';
  /** "GET /path", "path /path", or undefined outside any path. */
  operation: string | undefined;
  /** The JSON pointer below the operation, unescaped. */
  where: string;
  /** The keyword that changed, for a modification. */
  property: string | undefined;
  reasons: { rule: string; message: string }[];
  file: string | undefined;
  line: number | undefined;
  side: 'base' | 'revision' | undefined;
}

export class CompareError extends Error {}
export function compareSpecs(baseRoot: string, revisionRoot: string): Promise<{ changes: SpecChange[] }>;
export function isBreaking(change: SpecChange): boolean;
