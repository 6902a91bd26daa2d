// The response rules as checks: each reports what its rule found in every answer of the run,
// whichever check's request got it (valid, invalid, auth, method, stateful, probe). These
// checks run after the ones that send, and fail as untested when no answer reached them.
import { RESPONSE_RULES, type ResponseRuleId } from '../response-rules.js';
import type { ContractCheck } from './contract-check.js';

const READS: Record<ResponseRuleId, string> = {
  status_code_conformance: 'every answer to a documented method',
  content_type_conformance: 'every answer whose status documents content (any error: the shared error media type)',
  response_headers_conformance: 'every answer, against the headers of its status (any error: those all errors require)',
  response_schema_conformance: 'every answer with a documented JSON schema (any error: the error envelope)',
  envelope_conformance: 'every answer with a body',
  not_a_server_error: 'every answer except statuses forced on the mock',
  proxy_validation: 'every answer through Prism’s proxy; for valid requests, the request side too',
};

function ruleCheck(id: ResponseRuleId, scope: ContractCheck['scope']): ContractCheck {
  return {
    id,
    rule: RESPONSE_RULES[id].rule,
    reads: READS[id],
    scope,
    writes: false,
    // Only the mock gets requests of its own (documentedAnswers): counted in the plan, and
    // stopped like any other when a budget set there is spent.
    sends: false,
    ...(id === 'proxy_validation' ? { skipReason: (target) => (target.viaProxy ? undefined : 'only through Prism’s validating proxy (CONTRACT_PROXY=on with a live CONTRACT_TARGET)') } : {}),
    async run(context, operation) {
      const column = operation ? operation.method.toUpperCase() : 'resource';
      // On the mock, the documented statuses a valid request never gets, forced with Prefer.
      if (operation) await context.documentedAnswers(operation, id);
      const { examined, violations } = context.ruleVerdicts(id, column);
      return { examined, violations: [...violations] };
    },
  };
}

export const RESPONSE_CONFORMANCE_CHECKS: ContractCheck[] = [
  ruleCheck('status_code_conformance', 'operation'),
  ruleCheck('content_type_conformance', 'both'),
  ruleCheck('response_headers_conformance', 'both'),
  ruleCheck('response_schema_conformance', 'both'),
  ruleCheck('envelope_conformance', 'both'),
  ruleCheck('not_a_server_error', 'both'),
  ruleCheck('proxy_validation', 'operation'),
];
