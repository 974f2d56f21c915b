/**
 * Hand-made Gateway API objects for tests, and a Cluster carrying them with route attachments
 * computed by a small rule set (parentRef name/sectionName/port, `allowedRoutes.namespaces.from`,
 * hostname intersection), so routing is tested independently of the manifest reader. Not used by
 * the engine itself.
 */
import type {
  Cluster,
  ClusterGateway,
  ClusterHttpRoute,
  GatewayListener,
  GatewayObject,
  HTTPBackendRef,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteObject,
  HTTPRouteRule,
  Labels,
  ParentReference,
  ReferenceGrantObject,
  RouteAttachment,
} from '../types';
import { hostnameMatches, isWildcardHostname } from '../gateway/hostnames';
import { GATEWAY_API_GROUP, objectRef } from '../refs';

const GROUP = GATEWAY_API_GROUP;

function meta(namespace: string, name: string, creationTimestamp?: string) {
  return { name, namespace, labels: {}, annotations: {}, ...(creationTimestamp !== undefined ? { creationTimestamp } : {}) };
}

export interface TestListener {
  readonly name: string;
  readonly port?: number;
  readonly protocol?: string;
  readonly hostname?: string;
  readonly from?: 'Same' | 'All' | 'Selector';
  /** For `from: Selector`: the namespace labels required. */
  readonly selector?: Labels;
}

export function testGateway(input: { namespace?: string; name: string; className?: string; listeners: readonly TestListener[] }): GatewayObject {
  return {
    kind: 'Gateway',
    meta: meta(input.namespace ?? 'default', input.name),
    gatewayClassName: input.className ?? 'test',
    listeners: input.listeners.map(
      (l): GatewayListener => ({
        name: l.name,
        port: l.port ?? 80,
        protocol: l.protocol ?? 'HTTP',
        ...(l.hostname !== undefined ? { hostname: l.hostname } : {}),
        ...((l.protocol ?? 'HTTP') === 'HTTPS' ? { tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'cert' }] } } : {}),
        allowedRoutes: {
          from: l.from ?? 'Same',
          ...(l.selector !== undefined ? { selector: { matchLabels: l.selector, matchExpressions: [] } } : {}),
        },
      }),
    ),
  };
}

export interface TestMatch {
  readonly path?: { readonly type?: HTTPRouteMatch['path']['type']; readonly value: string };
  readonly headers?: readonly { readonly name: string; readonly value: string; readonly type?: 'Exact' | 'RegularExpression' }[];
  readonly queryParams?: readonly { readonly name: string; readonly value: string; readonly type?: 'Exact' | 'RegularExpression' }[];
  readonly method?: string;
}

export interface TestRule {
  readonly name?: string;
  readonly matches?: readonly TestMatch[];
  readonly filters?: readonly HTTPRouteFilter[];
  readonly backendRefs?: readonly (Partial<HTTPBackendRef> & { readonly name: string })[];
}

export function testMatch(m: TestMatch): HTTPRouteMatch {
  return {
    path: { type: m.path?.type ?? 'PathPrefix', value: m.path?.value ?? '/' },
    headers: (m.headers ?? []).map((h) => ({ type: h.type ?? 'Exact', name: h.name, value: h.value })),
    queryParams: (m.queryParams ?? []).map((q) => ({ type: q.type ?? 'Exact', name: q.name, value: q.value })),
    ...(m.method !== undefined ? { method: m.method } : {}),
  };
}

export function testHttpRoute(input: {
  namespace?: string;
  name: string;
  parentRefs: readonly (Partial<ParentReference> & { readonly name: string })[];
  hostnames?: readonly string[];
  rules: readonly TestRule[];
  creationTimestamp?: string;
}): HTTPRouteObject {
  return {
    kind: 'HTTPRoute',
    meta: meta(input.namespace ?? 'default', input.name, input.creationTimestamp),
    parentRefs: input.parentRefs.map((p) => ({ group: GROUP, kind: 'Gateway', ...p })),
    hostnames: input.hostnames ?? [],
    rules: input.rules.map(
      (r): HTTPRouteRule => ({
        name: r.name ?? '',
        matches: (r.matches ?? []).map(testMatch),
        filters: r.filters ?? [],
        backendRefs: (r.backendRefs ?? []).map((b) => ({ group: '', kind: 'Service', weight: 1, ...b })),
      }),
    ),
  };
}

export function testReferenceGrant(input: {
  namespace: string;
  name: string;
  fromNamespace: string;
  toName?: string;
  fromKind?: string;
  toKind?: string;
}): ReferenceGrantObject {
  return {
    kind: 'ReferenceGrant',
    meta: meta(input.namespace, input.name),
    from: [{ group: GROUP, kind: input.fromKind ?? 'HTTPRoute', namespace: input.fromNamespace }],
    to: [{ group: '', kind: input.toKind ?? 'Service', ...(input.toName !== undefined ? { name: input.toName } : {}) }],
  };
}

/**
 * The hostnames a route has on a listener: every route hostname that intersects the listener's,
 * narrowed to the more specific of the two; `[]` when either has none (every host the listener
 * takes); `undefined` when they do not intersect.
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[]): readonly string[] | undefined {
  if (routeHostnames.length === 0) return [];
  if (listenerHostname === undefined || listenerHostname === '') return routeHostnames;
  const out: string[] = [];
  for (const h of routeHostnames) {
    if (h === listenerHostname) out.push(h);
    else if (!isWildcardHostname(h) && hostnameMatches(listenerHostname, h)) out.push(h);
    else if (isWildcardHostname(h) && !isWildcardHostname(listenerHostname) && hostnameMatches(h, listenerHostname)) out.push(listenerHostname);
    else if (isWildcardHostname(h) && isWildcardHostname(listenerHostname)) {
      if (hostnameMatches(listenerHostname, h.slice(2))) out.push(h);
      else if (hostnameMatches(h, listenerHostname.slice(2))) out.push(listenerHostname);
    }
  }
  return out.length === 0 ? undefined : [...new Set(out)];
}

function attach(route: HTTPRouteObject, gateways: readonly ClusterGateway[], namespaceLabels: (ns: string) => Labels): RouteAttachment[] {
  const out: RouteAttachment[] = [];
  route.parentRefs.forEach((p, parentRefIndex) => {
    if (p.group !== GROUP || p.kind !== 'Gateway') return;
    const ns = p.namespace ?? route.meta.namespace;
    const gateway = gateways.find((g) => g.object.meta.namespace === ns && g.object.meta.name === p.name);
    if (gateway === undefined) return;
    const named = gateway.object.listeners.filter((l) => (p.sectionName === undefined || p.sectionName === l.name) && (p.port === undefined || p.port === l.port));
    if (named.length === 0) {
      out.push({ gatewayRef: gateway.ref, listener: '', parentRefIndex, reason: 'NoMatchingParent', hostnames: [] });
      return;
    }
    for (const l of named) {
      const kinds = l.allowedRoutes.kinds ?? (['HTTP', 'HTTPS'].includes(l.protocol) ? [{ group: GROUP, kind: 'HTTPRoute' }] : []);
      if (!kinds.some((k) => k.kind === 'HTTPRoute' && (k.group === GROUP || k.group === ''))) {
        out.push({ gatewayRef: gateway.ref, listener: l.name, parentRefIndex, reason: 'NotAllowedByListeners', hostnames: [] });
        continue;
      }
      const from = l.allowedRoutes.from;
      const labels = namespaceLabels(route.meta.namespace);
      const allowed =
        from === 'All' ||
        (from === 'Same' && route.meta.namespace === gateway.object.meta.namespace) ||
        (from === 'Selector' && Object.entries(l.allowedRoutes.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v));
      const base = { gatewayRef: gateway.ref, listener: l.name, parentRefIndex };
      if (!allowed) {
        out.push({ ...base, reason: 'NotAllowedByListeners', hostnames: [] });
        continue;
      }
      const hostnames = intersectHostnames(l.hostname, route.hostnames);
      out.push(hostnames === undefined ? { ...base, reason: 'NoMatchingListenerHostname', hostnames: [] } : { ...base, reason: 'Accepted', hostnames });
    }
  });
  return out;
}

/** The cluster with these Gateways (programmed unless listed in `unprogrammed`), routes (in this order) and grants. */
export function withGatewayApi(
  cluster: Cluster,
  input: {
    gateways?: readonly GatewayObject[];
    routes?: readonly HTTPRouteObject[];
    grants?: readonly ReferenceGrantObject[];
    unprogrammed?: readonly string[];
  },
): Cluster {
  const gateways: ClusterGateway[] = (input.gateways ?? []).map((g) => {
    const ref = objectRef('gateway', g.meta.namespace, g.meta.name);
    const programmed = !(input.unprogrammed ?? []).includes(ref);
    return {
      ref,
      object: g,
      programmed,
      programmedReason: programmed ? 'Programmed' : `GatewayClass ${g.gatewayClassName} does not exist`,
      podRefs: programmed ? [objectRef('pod', g.meta.namespace, `${g.meta.name}-${g.gatewayClassName}-0`)] : [],
      implicit: true,
    };
  });
  const namespaceLabels = (ns: string): Labels => cluster.namespaces.find((n) => n.name === ns)?.labels ?? { 'kubernetes.io/metadata.name': ns };
  const httpRoutes: ClusterHttpRoute[] = (input.routes ?? []).map((r, order) => ({
    ref: objectRef('httproute', r.meta.namespace, r.meta.name),
    object: r,
    order,
    attachments: attach(r, gateways, namespaceLabels),
  }));
  return { ...cluster, gateways, httpRoutes, referenceGrants: input.grants ?? [] };
}
