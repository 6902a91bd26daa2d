// Rules of the request as a whole, not of its data: the credential the security scheme asks
// for, and the methods a path does not document.
import { listOperations, spec } from '../../support/openapi-document.js';
import { fillPath, type PlannedRequest } from '../../support/valid-request.js';
import { authCoverage, documentedMethods, undocumentedMethods } from '../coverage/operation-cases.js';
import type { RecordedExchange, Violation } from '../run-context.js';
import { errorCodesFor, expectRejection, noResponse, type ContractCheck } from './contract-check.js';

/** 405 for PATCH and TRACE, 405 or 204 for OPTIONS, with an Allow header naming the documented methods. */
function methodVerdict(exchange: RecordedExchange, method: string, documented: readonly string[]): Violation[] {
  const { response } = exchange;
  if (!response) return [noResponse(exchange)];
  const expected = method === 'OPTIONS' ? [405, 204] : [405];
  const violations: Violation[] = [];
  if (!expected.includes(response.status)) violations.push({ message: `${method}, which the spec does not document, was answered ${response.status}, not ${expected.join(' or ')}`, exchange });
  const allow = response.headers.allow;
  if (allow === undefined) {
    violations.push({ message: `the ${response.status} answer to ${method} has no Allow header; it must list ${documented.join(', ')}`, exchange });
    return violations;
  }
  const listed = new Set(allow.split(',').map((name) => name.trim().toUpperCase()));
  const missing = documented.filter((name) => !listed.has(name));
  if (missing.length > 0) violations.push({ message: `Allow: ${allow} leaves out ${missing.join(', ')}, which the spec documents`, exchange });
  if (response.status === 405 && listed.has(method)) violations.push({ message: `Allow: ${allow} lists ${method}, which was just refused with 405`, exchange });
  return violations;
}

export const REQUEST_LEVEL_CHECKS: ContractCheck[] = [
  {
    id: 'ignored_auth',
    rule: 'A request without the bearer token, with another scheme, with an empty or a wrong token gets the documented 401 error envelope.',
    reads: 'the answers to its requests without a valid credential',
    scope: 'operation',
    writes: false,
    async run(context, operation) {
      const { cases, skipped } = authCoverage(context, operation!);
      const violations: Violation[] = [];
      for (const found of cases) {
        const exchange = await context.send(found.request, { check: 'ignored_auth', purpose: found.purpose, kind: 'auth', phase: 'coverage' });
        violations.push(...expectRejection(exchange, [401], errorCodesFor(operation!, 401)));
      }
      return { violations, examined: cases.length, notes: skipped.map((reason) => `not sent: ${reason}`) };
    },
  },
  {
    id: 'unsupported_method',
    rule: 'A method the path does not document gets 405 (OPTIONS: 405 or 204) with an Allow header listing the documented methods.',
    reads: 'the answers to PATCH, TRACE and OPTIONS (each method of the path the spec leaves out)',
    scope: 'resource',
    writes: false,
    async run(context) {
      const violations: Violation[] = [];
      let examined = 0;
      for (const path of Object.keys(spec.paths)) {
        const documented = documentedMethods(path);
        for (const method of undocumentedMethods(path)) {
          const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${context.target.token}` };
          const template: PlannedRequest = { method, path: fillPath(path, { accountId: context.target.accountId }), headers };
          // PATCH carries a body, as a client that mistook it for PUT would send; not in a
          // read-only run, where a server that wrongly serves PATCH gets nothing to store.
          const withBody = context.writesAllowed ? listOperations().find((operation) => operation.path === path && operation.requestBody) : undefined;
          const request = method === 'PATCH' && withBody ? context.validRequest(withBody, { method }) : template;
          const purpose = `${method}${request.body === undefined ? ' without a body' : ''}, which the spec does not document`;
          const exchange = await context.send(request, { check: 'unsupported_method', purpose, kind: 'method', phase: 'coverage' });
          examined++;
          violations.push(...methodVerdict(exchange, method, documented));
        }
      }
      return { violations, examined };
    },
  },
  {
    id: 'unknown_path',
    rule: 'A path the spec does not document gets 404 (with the error envelope and headers every error shares).',
    reads: 'the answer to a GET one segment below the documented path',
    scope: 'resource',
    writes: false,
    async run(context) {
      const violations: Violation[] = [];
      let examined = 0;
      for (const path of Object.keys(spec.paths)) {
        // One segment below a documented path: no template of the spec can match it.
        const request = { method: 'GET', path: `${fillPath(path, { accountId: context.target.accountId })}/undocumented-resource`, headers: { accept: 'application/json', authorization: `Bearer ${context.target.token}` } };
        const exchange = await context.send(request, { check: 'unknown_path', purpose: 'a path the spec does not document', kind: 'path', phase: 'coverage' });
        examined++;
        if (!exchange.response) violations.push(noResponse(exchange));
        else if (exchange.response.status !== 404) violations.push({ message: `a path the spec does not document was answered ${exchange.response.status}, not 404`, exchange });
      }
      return { violations, examined };
    },
  },
];
