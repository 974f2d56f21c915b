/**
 * RequestRedirect and URLRewrite: the path (and Host) a filter produces. Path modifiers follow
 * the HTTPPathModifier reference, including its ReplacePrefixMatch table (trailing slashes of the
 * prefix and of the replacement are ignored; an empty result is `/`). The query string is kept.
 */
import type { HTTPPathModifier, HTTPRouteFilter } from '../types';
import { pathOf, prefixWithoutTrailingSlash, queryOf } from './match-request';

export type RedirectFilter = Extract<HTTPRouteFilter, { type: 'RequestRedirect' }>;
export type RewriteFilter = Extract<HTTPRouteFilter, { type: 'URLRewrite' }>;

/**
 * The path and query after a path modifier. `matchedPrefix` is the PathPrefix value of the match
 * that won (ReplacePrefixMatch replaces it); `undefined` when the match was not a PathPrefix.
 *
 * @example modifyPath({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/xyz' }, '/foo/bar?a=1', '/foo') // '/xyz/bar?a=1'
 */
export function modifyPath(modifier: HTTPPathModifier | undefined, pathAndQuery: string, matchedPrefix: string | undefined): string {
  if (modifier === undefined) return pathAndQuery;
  const path = pathOf(pathAndQuery);
  const query = queryOf(pathAndQuery);
  if (modifier.type === 'ReplaceFullPath') {
    return `${modifier.replaceFullPath ?? path}${query}`;
  }
  if (modifier.replacePrefixMatch === undefined || matchedPrefix === undefined) return pathAndQuery;
  const prefix = prefixWithoutTrailingSlash(matchedPrefix);
  const rest = path.slice(prefix.length);
  const replaced = `${prefixWithoutTrailingSlash(modifier.replacePrefixMatch)}${rest}`;
  return `${replaced === '' ? '/' : replaced.startsWith('/') ? replaced : `/${replaced}`}${query}`;
}

function defaultPort(scheme: string): number | undefined {
  return scheme === 'http' ? 80 : scheme === 'https' ? 443 : undefined;
}

/**
 * A RequestRedirect's absolute Location. Port: the filter's, else the redirect scheme's
 * well-known port when the filter sets a scheme, else the listener's; left out when it is the
 * default port of the Location's scheme.
 */
export function redirectLocation(
  filter: RedirectFilter,
  request: { readonly scheme: string; readonly host: string; readonly path: string },
  listenerPort: number,
  matchedPrefix: string | undefined,
): string {
  const scheme = filter.scheme ?? request.scheme;
  const host = filter.hostname ?? request.host;
  const port = filter.port ?? (filter.scheme !== undefined ? (defaultPort(filter.scheme) ?? listenerPort) : listenerPort);
  const shownPort = port === defaultPort(scheme) ? '' : `:${port}`;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${hostPart}${shownPort}${modifyPath(filter.path, request.path, matchedPrefix)}`;
}
