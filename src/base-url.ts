// The base URL every call is sent to. Tokens and client secrets travel with each call,
// so only https is accepted, but for loopback, where mocks and test servers run.
import { InputError } from './errors.js';

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function normalizeBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new InputError(['baseUrl is required: the API base URL, such as "https://demo.docusign.net/restapi"']);
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError([`baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL; give one such as "https://demo.docusign.net/restapi"`]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname))) {
    throw new InputError([`baseUrl must use https (plain http only on loopback, for mocks), got ${url.protocol}//${url.host}`]);
  }
  if (url.username || url.password) throw new InputError(['baseUrl must not hold credentials; pass the token as accessToken']);
  // The URL parser drops an empty "?" or "#", but the paths would still be joined after it.
  if (baseUrl.includes('?') || baseUrl.includes('#')) {
    throw new InputError(['baseUrl must not have a query or a fragment (not even an empty "?" or "#"); give the API base alone, such as "https://demo.docusign.net/restapi"']);
  }
  return url.href.replace(/\/+$/, '');
}
