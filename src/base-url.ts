// The base URL every call is sent to. Tokens and secrets travel with each call, so only https is accepted, but for loopback
// (mocks, test servers) and for a host the caller names insecure on purpose (a gateway inside a private network).
import { InputError } from './errors.js';

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** A host on this machine, where nothing travels over a network: `localhost`, 127.x.x.x, [::1]. */
export const isLoopbackHost = (hostname: string) => LOOPBACK_HOST.test(hostname);
// Examples name servers that answer with this contract's envelope, never DocuSign's own host, which answers without it.
const EXAMPLE = '"http://127.0.0.1:4010" (npm run mock) or your gateway\'s https URL';

export function normalizeBaseUrl(baseUrl: unknown, { allowInsecureHttp = false }: { allowInsecureHttp?: boolean } = {}): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') throw new InputError([`baseUrl is required: the base URL of a server that implements this contract, such as ${EXAMPLE}`]);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not quoted: what was passed may be a token in the wrong place.
    throw new InputError([`baseUrl is not an absolute URL (${baseUrl.length} characters, no scheme such as https://); give one such as ${EXAMPLE}`]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (allowInsecureHttp || LOOPBACK_HOST.test(url.hostname)))) {
    throw new InputError([`baseUrl must use https (plain http only on loopback, for mocks, or with allowInsecureHttp), got ${url.protocol}//${url.host}`]);
  }
  if (url.username || url.password) throw new InputError(['baseUrl must not hold credentials; pass the token as accessToken']);
  // The URL parser drops an empty "?" or "#", but the paths would still be joined after it.
  if (baseUrl.includes('?') || baseUrl.includes('#')) {
    throw new InputError([`baseUrl must not have a query or a fragment (not even an empty "?" or "#"); give the API base alone, such as ${EXAMPLE}`]);
  }
  return url.href.replace(/\/+$/, '');
}
