// What a check is, and the verdicts several checks share.
import { deref, JSON_MEDIA_TYPE, namedExamples, type ResponseObject, type SpecOperation } from '../../support/openapi-document.js';
import type { RecordedExchange, RunContext, Violation } from '../run-context.js';
import type { Target } from '../target.js';

export interface CheckOutcome {
  violations: Violation[];
  /** How many answers (or cases) the check looked at: zero means it tested nothing. */
  examined: number;
  /** What the check left out and why, shown in the summary. */
  notes?: string[];
}

export interface ContractCheck {
  id: string;
  /** The rule, in a sentence, for reports. */
  rule: string;
  /** Which answers it reads, for the README's table and reports. */
  reads: string;
  /** Per operation; once for the whole resource ("resource"); or both, the resource column holding methods the path does not document. */
  scope: 'operation' | 'resource' | 'both';
  /** It sends requests a correct server carries out as writes (POST, PUT, DELETE that succeed). */
  writes: boolean;
  /** False for a check of this package itself, which sends nothing to the target: it does not count as a pass for it. */
  readsTarget?: boolean;
  /**
   * False for a check that sends nothing to a live target and judges the answers the other
   * checks got: it runs even after sending stopped, so that every answer received is judged.
   */
  sends?: boolean;
  /** Why the check does not apply to this target; undefined when it does. */
  skipReason?(target: Target): string | undefined;
  /** `operation` is undefined in the resource column. */
  run(context: RunContext, operation: SpecOperation | undefined): Promise<CheckOutcome>;
}

export const noResponse = (exchange: RecordedExchange): Violation => ({ message: `no response: ${exchange.error}`, exchange });

/** The error codes the spec's examples of this status show, e.g. VALIDATION_ERROR for 400. */
export function errorCodesFor(operation: SpecOperation, status: number): string[] {
  const response = operation.operation.responses[String(status)];
  if (!response) return [];
  const examples = namedExamples(deref<ResponseObject>(response).content?.[JSON_MEDIA_TYPE]?.examples);
  return [...new Set(examples.map((example) => (example.value as { error?: { code?: unknown } } | undefined)?.error?.code).filter((code): code is string => typeof code === 'string'))];
}

/** The request was refused with the expected status and an error envelope with a documented code. */
export function expectRejection(exchange: RecordedExchange, statuses: readonly number[], codes: readonly string[]): Violation[] {
  const { response } = exchange;
  if (!response) return [noResponse(exchange)];
  const violations: Violation[] = [];
  if (!statuses.includes(response.status)) {
    violations.push({ message: `${exchange.purpose} was answered ${response.status}, not ${statuses.join(' or ')}${response.status < 300 ? ': the server accepted it' : ''}`, exchange });
    return violations;
  }
  const body = response.json as { success?: unknown; error?: { code?: unknown } } | undefined;
  if (body?.success !== false || typeof body.error?.code !== 'string') {
    violations.push({ message: `${exchange.purpose} was answered ${response.status} without the error envelope`, exchange });
  } else if (codes.length > 0 && !codes.includes(body.error.code)) {
    violations.push({ message: `${exchange.purpose} was answered with error.code ${body.error.code}, not ${codes.join(' or ')}`, exchange });
  }
  return violations;
}

export const needsStatefulTarget = (what: string) => (target: Target) =>
  target.stateful ? undefined : `${what} needs a stateful server; ${target.kind === 'mock' ? 'Prism’s mock is stateless' : 'CONTRACT_STATEFUL is off'}`;
