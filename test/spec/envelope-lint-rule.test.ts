import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCommandStatus } from '../support/run-command.js';

const fixture = fileURLToPath(new URL('./fixtures/responses-without-envelope.yaml', import.meta.url));

async function lint(file: string): Promise<{ code: number; report: string }> {
  const { code, stdout } = await runCommandStatus('node_modules/.bin/redocly', ['lint', file, '--format=json'], { cwd: REPO_ROOT });
  return { code, report: stdout };
}

interface Problem { ruleId: string; message: string; location: Array<{ pointer: string }> }

describe('the envelope lint rule', () => {
  it('fails `redocly lint` on JSON responses that do not use the envelope, and only on those', async () => {
    const { code, report: json } = await lint(fixture);
    expect(code).not.toBe(0);
    const report = JSON.parse(json) as { problems: Problem[] };
    const envelopeProblems = report.problems.filter((problem) => problem.ruleId === 'envelope/json-responses-use-envelope');
    const pointers = envelopeProblems.map((problem) => problem.location[0]?.pointer).sort();
    expect(pointers).toEqual([
      '#/paths/~1things/get/responses/200/content/application~1json/schema',
      '#/paths/~1things/get/responses/404/content/application~1json/schema',
    ]);
    expect(envelopeProblems.map((problem) => problem.message).join('\n')).toMatch(/`success` must be `const: false`/);
  });
});
