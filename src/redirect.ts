// The client follows no redirect: a token or a clientSecret sent on to another host, or
// over plain http, would be out of the caller's hands. A 3xx is an answer outside the
// contract, and the error names the host it pointed to, never its path or query; a 304,
// which points nowhere, is named for what it is.
import { ContractError, type ErrorContext } from './errors.js';

/** A 3xx, or what a browser's fetch hides a manual redirect behind. */
export const isRedirect = (reply: { status: number; type?: string }) => reply.type === 'opaqueredirect' || (reply.status >= 300 && reply.status <= 399);

export function redirectError(response: { status: number; headers: Headers; type?: string }, requestUrl: string, context: ErrorContext): ContractError | undefined {
  const { status, headers } = response;
  // A browser's fetch hides a manual redirect behind an opaque response with status 0.
  if (!isRedirect(response)) return undefined;
  const traceToken = headers.get('x-docusign-tracetoken') ?? undefined;
  // 304 points nowhere: it tells a cache its copy is still good, and answers only a
  // conditional request, which this client never makes.
  if (status === 304) {
    return new ContractError(
      { status, violations: ['the server answered 304 Not Modified, which only answers a conditional request (If-None-Match, If-Modified-Since); none was sent'], traceToken },
      context,
    );
  }
  const location = headers.get('location');
  let target = 'without a Location';
  if (location !== null) {
    try {
      const { host } = new URL(location, requestUrl);
      // The host as the server wrote it, not as the parser rewrote it (lower case, punycode):
      // a secret echoed into it is then found by redaction. Credentials before an "@" are
      // left out. The request's own host (a Location that is a path) is the caller's; another
      // that the Location does not spell out after "//" (https:host) is not named.
      const written = /^(?:[a-z][\w+.-]*:)?\/\/(?:[^/?#]*@)?([^/?#]*)/i.exec(location)?.[1] ?? (host === new URL(requestUrl).host ? host : undefined);
      target = written === undefined ? 'to a Location that does not write its host after "//"' : `to host ${written}`;
    } catch {
      target = 'to a Location that is not a URL';
    }
  }
  return new ContractError(
    { status: status || undefined, violations: [`the server redirects ${target}; no redirect is followed, so nothing was sent there (point baseUrl at the API itself)`], traceToken },
    context,
  );
}
