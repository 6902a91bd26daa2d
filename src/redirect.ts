// No redirect is followed: a token or clientSecret sent on to another host, or over plain http, would be out of the caller's hands.
// A 3xx is an answer outside the contract; its error names the host it pointed to, never its path or query.
import { ContractError, type ErrorContext } from './errors.js';

/** A 3xx, or the opaque response (status 0) a browser's fetch hides a manual redirect behind. */
const isRedirect = (reply: { status: number; type?: string }) => reply.type === 'opaqueredirect' || (reply.status >= 300 && reply.status <= 399);

export function redirectError(response: { status: number; headers: Headers; type?: string }, requestUrl: string, context: ErrorContext): ContractError | undefined {
  if (!isRedirect(response)) return undefined;
  const { status, headers } = response;
  const traceToken = headers.get('x-docusign-tracetoken') ?? undefined;
  // 304 points nowhere: it tells a cache its copy is still good, and answers only a conditional request, which this client never makes.
  if (status === 304) {
    return new ContractError({ status, violations: ['the server answered 304 Not Modified, which only answers a conditional request (If-None-Match, If-Modified-Since); none was sent'], traceToken }, context);
  }
  const location = headers.get('location');
  let target = 'without a Location';
  if (location !== null) {
    try {
      const { host } = new URL(location, requestUrl);
      // The host as written, not as parsed (lower case, punycode), so redaction finds a secret echoed into it; credentials before "@" left out.
      // A Location that is a path names the request's own host; another host not written after "//" (https:host) is not named.
      const written = /^(?:[a-z][\w+.-]*:)?\/\/(?:[^/?#]*@)?([^/?#]*)/i.exec(location)?.[1] ?? (host === new URL(requestUrl).host ? host : undefined);
      target = written === undefined ? 'to a Location that does not write its host after "//"' : `to host ${written}`;
    } catch {
      target = 'to a Location that is not a URL';
    }
  }
  const violation = `the server redirects ${target}; no redirect is followed, so nothing was sent there (point baseUrl at the API itself)`;
  return new ContractError({ status: status || undefined, violations: [violation], traceToken }, context);
}
