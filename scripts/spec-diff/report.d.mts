// Types of report.mjs, for the tests that call it.
import type { SpecChange } from './compare.mjs';

export function formatReport(report: { baseLabel: string; revisionLabel: string; changes: SpecChange[] }): string[];
