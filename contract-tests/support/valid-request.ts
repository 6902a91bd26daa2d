// A request the spec accepts for an operation, built from the spec's own examples: the
// first example of each path parameter and of the request body.
import { sendRequest } from '../engine/exchange.js';
import { JSON_MEDIA_TYPE, namedExamples, type SpecOperation } from './openapi-document.js';

export interface PlannedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export const TEST_TOKEN = 'contract-test-token';

export function examplePathParameters(operation: SpecOperation): Record<string, string> {
  return Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => {
        const [first] = namedExamples(parameter.examples);
        if (!first) throw new Error(`Path parameter ${parameter.name} has no named example to build a request from.`);
        return [parameter.name, String(first.value)];
      }),
  );
}

export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for path parameter {${name}} of ${template}.`);
    return encodeURIComponent(value);
  });
}

export function exampleRequestBodies(operation: SpecOperation): Array<{ name: string; value: unknown }> {
  return namedExamples(operation.requestBody?.content[JSON_MEDIA_TYPE]?.examples);
}

export function validRequest(operation: SpecOperation, overrides: Partial<PlannedRequest> = {}): PlannedRequest {
  const headers: Record<string, string> = { accept: JSON_MEDIA_TYPE, authorization: `Bearer ${TEST_TOKEN}` };
  const [body] = exampleRequestBodies(operation);
  if (body) headers['content-type'] = JSON_MEDIA_TYPE;
  return {
    method: operation.method.toUpperCase(),
    path: fillPath(operation.path, examplePathParameters(operation)),
    headers,
    ...(body ? { body: JSON.stringify(body.value) } : {}),
    ...overrides,
  };
}

/** Sends a request and reads the whole answer; a request that gets no answer throws. */
export async function send(baseUrl: string, request: PlannedRequest): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const exchange = await sendRequest(baseUrl, request, 'test request');
  if (!exchange.response) throw new Error(`${request.method} ${baseUrl}${request.path} got no response: ${exchange.error}`);
  return { ...exchange.response, headers: new Headers(exchange.response.headers) };
}
