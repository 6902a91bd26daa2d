// The coverage phase reads its cases off the spec: every kind the contract suite promises is
// there, one rule broken per invalid case, and every keyword of the request schemas is hit.
import { describe, expect, it } from 'vitest';
import { invalidCoverage, operationKeywords, validCoverage } from '../../contract-tests/engine/coverage/operation-cases.js';
import { RunContext } from '../../contract-tests/engine/run-context.js';
import { LOCAL_DEFAULTS } from '../../contract-tests/engine/live-settings.js';
import type { Target } from '../../contract-tests/engine/target.js';
import { listOperations } from '../../contract-tests/support/openapi-document.js';
import { schemaViolations } from '../../contract-tests/support/schema-validator.js';

const MOCK: Target = { kind: 'mock', label: 'mock', baseUrl: 'http://127.0.0.1:9', token: 'coverage-token', accountId: '18394725', stateful: false, viaProxy: false, live: LOCAL_DEFAULTS };
const LIVE: Target = { ...MOCK, kind: 'live', accountId: '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69' };
const post = listOperations().find((operation) => operation.method === 'post')!;
const bodySchema = post.requestBody!.content['application/json']!.schema!;
const context = new RunContext(MOCK, { cases: 1, seed: 1 });

describe('the coverage phase of POST', () => {
  const invalid = invalidCoverage(context, post);
  const purposes = invalid.map((found) => found.purpose);

  it('removes each required property, adds an unknown one, sends an http:// URL, malformed JSON and an empty body', () => {
    for (const name of (bodySchema as { required?: string[] }).required ?? ['authorizationServerUrl', 'clientId', 'clientSecret']) expect(purposes).toContain(`no ${name}, which is required`);
    expect(purposes).toContain('the unknown property unexpectedProperty');
    expect(purposes.some((purpose) => /authorizationServerUrl "http:\/\//.test(purpose))).toBe(true);
    expect(purposes).toEqual(expect.arrayContaining(['malformed JSON (a body cut short)', 'an empty body', 'the body an array, not an object']));
  });

  it('sends each invalid kind of account id the pattern excludes', () => {
    for (const kind of ['letters', 'negative', 'decimal', 'leading zero', 'without dashes', 'whitespace', 'path traversal', 'above its maxLength']) {
      expect(purposes.some((purpose) => purpose.startsWith('accountId') && purpose.includes(kind)), kind).toBe(true);
    }
  });

  it('breaks exactly what it says: every invalid body is refused by the schema, every valid one accepted', () => {
    for (const found of invalid.filter((candidate) => candidate.status === 400 && candidate.request.path.endsWith('/18394725/connect/oauth') && candidate.keywords.length > 0)) {
      expect(schemaViolations(bodySchema, JSON.parse(found.request.body!)).length, found.purpose).toBeGreaterThan(0);
    }
    for (const found of validCoverage(context, post)) expect(schemaViolations(bodySchema, JSON.parse(found.request.body!)), found.purpose).toEqual([]);
  });

  it('exercises every keyword of the request schemas', () => {
    const exercised = new Set([...invalid, ...validCoverage(context, post)].flatMap((found) => found.keywords));
    expect(operationKeywords(post).filter((keyword) => !exercised.has(keyword))).toEqual([]);
    expect(operationKeywords(post).length).toBeGreaterThan(20);
  });

  it('on a live target, sends valid requests only to the target’s own account', () => {
    const paths = new Set(validCoverage(new RunContext(LIVE, { cases: 1, seed: 1 }), post).map((found) => found.request.path.split('/')[3]!.toLowerCase()));
    expect([...paths]).toEqual([LIVE.accountId]);
  });
});
