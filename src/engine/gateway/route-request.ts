/**
 * One HTTP request through one Gateway: which listener takes it, which HTTPRoute rule wins (and
 * what it beat), and what the Gateway does: answer 404, answer a redirect, or send the request
 * to a backendRef (with the path and Host the backend receives). Plain functions over the
 * Cluster; the trace turns the result into hops.
 *
 * Sources: Gateway API v1.6 API reference (`apis/v1/httproute_types.go`, `gateway_types.go`)
 * and its conformance tests (`conformance/tests/httproute-*.go`).
 */
import type { Cluster, ClusterGateway, ClusterHttpRoute, GatewayListener, HTTPPathMatchType, HTTPRouteMatch, ServiceEndpoint } from '../types';
import { hostWithoutPort, hostnameMatches, hostnameSpecificity, isWildcardHostname } from './hostnames';
import { IMPLICIT_MATCH, evaluateRouteMatch, parseRequestTarget } from './match-request';
import { chooseBackendRef, resolveBackendRefs } from './backends';
import { modifyPath, redirectLocation, type RedirectFilter, type RewriteFilter } from './filters';

// ---------------------------------------------------------------------------------------------
// The request

/** One HTTP request as it reaches a Gateway's address. */
export interface GatewayHttpRequest {
  readonly scheme: 'http' | 'https';
  /** The URL's host, without port (the SNI for https). Lower case. */
  readonly host: string;
  /** The URL's port (80/443 when the URL gives none): with the scheme, it picks the listeners. */
  readonly port: number;
  /** Path and query, as sent (`/api?v=2`). */
  readonly path: string;
  /** Upper case (`GET` by default). */
  readonly method: string;
  /**
   * Request headers, names lower case. A `host` entry overrides the URL's host for routing
   * (its port, if any, is ignored: semantics of the Host header in Gateway API).
   */
  readonly headers: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// The listener

/** How a listener's hostname matched the request's Host. */
export type ListenerHostMatch = 'exact' | 'wildcard' | 'any';

export interface ChosenListener {
  /** `gateway/NS/NAME`. */
  readonly gatewayRef: string;
  /** The listener's `name`. */
  readonly listener: string;
  /** Index into the Gateway's `spec.listeners`. */
  readonly index: number;
  readonly hostname?: string;
  readonly port: number;
  /** `HTTP` or `HTTPS` (TLS terminated here: the backend gets plain HTTP). */
  readonly protocol: string;
  readonly hostMatch: ListenerHostMatch;
  /** Other listeners on this port whose hostname also matched, less specific (their names). */
  readonly beat: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The route rule

/** One match of one rule of one route. */
export interface RouteMatchRef {
  /** `httproute/NS/NAME`. */
  readonly routeRef: string;
  /** Index into the route's `spec.rules`. */
  readonly rule: number;
  /** The rule's `name`, `''` when it has none. */
  readonly ruleName: string;
  /** Index into the rule's `matches`; 0 for a rule without matches (the implicit PathPrefix `/`). */
  readonly match: number;
  /** True when the rule has no `matches` (PathPrefix `/` applies). */
  readonly implicitMatch: boolean;
  readonly pathType: HTTPPathMatchType;
  readonly pathValue: string;
  /** The route hostname the Host matched (`''`: the route has none, every host of the listener). */
  readonly hostname: string;
}

/** A match that also matched the request but lost to the winner, and the criterion that decided. */
export interface BeatenMatch extends RouteMatchRef {
  /** One sentence: `Exact path beats PathPrefix`, `the older route wins (document order)`, ... */
  readonly reason: string;
}

// ---------------------------------------------------------------------------------------------
// The backends

export type BackendRefProblem = 'BackendNotFound' | 'RefNotPermitted' | 'InvalidKind';

/** One backendRef of the winning rule, resolved. */
export interface ResolvedBackendRef {
  /** Index into the rule's `backendRefs`. */
  readonly index: number;
  /** `service/NS/NAME` (for another kind: `KIND/NS/NAME` as written, lower-case kind). */
  readonly ref: string;
  /** The backendRef's port (a Service port number). */
  readonly port?: number;
  readonly weight: number;
  /** weight / sum of weights (0 for weight 0). */
  readonly share: number;
  /** Absent: valid. */
  readonly problem?: BackendRefProblem;
  /** Why it is invalid, in words (absent when valid). */
  readonly problemMessage?: string;
  /** The Service's endpoints on that port (ready ones first); empty for an invalid ref. */
  readonly endpoints: readonly ServiceEndpoint[];
  /** The number of ready endpoints (0: this share answers 503). */
  readonly readyEndpoints: number;
}

// ---------------------------------------------------------------------------------------------
// The result

export type GatewayRouteOutcome =
  /** `via` names no Gateway in the cluster. */
  | 'no-gateway'
  /** The Gateway's class does not exist: no address, the connection is refused. */
  | 'not-programmed'
  /** No listener for the URL's scheme and port: the connection is refused (no status). */
  | 'no-listener'
  /**
   * https: the listener chosen by SNI does not take the Host, another listener on the port does:
   * 421 Misdirected Request (Listener `hostname` reference).
   */
  | 'misdirected'
  /** Listeners on the port, but none whose hostname matches the Host: 404. */
  | 'no-listener-hostname'
  /** No rule of an attached route matches: 404. */
  | 'no-route'
  /** RequestRedirect: the Gateway answers 3xx with a Location (not followed). */
  | 'redirect'
  /** The request goes to a backendRef (200), or the Gateway answers 500/503 for the chosen share. */
  | 'backend';

export interface GatewayRoute {
  readonly outcome: GatewayRouteOutcome;
  /** `gateway/NS/NAME` as asked. */
  readonly gatewayRef: string;
  /**
   * What the client gets: 200 (forwarded to a backend), 404, 500, 503, 301/302/303/307/308.
   * Absent when no connection is made (`no-gateway`, `not-programmed`, `no-listener`).
   */
  readonly status?: number;
  /** The Host used for routing (the `Host` header without port, else the URL host), lower case. */
  readonly host: string;
  readonly listener?: ChosenListener;
  /** The winning match. */
  readonly winner?: RouteMatchRef;
  /** Other matches of attached routes that matched too, in precedence order, each with why it lost. */
  readonly beat: readonly BeatenMatch[];
  /** Routes attached to the listener that were considered (`httproute/NS/NAME`), in precedence order of age. */
  readonly routesConsidered: readonly string[];
  /** For a redirect: the absolute Location (port omitted when default for the scheme). */
  readonly location?: string;
  /** The winning rule's backendRefs, resolved (empty for redirects and 404s). */
  readonly backends: readonly ResolvedBackendRef[];
  /** Index into `backends` of the one the seed chose (absent when no backend share was chosen). */
  readonly chosen?: number;
  /** The path and query the backend receives (after URLRewrite); absent when no backend is reached. */
  readonly backendPath?: string;
  /** The Host the backend receives (after URLRewrite's hostname); absent when no backend is reached. */
  readonly backendHost?: string;
  /** Filters of the winning rule that are not simulated (their type, e.g. `RequestHeaderModifier`). */
  readonly notSimulated: readonly string[];
  /** One sentence per decision, in order (listener, route, rule, filter, backend). */
  readonly reasons: readonly string[];
}

/** One entry point a request could use (entry-point resolution without `via`). */
export interface GatewayCandidate {
  /** `gateway/NS/NAME`. */
  readonly gatewayRef: string;
  /** The listener that would take the request. */
  readonly listener: string;
  /** The attached routes whose hostnames (or none) match the Host. */
  readonly routeRefs: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The request from a URL

/**
 * The request a query describes: `http(s)://host[:port]/path?query`, a method (default GET) and
 * headers (names case-insensitive). An error for anything that is not an http(s) URL.
 *
 * @example toGatewayHttpRequest('http://gw.test/api?v=2', 'POST', { Host: 'other.test:8080' })
 */
export function toGatewayHttpRequest(
  url: string,
  method = 'GET',
  headers: Readonly<Record<string, string>> = {},
): GatewayHttpRequest | { readonly error: string } {
  const m = /^(https?):\/\/([^/?#]*)([^#]*)/i.exec(url.trim());
  if (m === null) return { error: `${JSON.stringify(url)} is not an http:// or https:// URL` };
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const authority = m[2]!.slice(m[2]!.lastIndexOf('@') + 1);
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (portMatch === null || portMatch[1] === '') return { error: `${JSON.stringify(url)} has no host` };
  const portText = portMatch[2];
  const port = portText === undefined || portText === '' ? (scheme === 'https' ? 443 : 80) : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `${JSON.stringify(url)}: port ${portText ?? ''} is not 1-65535` };
  const rest = m[3]!;
  const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  const lowerHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowerHeaders[name.toLowerCase()] = value;
  return {
    scheme,
    host: hostWithoutPort(portMatch[1]!),
    port,
    path,
    method: (method.trim() === '' ? 'GET' : method.trim()).toUpperCase(),
    headers: lowerHeaders,
  };
}

/** The Host a request is routed by: its `Host` header without port, else the URL's host. */
export function routingHost(request: GatewayHttpRequest): string {
  const header = request.headers['host'];
  return header !== undefined && header.trim() !== '' ? hostWithoutPort(header) : request.host.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Listeners

function listenerHostMatch(listener: GatewayListener, host: string): ListenerHostMatch | undefined {
  if (listener.hostname === undefined || listener.hostname === '') return 'any';
  if (!hostnameMatches(listener.hostname, host)) return undefined;
  return isWildcardHostname(listener.hostname) ? 'wildcard' : 'exact';
}

/** Exact before wildcard before none; among wildcards, more dots right of the `*` first. */
function listenerRank(listener: GatewayListener, hostMatch: ListenerHostMatch): number {
  if (hostMatch === 'exact') return 1_000_000;
  if (hostMatch === 'wildcard') return 1_000 + (listener.hostname ?? '').split('.').length;
  return 0;
}

/**
 * The listeners of a Gateway for a scheme and port (HTTP for http, HTTPS for https), leaving out
 * those a controller would not program (`invalidListeners`: an unusable certificate, ...).
 */
export function listenersForPort(gateway: ClusterGateway, scheme: 'http' | 'https', port: number): { listener: GatewayListener; index: number }[] {
  const protocol = scheme === 'https' ? 'HTTPS' : 'HTTP';
  const invalid = new Set((gateway.invalidListeners ?? []).map((l) => l.listener));
  return gateway.object.listeners
    .map((listener, index) => ({ listener, index }))
    .filter(({ listener }) => listener.port === port && listener.protocol.toUpperCase() === protocol && !invalid.has(listener.name));
}

/** The most specific listener whose hostname matches the host (first in spec order on ties). */
export function chooseListener(
  gatewayRef: string,
  listeners: readonly { listener: GatewayListener; index: number }[],
  host: string,
): ChosenListener | undefined {
  const matching = listeners
    .map((l) => ({ ...l, hostMatch: listenerHostMatch(l.listener, host) }))
    .filter((l): l is typeof l & { hostMatch: ListenerHostMatch } => l.hostMatch !== undefined)
    .sort((a, b) => listenerRank(b.listener, b.hostMatch) - listenerRank(a.listener, a.hostMatch) || a.index - b.index);
  const best = matching[0];
  if (best === undefined) return undefined;
  return {
    gatewayRef,
    listener: best.listener.name,
    index: best.index,
    ...(best.listener.hostname !== undefined ? { hostname: best.listener.hostname } : {}),
    port: best.listener.port,
    protocol: best.listener.protocol.toUpperCase(),
    hostMatch: best.hostMatch,
    beat: matching.slice(1).map((l) => l.listener.name),
  };
}

// ---------------------------------------------------------------------------------------------
// Routes attached to a listener, and the hostname of each that matches the Host

interface AttachedRoute {
  readonly route: ClusterHttpRoute;
  /** The route's hostnames on this listener (intersected); empty: every host the listener takes. */
  readonly hostnames: readonly string[];
}

/**
 * The routes attached (Accepted) to a listener, by gateway ref and listener name, each route once
 * and in cluster order, with its hostnames there; each listener's list found once per Cluster
 * (immutable plain data: a cache keyed on the object cannot go stale).
 */
const attachedCache = new WeakMap<Cluster, Map<string, Map<string, readonly AttachedRoute[]>>>();

/** The routes attached (Accepted) to one listener, each once, with their hostnames there. */
export function routesAttachedTo(cluster: Cluster, gatewayRef: string, listener: string): AttachedRoute[] {
  let byGateway = attachedCache.get(cluster);
  if (byGateway === undefined) attachedCache.set(cluster, (byGateway = new Map<string, Map<string, readonly AttachedRoute[]>>()));
  let byListener = byGateway.get(gatewayRef);
  if (byListener === undefined) byGateway.set(gatewayRef, (byListener = new Map<string, readonly AttachedRoute[]>()));
  let routes = byListener.get(listener);
  if (routes === undefined) {
    // Only the listener asked for: a trace asks one or two, and a Cluster lives for one analysis.
    // Index loops and no Set for a route attached elsewhere: this runs once per trace, before the
    // JIT has optimised it, where `for...of` allocates a step object per item.
    const found: AttachedRoute[] = [];
    const all = cluster.httpRoutes;
    for (let r = 0; r < all.length; r++) {
      const route = all[r]!;
      let hostnames: Set<string> | undefined;
      let everyHost = false;
      for (let i = 0; i < route.attachments.length; i++) {
        const a = route.attachments[i]!;
        if (a.reason !== 'Accepted' || a.gatewayRef !== gatewayRef || a.listener !== listener) continue;
        hostnames ??= new Set<string>();
        if (a.hostnames.length === 0) everyHost = true;
        for (const h of a.hostnames) hostnames.add(h);
      }
      if (hostnames !== undefined) found.push({ route, hostnames: everyHost ? [] : [...hostnames] });
    }
    byListener.set(listener, (routes = found));
  }
  return [...routes];
}

/**
 * The most specific hostname of an attached route that matches the host: `''` when the route has
 * none on this listener (it then stands for the listener's hostname in precedence); undefined
 * when none matches.
 */
function matchingRouteHostname(attached: AttachedRoute, host: string): string | undefined {
  if (attached.hostnames.length === 0) return '';
  let best: string | undefined;
  for (const h of attached.hostnames) {
    if (!hostnameMatches(h, host)) continue;
    if (best === undefined || compareSpecificity(hostnameSpecificity(h), hostnameSpecificity(best)) < 0) best = h;
  }
  return best;
}

/** Negative when `a` is more specific. */
function compareSpecificity(a: readonly [number, number], b: readonly [number, number]): number {
  return b[0] - a[0] || b[1] - a[1];
}

// ---------------------------------------------------------------------------------------------
// Precedence

interface Candidate {
  readonly attached: AttachedRoute;
  readonly ref: RouteMatchRef;
  readonly match: HTTPRouteMatch;
  /** The hostname that counts for precedence: the route's matching one, else the listener's. */
  readonly precedenceHostname: string;
}

function routeName(c: Candidate): string {
  return `${c.attached.route.object.meta.namespace}/${c.attached.route.object.meta.name}`;
}

/**
 * Older first: by `creationTimestamp` when both routes carry one (equal ones tie, and
 * namespace/name decides), else by document order, which stands for creation order.
 */
function compareAge(a: ClusterHttpRoute, b: ClusterHttpRoute): { order: number; byTimestamp: boolean } {
  const ta = a.object.meta.creationTimestamp;
  const tb = b.object.meta.creationTimestamp;
  if (ta !== undefined && tb !== undefined) return { order: ta === tb ? 0 : ta < tb ? -1 : 1, byTimestamp: true };
  return { order: a.order - b.order, byTimestamp: false };
}

/**
 * Compares two matching candidates by the HTTPRoute precedence: negative when `a` wins. `why`
 * says, from the loser's side, the first criterion that decided.
 */
function comparePrecedence(a: Candidate, b: Candidate, explain: boolean): { order: number; why: string } {
  const hs = compareSpecificity(hostnameSpecificity(a.precedenceHostname), hostnameSpecificity(b.precedenceHostname));
  const [winner, loser] = hs < 0 ? [a, b] : [b, a];
  if (hs !== 0) {
    return { order: hs, why: explain ? `hostname ${loser.precedenceHostname || '(any)'} is less specific than ${winner.precedenceHostname}` : '' };
  }
  const exactA = a.match.path.type === 'Exact' ? 1 : 0;
  const exactB = b.match.path.type === 'Exact' ? 1 : 0;
  if (exactA !== exactB) return { order: exactB - exactA, why: 'an Exact path match beats a PathPrefix' };
  if (a.match.path.type === 'PathPrefix' && b.match.path.type === 'PathPrefix' && a.match.path.value.length !== b.match.path.value.length) {
    const longer = a.match.path.value.length > b.match.path.value.length ? a : b;
    const shorter = longer === a ? b : a;
    return {
      order: b.match.path.value.length - a.match.path.value.length,
      why: explain ? `the longer PathPrefix ${longer.match.path.value} beats ${shorter.match.path.value}` : '',
    };
  }
  const methodA = a.match.method !== undefined ? 1 : 0;
  const methodB = b.match.method !== undefined ? 1 : 0;
  if (methodA !== methodB) return { order: methodB - methodA, why: 'a match on the method beats one without' };
  if (a.match.headers.length !== b.match.headers.length) {
    return { order: b.match.headers.length - a.match.headers.length, why: 'more header matches win' };
  }
  if (a.match.queryParams.length !== b.match.queryParams.length) {
    return { order: b.match.queryParams.length - a.match.queryParams.length, why: 'more query parameter matches win' };
  }
  if (a.attached.route !== b.attached.route) {
    const age = compareAge(a.attached.route, b.attached.route);
    if (age.order !== 0) {
      return {
        order: age.order,
        why: age.byTimestamp
          ? 'the oldest route wins (creationTimestamp)'
          : 'the oldest route wins (manifest order stands for creation order)',
      };
    }
    const na = routeName(a);
    const nb = routeName(b);
    if (na !== nb) return { order: na < nb ? -1 : 1, why: 'equal age: the route first by namespace/name wins' };
  }
  if (a.ref.rule !== b.ref.rule) return { order: a.ref.rule - b.ref.rule, why: 'within a route, the first matching rule wins' };
  return { order: a.ref.match - b.ref.match, why: 'within a rule, the first matching match counts' };
}

// ---------------------------------------------------------------------------------------------
// The route decision

function filterName(f: RewriteFilter | RedirectFilter | { readonly type: 'Other'; readonly name: string }): string {
  return f.type === 'Other' ? f.name : f.type;
}

/**
 * What a Gateway does with one HTTP request: the listener (URL port and scheme, then the most
 * specific hostname), the winning rule among the routes attached to it (with what it beat), and
 * the answer: 404, a redirect, 500/503, or the backendRef a seed chooses with the path and Host
 * the backend receives.
 *
 * @example resolveGatewayRoute(cluster, 'gateway/infra/public', toGatewayHttpRequest('http://gw.test/api'), 0)
 */
export function resolveGatewayRoute(cluster: Cluster, gatewayRef: string, request: GatewayHttpRequest, seed: number): GatewayRoute {
  return gatewayRouter(cluster, gatewayRef, request).route(seed);
}

/**
 * `resolveGatewayRoute` for one request and any seed: the listener, the winning rule and its
 * backendRefs are decided once (they do not depend on the seed); only the backendRef share a
 * seed picks is decided per call. A trace without a seed tries several seeds of one request.
 */
export function gatewayRouter(cluster: Cluster, gatewayRef: string, request: GatewayHttpRequest): GatewayRouter {
  const decided = decideGatewayRoute(cluster, gatewayRef, request);
  if (!('finish' in decided)) return { route: () => decided, chosen: () => decided.chosen };
  return { route: decided.finish, chosen: (seed) => chooseBackendRef(decided.backends, seed) };
}

export interface GatewayRouter {
  /** What `resolveGatewayRoute` answers for the seed. */
  readonly route: (seed: number) => GatewayRoute;
  /** Only the `chosen` of `route(seed)` (the backends are the same for every seed). */
  readonly chosen: (seed: number) => number | undefined;
}

/** The route when no seed is needed to decide it, else the backendRefs and what finishes it for a seed. */
function decideGatewayRoute(
  cluster: Cluster,
  gatewayRef: string,
  request: GatewayHttpRequest,
): GatewayRoute | { readonly backends: readonly ResolvedBackendRef[]; readonly finish: (seed: number) => GatewayRoute } {
  const host = routingHost(request);
  const reasons: string[] = [];
  const empty = { gatewayRef, host, beat: [], routesConsidered: [], backends: [], notSimulated: [] } as const;
  const gateway = cluster.gateways.find((g) => g.ref === gatewayRef);
  if (gateway === undefined) {
    return { ...empty, outcome: 'no-gateway', reasons: [`no Gateway ${gatewayRef.replace(/^gateway\//, '')}`] };
  }
  if (!gateway.programmed) {
    return { ...empty, outcome: 'not-programmed', reasons: [`Gateway ${gatewayRef} is not programmed: ${gateway.programmedReason}`] };
  }
  const onPort = listenersForPort(gateway, request.scheme, request.port);
  if (onPort.length === 0) {
    const protocol = request.scheme === 'https' ? 'HTTPS' : 'HTTP';
    const unprogrammed = (gateway.invalidListeners ?? [])
      .filter((bad) => gateway.object.listeners.some((l) => l.name === bad.listener && l.port === request.port && l.protocol.toUpperCase() === protocol))
      .map((bad) => `listener ${bad.listener} is not programmed (${bad.reason}: ${bad.detail})`);
    return {
      ...empty,
      outcome: 'no-listener',
      reasons: [`Gateway ${gatewayRef} has no ${protocol} listener on port ${request.port}: connection refused`, ...unprogrammed],
    };
  }
  // https: the SNI (the URL's host) picks the listener during the TLS handshake.
  const sni = request.host.toLowerCase();
  const listener = chooseListener(gatewayRef, onPort, request.scheme === 'https' ? sni : host);
  if (listener === undefined) {
    return {
      ...empty,
      outcome: 'no-listener-hostname',
      status: 404,
      reasons: [`no listener on port ${request.port} takes the host ${request.scheme === 'https' ? sni : host}: 404`],
    };
  }
  reasons.push(
    `listener ${listener.listener} (${listener.protocol} ${listener.port}${listener.hostname !== undefined ? `, hostname ${listener.hostname}` : ''}) takes ${request.scheme === 'https' ? sni : host}` +
      (listener.protocol === 'HTTPS' ? '; TLS ends here, the backend gets plain HTTP' : ''),
  );
  if (request.scheme === 'https' && host !== sni) {
    const forHost = chooseListener(gatewayRef, onPort, host);
    if (forHost === undefined || forHost.index !== listener.index) {
      const status = forHost === undefined ? 404 : 421;
      reasons.push(
        forHost === undefined
          ? `no listener takes the Host ${host}: 404`
          : `the Host ${host} belongs to listener ${forHost.listener}, not ${listener.listener} chosen by SNI ${sni}: 421 Misdirected Request`,
      );
      return { ...empty, outcome: forHost === undefined ? 'no-listener-hostname' : 'misdirected', status, listener, reasons };
    }
  }

  const attached = routesAttachedTo(cluster, gatewayRef, listener.listener);
  const parsed = parseRequestTarget(request.path);
  const candidates: Candidate[] = [];
  for (const a of attached) {
    const hostname = matchingRouteHostname(a, host);
    if (hostname === undefined) continue;
    const precedenceHostname = hostname === '' ? (listener.hostname ?? '') : hostname;
    a.route.object.rules.forEach((rule, ruleIndex) => {
      const implicitMatch = rule.matches.length === 0;
      const matches = implicitMatch ? [IMPLICIT_MATCH] : rule.matches;
      matches.forEach((match, matchIndex) => {
        if (!evaluateRouteMatch(match, request, parsed).matched) return;
        candidates.push({
          attached: a,
          match,
          precedenceHostname,
          ref: {
            routeRef: a.route.ref,
            rule: ruleIndex,
            ruleName: rule.name,
            match: matchIndex,
            implicitMatch,
            pathType: match.path.type,
            pathValue: match.path.value,
            hostname,
          },
        });
      });
    });
  }
  candidates.sort((x, y) => comparePrecedence(x, y, false).order);
  const routesConsidered = [...attached]
    .sort((x, y) => compareAge(x.route, y.route).order)
    .map((a) => a.route.ref);
  const winner = candidates[0];
  if (winner === undefined) {
    reasons.push(
      attached.length === 0
        ? `no HTTPRoute is attached to listener ${listener.listener}: 404`
        : `no rule of the ${attached.length} attached HTTPRoute(s) matches ${request.method} ${host}${request.path}: 404`,
    );
    return { ...empty, outcome: 'no-route', status: 404, listener, routesConsidered, reasons };
  }
  const beat: BeatenMatch[] = candidates.slice(1).map((c) => ({ ...c.ref, reason: comparePrecedence(winner, c, true).why }));
  const rule = winner.attached.route.object.rules[winner.ref.rule]!;
  const ruleText = `${winner.ref.routeRef} rule ${winner.ref.rule}${rule.name !== '' ? ` (${rule.name})` : ''}`;
  reasons.push(
    `${ruleText} wins: ${winner.ref.implicitMatch ? 'no matches (PathPrefix /)' : `${winner.ref.pathType} ${winner.ref.pathValue}`}` +
      (beat.length > 0 ? `, over ${beat.length} other matching rule(s)` : ''),
  );
  const base = { gatewayRef, host, listener, winner: winner.ref, beat, routesConsidered };
  const redirect = rule.filters.find((f): f is RedirectFilter => f.type === 'RequestRedirect');
  const rewrite = rule.filters.find((f): f is RewriteFilter => f.type === 'URLRewrite');
  const notSimulated = rule.filters.filter((f) => f.type === 'Other').map(filterName);
  if (notSimulated.length > 0) reasons.push(`not simulated: ${notSimulated.join(', ')}`);
  const matchedPrefix = winner.match.path.type === 'PathPrefix' ? winner.match.path.value : undefined;

  if (redirect !== undefined) {
    const location = redirectLocation(redirect, { scheme: request.scheme, host, path: request.path }, listener.port, matchedPrefix);
    reasons.push(`RequestRedirect: the Gateway answers ${redirect.statusCode} Location ${location} (not followed)`);
    return { ...base, outcome: 'redirect', status: redirect.statusCode, location, backends: [], notSimulated, reasons };
  }

  const backends = resolveBackendRefs(cluster, winner.attached.route.object.meta.namespace, rule.backendRefs);
  if (backends.length === 0) {
    reasons.push('the rule has no backendRefs: 500');
    return { ...base, outcome: 'backend', status: 500, backends, notSimulated, reasons };
  }
  return { backends, finish: (seed) => finishWithSeed({ base, request, host, backends, notSimulated, rewrite, matchedPrefix, reasons: [...reasons] }, seed) };
}

/** The rule's backendRefs and what the seed-independent decision already said. */
interface BackendDecision {
  readonly base: Pick<GatewayRoute, 'gatewayRef' | 'host' | 'listener' | 'winner' | 'beat' | 'routesConsidered'>;
  readonly request: GatewayHttpRequest;
  readonly host: string;
  readonly backends: readonly ResolvedBackendRef[];
  readonly notSimulated: readonly string[];
  readonly rewrite: RewriteFilter | undefined;
  readonly matchedPrefix: string | undefined;
  /** A fresh copy per seed: the seed's sentences are pushed onto it. */
  readonly reasons: string[];
}

/** The backendRef share a seed picks, and what the Gateway answers for it. */
function finishWithSeed(d: BackendDecision, seed: number): GatewayRoute {
  const { base, request, host, backends, notSimulated, rewrite, matchedPrefix, reasons } = d;
  const chosen = chooseBackendRef(backends, seed);
  if (chosen === undefined) {
    reasons.push('every backendRef has weight 0: no backend takes traffic, 500');
    return { ...base, outcome: 'backend', status: 500, backends, notSimulated, reasons };
  }
  const picked = backends[chosen]!;
  const shareText = backends.length > 1 ? ` (share ${Math.round(picked.share * 1000) / 10}%, seed ${seed})` : '';
  if (picked.problem !== undefined) {
    reasons.push(`backendRef ${chosen} ${picked.ref}${shareText} is invalid (${picked.problem}: ${picked.problemMessage ?? ''}): 500`);
    return { ...base, outcome: 'backend', status: 500, backends, chosen, notSimulated, reasons };
  }
  if (picked.readyEndpoints === 0) {
    reasons.push(`backendRef ${chosen} ${picked.ref}:${picked.port ?? ''}${shareText} has no ready endpoints: 503`);
    return { ...base, outcome: 'backend', status: 503, backends, chosen, notSimulated, reasons };
  }
  const backendPath = rewrite !== undefined ? modifyPath(rewrite.path, request.path, matchedPrefix) : request.path;
  const backendHost = rewrite?.hostname ?? host;
  if (rewrite !== undefined) reasons.push(`URLRewrite: the backend receives ${backendHost}${backendPath}`);
  reasons.push(`to backendRef ${chosen} ${picked.ref}:${picked.port ?? ''}${shareText}`);
  return { ...base, outcome: 'backend', status: 200, backends, chosen, backendPath, backendHost, notSimulated, reasons };
}

// ---------------------------------------------------------------------------------------------
// Entry-point resolution

/**
 * The Gateways that claim a request's host (`via` absent): each programmed Gateway whose listener
 * for the scheme and port takes the host and has an attached HTTPRoute whose hostnames (or none)
 * match it. The caller adds the ingress controller and decides (one: it; several: ask for `via`).
 */
export function resolveGatewayCandidates(cluster: Cluster, request: GatewayHttpRequest): GatewayCandidate[] {
  const host = routingHost(request);
  const out: GatewayCandidate[] = [];
  for (const gateway of cluster.gateways) {
    if (!gateway.programmed) continue;
    const listener = chooseListener(gateway.ref, listenersForPort(gateway, request.scheme, request.port), request.scheme === 'https' ? request.host.toLowerCase() : host);
    if (listener === undefined) continue;
    const routeRefs = routesAttachedTo(cluster, gateway.ref, listener.listener)
      .filter((a) => matchingRouteHostname(a, host) !== undefined)
      .map((a) => a.route.ref);
    if (routeRefs.length > 0) out.push({ gatewayRef: gateway.ref, listener: listener.listener, routeRefs });
  }
  return out;
}
