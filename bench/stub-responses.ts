// The answers every side of the benchmark gets: the spec's own examples of POST's 201 and
// GET's 200, so that the client's validation does its real work.
import { deref, JSON_MEDIA_TYPE, listOperations, namedExamples, type ResponseObject } from '../contract-tests/support/openapi-document.js';

function successExample(method: 'post' | 'get'): { status: number; body: string } {
  const operation = listOperations().find((candidate) => candidate.method === method)!;
  const [status, response] = Object.entries(operation.operation.responses).find(([code]) => code.startsWith('2'))!;
  const [example] = namedExamples(deref<ResponseObject>(response).content?.[JSON_MEDIA_TYPE]?.examples);
  return { status: Number(status), body: JSON.stringify(example!.value) };
}

export const CREATED = successExample('post');
export const DETAILS = successExample('get');
export const JSON_HEADERS = { 'content-type': 'application/json', 'x-docusign-tracetoken': '6f0e3b52-9d1c-4a7e-8b5f-2c4d6e8fa1b3' };
export const ACCOUNT_ID = '18394725';
export const TOKEN = 'bench-access-token';
export const REQUEST_BODY = {
  authorizationServerUrl: 'https://auth.example.org/oauth/token',
  clientId: 'docusign-connect',
  clientSecret: 'bench-client-secret',
};
