// The spec's OpenAPI links, followed: from an answer of one operation to the requests of the
// operations it links to, with their parameters taken from that request and answer.
import { deref, listOperations, type LinkObject, type ResponseObject, type SpecOperation } from '../support/openapi-document.js';
import { fillPath } from '../support/valid-request.js';

export interface LinkedRequest {
  name: string;
  operation: SpecOperation;
  /** The path with the link's parameters filled in. */
  path: string;
}

/** The links the spec declares on this status of the operation. */
export function linksOf(operation: SpecOperation, status: string): Array<{ name: string; link: LinkObject; target: SpecOperation }> {
  const response = operation.operation.responses[status];
  if (!response) return [];
  return Object.entries(deref<ResponseObject>(response).links ?? {}).map(([name, ref]) => {
    const link = deref<LinkObject>(ref);
    const target = listOperations().find((candidate) => candidate.operation.operationId === link.operationId);
    if (!target) throw new Error(`The link ${name} on ${operation.method.toUpperCase()} ${status} names operationId ${JSON.stringify(link.operationId)}, which the spec does not have.`);
    return { name, link, target };
  });
}

/** A JSON pointer (RFC 6901) into a value. */
function pointTo(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((parent, key) => (parent as Record<string, unknown> | undefined)?.[key], value);
}

/** The value of a runtime expression (`$request.path.name`, `$response.body#/id`, ...), or the constant itself. */
function evaluate(expression: unknown, source: { pathValues: Record<string, string>; requestBody: unknown; responseBody: unknown }): string | undefined {
  if (typeof expression !== 'string' || !expression.startsWith('$')) return expression === undefined ? undefined : String(expression);
  if (expression.startsWith('$request.path.')) return source.pathValues[expression.slice('$request.path.'.length)];
  const body = /^\$(request|response)\.body(?:#(.*))?$/.exec(expression);
  if (body) {
    const found = pointTo(body[1] === 'request' ? source.requestBody : source.responseBody, body[2] ?? '');
    return found === undefined ? undefined : String(found);
  }
  throw new Error(`The runtime expression ${expression} is not one the suite follows ($request.path.*, $request.body#..., $response.body#...).`);
}

/** The requests an answer links to, in the order the spec declares the links. */
export function followLinks(operation: SpecOperation, status: string, source: { pathValues: Record<string, string>; requestBody: unknown; responseBody: unknown }): LinkedRequest[] {
  return linksOf(operation, status).map(({ name, link, target }) => {
    const values: Record<string, string> = {};
    for (const [parameter, expression] of Object.entries(link.parameters ?? {})) {
      const value = evaluate(expression, source);
      if (value === undefined) throw new Error(`The link ${name} asks for ${String(expression)}, which the exchange does not have.`);
      values[parameter.replace(/^path\./, '')] = value;
    }
    return { name, operation: target, path: fillPath(target.path, values) };
  });
}
