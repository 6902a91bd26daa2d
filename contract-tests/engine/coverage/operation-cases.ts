// The coverage phase of one operation: every request it sends, read off the spec (the body's
// schema and examples, the path parameter, the security scheme, the methods of the path).
// It depends on neither the seed nor CONTRACT_CASES.
import { deref, JSON_MEDIA_TYPE, spec, type SpecOperation } from '../../support/openapi-document.js';
import { fillPath, type PlannedRequest } from '../../support/valid-request.js';
import type { RunContext } from '../run-context.js';
import { pathParameterCases } from './path-parameter-cases.js';
import { objectCases, schemaKeywords, type SchemaCase } from './schema-cases.js';

export interface CoverageCase {
  request: PlannedRequest;
  purpose: string;
  keywords: string[];
}

export const bodySchema = (operation: SpecOperation) => operation.requestBody?.content[JSON_MEDIA_TYPE]?.schema;
export const pathParameters = (operation: SpecOperation) => operation.parameters.filter((parameter) => parameter.in === 'path');

/** The rules of the operation's request schemas the coverage phase sets out to exercise. */
export function operationKeywords(operation: SpecOperation): string[] {
  const body = bodySchema(operation);
  return [...pathParameters(operation).flatMap((parameter) => schemaKeywords(parameter.schema, parameter.name, { textOnly: true })), ...(body ? schemaKeywords(body, 'body') : [])];
}

export const bodyExamplesOf = (operation: SpecOperation) => Object.entries(operation.requestBody?.content[JSON_MEDIA_TYPE]?.examples ?? {}).map(([name, example]) => ({ name, value: deref(example).value }));

function withBody(context: RunContext, operation: SpecOperation, found: SchemaCase): CoverageCase {
  // On a live target the hosts in the value, and in what the report says of it, are made safe.
  const safe = context.safeHosts({ value: found.value, why: found.why });
  return { request: context.validRequest(operation, { body: JSON.stringify(safe.value) }), purpose: safe.why, keywords: found.keywords };
}

function withPathValue(context: RunContext, operation: SpecOperation, name: string, found: SchemaCase): CoverageCase {
  const values = { accountId: context.target.accountId, [name]: String(found.value) };
  return { request: context.validRequest(operation, { path: fillPath(operation.path, values) }), purpose: found.why, keywords: found.keywords };
}

/** Valid requests: the body's examples and bounds, and each valid kind of path parameter. */
export function validCoverage(context: RunContext, operation: SpecOperation): CoverageCase[] {
  const cases: CoverageCase[] = [];
  const body = bodySchema(operation);
  if (body) cases.push(...objectCases(body, 'body', bodyExamplesOf(operation)).valid.map((found) => withBody(context, operation, found)));
  else cases.push({ request: context.validRequest(operation), purpose: 'a valid request', keywords: [] });
  // A body the operation may go without is valid when left out.
  if (body && operation.requestBody?.required !== true) {
    const { body: _left, headers: { 'content-type': _none, ...headers }, ...request } = context.validRequest(operation);
    cases.push({ request: { ...request, headers }, purpose: 'no body, which is optional', keywords: [] });
  }
  for (const parameter of pathParameters(operation)) {
    // A live server knows its own accounts: there, the valid kinds are spellings of the target's.
    const only = context.target.kind === 'mock' ? undefined : context.target.accountId;
    for (const found of pathParameterCases(parameter, only).valid) cases.push(withPathValue(context, operation, parameter.name, found));
  }
  const seen = new Set<string>();
  return cases.filter(({ request }) => {
    const key = `${request.path} ${request.body ?? '(none)'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Invalid requests, one rule broken in each, and the status the spec documents for them. */
export function invalidCoverage(context: RunContext, operation: SpecOperation): Array<CoverageCase & { status: number }> {
  const cases: Array<CoverageCase & { status: number }> = [];
  for (const parameter of pathParameters(operation)) {
    for (const found of pathParameterCases(parameter).invalid) cases.push({ ...withPathValue(context, operation, parameter.name, found), status: 400 });
  }
  const body = bodySchema(operation);
  if (!body) return cases;
  for (const found of objectCases(body, 'body', bodyExamplesOf(operation)).invalid) cases.push({ ...withBody(context, operation, found), status: 400 });
  const valid = context.validRequest(operation);
  cases.push({ request: { ...valid, body: `${valid.body!.slice(0, -1)},` }, purpose: 'malformed JSON (a body cut short)', keywords: [], status: 400 });
  if (operation.requestBody?.required === true) cases.push({ request: { ...valid, body: '' }, purpose: 'an empty body', keywords: [], status: 400 });
  // The one media type the body is documented in, swapped for another.
  cases.push({ request: { ...valid, headers: { ...valid.headers, 'content-type': 'text/plain' } }, purpose: `a ${JSON_MEDIA_TYPE} body sent as text/plain`, keywords: [], status: 415 });
  return cases;
}

// Shaped like a JWT access token, and nobody's.
const WRONG_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.bm90LWEtc2lnbmF0dXJl';

export interface AuthCase {
  request: PlannedRequest;
  purpose: string;
}

/** Requests without the credential the security scheme asks for, or with a wrong one. */
export function authCoverage(context: RunContext, operation: SpecOperation): { cases: AuthCase[]; skipped: string[] } {
  const schemes = (operation.operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const bearer = schemes.some((name) => {
    const scheme = spec.components.securitySchemes?.[name] as { type?: string; scheme?: string } | undefined;
    return scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer';
  });
  if (!bearer) return { cases: [], skipped: ['the operation declares no bearer security scheme'] };
  const variants: Array<[string, string | undefined]> = [
    ['no Authorization header', undefined],
    ['a Basic credential instead of a bearer token', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['"Bearer" without a token', 'Bearer'],
  ];
  const skipped: string[] = [];
  // Prism checks that a bearer token is there, not which one: only a real server can refuse it.
  if (context.target.kind === 'mock') skipped.push('a well-formed but wrong bearer token: Prism’s mock accepts any bearer token');
  else variants.push(['a well-formed bearer token that is not the right one', `Bearer ${WRONG_TOKEN === context.target.token ? `${WRONG_TOKEN}-other` : WRONG_TOKEN}`]);
  const cases = variants.map(([purpose, authorization]) => {
    const request = context.validRequest(operation);
    if (authorization === undefined) delete request.headers.authorization;
    else request.headers.authorization = authorization;
    return { request, purpose };
  });
  return { cases, skipped };
}

// The methods an HTTP API may be asked for, as Schemathesis asks them.
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'patch', 'trace'];

/** The methods of the path the spec does not document. */
export function undocumentedMethods(path: string): string[] {
  const item = spec.paths[path] ?? {};
  return HTTP_METHODS.filter((method) => !(method in item)).map((method) => method.toUpperCase());
}

export function documentedMethods(path: string): string[] {
  const item = spec.paths[path] ?? {};
  return HTTP_METHODS.filter((method) => method in item).map((method) => method.toUpperCase());
}
