// Checks of what a stateful server remembers, driven by the links the spec declares on
// POST's 201: create, then follow each link to read, update and delete what was created.
// Their bodies are the spec's own examples, so they run the same at any CONTRACT_CASES.
import { listOperations, type SpecOperation } from '../../support/openapi-document.js';
import { bodyExamplesOf } from '../coverage/operation-cases.js';
import type { RecordedExchange, RunContext, Violation } from '../run-context.js';
import { followLinks, type LinkedRequest } from '../stateful-links.js';
import { needsStatefulTarget, noResponse, type ContractCheck } from './contract-check.js';

const is2xx = (exchange: RecordedExchange) => exchange.response !== undefined && exchange.response.status >= 200 && exchange.response.status < 300;

interface Scenario {
  created: RecordedExchange;
  links: LinkedRequest[];
  bodies: unknown[];
}

function creatingOperation(): SpecOperation {
  const post = listOperations().find((operation) => operation.method === 'post' && Object.keys(operation.operation.responses).includes('201'));
  if (!post) throw new Error('The spec has no POST that answers 201: there is nothing to start a stateful scenario from.');
  return post;
}

/** JSON with every object's keys in order: a server may return an object's keys in any order. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, inner: unknown) => (inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([one], [other]) => (one < other ? -1 : 1))) : inner));

const byMethod = (links: LinkedRequest[], method: string) => links.filter((link) => link.operation.method === method);

/** Clears what an earlier run left, creates from the spec's first example, and follows POST's links. */
async function create(context: RunContext, check: string): Promise<Scenario | Violation> {
  const post = creatingOperation();
  // On a live target, with safe hosts: what is read back is compared with what was sent.
  const bodies = bodyExamplesOf(post).map((example) => context.safeHosts(example.value));
  const stateful = (purpose: string) => ({ check, purpose, kind: 'stateful' as const, phase: 'stateful' as const });
  for (const cleanup of listOperations().filter((operation) => operation.method === 'delete' && operation.path === post.path)) {
    await context.send(context.validRequest(cleanup), stateful('clean up before the scenario'));
  }
  const created = await context.send(context.validRequest(post, { body: JSON.stringify(bodies[0]) }), stateful('create'));
  if (!created.response) return noResponse(created);
  if (!is2xx(created)) return { message: `create was answered ${created.response.status}: the scenario cannot go on`, exchange: created };
  const links = followLinks(post, String(created.response.status), { pathValues: { accountId: context.target.accountId }, requestBody: bodies[0], responseBody: created.response.json });
  if (links.length === 0) return { message: `the spec declares no links on POST ${created.response.status}: there is nothing to follow`, exchange: created };
  return { created, links, bodies };
}

/** Sends the linked request, with a body of the spec's examples when the operation takes one. */
function follow(context: RunContext, check: string, link: LinkedRequest, purpose: string, body?: unknown): Promise<RecordedExchange> {
  const request = context.validRequest(link.operation, { path: link.path, ...(body === undefined || !link.operation.requestBody ? {} : { body: JSON.stringify(body) }) });
  return context.send(request, { check, purpose: `${purpose} (link ${link.name})`, kind: 'stateful', phase: 'stateful' });
}

async function crudScenario(context: RunContext): Promise<{ violations: Violation[]; examined: number }> {
  const check = 'stateful_crud';
  const scenario = await create(context, check);
  if ('message' in scenario) return { violations: [scenario], examined: 1 };
  const { links, bodies, created } = scenario;
  // The first and the last example: the last carries every optional field.
  const [first, second] = [bodies[0], bodies.at(-1)] as Array<Record<string, unknown>>;
  const violations: Violation[] = [];
  let examined = 1;
  const expectStatus = (exchange: RecordedExchange, status: number, what: string) => {
    examined++;
    if (!exchange.response) violations.push(noResponse(exchange));
    else if (exchange.response.status !== status) violations.push({ message: `${what}: expected ${status}, got ${exchange.response.status}`, exchange });
    return exchange.response?.json as { data?: Record<string, unknown> } | undefined;
  };
  const createdData = (created.response?.json as { data?: Record<string, unknown> } | undefined)?.data;
  // What the spec says each answer holds: the configuration as last written, without its
  // secret, under the id create answered, created when create answered.
  const expectStored = (exchange: RecordedExchange, found: Record<string, unknown> | undefined, sent: Record<string, unknown>, what: string) => {
    if (!found) return;
    if (createdData && found.id !== createdData.id) violations.push({ message: `${what} answered id ${String(found.id)}, create answered ${String(createdData.id)}`, exchange });
    if (createdData && Date.parse(String(found.created_at)) !== Date.parse(String(createdData.created_at))) violations.push({ message: `${what} answered created_at ${String(found.created_at)}, create answered ${String(createdData.created_at)}`, exchange });
    if (Date.parse(String(found.updated_at)) < Date.parse(String(found.created_at))) violations.push({ message: `${what} answered updated_at before created_at`, exchange });
    for (const field of ['authorizationServerUrl', 'clientId', 'scope', 'customParameters']) {
      if (canonical(found[field]) !== canonical(sent[field])) violations.push({ message: `${what} does not show the ${field} that was sent`, exchange });
    }
  };
  for (const read of byMethod(links, 'get')) {
    const exchange = await follow(context, check, read, 'read after create');
    expectStored(exchange, expectStatus(exchange, 200, 'create then read')?.data, first!, 'read after create');
  }
  expectStatus(await context.send(context.validRequest(creatingOperation(), { body: JSON.stringify(second) }), { check, purpose: 'create twice', kind: 'stateful', phase: 'stateful' }), 409, 'create twice');
  for (const update of byMethod(links, 'put')) {
    const exchange = await follow(context, check, update, 'update', second);
    expectStored(exchange, expectStatus(exchange, 200, 'update')?.data, second!, 'update');
    for (const read of byMethod(links, 'get')) {
      const reread = await follow(context, check, read, 'read after update');
      expectStored(reread, expectStatus(reread, 200, 'update then read')?.data, second!, 'read after update');
    }
  }
  for (const remove of byMethod(links, 'delete')) {
    const exchange = await follow(context, check, remove, 'delete');
    const removed = expectStatus(exchange, 200, 'delete')?.data;
    if (removed && createdData && removed.id !== createdData.id) violations.push({ message: `delete answered id ${String(removed.id)}, create answered ${String(createdData.id)}`, exchange });
    // Nothing is stored any more: the spec answers DELETE 404, not a made-up deletion.
    expectStatus(await follow(context, check, remove, 'delete again'), 404, 'delete twice');
    for (const read of byMethod(links, 'get')) expectStatus(await follow(context, check, read, 'read after delete'), 404, 'delete then read');
    for (const update of byMethod(links, 'put')) expectStatus(await follow(context, check, update, 'update after delete', first), 404, 'update after delete');
  }
  return { violations, examined };
}

export const STATEFUL_CHECKS: ContractCheck[] = [
  {
    id: 'stateful_crud',
    rule: 'Create then read finds what was sent, without its secret; update answers and then reads what was sent; id and created_at stay those create answered, updated_at is not before created_at; create twice gets 409; delete answers the id it removed; delete then read, update or delete again gets 404.',
    reads: 'the answers along POST’s links (GET, PUT, DELETE), with the spec’s example bodies',
    scope: 'resource',
    writes: true,
    skipReason: needsStatefulTarget('Create-read-update-delete'),
    run: (context) => crudScenario(context),
  },
  {
    id: 'ensure_resource_availability',
    rule: 'After a 2xx POST, the reads it links to do not answer 404.',
    reads: 'the answers to the GETs POST’s 201 links to, right after the POST',
    scope: 'resource',
    writes: true,
    skipReason: needsStatefulTarget('Reading what was just created'),
    async run(context) {
      const check = 'ensure_resource_availability';
      const scenario = await create(context, check);
      if ('message' in scenario) return { violations: [scenario], examined: 1 };
      const violations: Violation[] = [];
      const reads = byMethod(scenario.links, 'get');
      for (const read of reads) {
        const exchange = await follow(context, check, read, 'read what was just created');
        if (!exchange.response) violations.push(noResponse(exchange));
        else if (exchange.response.status === 404) violations.push({ message: `the ${read.name} link of a 2xx POST was answered 404: what was created cannot be found`, exchange });
      }
      for (const remove of byMethod(scenario.links, 'delete')) await follow(context, check, remove, 'clean up');
      return { violations, examined: reads.length };
    },
  },
  {
    id: 'use_after_free',
    rule: 'After a 2xx DELETE, the reads and updates linked to what was deleted do not answer 2xx.',
    reads: 'the answers to GET and PUT along POST’s links after the linked DELETE answered 2xx',
    scope: 'resource',
    writes: true,
    skipReason: needsStatefulTarget('Using what was deleted'),
    async run(context) {
      const check = 'use_after_free';
      const scenario = await create(context, check);
      if ('message' in scenario) return { violations: [scenario], examined: 1 };
      const violations: Violation[] = [];
      let examined = 0;
      for (const remove of byMethod(scenario.links, 'delete')) {
        const deleted = await follow(context, check, remove, 'delete');
        if (!is2xx(deleted)) {
          violations.push(deleted.response ? { message: `delete was answered ${deleted.response.status}, not 2xx: nothing to use after it`, exchange: deleted } : noResponse(deleted));
          continue;
        }
        for (const after of scenario.links.filter((link) => link.operation.method === 'get' || link.operation.method === 'put')) {
          const exchange = await follow(context, check, after, `${after.operation.method.toUpperCase()} after delete`, scenario.bodies[0]);
          examined++;
          if (!exchange.response) violations.push(noResponse(exchange));
          else if (exchange.response.status < 300) violations.push({ message: `${after.operation.method.toUpperCase()} after a 2xx DELETE was answered ${exchange.response.status}: what was deleted is still there`, exchange });
        }
      }
      return { violations, examined };
    },
  },
];
