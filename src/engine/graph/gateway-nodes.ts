/**
 * The Gateway API on the graph, beside the Ingress path: each Gateway in the proxy tier (its
 * listeners on the card, its data plane and address in the details), each HTTPRoute in the
 * route tier (its rules in the details), and the edges a request can take: the Gateway's load
 * balancer → the Gateway → the HTTPRoutes attached to its listeners → their backend Services
 * (labelled with the rule's path match, and the weight share when a rule splits traffic).
 */
import type {
  Cluster,
  ClusterGateway,
  ClusterHttpRoute,
  GatewayListener,
  GraphEdge,
  GraphNode,
  HTTPBackendRef,
  HTTPPathModifier,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteRule,
} from '../types';
import { objectRef } from '../refs';
import { GRAPH_TIERS } from './graph-tiers';

type AddEdge = (source: string, target: string, kind: GraphEdge['kind'], label?: string) => void;

/** `HTTP 80`, `HTTPS 443 shop.example.com`. */
function listenerText(l: GatewayListener): string {
  return `${l.protocol} ${l.port}${l.hostname !== undefined ? ` ${l.hostname}` : ''}`;
}

/** A listener in full: name, protocol, port, host, TLS and which routes it admits. */
function listenerDetail(l: GatewayListener): string {
  const tls = l.tls !== undefined ? `, TLS ${l.tls.mode}` : '';
  const from = `routes from ${l.allowedRoutes.from === 'Same' ? 'this namespace' : l.allowedRoutes.from === 'All' ? 'all namespaces' : 'selected namespaces'}`;
  return `${l.name}: ${l.protocol} ${l.port} ${l.hostname ?? '*'}${tls} (${from})`;
}

/** A path match as an edge says it: `/api` (prefix), `=/api` (exact), `~/a.*` (regex). */
function shortPath(m: HTTPRouteMatch): string {
  const mark = m.path.type === 'Exact' ? '=' : m.path.type === 'RegularExpression' ? '~' : '';
  return `${m.method !== undefined ? `${m.method} ` : ''}${mark}${m.path.value}`;
}

/** A match in full: method, path with its type, headers, query params (fields of a match AND). */
function matchText(m: HTTPRouteMatch): string {
  // Concatenated, not parts joined: this runs for every match of every route on each analysis.
  let text = `${m.method !== undefined ? `${m.method} ` : ''}${m.path.type} ${m.path.value}`;
  for (const h of m.headers) text += ` and header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`;
  for (const q of m.queryParams) text += ` and query ${q.name}${q.type === 'Exact' ? '=' : '~'}${q.value}`;
  return text;
}

function pathModifierText(p: HTTPPathModifier): string {
  return p.type === 'ReplaceFullPath' ? `path → ${p.replaceFullPath ?? ''}` : `path prefix → ${p.replacePrefixMatch ?? ''}`;
}

/** `redirect 301 (scheme https, path prefix → /new)`, `rewrite (host a.example, path → /)`. */
function filterText(f: HTTPRouteFilter): string {
  if (f.type === 'Other') return `${f.name} (not simulated)`;
  let parts: string | undefined;
  const add = (part: string): void => {
    parts = parts === undefined ? part : `${parts}, ${part}`;
  };
  if (f.type === 'RequestRedirect' && f.scheme !== undefined) add(`scheme ${f.scheme}`);
  if (f.hostname !== undefined) add(`host ${f.hostname}`);
  if (f.type === 'RequestRedirect' && f.port !== undefined) add(`port ${f.port}`);
  if (f.path !== undefined) add(pathModifierText(f.path));
  const what = f.type === 'RequestRedirect' ? `redirect ${f.statusCode}` : 'rewrite';
  return parts !== undefined ? `${what} (${parts})` : what;
}

/** A ref's share of its rule's traffic in percent, when the rule splits it over several refs. */
function sharePercent(rule: HTTPRouteRule, ref: HTTPBackendRef): number | undefined {
  if (rule.backendRefs.length < 2) return undefined;
  let total = 0;
  for (const r of rule.backendRefs) total += r.weight;
  return total === 0 ? 0 : Math.round((100 * ref.weight) / total);
}

function ruleText(rule: HTTPRouteRule, namespace: string, problems: ReadonlyMap<HTTPBackendRef, string> | undefined): string {
  // Concatenated, not mapped and joined: this runs for every rule of every route on each analysis.
  let matches = rule.matches.length > 0 ? '' : 'PathPrefix /';
  rule.matches.forEach((m, i) => {
    matches = i === 0 ? matchText(m) : `${matches} or ${matchText(m)}`;
  });
  let actions: string | undefined;
  const add = (action: string): void => {
    actions = actions === undefined ? action : `${actions}, ${action}`;
  };
  for (const f of rule.filters) add(filterText(f));
  for (const r of rule.backendRefs) {
    const where = r.namespace !== undefined && r.namespace !== namespace ? `${r.namespace}/` : '';
    const port = r.port !== undefined ? `:${r.port}` : '';
    const share = sharePercent(rule, r);
    const weight = share !== undefined ? ` weight ${r.weight} (${share}%)` : '';
    const problem = problems?.get(r);
    add(`${where}${r.name}${port}${weight}${problem !== undefined ? ` [${problem}]` : ''}`);
  }
  return `${rule.name !== '' ? `${rule.name}: ` : ''}${matches} → ${actions ?? 'nothing (500)'}`;
}

/**
 * Gateway and HTTPRoute nodes and their edges. `serviceIds` holds the Services on the graph;
 * `podIds` the pods. Edges from the Gateways' load balancers are drawn by the caller (it knows
 * which load balancer fronts a Gateway from `gatewayByService`).
 */
export function buildGatewayNodes(cluster: Cluster, serviceIds: ReadonlySet<string>, podIds: ReadonlySet<string>, addEdge: AddEdge): GraphNode[] {
  const nodes: GraphNode[] = [];
  const serviceIndex = cluster.lookups.serviceByRef;
  for (const gw of cluster.gateways) nodes.push(gatewayNode(cluster, gw, serviceIndex, podIds, addEdge));
  const gatewayIds = new Set(cluster.gateways.map((g) => g.ref));
  const hostOfListener = listenerHostnames(cluster);
  for (const route of cluster.httpRoutes) nodes.push(routeNode(route, gatewayIds, hostOfListener, serviceIds, addEdge));
  return nodes;
}

/** The keys `rule 0`, `rule 1`, ... of a route's details, made once (not a fresh string per route and rule). */
const RULE_KEYS: string[] = [];

function ruleKey(k: number): string {
  let key = RULE_KEYS[k];
  if (key === undefined) RULE_KEYS[k] = key = `rule ${k}`;
  return key;
}

/** Each Gateway's listener hostnames by listener name (the first listener of a name, as `find` would). */
function listenerHostnames(cluster: Cluster): ReadonlyMap<string, ReadonlyMap<string, string | undefined>> {
  const out = new Map<string, Map<string, string | undefined>>();
  for (const g of cluster.gateways) {
    if (out.has(g.ref)) continue;
    const byName = new Map<string, string | undefined>();
    for (const l of g.object.listeners) if (!byName.has(l.name)) byName.set(l.name, l.hostname);
    out.set(g.ref, byName);
  }
  return out;
}

function gatewayNode(cluster: Cluster, gw: ClusterGateway, serviceIndex: Readonly<Record<string, number>>, podIds: ReadonlySet<string>, addEdge: AddEdge): GraphNode {
  const { meta, listeners, gatewayClassName } = gw.object;
  const i = gw.serviceRef !== undefined ? serviceIndex[gw.serviceRef] : undefined;
  const svc = i !== undefined ? cluster.services[i] : undefined;
  const pods = gw.podRefs.map((ref) => ref.slice(ref.lastIndexOf('/') + 1));
  const details: Record<string, string> = {
    class: gatewayClassName,
    programmed: gw.programmed ? 'yes' : `no: ${gw.programmedReason}`,
    listeners: listeners
      .map((l) => {
        const bad = gw.invalidListeners?.find((x) => x.listener === l.name);
        return `${listenerDetail(l)}${bad !== undefined ? ` [not programmed: ${bad.reason}]` : ''}`;
      })
      .join('; '),
  };
  if (gw.programmed) {
    details['address'] = svc === undefined ? '(none)' : svc.loadBalancerIPs.length > 0 ? svc.loadBalancerIPs.join(', ') : '<pending>';
    details['data plane'] = `${pods.join(', ') || '(no pods)'}${gw.implicit ? ' (implicit: added by the engine, no pod is labelled gateway.networking.k8s.io/gateway-name)' : ''}`;
    if (gw.serviceRef !== undefined) details['service'] = gw.serviceRef;
  }
  // Explicit data-plane pods are the user's: the edge says what they are. An implicit data plane
  // is the engine's (its pods and Service are drawn dashed, as the implicit ingress controller).
  if (!gw.implicit) for (const podRef of gw.podRefs) if (podIds.has(podRef)) addEdge(gw.ref, podRef, 'selects', 'data plane');
  return {
    id: gw.ref,
    kind: 'gateway',
    label: meta.name,
    sublabel: listeners.map(listenerText).join(' · '),
    tier: GRAPH_TIERS.proxy,
    namespace: meta.namespace,
    implicit: meta.source === undefined,
    status: gw.programmed ? 'ok' : 'warning',
    details,
    ...(meta.source !== undefined ? { source: meta.source } : {}),
  };
}

function routeNode(
  route: ClusterHttpRoute,
  gatewayIds: ReadonlySet<string>,
  hostOfListener: ReadonlyMap<string, ReadonlyMap<string, string | undefined>>,
  serviceIds: ReadonlySet<string>,
  addEdge: AddEdge,
): GraphNode {
  const { meta, hostnames, rules } = route.object;
  const namespace = meta.namespace;
  const accepted = route.attachments.filter((a) => a.reason === 'Accepted');
  const listenersByGateway = new Map<string, string[]>();
  for (const a of accepted) {
    const list = listenersByGateway.get(a.gatewayRef);
    if (list === undefined) listenersByGateway.set(a.gatewayRef, [a.listener]);
    else if (!list.includes(a.listener)) list.push(a.listener);
  }
  for (const [gatewayRef, listeners] of listenersByGateway) if (gatewayIds.has(gatewayRef)) addEdge(gatewayRef, route.ref, 'routes', listeners.join(', '));

  // Backends: one edge per Service, labelled with each rule's path matches (and share). The
  // refs the cluster stage found invalid (ResolvedRefs) carry no traffic: no edge, the reason.
  let problems: Map<HTTPBackendRef, string> | undefined;
  for (const bad of route.invalidBackendRefs ?? []) {
    const ref = rules[bad.rule]?.backendRefs[bad.backendRef];
    if (ref !== undefined) (problems ??= new Map<HTTPBackendRef, string>()).set(ref, bad.reason);
  }
  const labels = new Map<string, string[]>();
  for (const rule of rules) {
    if (rule.backendRefs.length === 0) continue;
    let paths = rule.matches.length > 0 ? '' : '/';
    rule.matches.forEach((m, i) => {
      paths = i === 0 ? shortPath(m) : `${paths}, ${shortPath(m)}`;
    });
    for (const ref of rule.backendRefs) {
      if (problems?.has(ref) === true || ref.weight === 0) continue;
      const svcRef = objectRef('service', ref.namespace ?? namespace, ref.name);
      if (!serviceIds.has(svcRef)) continue;
      const share = sharePercent(rule, ref);
      const label = share !== undefined ? `${paths} ${share}%` : paths;
      const list = labels.get(svcRef);
      if (list === undefined) labels.set(svcRef, [label]);
      else if (!list.includes(label)) list.push(label);
    }
  }
  for (const [svcRef, list] of labels) addEdge(route.ref, svcRef, 'routes', list.join(', '));

  const details: Record<string, string> = { hostnames: hostnames.length > 0 ? hostnames.join(', ') : '(none: the listeners’)' };
  details['attached'] =
    accepted.length > 0
      ? [...listenersByGateway].map(([g, ls]) => `${g} (${ls.join(', ')})`).join('; ')
      : `no: ${notAttachedText(route)}`;
  rules.forEach((rule, k) => {
    details[ruleKey(k)] = ruleText(rule, namespace, problems);
  });
  return {
    id: route.ref,
    kind: 'httproute',
    label: meta.name,
    sublabel: servedHosts(hostOfListener, route).join(', '),
    tier: GRAPH_TIERS.route,
    namespace,
    implicit: meta.source === undefined,
    status: accepted.length > 0 ? 'ok' : 'warning',
    details,
    ...(meta.source !== undefined ? { source: meta.source } : {}),
  };
}

/**
 * The hosts a route serves: per listener it is attached to, its hostnames that intersect the
 * listener's, or the listener's own when it names none (`*`: any host). Not attached: as written.
 */
function servedHosts(hostOfListener: ReadonlyMap<string, ReadonlyMap<string, string | undefined>>, route: ClusterHttpRoute): string[] {
  const hosts = new Set<string>();
  for (const a of route.attachments) {
    if (a.reason !== 'Accepted') continue;
    if (a.hostnames.length > 0) {
      for (const h of a.hostnames) hosts.add(h);
      continue;
    }
    hosts.add(hostOfListener.get(a.gatewayRef)?.get(a.listener) ?? '*');
  }
  if (hosts.size === 0) for (const h of route.object.hostnames) hosts.add(h);
  return hosts.size > 0 ? [...hosts] : ['*'];
}

/** Why a route is attached nowhere, per parent: `NotAllowedByListeners (gateway/default/gw: http)`. */
function notAttachedText(route: ClusterHttpRoute): string {
  if (route.attachments.length === 0) {
    return route.object.parentRefs.length === 0 ? 'no parentRefs' : `NoMatchingParent (${route.object.parentRefs.map((p) => `${p.namespace ?? route.object.meta.namespace}/${p.name}`).join(', ')})`;
  }
  const byReason = new Map<string, string[]>();
  for (const a of route.attachments) {
    const where = a.listener !== '' ? `${a.gatewayRef}: ${a.listener}` : a.gatewayRef;
    const list = byReason.get(a.reason);
    if (list === undefined) byReason.set(a.reason, [where]);
    else if (!list.includes(where)) list.push(where);
  }
  return [...byReason].map(([reason, where]) => `${reason} (${where.join(', ')})`).join('; ');
}
