// The raw client's attempts: the Request openapi-fetch built, sent with fetch under the
// transport's rules, and the answer handed over with its body still streaming in, counted
// against the limit and read within the attempt's timeout.
import { attemptFailure } from './attempt-failure.js';
import { redactError, secretsOfBody } from './redact.js';
import { checkDeclaredLength, guardBody, NULL_BODY_STATUSES, release, type BodyGuard } from './response-body.js';
import { isRedirect } from './redirect.js';
import type { FetchFunction } from './sender.js';
import { fetchThrew, tooLargeError, type CallContext, type Transport } from './transport.js';

/** openapi-fetch's fetch: each request sent through the transport, its errors redacted. */
export function rawFetch(transport: Transport, fetch: FetchFunction, limit: number): (request: Request) => Promise<Response> {
  return async (request) => {
    const call: CallContext = { method: request.method, url: request.url, signal: request.signal, tokens: [] };
    // A body is sent once: a copy is kept for the next attempt, and for finding the
    // clientSecret that the call's errors redact (a token function's error included).
    let spare = request.body === null ? undefined : request.clone();
    // Read now: an error can also come while the caller reads the body, after this returns.
    const { secrets } = secretsOfBody(spare && (await sentBodyOf(spare.clone())));
    const redact = (error: unknown) => redactError(error, [...call.tokens, ...secrets]);
    try {
      return await transport.run(call, {
        async send(attempt, authorization, context) {
          const current = call.attempts === 1 || !spare ? request : spare;
          if (current !== request) spare = current.clone();
          current.headers.set('authorization', authorization);
          const response = await fetch(current, { signal: attempt.signal, redirect: 'manual' });
          if (!isRedirect(response)) checkDeclaredLength(response, limit, tooLargeError(limit, response.status, context));
          return response;
        },
        // The body is read by the caller, still within this attempt's timeout.
        finish: (response, attempt, context) =>
          rawAnswer(response, {
            limit,
            // Raised into the stream the caller reads: redacted here, as nothing else will.
            tooLarge: (declared) => redact(tooLargeError(limit, response.status, context)(declared)) as Error,
            settled: () => attempt.dispose(),
            failure: (error) => (request.signal?.aborted ? request.signal.reason : redact(attemptFailure(error, attempt, context)?.error ?? fetchThrew(error, context))),
          }),
        discard: (response) => release(response.body),
      });
    } catch (error) {
      // A raw call's errors are redacted here; the typed client's calls redact their own.
      throw redact(error);
    }
  };
}

async function sentBodyOf(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}

/** A raw call's answer: the same response, its body counted and read within the attempt. */
function rawAnswer(response: Response, guard: BodyGuard): Response {
  // openapi-fetch leaves an empty body unread: nothing will end it, so the attempt ends now.
  if (response.body === null || NULL_BODY_STATUSES.has(response.status) || response.headers.get('content-length') === '0') {
    guard.settled();
    return response;
  }
  const answer = new Response(guardBody(response.body, guard), response);
  // A constructed Response has no URL; the caller still gets the one it asked.
  Object.defineProperty(answer, 'url', { value: response.url });
  return answer;
}
