/**
 * One HTTP request through one Gateway: which listener takes it, which HTTPRoute rule wins (and
 * what it beat), and what the Gateway does: answer 404, answer a redirect, or send the request
 * to a backendRef (with the path and Host the backend receives). Plain functions over the
 * Cluster; the trace turns the result into hops.
 *
 * Sources: Gateway API v1.6 API reference (`apis/v1/httproute_types.go`, `gateway_types.go`)
 * and its conformance tests (`conformance/tests/httproute-*.go`).
 */
import type { Cluster, HTTPPathMatchType, ServiceEndpoint } from '../types';

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
// The functions (implemented below the types; the trace imports them from this file):
//
//   toGatewayHttpRequest(url: string, method?: string, headers?: Record<string, string>)
//     → GatewayHttpRequest | { error: string }
//   resolveGatewayRoute(cluster: Cluster, gatewayRef: string, request: GatewayHttpRequest, seed: number)
//     → GatewayRoute
//   resolveGatewayCandidates(cluster: Cluster, request: GatewayHttpRequest) → GatewayCandidate[]
export type { Cluster };
