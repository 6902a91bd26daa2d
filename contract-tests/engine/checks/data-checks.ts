// Whether the server tells valid requests from invalid ones: first the coverage phase (every
// case the spec's schemas give, the same on every run), then the random phase (fast-check,
// CONTRACT_CASES cases from CONTRACT_SEED).
import type { SpecOperation } from '../../support/openapi-document.js';
import { schemaViolations } from '../../support/schema-validator.js';
import { fillPath } from '../../support/valid-request.js';
import { bodySchema, invalidCoverage, validCoverage } from '../coverage/operation-cases.js';
import type { RecordedExchange, RunContext, Violation } from '../run-context.js';
import { invalidValues, validValues } from '../schema-arbitraries.js';
import { errorCodesFor, expectRejection, noResponse, type ContractCheck } from './contract-check.js';

const accountIdSchema = (operation: SpecOperation) => operation.parameters.find((parameter) => parameter.name === 'accountId')!.schema;
// What a valid request may get without the server refusing it as invalid, after Schemathesis.
const REFUSALS = new Set([400, 415, 422]);

async function sendValid(context: RunContext, operation: SpecOperation): Promise<RecordedExchange[]> {
  const check = 'positive_data_acceptance';
  const sent: RecordedExchange[] = [];
  for (const found of validCoverage(context, operation)) {
    sent.push(await context.send(found.request, { check, purpose: found.purpose, kind: 'valid', phase: 'coverage', keywords: found.keywords }));
  }
  const schema = bodySchema(operation);
  if (schema) {
    // A schema with few valid values (an empty object) yields the same one again and again.
    const bodies = [...new Set(context.generate(validValues(schema), `valid body ${operation.method}`).map((body) => JSON.stringify(body)))];
    for (const body of bodies) {
      sent.push(await context.send(context.validRequest(operation, { body }), { check, purpose: 'a generated valid body', kind: 'valid', phase: 'random' }));
    }
  }
  // Generated account ids go to the mock only: a live server knows its own accounts.
  if (context.target.kind === 'mock') {
    for (const accountId of context.generate(validValues(accountIdSchema(operation)), `good account ${operation.method}`) as string[]) {
      const request = context.validRequest(operation, { path: fillPath(operation.path, { accountId }) });
      sent.push(await context.send(request, { check, purpose: `generated account id ${accountId}`, kind: 'valid', phase: 'random' }));
    }
  }
  return sent;
}

async function sendInvalid(context: RunContext, operation: SpecOperation): Promise<Violation[]> {
  const check = 'negative_data_rejection';
  const violations: Violation[] = [];
  for (const found of invalidCoverage(context, operation)) {
    const exchange = await context.send(found.request, { check, purpose: found.purpose, kind: 'invalid', phase: 'coverage', keywords: found.keywords });
    violations.push(...expectRejection(exchange, [found.status], errorCodesFor(operation, found.status)));
  }
  const codes = errorCodesFor(operation, 400);
  // A path carries text: other types go as their text, if that is still invalid. An empty
  // or dot segment cannot be sent as a parameter at all (URLs drop or resolve it).
  const idSchema = accountIdSchema(operation);
  const badIds = context
    .generate(invalidValues(idSchema), `bad account ${operation.method}`)
    .map((bad) => ({ value: String(bad.value), why: typeof bad.value === 'string' ? bad.why : `${bad.why}, sent as text` }))
    .filter((bad) => !['', '.', '..'].includes(bad.value) && schemaViolations(idSchema, bad.value).length > 0);
  for (const bad of badIds) {
    const request = context.validRequest(operation, { path: fillPath(operation.path, { accountId: bad.value }) });
    violations.push(...expectRejection(await context.send(request, { check, purpose: `generated account id: ${bad.why}`, kind: 'invalid', phase: 'random' }), [400], codes));
  }
  const schema = bodySchema(operation);
  if (schema) {
    // Made safe for a live target, a value must still break the schema to be sent as invalid.
    const badBodies = context.generate(invalidValues(schema), `bad body ${operation.method}`).filter((bad) => schemaViolations(schema, bad.value).length > 0);
    for (const bad of badBodies) {
      // Prism's validating proxy takes a falsy JSON body (null, false, 0, "") for an optional
      // body's absence: it forwards no bytes, with the original length (the server would wait
      // for them) or without (the server answers a request with no body).
      if (!bad.value && context.target.viaProxy && operation.requestBody?.required !== true) continue;
      const request = context.validRequest(operation, { body: JSON.stringify(bad.value) });
      violations.push(...expectRejection(await context.send(request, { check, purpose: `generated body with ${bad.why}`, kind: 'invalid', phase: 'random' }), [400], codes));
    }
  }
  return violations;
}

const sentBy = (context: RunContext, check: string, operation: SpecOperation) => context.exchanges.filter((exchange) => exchange.intent.check === check && exchange.column === operation.method.toUpperCase()).length;

export const DATA_CHECKS: ContractCheck[] = [
  {
    id: 'positive_data_acceptance',
    rule: 'Valid requests are not refused as invalid (no 400, 415, 422 or 5xx).',
    reads: 'the answers to its valid requests: the spec’s examples, each property at its bounds, each valid kind of account id, then generated ones',
    scope: 'operation',
    writes: true,
    async run(context, operation) {
      const exchanges = await sendValid(context, operation!);
      const violations = exchanges.flatMap((exchange): Violation[] => {
        if (!exchange.response) return [noResponse(exchange)];
        const { status } = exchange.response;
        return REFUSALS.has(status) || status >= 500 ? [{ message: `${exchange.purpose} was refused with ${status}`, exchange }] : [];
      });
      return { violations, examined: exchanges.length };
    },
  },
  {
    id: 'negative_data_rejection',
    rule: 'Each invalid request (account id, body, malformed or empty JSON, media type) gets its documented 400 or 415 error envelope, never 2xx or 5xx.',
    reads: 'the answers to its invalid requests, one rule broken in each, then generated ones',
    scope: 'operation',
    writes: false,
    async run(context, operation) {
      const violations = await sendInvalid(context, operation!);
      return { violations, examined: sentBy(context, 'negative_data_rejection', operation!) };
    },
  },
];
