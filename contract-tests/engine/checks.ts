// The suite's checks, after Schemathesis's: each names a rule of the contract, says which
// targets it makes sense for, and answers every violation with the exchange that shows it.
import fc from 'fast-check';
import { createConnectOAuthClient } from '../../src/index.js';
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject, type SpecOperation } from '../support/openapi-document.js';
import { startPrism } from '../support/prism.js';
import { schemaViolations } from '../support/schema-validator.js';
import { fillPath, validRequest, type PlannedRequest } from '../support/valid-request.js';
import { sendRequest, type Exchange } from './exchange.js';
import { KnownSecrets } from './known-secrets.js';
import { writesAllowed } from './live-settings.js';
import { RequestPacer } from './request-pacer.js';
import { contentTypeConformance, envelopeConformance, responseHeadersConformance, responseSchemaConformance, statusCodeConformance, type ResponseRule } from './response-rules.js';
import { unsafeHosts, withSafeHosts, withSafeHostsDeep } from './safe-hosts.js';
import { invalidValues, validValues } from './schema-arbitraries.js';
import type { Target } from './target.js';

export interface Violation {
  message: string;
  exchange?: Exchange;
}

export interface RunSettings {
  /** Generated cases per generator and operation. */
  cases: number;
  seed: number;
}

const MIN_TRACKED_SECRET = 12;
// Methods that create, change or delete; an undocumented method goes out only without a body.
const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What every check of one run shares: the target, the settings, and what was sent. */
export class RunContext {
  readonly exchanges: Exchange[] = [];
  readonly sentSecrets = new Set<string>();
  /** The token and every clientSecret sent or received: masked in every report. */
  readonly secrets = new KnownSecrets();
  /** Pace, budget, rate limits: every request of the run passes it. */
  readonly pacer: RequestPacer;
  private readonly samples = new Map<string, Promise<Exchange[]>>();

  constructor(
    readonly target: Target,
    readonly settings: RunSettings,
  ) {
    this.pacer = new RequestPacer({ ...target.live, watchLimits: target.kind !== 'mock' });
    this.secrets.add(target.token, { whateverLength: true });
  }

  /** The run may create, change and delete (CONTRACT_WRITES, on by default for the mock and the reference server). */
  get writesAllowed(): boolean {
    return writesAllowed(this.target.live);
  }

  async send(request: PlannedRequest, purpose: string, forced = false): Promise<Exchange> {
    return this.dispatch(request, purpose, forced, false);
  }

  /** The clean-up that leaves the account as it was found: sent even past the budget. */
  async sendEssential(request: PlannedRequest, purpose: string): Promise<Exchange> {
    return this.dispatch(request, purpose, false, true);
  }

  private async dispatch(request: PlannedRequest, purpose: string, forced: boolean, essential: boolean): Promise<Exchange> {
    const method = request.method.toUpperCase();
    if (!this.writesAllowed && (WRITE_METHODS.has(method) || (!READ_METHODS.has(method) && request.body !== undefined))) {
      throw new Error(`The suite refused to send ${method} (${purpose}): writes are off (CONTRACT_WRITES), and a check that writes must declare it with writes: true to be skipped.`);
    }
    const parsed = request.body === undefined ? undefined : safeParse(request.body);
    if (this.target.kind === 'live' && request.body !== undefined) {
      const hosts = unsafeHosts(parsed ?? request.body);
      if (hosts.length > 0) throw new Error(`The suite refused to send a body naming ${hosts.join(', ')} to a live target (${purpose}): bodies name only hosts under .invalid or .test, or example.com.`);
    }
    const secret = (parsed as { clientSecret?: unknown } | undefined)?.clientSecret;
    // Short secrets turn up in other text by chance; the probes of secret_not_echoed are long.
    if (typeof secret === 'string' && secret.length >= MIN_TRACKED_SECRET) this.sentSecrets.add(secret);
    this.secrets.collect(request.body);
    const exchange = await sendRequest(this.target.baseUrl, request, purpose, forced, { pacer: this.pacer, timeoutMs: this.target.live.timeoutMs, essential });
    this.secrets.collect(exchange.response?.text);
    this.exchanges.push(exchange);
    return exchange;
  }

  /** A valid request of the operation, for this target's account and token, naming only safe hosts. */
  validRequest(operation: SpecOperation, overrides: Partial<PlannedRequest> = {}): PlannedRequest {
    const request = validRequest(operation, { path: fillPath(operation.path, { accountId: this.target.accountId }), ...overrides });
    request.headers.authorization = `Bearer ${this.target.token}`;
    if (request.body !== undefined) request.body = withSafeHosts(request.body);
    return request;
  }

  /** Generated values, the same for the same seed, naming only safe hosts. */
  generate<T>(arbitrary: fc.Arbitrary<T>, salt: string): T[] {
    return fc.sample(arbitrary, { numRuns: this.settings.cases, seed: this.settings.seed + hash(salt) }).map((value) => withSafeHostsDeep(value));
  }

  /**
   * The valid requests whose responses the conformance checks read, sent once per
   * operation: the spec's examples, generated valid bodies, and on the mock every
   * documented status picked with Prism's Prefer header.
   */
  sample(operation: SpecOperation): Promise<Exchange[]> {
    const key = `${operation.method} ${operation.path}`;
    let sample = this.samples.get(key);
    if (!sample) {
      sample = this.sendSample(operation);
      this.samples.set(key, sample);
    }
    return sample;
  }

  private async sendSample(operation: SpecOperation): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    exchanges.push(await this.send(this.validRequest(operation), 'a valid request from the spec’s examples'));
    for (const body of generatedBodies(this, operation)) {
      exchanges.push(await this.send(this.validRequest(operation, { body: JSON.stringify(body) }), 'a generated valid body'));
    }
    if (this.target.kind === 'mock') {
      for (const [status, ref] of Object.entries(operation.operation.responses)) {
        for (const { name } of namedExamples(deref<ResponseObject>(ref).content?.[JSON_MEDIA_TYPE]?.examples)) {
          const request = this.validRequest(operation);
          request.headers.prefer = `code=${status}, example=${name}`;
          exchanges.push(await this.send(request, `documented ${status} (example ${name})`, true));
        }
      }
    }
    return exchanges;
  }
}

export interface ContractCheck {
  id: string;
  /** The rule, in a sentence, for reports. */
  rule: string;
  /** Per operation, or once for the whole resource ("resource"). */
  scope: 'operation' | 'resource';
  /**
   * Sends requests that create, change or delete: the operation's own method when it is not
   * GET, for a check per operation. Skipped on a live target unless CONTRACT_WRITES allows.
   */
  writes: boolean;
  /** False for a check of this package itself, which sends nothing to the target. */
  readsTarget?: boolean;
  /** Why the check does not apply to this target; undefined when it does. */
  skipReason?(target: Target): string | undefined;
  run(context: RunContext, operation?: SpecOperation): Promise<Violation[]>;
}

function safeParse(text: string): unknown {
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

function requestSchema(operation: SpecOperation) {
  return operation.requestBody?.content[JSON_MEDIA_TYPE]?.schema;
}

function accountIdSchema(operation: SpecOperation) {
  return operation.parameters.find((parameter) => parameter.name === 'accountId')!.schema;
}

function generatedBodies(context: RunContext, operation: SpecOperation): unknown[] {
  const schema = requestSchema(operation);
  return schema ? context.generate(validValues(schema), `valid body ${operation.method}`) : [];
}

const noResponse = (exchange: Exchange): Violation => ({ message: `no response: ${exchange.error}`, exchange });

function conformanceCheck(id: string, rule: string, check: ResponseRule): ContractCheck {
  return {
    id,
    rule,
    scope: 'operation',
    writes: true,
    async run(context, operation) {
      const violations: Violation[] = [];
      for (const exchange of await context.sample(operation!)) {
        if (!exchange.response) {
          violations.push(noResponse(exchange));
          continue;
        }
        for (const message of check(operation!, exchange.response)) violations.push({ message, exchange });
      }
      return violations;
    },
  };
}

function expectRejection(exchange: Exchange, status: number, code: string): Violation[] {
  const { response } = exchange;
  if (!response) return [noResponse(exchange)];
  const violations: Violation[] = [];
  if (response.status !== status) {
    violations.push({ message: `${exchange.purpose} was answered ${response.status}, not ${status}${response.status < 300 ? ': the server accepted it' : ''}`, exchange });
  }
  const body = response.json as { success?: unknown; error?: { code?: unknown } } | undefined;
  if (body?.success !== false || typeof body.error?.code !== 'string') {
    violations.push({ message: `${exchange.purpose} was not answered with the error envelope`, exchange });
  } else if (response.status === status && body.error.code !== code) {
    violations.push({ message: `${exchange.purpose} was answered with error.code ${body.error.code}, not ${code}`, exchange });
  }
  return violations;
}

const notOnMock = (what: string) => (target: Target) => (target.stateful ? undefined : `${what} needs a stateful server; ${target.kind === 'mock' ? 'Prism’s mock is stateless' : 'CONTRACT_STATEFUL is off'}`);

export const CHECKS: ContractCheck[] = [
  conformanceCheck('status_code_conformance', 'Every response has a status the operation documents.', statusCodeConformance),
  conformanceCheck('content_type_conformance', 'Every response has a content type documented for its status.', contentTypeConformance),
  conformanceCheck('response_headers_conformance', 'Every required header is present and every documented header valid.', responseHeadersConformance),
  conformanceCheck('response_schema_conformance', 'Every body is valid against its documented schema (Ajv, JSON Schema 2020-12).', responseSchemaConformance),
  conformanceCheck('envelope_conformance', '`success` agrees with the status; errors carry error.code and error.message.', envelopeConformance),
  {
    id: 'proxy_validation',
    writes: true,
    rule: 'Prism’s validating proxy finds nothing wrong with valid exchanges (no sl-violations).',
    scope: 'operation',
    skipReason: (target) => (target.viaProxy ? undefined : 'only through Prism’s validating proxy (CONTRACT_PROXY=on with a live CONTRACT_TARGET)'),
    async run(context, operation) {
      return (await context.sample(operation!)).flatMap((exchange) => {
        const reported = exchange.response?.headers['sl-violations'];
        return reported && reported !== '[]' ? [{ message: `Prism's proxy reports: ${reported}`, exchange }] : [];
      });
    },
  },
  {
    id: 'not_a_server_error',
    writes: true,
    rule: 'A valid request never gets a 5xx.',
    scope: 'operation',
    async run(context, operation) {
      return (await context.sample(operation!))
        .filter((exchange) => !exchange.forced)
        .flatMap((exchange) =>
          !exchange.response ? [noResponse(exchange)] : exchange.response.status >= 500 ? [{ message: `${exchange.purpose} got ${exchange.response.status}`, exchange }] : [],
        );
    },
  },
  {
    id: 'negative_data_rejection',
    writes: true,
    rule: 'Invalid requests (account id, body, media type) get the 400 or 415 error envelope, never 2xx or 5xx.',
    scope: 'operation',
    async run(context, operation) {
      const op = operation!;
      const violations: Violation[] = [];
      // A path carries text: other types go as their text, if that is still invalid. An empty
      // or dot segment cannot be sent as a parameter at all (URLs drop or resolve it).
      const idSchema = accountIdSchema(op);
      const badIds = context
        .generate(invalidValues(idSchema), `bad account ${op.method}`)
        .map((bad) => ({ value: String(bad.value), why: typeof bad.value === 'string' ? bad.why : `${bad.why}, sent as text` }))
        .filter((bad) => !['', '.', '..'].includes(bad.value) && schemaViolations(idSchema, bad.value).length > 0);
      for (const bad of badIds) {
        const exchange = await context.send(context.validRequest(op, { path: fillPath(op.path, { accountId: bad.value }) }), `account id ${bad.why}`);
        violations.push(...expectRejection(exchange, 400, 'VALIDATION_ERROR'));
      }
      const schema = requestSchema(op);
      if (schema) {
        for (const bad of context.generate(invalidValues(schema), `bad body ${op.method}`)) {
          const exchange = await context.send(context.validRequest(op, { body: JSON.stringify(bad.value) }), `body with ${bad.why}`);
          violations.push(...expectRejection(exchange, 400, 'VALIDATION_ERROR'));
        }
        const request = context.validRequest(op);
        request.headers['content-type'] = 'text/plain';
        violations.push(...expectRejection(await context.send(request, 'a JSON body sent as text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'));
      }
      return violations;
    },
  },
  {
    id: 'positive_data_acceptance',
    writes: true,
    rule: 'Valid requests are not refused as invalid (no 400, 415 or 5xx).',
    scope: 'operation',
    async run(context, operation) {
      const op = operation!;
      const exchanges = (await context.sample(op)).filter((exchange) => !exchange.forced);
      // Generated account ids are sent to the mock only: a live server knows its own accounts.
      if (context.target.kind === 'mock') {
        for (const accountId of context.generate(validValues(accountIdSchema(op)), `good account ${op.method}`) as string[]) {
          exchanges.push(await context.send(context.validRequest(op, { path: fillPath(op.path, { accountId }) }), `generated account id ${accountId}`));
        }
      }
      return exchanges.flatMap((exchange) => {
        if (!exchange.response) return [noResponse(exchange)];
        const { status } = exchange.response;
        return status === 400 || status === 415 || status >= 500 ? [{ message: `${exchange.purpose} was refused with ${status}`, exchange }] : [];
      });
    },
  },
  {
    id: 'ignored_auth',
    writes: true,
    rule: 'A request without a token, or with a malformed one, gets the 401 error envelope.',
    scope: 'operation',
    async run(context, operation) {
      const op = operation!;
      const violations: Violation[] = [];
      const variants: Array<[string, string | undefined]> = [
        ['no Authorization header', undefined],
        ['a Basic credential', 'Basic dXNlcjpwYXNzd29yZA=='],
        ['"Bearer" without a token', 'Bearer'],
      ];
      for (const [purpose, authorization] of variants) {
        const request = context.validRequest(op);
        if (authorization === undefined) delete request.headers.authorization;
        else request.headers.authorization = authorization;
        violations.push(...expectRejection(await context.send(request, purpose), 401, 'UNAUTHORIZED'));
      }
      return violations;
    },
  },
  {
    id: 'unsupported_method',
    writes: false,
    rule: 'A method the path does not document gets 405.',
    scope: 'resource',
    async run(context) {
      // Without a body: a server that wrongly serves PATCH like PUT gets nothing to store.
      const read = listOperations().find((operation) => operation.method === 'get')!;
      const violations: Violation[] = [];
      for (const method of ['PATCH']) {
        const exchange = await context.send(context.validRequest(read, { method }), `${method} without a body, which the spec does not document`);
        if (!exchange.response) violations.push(noResponse(exchange));
        else if (exchange.response.status !== 405) violations.push({ message: `${method} was answered ${exchange.response.status}, not 405`, exchange });
      }
      return violations;
    },
  },
  {
    id: 'stateful_crud',
    writes: true,
    rule: 'Create then read finds it; update then read sees it; delete then read gets 404; create twice gets 409.',
    scope: 'resource',
    skipReason: notOnMock('Create-read-update-delete'),
    async run(context) {
      return runCrudScenario(context);
    },
  },
  {
    id: 'client_request_conformance',
    writes: false,
    readsTarget: false,
    rule: 'Every request of this package’s client passes Prism’s validation (no sl-violations).',
    scope: 'resource',
    async run() {
      return clientConformance();
    },
  },
  {
    id: 'secret_not_echoed',
    rule: 'No response ever contains a clientSecret, one that was sent or one stored.',
    scope: 'resource',
    // Its probes go out only when writes are allowed; read-only, it reads what is stored.
    writes: false,
    async run(context) {
      // Send a secret of our own through every operation with a body, then read back.
      const sent: Exchange[] = [];
      for (const operation of listOperations()) {
        const request = context.validRequest(operation);
        if (requestSchema(operation)) {
          if (!context.writesAllowed) continue;
          const body = { ...(JSON.parse(request.body!) as object), clientSecret: `echo-probe-${context.settings.seed}-${operation.method}-${Math.random().toString(36).slice(2)}` };
          sent.push(await context.send({ ...request, body: JSON.stringify(body) }, 'a valid body with a probe secret'));
        } else if (operation.method === 'get' || context.writesAllowed) {
          sent.push(await context.send(request, 'a read after secrets were sent'));
        }
      }
      // An answer that never came has shown nothing: not a pass.
      const violations: Violation[] = sent.filter((exchange) => !exchange.response).map(noResponse);
      for (const exchange of context.exchanges) {
        const text = exchange.response ? `${exchange.response.text}\n${Object.values(exchange.response.headers).join('\n')}` : '';
        if (carriesClientSecret(exchange.response?.json)) violations.push({ message: 'the response carries clientSecret (its value is masked in this report)', exchange });
        else if ([...context.sentSecrets].some((secret) => text.includes(secret))) violations.push({ message: 'the response carries a clientSecret that was sent (its value is masked in this report)', exchange });
      }
      return violations;
    },
  },
];

function carriesClientSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(carriesClientSecret);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key === 'clientSecret' || carriesClientSecret(item));
}

async function runCrudScenario(context: RunContext): Promise<Violation[]> {
  const byMethod = Object.fromEntries(listOperations().map((operation) => [operation.method, operation])) as Record<'post' | 'get' | 'put' | 'delete', SpecOperation>;
  const violations: Violation[] = [];
  const expectStatus = (exchange: Exchange, status: number, what: string) => {
    if (!exchange.response) violations.push(noResponse(exchange));
    else if (exchange.response.status !== status) violations.push({ message: `${what}: expected ${status}, got ${exchange.response.status}`, exchange });
    return exchange.response?.json as { data?: Record<string, unknown> } | undefined;
  };
  const [first, second] = context.generate(validValues(requestSchema(byMethod.post)!), 'crud bodies') as Array<Record<string, unknown>>;

  // Start from no configuration, whatever an earlier run left.
  await context.send(context.validRequest(byMethod.delete), 'clean up before the scenario');
  expectStatus(await context.send(context.validRequest(byMethod.get), 'read before create'), 404, 'read before create');

  const created = expectStatus(await context.send(context.validRequest(byMethod.post, { body: JSON.stringify(first) }), 'create'), 201, 'create');
  const read = expectStatus(await context.send(context.validRequest(byMethod.get), 'read after create'), 200, 'create then read');
  if (read?.data && created?.data && read.data.id !== created.data.id) violations.push({ message: `read after create found id ${String(read.data.id)}, create answered ${String(created.data.id)}` });
  if (read?.data && read.data.clientId !== first!.clientId) violations.push({ message: 'read after create does not show the clientId that was sent' });

  expectStatus(await context.send(context.validRequest(byMethod.post, { body: JSON.stringify(second) }), 'create twice'), 409, 'create twice');

  expectStatus(await context.send(context.validRequest(byMethod.put, { body: JSON.stringify(second) }), 'update'), 200, 'update');
  const reread = expectStatus(await context.send(context.validRequest(byMethod.get), 'read after update'), 200, 'update then read');
  if (reread?.data && (reread.data.clientId !== second!.clientId || reread.data.authorizationServerUrl !== second!.authorizationServerUrl)) {
    violations.push({ message: 'read after update does not show the updated clientId and authorizationServerUrl' });
  }

  expectStatus(await context.send(context.validRequest(byMethod.delete), 'delete'), 200, 'delete');
  expectStatus(await context.send(context.validRequest(byMethod.get), 'read after delete'), 404, 'delete then read');
  expectStatus(await context.send(context.validRequest(byMethod.put, { body: JSON.stringify(first) }), 'update after delete'), 404, 'update after delete');
  return violations;
}

async function clientConformance(): Promise<Violation[]> {
  // Always against Prism serving the spec: this checks our client, not the target.
  const prism = await startPrism({ errors: false });
  const violations: Violation[] = [];
  try {
    const seen: Array<{ method: string; url: string; status: number; violations: string | null }> = [];
    const client = createConnectOAuthClient({
      baseUrl: prism.url,
      accessToken: 'client-conformance-token',
      retry: false,
      validateResponses: false,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const method = init?.method ?? (typeof input === 'string' ? 'GET' : input.method);
        seen.push({ method, url: typeof input === 'string' ? input : input.url, status: response.status, violations: response.headers.get('sl-violations') });
        return response;
      },
    });
    const body = JSON.parse(validRequest(listOperations().find((operation) => operation.method === 'post')!).body!);
    for (const accountId of ['18394725', '7c9d5f3a-2b1e-4c8d-9f6a-1e2d3c4b5a69']) {
      await client.createConnectOAuthConfig(accountId, body);
      await client.getConnectOAuthConfig(accountId);
      await client.updateConnectOAuthConfig(accountId, { ...body, scope: 'connect.listener', customParameters: { audience: 'https://listener.example.org' } });
      await client.deleteConnectOAuthConfig(accountId);
    }
    for (const call of seen) {
      if (call.violations || call.status >= 300) violations.push({ message: `the client's ${call.method} ${call.url} was refused by Prism (${call.status}): ${call.violations ?? 'no sl-violations header'}` });
    }
    if (seen.length !== 8) violations.push({ message: `expected 8 client requests, saw ${seen.length}` });
  } catch (error) {
    violations.push({ message: `the client failed against Prism: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    await prism.close();
  }
  return violations;
}
