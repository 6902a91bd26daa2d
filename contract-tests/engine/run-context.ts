// What every check of one run shares: the target, the settings, every exchange sent, and the
// verdict of every response rule on every answer, whichever check's request provoked it.
import fc from 'fast-check';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject, type SpecOperation } from '../support/openapi-document.js';
import { fillPath, validRequest, type PlannedRequest } from '../support/valid-request.js';
import { sendRequest, type Exchange } from './exchange.js';
import { isDistinctiveSecret, SecretMasker } from './mask-secrets.js';
import { RESPONSE_RULES, type ResponseRuleId } from './response-rules.js';
import { sendUnfetchable, UNFETCHABLE_METHODS } from './send-unfetchable.js';
import type { Target } from './target.js';

export interface RunSettings {
  /** Generated cases per generator and operation, in the random phase. */
  cases: number;
  seed: number;
}

/** What a request sets out to show; the summary counts requests by it. */
export type RequestKind = 'valid' | 'invalid' | 'auth' | 'method' | 'path' | 'stateful' | 'probe';
const VALID_KINDS = new Set<RequestKind>(['valid', 'stateful', 'probe']);
/** Coverage cases come from the spec's schemas and do not change; random ones follow the seed. */
export type Phase = 'coverage' | 'random' | 'stateful';

export interface RequestIntent {
  /** The check that sends it. */
  check: string;
  /** Why it is sent, for reports: "no clientSecret, which is required", ... */
  purpose: string;
  kind: RequestKind;
  phase: Phase;
  /** The schema keywords it exercises, as `location keyword`. */
  keywords?: readonly string[];
  /** The status is forced with Prism's Prefer header. */
  forced?: boolean;
}

export interface RecordedExchange extends Exchange {
  intent: RequestIntent;
  /** `POST`, `GET`, ... or `resource` for a method the path does not document. */
  column: string;
  startedAt: Date;
  durationMs: number;
}

export interface Violation {
  message: string;
  exchange?: RecordedExchange;
}

// Short secrets turn up in other text by chance; the probes of secret_not_echoed are long.
const MIN_TRACKED_SECRET = 12;

interface RuleVerdicts {
  examined: number;
  violations: Violation[];
}

export class RunContext {
  readonly exchanges: RecordedExchange[] = [];
  /** Every clientSecret sent, long enough to be told apart from other text. */
  readonly sentSecrets = new Set<string>();
  readonly masker: SecretMasker;
  private readonly verdicts = new Map<string, RuleVerdicts>();
  private readonly operations = listOperations().map((operation) => ({ operation, method: operation.method.toUpperCase(), path: pathPattern(operation.path) }));
  private readonly samples = new Map<string, Promise<RecordedExchange[]>>();

  constructor(
    readonly target: Target,
    readonly settings: RunSettings,
  ) {
    this.masker = new SecretMasker(target.token);
  }

  /** Sends the request, records the exchange, and holds its answer to every response rule. */
  async send(request: PlannedRequest, intent: RequestIntent): Promise<RecordedExchange> {
    const secret = request.body === undefined ? undefined : (parseJson(request.body) as { clientSecret?: unknown } | undefined)?.clientSecret;
    this.masker.track(secret);
    if (isDistinctiveSecret(secret, MIN_TRACKED_SECRET)) this.sentSecrets.add(secret);
    // Prism's proxy answers malformed JSON itself instead of forwarding it: send that around it.
    const around = this.target.upstreamUrl !== undefined && request.body !== undefined && request.body !== '' && parseJson(request.body) === undefined;
    const baseUrl = around ? this.target.upstreamUrl! : this.target.baseUrl;
    const purpose = around ? `${intent.purpose}, sent around Prism’s proxy, which cannot forward it` : intent.purpose;
    const startedAt = new Date();
    const started = performance.now();
    const exchange = UNFETCHABLE_METHODS.has(request.method) ? await sendUnfetchable(baseUrl, request, purpose) : await sendRequest(baseUrl, request, purpose, intent.forced ?? false);
    const requestPath = request.path.split('?')[0]!;
    const operation = this.operations.find((candidate) => candidate.method === request.method && candidate.path.test(requestPath))?.operation;
    const recorded: RecordedExchange = { ...exchange, intent: { ...intent, purpose }, column: operation ? request.method : RESOURCE_COLUMN, startedAt, durationMs: performance.now() - started };
    this.exchanges.push(recorded);
    if (recorded.response) this.masker.track((recorded.response.json as { data?: { clientSecret?: unknown } } | undefined)?.data?.clientSecret);
    this.holdToRules(recorded, operation);
    return recorded;
  }

  private holdToRules(exchange: RecordedExchange, operation: SpecOperation | undefined): void {
    for (const [id, { check }] of Object.entries(RESPONSE_RULES)) {
      // An exchange without an answer is reported by the check that sent it.
      if (!exchange.response) continue;
      const verdicts = this.verdictsOf(id as ResponseRuleId, exchange.column);
      const found = check({ operation, response: exchange.response, validRequest: VALID_KINDS.has(exchange.intent.kind), forced: exchange.intent.forced ?? false, viaProxy: this.target.viaProxy });
      if (found === undefined) continue;
      verdicts.examined++;
      for (const message of found) verdicts.violations.push({ message, exchange });
    }
  }

  private verdictsOf(rule: ResponseRuleId, column: string): RuleVerdicts {
    const key = `${rule} ${column}`;
    let verdicts = this.verdicts.get(key);
    if (!verdicts) {
      verdicts = { examined: 0, violations: [] };
      this.verdicts.set(key, verdicts);
    }
    return verdicts;
  }

  /** What a response rule found in the answers of one operation (or `resource`) so far. */
  ruleVerdicts(rule: ResponseRuleId, column: string): Readonly<RuleVerdicts> {
    return this.verdictsOf(rule, column);
  }

  /** A valid request of the operation, for this target's account and token. */
  validRequest(operation: SpecOperation, overrides: Partial<PlannedRequest> = {}): PlannedRequest {
    const request = validRequest(operation, { path: fillPath(operation.path, { accountId: this.target.accountId }), ...overrides });
    request.headers.authorization = `Bearer ${this.target.token}`;
    return request;
  }

  /** Generated values for the random phase, the same for the same seed. */
  generate<T>(arbitrary: fc.Arbitrary<T>, salt: string): T[] {
    return fc.sample(arbitrary, { numRuns: this.settings.cases, seed: this.settings.seed + hash(salt) });
  }

  /**
   * On the mock, every documented status of the operation picked with Prism's Prefer header,
   * once per run: answers the rules can read that a valid request alone never gets.
   */
  documentedAnswers(operation: SpecOperation, check: string): Promise<RecordedExchange[]> {
    const key = `${operation.method} ${operation.path}`;
    let sample = this.samples.get(key);
    if (!sample) {
      sample = this.sendDocumentedAnswers(operation, check);
      this.samples.set(key, sample);
    }
    return sample;
  }

  private async sendDocumentedAnswers(operation: SpecOperation, check: string): Promise<RecordedExchange[]> {
    const exchanges: RecordedExchange[] = [];
    if (this.target.kind !== 'mock') return exchanges;
    for (const [status, ref] of Object.entries(operation.operation.responses)) {
      for (const { name } of namedExamples(deref<ResponseObject>(ref).content?.[JSON_MEDIA_TYPE]?.examples)) {
        const request = this.validRequest(operation);
        request.headers.prefer = `code=${status}, example=${name}`;
        exchanges.push(await this.send(request, { check, purpose: `documented ${status} (example ${name}) forced with Prefer`, kind: 'valid', phase: 'coverage', forced: true }));
      }
    }
    return exchanges;
  }
}

/** The column of exchanges no documented operation covers: other methods, other paths. */
export const RESOURCE_COLUMN = 'resource';

/** A path template as a pattern: each parameter one segment. */
function pathPattern(template: string): RegExp {
  const escaped = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(value);
}
