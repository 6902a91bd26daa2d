// Hosts in the bodies the suite sends. An account that stores a configuration asks its
// authorization server for tokens, so a body must never name a host that resolves to
// someone: every URL the suite sends points under `.invalid` or `.test` (RFC 2606, never
// resolvable) or at `example.com` (reserved, owned by no one who would answer).

// A URL's authority (user info, host, port): after `scheme://`, or after `//` at the start
// of a text. A host is an IPv6 literal or a run of characters a host name may hold, so that
// the text of a pattern such as `https://[^\s/?#@]+` names no host. A scheme is tried only
// from the first letter of a run of scheme characters (where the leftmost match would start
// anyway): tried from every letter, a long run of them took time growing with its square.
const AUTHORITY = /(^\/\/|(?<![a-z][a-z0-9+.-]*?)[a-z][a-z0-9+.-]*:\/\/)((?:[^\s/?#"\\@]*@)?(?:\[[0-9a-f:.]+\]|[^\s/?#"\\@[\]^|<>{}]*)(?::\d+)?)/gim;

export function isSafeHost(authority: string): boolean {
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '').toLowerCase();
  return host.endsWith('.invalid') || host.endsWith('.test') || host === 'example.com' || host.endsWith('.example.com');
}

// The shortest safe host, for an authority too short to be replaced at its own length.
const SHORTEST_SAFE = 'a.test';

/**
 * A safe host for the authority, of the same length where one fits: a text at a length bound
 * stays at it. The same authority always gets the same host.
 */
function safeHostFor(authority: string): string {
  let hash = 0;
  for (const char of authority) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  const label = `auth-${Math.abs(hash).toString(36)}`;
  for (const suffix of ['.invalid', '.test']) {
    const room = authority.length - suffix.length;
    if (room >= 1) return `${label.slice(0, room).padEnd(room, 'x')}${suffix}`;
  }
  return SHORTEST_SAFE;
}

/** The text with every URL's authority replaced by a safe host; the same host always maps to the same one. */
export function withSafeHosts(text: string): string {
  return text.replace(AUTHORITY, (whole, prefix: string, authority: string) => (authority === '' || isSafeHost(authority) ? whole : `${prefix}${safeHostFor(authority)}`));
}

/** A value with every string in it given safe hosts: generated bodies, and the reasons that describe them. */
export function withSafeHostsDeep<T>(value: T): T {
  if (typeof value === 'string') return withSafeHosts(value) as T;
  if (Array.isArray(value)) return value.map((item) => withSafeHostsDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withSafeHosts(key), withSafeHostsDeep(item)])) as T;
  }
  return value;
}

/** The hosts named anywhere in a value (its strings, its keys) that are not safe to send to a live target. */
export function unsafeHosts(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(AUTHORITY)].map((match) => match[2]!).filter((authority) => authority !== '' && !isSafeHost(authority));
  if (Array.isArray(value)) return value.flatMap(unsafeHosts);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => [...unsafeHosts(key), ...unsafeHosts(item)]);
  return [];
}
