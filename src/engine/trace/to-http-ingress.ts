/**
 * `http(s)://HOST/PATH` through the ingress controller: its load balancer (or a NodePort, or its
 * ClusterIP from inside), the Ingress rules, then the controller proxies to an endpoint pod. A
 * request to a name the cluster DNS answers stays inside (DNS → ClusterIP).
 */
import type { ClusterNode, ClusterPod, Hop, PacketHeader, PolicyPeer } from '../types';
import { isIPv4, type DestinationEndpoint } from './query';
import { resolveIngressRoute } from '../routing/ingress';
import { resolveDnsName } from '../routing/dns';
import { forwardToEndpoint } from './forward';
import { nodePortEgressAllowed, viaNodePort } from './to-nodeport';
import { viaLoadBalancer } from './to-loadbalancer';
import { toService } from './to-service';
import { toDns } from './to-dns';
import { toIp } from './to-ip';
import { deny, describePorts, findService, hostPort, readyEndpoints, type Client, type Delivered, type Outcome, type State } from './state';

/** The path of an absolute URL (`https://host/a/b` → `/a/b`). */
export function pathOfUrl(url: string): string | undefined {
  const m = /^[a-z]+:\/\/[^/]*(\/[^?#]*)?/i.exec(url);
  return m === null ? undefined : (m[1] ?? '/');
}

/**
 * An HTTP request from inside the cluster to a name the cluster DNS answers, or to an address
 * that belongs to the cluster: it never leaves the cluster. `curl
 * http://my-svc:8080/` in a pod asks kube-dns, then connects to the ClusterIP on the URL's port,
 * and kube-proxy DNATs to an endpoint. Undefined when the request leaves through the load balancer.
 */
export function toHttpInside(st: State, client: Client, d: Extract<DestinationEndpoint, { kind: 'http' }>, redirectsLeft: number): Outcome | undefined {
  const cluster = st.cluster;
  const front = cluster.ingressController?.serviceRef;
  const frontService = front !== undefined ? findService(cluster, front) : undefined;
  // The tutorial's <NodeIP>:<NodePort> on the ingress controller's Service, from anywhere: the
  // controller receives the request there and routes it by the Ingress rules.
  const node = cluster.nodes.find((n) => n.ip === d.host);
  if (node !== undefined && frontService !== undefined && frontService.ports.some((p) => p.nodePort === d.port && p.protocol === 'TCP')) {
    return toHttp(st, client, d, redirectsLeft, { kind: 'nodeport', node });
  }
  if (client.kind === 'external') return undefined;
  if (frontService !== undefined && frontService.clusterIP === d.host) return toHttp(st, client, d, redirectsLeft, { kind: 'clusterip' });
  const http = (o: Outcome, backend?: string): Outcome =>
    o.error !== undefined ? o : { ...o, ...(o.verdict === 'allow' ? { status: 200 } : {}), ...(backend !== undefined ? { backend } : {}) };
  if (isIPv4(d.host)) {
    const front = cluster.ingressController?.serviceRef;
    const frontIPs = front !== undefined ? (findService(cluster, front)?.loadBalancerIPs ?? []) : [];
    const belongs =
      cluster.lookups.podByIP[d.host] !== undefined ||
      cluster.lookups.serviceByClusterIP[d.host] !== undefined ||
      cluster.nodes.some((n) => n.ip === d.host) ||
      cluster.services.some((s) => s.type === 'LoadBalancer' && s.loadBalancerIPs.includes(d.host));
    if (!belongs || frontIPs.includes(d.host)) return undefined;
    const svcIdx = cluster.lookups.serviceByClusterIP[d.host];
    const svc = svcIdx !== undefined ? cluster.services[svcIdx] : undefined;
    const backend = svc !== undefined && svc.ports.some((p) => p.port === d.port && p.protocol === 'TCP') ? `${svc.ref}:${d.port}` : undefined;
    return http(toIp(st, client, { kind: 'ip', ip: d.host, port: d.port, protocol: 'TCP' }), backend);
  }
  const answer = resolveDnsName(cluster, d.host, client.pod?.namespace);
  if (answer.rcode !== 'NOERROR') return undefined;
  st.notes.push(`${d.host} is a name the cluster DNS answers (${answer.fqdn ?? d.host}): the request stays inside the cluster, it does not go out through the load balancer`);
  const svc = answer.kind === 'service' && answer.serviceRef !== undefined ? findService(cluster, answer.serviceRef) : undefined;
  const backend = svc !== undefined && svc.ports.some((p) => p.port === d.port && p.protocol === 'TCP') ? `${svc.ref}:${d.port}` : undefined;
  if (answer.serviceRef !== undefined && answer.serviceRef === front && answer.kind === 'service') {
    // The controller's own Service name: DNS, its ClusterIP, then the Ingress rules.
    return toDns(st, client, { kind: 'dns', name: d.host, port: d.port, protocol: 'TCP' }, () => toHttp(st, client, d, redirectsLeft, { kind: 'clusterip' }));
  }
  const out = toDns(st, client, { kind: 'dns', name: d.host, port: d.port, protocol: 'TCP' });
  // An ExternalName answer leaves the cluster: what answers there is not known.
  return answer.kind === 'external-name' ? out : http(out, backend);
}

/** How an HTTP request reaches the ingress controller: its load balancer, a node's NodePort, or its ClusterIP (from inside). */
export type HttpEntry = { readonly kind: 'loadbalancer' } | { readonly kind: 'nodeport'; readonly node: ClusterNode } | { readonly kind: 'clusterip' };

export function toHttp(
  st: State,
  client: Client,
  d: Extract<DestinationEndpoint, { kind: 'http' }>,
  redirectsLeft: number,
  entry: HttpEntry = { kind: 'loadbalancer' },
): Outcome {
  if (entry.kind === 'loadbalancer') {
    const inside = toHttpInside(st, client, d, redirectsLeft);
    if (inside !== undefined) return inside;
  }
  const ctrl = st.cluster.ingressController;
  const url = `${d.scheme}://${d.host}${(d.scheme === 'http' && d.port === 80) || (d.scheme === 'https' && d.port === 443) ? '' : `:${d.port}`}${d.path}`;
  if (ctrl === undefined) {
    st.hops.push({ kind: 'ingress-controller', ref: 'internet', verdict: 'drop', reason: `no ingress controller runs in this cluster: nothing answers ${url}`, at: 'internet' });
    return deny;
  }
  const service = ctrl.serviceRef !== undefined ? findService(st.cluster, ctrl.serviceRef) : undefined;
  if (service === undefined) {
    st.hops.push({ kind: 'ingress-controller', ref: ctrl.podRefs[0] ?? 'internet', verdict: 'drop', reason: 'the ingress controller has no Service to receive traffic from outside', at: 'internet' });
    return deny;
  }
  const sp = service.ports.find((p) => (entry.kind === 'nodeport' ? p.nodePort : p.port) === d.port && p.protocol === 'TCP');
  if (sp === undefined) {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason: `the ingress controller's Service listens on ${describePorts(service)}, not ${d.port}`,
      at: service.type === 'LoadBalancer' && service.loadBalancerIPs.length > 0 ? `loadbalancer/${service.namespace}/${service.name}` : service.ref,
    });
    return deny;
  }
  if (entry.kind === 'loadbalancer' && service.type !== 'LoadBalancer') {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason: `the ingress controller's Service ${service.namespace}/${service.name} is type ${service.type}: no external IP for ${d.host}; use nodeport/NODE:${sp.nodePort ?? 'PORT'}`,
      at: service.ref,
    });
    return deny;
  }
  const route = resolveIngressRoute(st.cluster, { scheme: d.scheme, host: d.host, path: d.path });
  const tlsNote =
    d.scheme === 'https'
      ? route.tls
        ? `, terminates TLS for ${d.host}`
        : `, serves ${d.host} with its default (fake) certificate: no spec.tls lists it`
      : '';
  const controllerHop = (pod: ClusterPod, header: PacketHeader): Hop => ({
    kind: 'ingress-controller',
    ref: pod.ref,
    verdict: 'pass',
    reason: `ingress-nginx (${pod.namespace}/${pod.name}) receives ${d.scheme.toUpperCase()} for ${d.host}${tlsNote} and routes by host and path`,
    at: pod.ref,
    before: header,
  });
  let entered: { outcome: Outcome; pod?: ClusterPod; accepted: boolean };
  if (entry.kind === 'nodeport') {
    const header: PacketHeader = { srcIP: client.ip, dstIP: entry.node.ip, dstPort: d.port, protocol: 'TCP' };
    entered = nodePortEgressAllowed(st, client, entry.node, service, sp, header)
      ? viaNodePort(st, client, service, sp, entry.node, header, controllerHop)
      : { outcome: deny, accepted: false };
  } else if (entry.kind === 'clusterip') {
    const delivered: Delivered = { accepted: false };
    const outcome = toService(st, client, service.namespace, service.name, sp.port, 'TCP', controllerHop, delivered);
    entered = { outcome, ...(delivered.pod !== undefined ? { pod: delivered.pod } : {}), accepted: delivered.accepted };
  } else entered = viaLoadBalancer(st, client, service, sp, controllerHop, true); // the other nodes count only when the controller does not take it
  const ctrlPod = entered.pod;
  if (!entered.accepted || ctrlPod === undefined || ctrlPod.ip === undefined || ctrlPod.nodeName === undefined) {
    return { verdict: 'deny', blocked: entered.outcome.blocked ?? [] };
  }
  for (const a of route.notSimulated) {
    const note = `annotation ${a} is not simulated`;
    if (!st.notes.includes(note)) st.notes.push(note);
  }
  const reason = route.reasons.join('; ');
  const ingressAt = route.ingress ?? ctrlPod.ref;
  switch (route.outcome) {
    case 'no-controller':
      return deny;
    case 'redirect': {
      st.hops.push({ kind: 'ingress', ref: ingressAt, verdict: 'pass', reason, at: ingressAt });
      const status = route.status ?? 308;
      if (redirectsLeft > 0 && route.location !== undefined) {
        st.notes.push(`the controller answered ${status} → ${route.location}; the client follows it`);
        // 308: the same path over https; 301 (trailing slash): the new path, same scheme and port.
        const next = status === 308 ? { ...d, scheme: 'https' as const, port: 443 } : { ...d, path: pathOfUrl(route.location) ?? d.path };
        // A 308 moves to https on 443, which a NodePort entry does not listen on: the client asks again by name.
        return toHttp(st, client, next, redirectsLeft - 1, status === 308 && entry.kind === 'nodeport' ? { kind: 'loadbalancer' } : entry);
      }
      return { verdict: 'allow', status };
    }
    case 'not-found':
      st.hops.push({ kind: 'ingress', ref: ingressAt, verdict: 'pass', reason, at: ingressAt });
      return { verdict: 'allow', status: 404 };
    case 'resource':
      st.hops.push({ kind: 'ingress', ref: ingressAt, verdict: 'pass', reason, at: ingressAt });
      return { verdict: 'allow', status: 404 };
    case 'backend':
      break;
  }
  const target = route.service!;
  const backend = target.port !== undefined ? `${target.ref}:${target.port}` : undefined;
  const withBackend = (o: Outcome): Outcome => ({ ...o, ...(backend !== undefined ? { backend } : {}) });
  st.hops.push({
    kind: 'ingress',
    ref: ingressAt,
    verdict: 'pass',
    reason: `${reason} → ${target.ref.replace(/^service\//, 'Service ')}:${target.port ?? target.portName ?? '?'}`,
    at: ingressAt,
  });
  if (route.status === 503) return withBackend({ verdict: 'allow', status: 503 });
  const svc = findService(st.cluster, target.ref)!;
  const svcPort = svc.ports.find((p) => p.port === target.port);
  if (svc.type === 'ExternalName' || svcPort === undefined) {
    st.hops.push({ kind: 'service', ref: svc.ref, verdict: 'drop', reason: `ExternalName backends (proxying to ${svc.externalName ?? '?'}) are not simulated`, at: svc.ref });
    return withBackend(deny);
  }
  const eps = readyEndpoints(svc, svcPort);
  if (eps.length === 0) {
    st.hops.push({
      kind: 'service',
      ref: svc.ref,
      verdict: 'drop',
      reason: `Service ${svc.namespace}/${svc.name} has no ready endpoints for port ${svcPort.port}: ingress-nginx answers 503 Service Temporarily Unavailable`,
      at: svc.ref,
    });
    return withBackend({ verdict: 'allow', status: 503 });
  }
  const srcPeer: PolicyPeer = { kind: 'pod', podRef: ctrlPod.ref };
  // ingress-nginx sends to the endpoints' pod IPs itself, not through the Service's ClusterIP.
  const ctrlIP = ctrlPod.ip;
  const { accepted, blocked } = forwardToEndpoint(st, {
    srcPeer,
    fromNode: { nodeName: ctrlPod.nodeName, ip: ctrlIP },
    endpoints: eps,
    clientIP: ctrlIP,
    sessionAffinity: svc.sessionAffinity,
    balancer: 'ingress-nginx',
    viaService: false,
    choiceHop: (picked, note) => {
      const header: PacketHeader = { srcIP: ctrlIP, dstIP: picked.ip, dstPort: picked.port, protocol: picked.protocol };
      const hop: Hop = {
        kind: 'service',
        ref: svc.ref,
        verdict: 'pass',
        reason: `port ${svcPort.port} → targetPort ${svcPort.targetPort}; ${eps.length} ready endpoint${eps.length === 1 ? '' : 's'}; ingress-nginx proxies to an endpoint itself (${hostPort(picked.ip, picked.port)}), not through the ClusterIP, so kube-proxy is not involved${route.backendPath !== d.path ? `; the backend sees path ${route.backendPath}` : ''}${note !== undefined ? `; ${note}` : ''}`,
        at: svc.ref,
        after: header,
      };
      return { hop, header };
    },
  });
  // The path the backend receives, when rewrite-target changed it (without a rewrite the answer stays as it always was).
  const rewritten = route.backendPath !== d.path ? route.backendPath : undefined;
  return withBackend({
    verdict: accepted.length > 0 ? 'allow' : 'deny',
    ...(accepted.length > 0 ? { status: 200 } : {}),
    ...(accepted.length > 0 && rewritten !== undefined ? { backendPath: rewritten } : {}),
    endpoints: accepted,
    blocked,
  });
}

