/**
 * `http(s)://HOST/PATH` through a Gateway: the client → the Gateway's LoadBalancer → a node's
 * NodePort → the data-plane pod (`gateway` hop: the listener that took the request) → the
 * HTTPRoute rule that won (`route` hop: which rule, which match, what it beat and why) → the
 * data-plane pod proxies to an endpoint of the chosen backendRef on its targetPort (no
 * kube-proxy), with its own pod IP as the source, so the backend's NetworkPolicies and the
 * cluster policies judge the data-plane pod.
 *
 * The routing decision itself is `resolveGatewayRoute` (src/engine/gateway); this module turns
 * it into hops and hands the last stretch to the shared `forwardToEndpoint`.
 */
import type { ClusterGateway, ClusterPod, Hop, HttpRequestView, PacketHeader, PolicyPeer } from '../types';
import { gatewayRouter, type GatewayHttpRequest, type GatewayRoute, type ResolvedBackendRef } from '../gateway/route-request';
import { classify, forwardToEndpoint } from './forward';
import { viaLoadBalancer } from './to-loadbalancer';
import { deny, describePorts, findService, podName, type Client, type Outcome, type State } from './state';

/** Seeds tried, without a seed in the query, to find a backendRef of a split that serves the request. */
const SPLIT_SEEDS_TRIED = 32;

/** `NS/NAME` of a `KIND/NS/NAME` ref. */
function nameOf(ref: string): string {
  return ref.split('/').slice(1).join('/');
}

function urlOf(request: GatewayHttpRequest): string {
  const defaultPort = (request.scheme === 'http' && request.port === 80) || (request.scheme === 'https' && request.port === 443);
  return `${request.scheme}://${request.host}${defaultPort ? '' : `:${request.port}`}${request.path}`;
}

function requestView(request: GatewayHttpRequest, host: string, rewrittenPath?: string): HttpRequestView {
  return {
    method: request.method,
    host,
    path: request.path,
    ...(rewrittenPath !== undefined && rewrittenPath !== request.path ? { rewrittenPath } : {}),
  };
}

/** The `route` hop's reason: the winning rule and match, and each rule it beat with why. */
function explainWinner(route: GatewayRoute): string {
  const w = route.winner!;
  const rule = `${w.routeRef} rule ${w.rule}${w.ruleName !== '' ? ` (${w.ruleName})` : ''}`;
  const match = w.implicitMatch ? 'no matches (PathPrefix /)' : `match ${w.match}: ${w.pathType} ${w.pathValue}`;
  const host = w.hostname !== '' ? ` for hostname ${w.hostname}` : '';
  const beat = route.beat.map((b) => `${b.routeRef} rule ${b.rule}${b.implicitMatch ? '' : ` (${b.pathType} ${b.pathValue})`}: ${b.reason}`);
  const order = 'precedence: hostname, Exact path, longest PathPrefix, method, headers, query params, oldest route, namespace/name, rule order';
  return `${rule} wins with ${match}${host}${beat.length > 0 ? `; it beat ${beat.join('; ')} (${order})` : '; no other rule matches'}`;
}

/** The backendRefs that take traffic (weight > 0). */
function sharing(route: GatewayRoute): readonly ResolvedBackendRef[] {
  return route.backends.filter((b) => b.share > 0);
}

/**
 * One HTTP request through `gateway` (already chosen: by `via` or by host). The LoadBalancer
 * and NodePort stretch is the shared one; the Gateway answers 404, 421, 3xx, 500 and 503 itself.
 */
export function toHttpGateway(st: State, client: Client, gateway: ClusterGateway, request: GatewayHttpRequest): Outcome {
  const router = gatewayRouter(st.cluster, gateway.ref, request);
  let route = router.route(st.seed);
  const url = urlOf(request);
  const gwName = nameOf(gateway.ref);
  if (route.outcome === 'not-programmed' || route.outcome === 'no-gateway') {
    st.hops.push({ kind: 'gateway', ref: gateway.ref, verdict: 'drop', reason: `${route.reasons.join('; ')}: the Gateway has no address, nothing answers ${url}`, at: gateway.ref });
    return deny;
  }
  const service = gateway.serviceRef !== undefined ? findService(st.cluster, gateway.serviceRef) : undefined;
  if (service === undefined || gateway.podRefs.length === 0) {
    st.hops.push({ kind: 'gateway', ref: gateway.ref, verdict: 'drop', reason: `Gateway ${gwName} has no data plane with a LoadBalancer Service: nothing receives ${url}`, at: gateway.ref });
    return deny;
  }
  const lbAt = service.loadBalancerIPs.length > 0 ? `loadbalancer/${service.namespace}/${service.name}` : service.ref;
  if (route.outcome === 'no-listener') {
    st.hops.push({ kind: 'loadbalancer', ref: service.ref, verdict: 'drop', reason: `${route.reasons.join('; ')} (the Gateway's Service listens on ${describePorts(service)})`, at: lbAt });
    return deny;
  }
  const sp = service.ports.find((p) => p.port === request.port && p.protocol === 'TCP');
  if (sp === undefined) {
    st.hops.push({ kind: 'loadbalancer', ref: service.ref, verdict: 'drop', reason: `the Gateway's Service ${service.namespace}/${service.name} listens on ${describePorts(service)}, not ${request.port}`, at: lbAt });
    return deny;
  }
  if (service.type !== 'LoadBalancer') {
    st.hops.push({ kind: 'loadbalancer', ref: service.ref, verdict: 'drop', reason: `the Gateway's Service ${service.namespace}/${service.name} is type ${service.type}: no external IP for ${request.host}`, at: service.ref });
    return deny;
  }

  const listener = route.listener;
  const listenerAnswers = route.outcome === 'no-listener-hostname' || route.outcome === 'misdirected';
  const gatewayHop = (pod: ClusterPod, header: PacketHeader): Hop => ({
    kind: 'gateway',
    ref: gateway.ref,
    verdict: listenerAnswers ? 'drop' : 'pass',
    reason: listenerAnswers
      ? `Gateway ${gwName} (data plane ${podName(pod.ref)}): ${route.reasons.join('; ')}`
      : `Gateway ${gwName} (data plane ${podName(pod.ref)}) receives ${request.method} ${url}: ${route.reasons[0] ?? ''}`,
    ...(listener !== undefined ? { listener: listener.listener } : {}),
    pod: pod.ref,
    request: requestView(request, route.host),
    at: gateway.ref,
    before: header,
  });
  // The outcome of the other nodes only counts when the data plane does not take the request.
  const entered = viaLoadBalancer(st, client, service, sp, gatewayHop, true);
  const dataPlane = entered.pod;
  if (!entered.accepted || dataPlane === undefined || dataPlane.ip === undefined || dataPlane.nodeName === undefined) {
    return { verdict: 'deny', blocked: entered.outcome.blocked ?? [] };
  }
  for (const f of route.notSimulated) {
    const note = `filter ${f} is not simulated`;
    if (!st.notes.includes(note)) st.notes.push(note);
  }
  if (listenerAnswers) return { verdict: 'allow', ...(route.status !== undefined ? { status: route.status } : {}) };

  const routeAt = route.winner?.routeRef ?? gateway.ref;
  if (route.outcome === 'no-route' || route.winner === undefined) {
    st.hops.push({
      kind: 'route',
      ref: gateway.ref,
      verdict: 'drop',
      reason: `${route.reasons.slice(1).join('; ')}${route.routesConsidered.length > 0 ? ` (routes considered: ${route.routesConsidered.join(', ')})` : ''}`,
      request: requestView(request, route.host),
      at: gateway.ref,
    });
    return { verdict: 'allow', status: route.status ?? 404 };
  }
  const routeHop = (verdict: 'pass' | 'drop', extra: string): Hop => ({
    kind: 'route',
    ref: route.winner!.routeRef,
    verdict,
    reason: `${explainWinner(route)}${extra}`,
    rule: route.winner!.rule,
    match: route.winner!.match,
    request: requestView(request, route.host, route.backendPath),
    at: routeAt,
  });

  if (route.outcome === 'redirect') {
    st.hops.push(routeHop('pass', `; RequestRedirect: the Gateway answers ${route.status ?? 302} with Location ${route.location ?? '?'} (not followed)`));
    return { verdict: 'allow', ...(route.status !== undefined ? { status: route.status } : {}), ...(route.location !== undefined ? { location: route.location } : {}) };
  }

  const srcPeer: PolicyPeer = { kind: 'pod', podRef: dataPlane.ref };
  const takers = sharing(route);
  const split = takers.length > 1;
  let splitNote = '';
  if (split && !st.seeded) {
    // Without a seed, follow a backendRef through which the request is served, as for endpoints.
    // Every seed picks among the same backendRefs: judge each backendRef once, and build the
    // route only for the seed that is followed.
    const backends = route.backends;
    const servedBy = new Map<number, boolean>();
    const serves = (chosen: number | undefined): boolean => {
      if (chosen === undefined) return false;
      const known = servedBy.get(chosen);
      if (known !== undefined) return known;
      const b = backends[chosen];
      const answer = b !== undefined && b.problem === undefined && classify(st, srcPeer, b.endpoints.filter((e) => e.ready), false).accepted.length > 0;
      servedBy.set(chosen, answer);
      return answer;
    };
    if (!serves(route.chosen)) {
      for (let seed = 1; seed <= SPLIT_SEEDS_TRIED; seed++) {
        if (serves(router.chosen(seed))) {
          route = router.route(seed);
          splitNote = `; the Gateway may send the request to any of ${takers.length} backendRefs by weight: following one that serves it`;
          break;
        }
      }
    }
  }
  const picked = route.chosen !== undefined ? route.backends[route.chosen] : undefined;
  const backend = !split && picked !== undefined && picked.problem === undefined && picked.port !== undefined ? `${picked.ref}:${picked.port}` : undefined;
  const withBackend = (o: Outcome): Outcome => ({ ...o, ...(backend !== undefined ? { backend } : {}) });
  if (picked === undefined) {
    // No backendRefs (and no filter that answers), or every weight 0: the Gateway answers 500.
    st.hops.push(routeHop('drop', `; ${route.reasons[route.reasons.length - 1] ?? '500'}`));
    return { verdict: 'allow', status: route.status ?? 500 };
  }
  const shareText = split ? ` (backendRef ${picked.index}, share ${Math.round(picked.share * 1000) / 10}% of ${takers.length}${st.seeded ? `, seed ${st.seed}` : ''})` : '';
  st.hops.push(routeHop('pass', `; to ${picked.ref}${picked.port !== undefined ? `:${picked.port}` : ''}${shareText}${splitNote}`));
  if (picked.problem !== undefined) {
    st.hops.push({ kind: 'service', ref: picked.ref, verdict: 'drop', reason: `backendRef ${picked.index} is invalid (${picked.problem}: ${picked.problemMessage ?? ''}): the Gateway answers 500 for its share`, at: picked.ref });
    return withBackend({ verdict: 'allow', status: 500 });
  }
  const svc = findService(st.cluster, picked.ref);
  const svcPort = svc?.ports.find((p) => p.port === picked.port && p.protocol === 'TCP');
  const ready = picked.endpoints.filter((e) => e.ready);
  if (svc === undefined || svcPort === undefined || ready.length === 0) {
    st.hops.push({ kind: 'service', ref: picked.ref, verdict: 'drop', reason: `Service ${nameOf(picked.ref)} has no ready endpoints for port ${picked.port ?? '?'}: the Gateway answers 503`, at: picked.ref });
    return withBackend({ verdict: 'allow', status: 503 });
  }

  const dpIP = dataPlane.ip;
  const rewrite = route.backendPath !== undefined && route.backendPath !== request.path ? `; the backend receives ${route.backendHost ?? route.host}${route.backendPath}` : '';
  const forwarded = forwardToEndpoint(st, {
    srcPeer,
    fromNode: { nodeName: dataPlane.nodeName, ip: dpIP },
    endpoints: ready,
    clientIP: dpIP,
    sessionAffinity: svc.sessionAffinity,
    balancer: `the Gateway's data plane`,
    viaService: false,
    choiceHop: (e, note) => {
      const header: PacketHeader = { srcIP: dpIP, dstIP: e.ip, dstPort: e.port, protocol: e.protocol };
      const hop: Hop = {
        kind: 'service',
        ref: svc.ref,
        verdict: 'pass',
        reason: `port ${svcPort.port} → targetPort ${svcPort.targetPort}; ${ready.length} ready endpoint${ready.length === 1 ? '' : 's'}; the data plane ${podName(dataPlane.ref)} proxies to an endpoint itself (${e.ip}:${e.port}), not through the ClusterIP, so kube-proxy is not involved${rewrite}${note !== undefined ? `; ${note}` : ''}`,
        at: svc.ref,
        after: header,
      };
      return { hop, header };
    },
  });
  let { accepted, blocked } = forwarded;
  if (split) {
    // Any backendRef with a share can serve the request: every pod of every one of them counts.
    accepted = [...accepted];
    blocked = [...blocked];
    for (const other of takers) {
      if (other === picked || other.problem !== undefined) continue;
      const c = classify(st, srcPeer, other.endpoints.filter((e) => e.ready), false);
      accepted.push(...c.accepted);
      blocked.push(...c.blocked);
    }
  }
  // As for ingress-nginx: the answer is 200 when a pod that could serve the request accepts it.
  const served = accepted.length > 0;
  return withBackend({
    verdict: served ? 'allow' : 'deny',
    ...(served ? { status: 200 } : {}),
    ...(served && route.backendPath !== undefined ? { backendPath: route.backendPath } : {}),
    endpoints: accepted,
    blocked,
  });
}
