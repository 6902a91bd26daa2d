// The breaking-change gate's rating of one change at a time (fixture pairs: base.yaml and a copy
// of it with one change), through redocly diff and the gate's rules.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSpecs, isBreaking, type SpecChange } from '../../scripts/spec-diff/compare.mjs';
import { formatReport } from '../../scripts/spec-diff/report.mjs';
import { REPO_ROOT } from '../support/run-command.js';

const FIXTURES = join(REPO_ROOT, 'test/spec/fixtures/spec-diff');
const compareWithBase = (variant: string) => compareSpecs(join(FIXTURES, 'base.yaml'), join(FIXTURES, variant));
const summary = (changes: SpecChange[]) => changes.map((change) => `${change.impact} ${change.kind} ${change.operation} ${change.where}`);

describe.concurrent('spec:diff rates as breaking', () => {
  it.each([
    ['breaking-response-property-removed.yaml', 'property-removed', 'GET /configs/{configId}', 'responses/200/content/application/json/schema/properties/scope'],
    ['breaking-required-request-property-added.yaml', 'required-properties-added', 'PUT /configs/{configId}', 'requestBody/content/application/json/schema'],
    ['breaking-request-pattern-narrowed.yaml', 'schema-constraint-changed', 'PUT /configs/{configId}', 'requestBody/content/application/json/schema/properties/clientSecret'],
    ['breaking-response-status-removed.yaml', 'response-removed', 'GET /configs/{configId}', 'responses/404'],
  ])('%s, for %s', async (variant, rule, operation, where) => {
    const { changes } = await compareWithBase(variant);
    const breaking = changes.filter(isBreaking);
    expect(summary(breaking)).toHaveLength(1);
    expect(breaking[0]).toMatchObject({ impact: 'major', operation, where, reasons: [expect.objectContaining({ rule })] });
  });
});

describe.concurrent('spec:diff rates as compatible', () => {
  it.each([
    ['compatible-optional-response-property-added.yaml', 'minor', 'responses/200/content/application/json/schema/properties/createdAt'],
    ['compatible-example-added.yaml', 'minor', 'requestBody/content/application/json/examples/scoped'],
    ['compatible-description-changed.yaml', 'patch', ''],
  ])('%s', async (variant, impact, where) => {
    const { changes } = await compareWithBase(variant);
    expect(changes.filter(isBreaking)).toEqual([]);
    // It saw the change: a gate that found nothing at all would pass here too.
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ impact, where });
  });

  it('nothing when both sides are the same', async () => {
    expect((await compareWithBase('base.yaml')).changes).toEqual([]);
  });
});

describe('spec:diff report', () => {
  it('lists a breaking change by operation with its reason and where the base had it', async () => {
    const { changes } = await compareWithBase('breaking-response-property-removed.yaml');
    const report = formatReport({ baseLabel: 'v1.0.0', revisionLabel: 'the revision', changes }).join('\n');
    expect(report).toContain('Breaking changes (1):\n  GET /configs/{configId}\n    major removed  responses/200/content/application/json/schema/properties/scope');
    expect(report).toContain('Property `scope` of `ConfigDetails` was removed. [property-removed]');
    expect(report).toMatch(/at spec-diff\/base\.yaml:\d+ \(in the base\)/);
    expect(report).toMatch(/1 breaking change: a client or server built against v1\.0\.0 would break/);
  });

  it('says a compatible change is compatible', async () => {
    const { changes } = await compareWithBase('compatible-description-changed.yaml');
    const report = formatReport({ baseLabel: 'v1.0.0', revisionLabel: 'the revision', changes }).join('\n');
    expect(report).toContain('Compatible changes (1):');
    expect(report).toContain('patch modified description of the operation');
    expect(report).toContain('No breaking change (1 compatible).');
  });
});
