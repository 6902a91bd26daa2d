// Two checks beyond the target's answers to one request: no answer ever repeats a secret it
// was sent (a clientSecret or the bearer token), and this package's own client sends only what the spec accepts.
import { createConnectOAuthClient } from '../../../src/index.js';
import { listOperations } from '../../support/openapi-document.js';
import { validRequest } from '../../support/valid-request.js';
import { bodySchema } from '../coverage/operation-cases.js';
import { carriesClientSecret } from '../mask-secrets.js';
import { resolve } from '../resolved-schema.js';
import type { RecordedExchange, Violation } from '../run-context.js';
import { noResponse, type ContractCheck } from './contract-check.js';

async function clientConformance(): Promise<{ violations: Violation[]; examined: number }> {
  // Always against Prism serving the spec: this checks our client, not the target.
  const { startPrism } = await import('../../support/prism.js');
  const prism = await startPrism({ errors: false });
  const violations: Violation[] = [];
  const seen: Array<{ method: string; url: string; status: number; violations: string | null }> = [];
  try {
    const client = createConnectOAuthClient({
      baseUrl: prism.url,
      accessToken: 'client-conformance-token',
      retry: false,
      validateResponses: false,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        seen.push({ method: init.method!, url: input, status: response.status, violations: response.headers.get('sl-violations') });
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
  return { violations, examined: seen.length };
}

export const SECRET_AND_CLIENT_CHECKS: ContractCheck[] = [
  {
    id: 'secret_not_echoed',
    rule: 'No response ever contains a secret: neither a clientSecret sent or stored, nor the bearer token, in any spelling.',
    reads: 'every answer of the run, after a probe secret went through each operation with a body (read-only: after a read of what is stored)',
    scope: 'resource',
    // Its probes go out only when writes are allowed; read-only, it reads what is stored.
    writes: false,
    async run(context) {
      const sent: RecordedExchange[] = [];
      for (const operation of listOperations()) {
        const request = context.validRequest(operation);
        const schema = bodySchema(operation);
        const intent = (purpose: string) => ({ check: 'secret_not_echoed', purpose, kind: 'probe' as const, phase: 'coverage' as const });
        // Only where the body may carry a clientSecret: elsewhere the probe would be refused unread.
        if (schema && resolve(schema).properties?.clientSecret !== undefined) {
          if (!context.writesAllowed) continue;
          const probe = `echo-probe-${context.settings.seed}-${operation.method}-${Math.random().toString(36).slice(2)}`;
          const body = { ...(JSON.parse(request.body!) as object), clientSecret: probe };
          sent.push(await context.send({ ...request, body: JSON.stringify(body) }, intent('a valid body with a probe secret')));
        } else if (operation.method === 'get' || context.writesAllowed) {
          sent.push(await context.send(request, intent('a read after secrets were sent')));
        }
      }
      // A probe that got no answer has shown nothing: not a pass.
      const violations: Violation[] = sent.filter((exchange) => !exchange.response).map(noResponse);
      for (const exchange of context.exchanges) {
        if (!exchange.response) continue;
        if (carriesClientSecret(exchange.response.json)) violations.push({ message: 'the response carries clientSecret (its value is masked in this report)', exchange });
        const text = `${exchange.response.text}\n${Object.values(exchange.response.headers).join('\n')}`;
        // The spec's Error.message never carries a secret; a token in a log is as good as a password.
        if (context.masker.revealsToken(text)) violations.push({ message: 'the response repeats the bearer token the request was sent with (masked in this report)', exchange });
        for (const secret of context.sentSecrets) {
          if (text.includes(secret)) violations.push({ message: 'the response repeats a clientSecret that was sent', exchange });
        }
      }
      return { violations, examined: context.exchanges.filter((exchange) => exchange.response).length };
    },
  },
  {
    id: 'client_request_conformance',
    readsTarget: false,
    rule: 'Every request of this package’s client passes Prism’s validation (no sl-violations).',
    reads: 'Prism’s verdict on each request of the client (always against Prism serving the spec, never the target)',
    scope: 'resource',
    writes: false,
    // What it finds is the same whatever the target, and says nothing of a live one.
    skipReason: (target) => (target.kind === 'live' ? "it checks this package's own client, the same whatever the target: it runs with the mock (no CONTRACT_TARGET)" : undefined),
    run: () => clientConformance(),
  },
];
