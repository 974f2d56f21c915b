/**
 * One HTTPRouteMatch against one request, per the HTTPRoute API reference: the fields of a match
 * AND together; an Exact path is the whole path, case-sensitive; a PathPrefix matches whole path
 * elements and ignores a trailing `/`; header names are case-insensitive and values exact; query
 * parameter names and values are exact; the method is exact. `RegularExpression` matches are
 * implementation-specific: never matched here (the reasons say so).
 */
import type { HTTPRouteMatch } from '../types';

/** The path part of `path?query` (no query, no fragment). */
export function pathOf(pathAndQuery: string): string {
  const q = pathAndQuery.search(/[?#]/);
  return q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
}

/** `?a=1&b=2` of `path?query` (with the `?`), `''` when there is none. */
export function queryOf(pathAndQuery: string): string {
  const hash = pathAndQuery.indexOf('#');
  const withoutFragment = hash < 0 ? pathAndQuery : pathAndQuery.slice(0, hash);
  const q = withoutFragment.indexOf('?');
  return q < 0 ? '' : withoutFragment.slice(q);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The query parameters of `path?query`, first value of each name (a repeated parameter's
 * behaviour is left undefined upstream; the first one counts here), names and values
 * percent-decoded.
 */
export function queryParamsOf(pathAndQuery: string): Readonly<Record<string, string>> {
  const query = queryOf(pathAndQuery).slice(1);
  const out: Record<string, string> = {};
  if (query === '') return out;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = value;
  }
  return out;
}

/** A PathPrefix value without its trailing `/` (`/` itself becomes `''`, matching everything). */
export function prefixWithoutTrailingSlash(prefix: string): string {
  return prefix.endsWith('/') ? prefix.replace(/\/+$/, '') : prefix;
}

/**
 * PathPrefix, element-wise: `/abc` matches `/abc`, `/abc/` and `/abc/def`, never `/abcd`.
 *
 * @example matchesPathPrefix('/abc/', '/abc') // true
 */
export function matchesPathPrefix(prefix: string, path: string): boolean {
  const p = prefixWithoutTrailingSlash(prefix);
  if (p === '') return path.startsWith('/') || path === '';
  return path === p || path.startsWith(`${p}/`);
}

/** The path and the query parameters of `path?query`, parsed once for all the matches a request meets. */
export interface RequestTarget {
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseRequestTarget(pathAndQuery: string): RequestTarget {
  return { path: pathOf(pathAndQuery), params: queryParamsOf(pathAndQuery) };
}

export interface MatchVerdict {
  readonly matched: boolean;
  /** Why it did not match (the first field that failed), or a note (a regex never matched). */
  readonly why?: string;
}

/**
 * Whether a request matches one HTTPRouteMatch.
 *
 * @param request headers with lower-case names.
 * @param target the request's path and query parsed (pass it when evaluating many matches).
 */
export function evaluateRouteMatch(
  match: HTTPRouteMatch,
  request: { readonly path: string; readonly method: string; readonly headers: Readonly<Record<string, string>> },
  target: RequestTarget = parseRequestTarget(request.path),
): MatchVerdict {
  const path = target.path;
  const { type, value } = match.path;
  if (type === 'RegularExpression') {
    return { matched: false, why: `path RegularExpression ${JSON.stringify(value)} is implementation-specific: not matched here` };
  }
  if (type === 'Exact' && path !== value) return { matched: false, why: `path ${path} is not exactly ${value}` };
  if (type === 'PathPrefix' && !matchesPathPrefix(value, path)) return { matched: false, why: `path ${path} is not under the prefix ${value}` };
  if (match.method !== undefined && match.method !== request.method) {
    return { matched: false, why: `method ${request.method} is not ${match.method}` };
  }
  // Several entries with one name: only the first counts (API reference).
  const seenHeaders = new Set<string>();
  for (const h of match.headers) {
    const name = h.name.toLowerCase();
    if (seenHeaders.has(name)) continue;
    seenHeaders.add(name);
    if (h.type === 'RegularExpression') {
      return { matched: false, why: `header ${h.name} RegularExpression is implementation-specific: not matched here` };
    }
    const got = request.headers[name];
    if (got !== h.value) {
      return { matched: false, why: got === undefined ? `header ${h.name} is missing` : `header ${h.name}: ${got} is not ${h.value}` };
    }
  }
  const params = target.params;
  const seenParams = new Set<string>();
  for (const q of match.queryParams) {
    if (seenParams.has(q.name)) continue;
    seenParams.add(q.name);
    if (q.type === 'RegularExpression') {
      return { matched: false, why: `query parameter ${q.name} RegularExpression is implementation-specific: not matched here` };
    }
    const got = Object.prototype.hasOwnProperty.call(params, q.name) ? params[q.name] : undefined;
    if (got !== q.value) {
      return { matched: false, why: got === undefined ? `query parameter ${q.name} is missing` : `query parameter ${q.name}=${got} is not ${q.value}` };
    }
  }
  return { matched: true };
}

/** The match a rule without `matches` has. */
export const IMPLICIT_MATCH: HTTPRouteMatch = { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] };
