// What every check of one run shares: the target, the settings, every exchange sent, and the
// verdict of every response rule on every answer, whichever check's request provoked it.
import fc from 'fast-check';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject, type SpecOperation } from '../support/openapi-document.js';
import { fillPath, validRequest, type PlannedRequest } from '../support/valid-request.js';
import { parseJson, sendRequest, type Exchange } from './exchange.js';
import { writesAllowed } from './live-settings.js';
import { isDistinctiveSecret, SecretMasker } from './mask-secrets.js';
import { RequestPacer } from './request-pacer.js';
import { RESPONSE_RULES, type ResponseRuleId } from './response-rules.js';
import { unsafeHosts, withSafeHostsDeep } from './safe-hosts.js';
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
/**
 * Coverage cases come from the spec's schemas and do not change; random ones follow the seed.
 * The preflight reads the target before any check; the clean-up leaves a written account empty.
 */
export type Phase = 'preflight' | 'coverage' | 'random' | 'stateful' | 'clean-up';

/**
 * The methods that may create, change or delete. A read-only run sends none of them, not even
 * a request a correct server must refuse: a broken server might carry it out.
 */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'DELETE']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
  /** The token and every clientSecret sent or received: masked in every report. */
  readonly masker: SecretMasker;
  /** Pace, budget, rate limits: every request of the run passes it. */
  readonly pacer: RequestPacer;
  private readonly verdicts = new Map<string, RuleVerdicts>();
  private readonly operations = listOperations().map((operation) => ({ operation, method: operation.method.toUpperCase(), path: pathPattern(operation.path) }));
  private readonly samples = new Map<string, Promise<RecordedExchange[]>>();

  /**
   * `rehearsal`: nothing is sent. Each request is answered as a correct server would in
   * substance (a valid one with its operation's success example, any other with its 400), so
   * that the checks run their whole course and the run's plan can be counted before it starts.
   */
  constructor(
    readonly target: Target,
    readonly settings: RunSettings,
    private readonly rehearsal = false,
  ) {
    this.masker = new SecretMasker(target.token);
    // The mock's rate-limit headers are the spec's examples, not a count of anything.
    this.pacer = new RequestPacer({ ...target.live, watchLimits: target.kind !== 'mock' });
  }

  /** The run may create, change and delete (CONTRACT_WRITES; on by default for the mock and the reference server). */
  get writesAllowed(): boolean {
    return writesAllowed(this.target.live);
  }

  /** Sends the request, paced and within the budget, records the exchange, and holds its answer to every response rule. */
  send(request: PlannedRequest, intent: RequestIntent): Promise<RecordedExchange> {
    return this.dispatch(request, intent, false);
  }

  /** What leaves the account as it was found (the preflight's read, the clean-up): sent even past the budget; the clean-up even after an interruption. */
  sendEssential(request: PlannedRequest, purpose: string, phase: Phase = 'clean-up'): Promise<RecordedExchange> {
    // The preflight is a valid read; the clean-up belongs to the state the run left.
    return this.dispatch(request, { check: phase, purpose, kind: phase === 'preflight' ? 'valid' : 'stateful', phase }, true, phase === 'clean-up');
  }

  /** A POST, PUT or DELETE went out (not the clean-up's): the account may have changed. */
  get wroteSomething(): boolean {
    return this.wrote;
  }

  private wrote = false;

  private async dispatch(request: PlannedRequest, intent: RequestIntent, essential: boolean, cleanUp = false): Promise<RecordedExchange> {
    this.refuseUnsafe(request, intent.purpose);
    const parsed = request.body === undefined ? undefined : parseJson(request.body);
    const secret = (parsed as { clientSecret?: unknown } | undefined)?.clientSecret;
    this.masker.collect(request.body);
    if (isDistinctiveSecret(secret, MIN_TRACKED_SECRET)) this.sentSecrets.add(secret);
    // Prism's proxy answers malformed JSON itself instead of forwarding it: send that around it.
    const around = this.target.upstreamUrl !== undefined && request.body !== undefined && request.body !== '' && parsed === undefined;
    const baseUrl = around ? this.target.upstreamUrl! : this.target.baseUrl;
    const purpose = around ? `${intent.purpose}, sent around Prism’s proxy, which cannot forward it` : intent.purpose;
    const bounds = { timeoutMs: this.target.live.timeoutMs };
    const attempt = () => (UNFETCHABLE_METHODS.has(request.method) ? sendUnfetchable(baseUrl, request, purpose, bounds) : sendRequest(baseUrl, request, purpose, intent.forced ?? false, bounds));
    const startedAt = new Date();
    const started = performance.now();
    const requestPath = request.path.split('?')[0]!;
    const operation = this.operations.find((candidate) => candidate.method === request.method && candidate.path.test(requestPath))?.operation;
    // A status the suite asked for (a forced 429) is not the server limiting the rate.
    const exchange = this.rehearsal ? rehearsedExchange(baseUrl, request, purpose, operation, intent) : await this.pacer.send(attempt, { honourRateLimit: !intent.forced, essential, cleanUp });
    if (!cleanUp && WRITE_METHODS.has(request.method.toUpperCase())) this.wrote = true;
    const recorded: RecordedExchange = { ...exchange, intent: { ...intent, purpose }, column: operation ? request.method : RESOURCE_COLUMN, startedAt, durationMs: performance.now() - started };
    this.exchanges.push(recorded);
    this.masker.collect(recorded.response?.text);
    this.holdToRules(recorded, operation);
    return recorded;
  }

  /** A live account is never sent a write it did not allow, nor a body naming a host that resolves. */
  private refuseUnsafe(request: PlannedRequest, purpose: string): void {
    const method = request.method.toUpperCase();
    if (!this.writesAllowed && (WRITE_METHODS.has(method) || (!READ_METHODS.has(method) && request.body !== undefined))) {
      throw new Error(`The suite refused to send ${method} (${purpose}): writes are off (CONTRACT_WRITES), and a check that sends ${[...WRITE_METHODS].join(', ')} is skipped in a read-only run.`);
    }
    if (this.target.kind !== 'live' || request.body === undefined) return;
    const hosts = unsafeHosts(parseJson(request.body) ?? request.body);
    if (hosts.length > 0) throw new Error(`The suite refused to send a body naming ${hosts.join(', ')} to a live target (${purpose}): bodies name only hosts under .invalid or .test, or example.com.`);
  }

  /**
   * The value with every URL's host made safe on a live target (under .invalid or .test, or
   * example.com, at the same length where one fits); on the mock, the spec's values as they are.
   */
  safeHosts<T>(value: T): T {
    return this.target.kind === 'live' ? withSafeHostsDeep(value) : value;
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

  /** A valid request of the operation, for this target's account and token, naming only safe hosts on a live target. */
  validRequest(operation: SpecOperation, overrides: Partial<PlannedRequest> = {}): PlannedRequest {
    const request = validRequest(operation, { path: fillPath(operation.path, { accountId: this.target.accountId }), ...overrides });
    request.headers.authorization = `Bearer ${this.target.token}`;
    if (request.body !== undefined) request.body = this.safeHosts(request.body);
    return request;
  }

  /** Generated values for the random phase, the same for the same seed, naming only safe hosts on a live target. */
  generate<T>(arbitrary: fc.Arbitrary<T>, salt: string): T[] {
    return this.safeHosts(fc.sample(arbitrary, { numRuns: this.settings.cases, seed: this.settings.seed + hash(salt) }));
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

/** What a rehearsal takes for the answer: the documented success of a valid request, the documented 400 of any other. */
function rehearsedExchange(baseUrl: string, request: PlannedRequest, purpose: string, operation: SpecOperation | undefined, intent: RequestIntent): Exchange {
  const statuses = Object.keys(operation?.operation.responses ?? {});
  const status = (VALID_KINDS.has(intent.kind) && statuses.find((candidate) => candidate.startsWith('2'))) || (statuses.includes('400') ? '400' : '404');
  const response = operation?.operation.responses[status];
  const json = response ? namedExamples(deref<ResponseObject>(response).content?.[JSON_MEDIA_TYPE]?.examples)[0]?.value : undefined;
  const text = json === undefined ? '' : JSON.stringify(json);
  return { request: { ...request, url: `${baseUrl}${request.path}` }, purpose, response: { status: Number(status), headers: { 'content-type': JSON_MEDIA_TYPE }, text, json } };
}

/** The column of exchanges no documented operation covers: other methods, other paths. */
export const RESOURCE_COLUMN = 'resource';

/** A path template as a pattern: each parameter one segment. */
function pathPattern(template: string): RegExp {
  const escaped = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(value);
}
