/**
 * Hostnames as Gateway API compares them: a listener's or a route's hostname against the Host
 * of a request. `*.example.com` matches one or more labels before `example.com` (unlike an
 * Ingress wildcard), never `example.com` itself. Comparison is case-insensitive.
 */

/** The host without its port and brackets, lower case (`Gw.Test:8080` → `gw.test`). */
export function hostWithoutPort(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) {
    const close = trimmed.indexOf(']');
    return close > 0 ? trimmed.slice(1, close) : trimmed;
  }
  const colon = trimmed.lastIndexOf(':');
  // One colon only: host:port. Several: a bare IPv6 address, kept whole.
  if (colon >= 0 && trimmed.indexOf(':') === colon) return trimmed.slice(0, colon);
  return trimmed;
}

export function isWildcardHostname(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/**
 * Whether a hostname as written in a listener or route matches a request's host.
 *
 * @example hostnameMatches('*.example.com', 'a.b.example.com') // true
 * @example hostnameMatches('*.example.com', 'example.com') // false
 */
export function hostnameMatches(hostname: string, host: string): boolean {
  const pattern = hostname.toLowerCase();
  const h = host.toLowerCase();
  if (!isWildcardHostname(pattern)) return pattern === h;
  const suffix = pattern.slice(1); // `.example.com`
  return h.length > suffix.length && h.endsWith(suffix);
}

/**
 * How specific a hostname is, for ordering: non-wildcard characters first, then all characters
 * (the HTTPRoute `hostnames` precedence: "Characters in a matching non-wildcard hostname",
 * then "Characters in a matching hostname"). An absent hostname is the least specific.
 */
export function hostnameSpecificity(hostname: string | undefined): readonly [number, number] {
  if (hostname === undefined || hostname === '') return [0, 0];
  return isWildcardHostname(hostname) ? [0, hostname.length] : [hostname.length, hostname.length];
}
