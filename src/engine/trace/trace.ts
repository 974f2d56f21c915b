/**
 * Hop-by-hop traces: one query (`--from`, `--to` as cli.md spells them) → the hops a packet
 * takes, with the addresses before and after each rewrite, and where it is dropped.
 *
 * Order of travel follows the data path: client → (cloud load balancer → node: kube-proxy
 * NodePort) → ingress controller pod → Ingress rule → Service → kube-proxy DNAT → egress
 * policy of the sender → CNI (veth/bridge, overlay) → ingress policy of the receiver → pod.
 * Policies see pod IPs after DNAT (Kubernetes docs, network-policies: "cluster ingress and
 * egress mechanisms often require rewriting the source or destination IP").
 *
 * One module per destination kind (`to-pod`, `to-service`, `to-nodeport`, `to-loadbalancer`,
 * `to-http-ingress`, `to-http-gateway` (which of the two: `http-entry`), `to-dns`, `to-ip`,
 * `to-external`) says how the packet reaches the endpoints; all of them end in the one shared `forwardToEndpoint` (forward.ts): endpoints →
 * the one picked for the seed → policy, node and CNI hops → delivered or dropped.
 */
import type { Cluster, Hop, PacketHeader, Query, Trace } from '../types';
import { objectRef } from '../refs';
import { parseDestination, parseSource, type DestinationEndpoint, type PortSpec } from './query';
import { cniPlugin } from '../cni-plugins';
import { resolveClient } from './client';
import { findNode, findPod, findService, type Client, type Outcome, type State } from './state';
import { toPod } from './to-pod';
import { toService } from './to-service';
import { toNodePort } from './to-nodeport';
import { toLoadBalancer } from './to-loadbalancer';
import { resolveHttpEntry, toHttpRequest, type HttpEntryPoint } from './http-entry';
import { toDns } from './to-dns';
import { toIp } from './to-ip';

export { INTERNET_CLIENT_IP } from './state';

// ---------------------------------------------------------------------------

function uniqSorted(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

/**
 * The packet as the client sends it, before anything rewrites it: for the hops that happen
 * before any address is known (a Pending source, a `<pending>` LoadBalancer, a missing controller).
 */
function intendedHeader(cluster: Cluster, client: Client, dst: Exclude<DestinationEndpoint, { kind: 'error' }>, entry?: HttpEntryPoint): PacketHeader {
  const srcIP = client.ip !== '' ? client.ip : '<none>';
  const num = (p: PortSpec): number => (typeof p === 'number' ? p : 0);
  switch (dst.kind) {
    case 'pod':
      return { srcIP, dstIP: findPod(cluster, objectRef('pod', dst.namespace, dst.name))?.ip ?? '<none>', dstPort: num(dst.port), protocol: dst.protocol };
    case 'service': {
      const svc = findService(cluster, objectRef('service', dst.namespace, dst.name));
      return { srcIP, dstIP: svc?.clusterIP ?? '<none>', dstPort: num(dst.port), protocol: dst.protocol };
    }
    case 'loadbalancer': {
      const svc = findService(cluster, objectRef('service', dst.namespace, dst.name));
      return { srcIP, dstIP: svc?.loadBalancerIPs[0] ?? '<pending>', dstPort: num(dst.port), protocol: dst.protocol };
    }
    case 'nodeport':
      return { srcIP, dstIP: findNode(cluster, dst.node)?.ip ?? '<none>', dstPort: dst.port, protocol: dst.protocol };
    case 'http': {
      const ref = entry?.kind === 'gateway' ? entry.gateway.serviceRef : cluster.ingressController?.serviceRef;
      const svc = ref !== undefined ? findService(cluster, ref) : undefined;
      return { srcIP, dstIP: svc?.loadBalancerIPs[0] ?? '<pending>', dstPort: dst.port, protocol: 'TCP' };
    }
    case 'dns':
      return { srcIP, dstIP: cluster.dns.ip, dstPort: 53, protocol: 'UDP' };
    case 'ip':
      return { srcIP, dstIP: dst.ip, dstPort: dst.port, protocol: dst.protocol };
  }
}

/**
 * Every hop records the packet as it arrives: a hop that does not rewrite or first see the
 * packet (the client, the Ingress rule, a drop before any address) gets the packet of the hop
 * before it (the client: the first packet of the trace).
 */
function fillAddresses(hops: readonly Hop[], intended: PacketHeader): Hop[] {
  let last: PacketHeader | undefined;
  const first = hops.find((h) => h.before !== undefined)?.before ?? intended;
  return hops.map((h) => {
    if (h.before !== undefined) {
      last = h.after ?? h.before;
      return h;
    }
    const before = last ?? first;
    last = h.after ?? before;
    return { ...h, before };
  });
}

/** With a CNI plugin that does not implement policy.networking.k8s.io, say its cluster policies are not applied. */
function noteClusterPoliciesNotEnforced(st: State): void {
  if (st.cluster.clusterPolicies.length === 0) return;
  const plugin = cniPlugin(st.cluster.settings.cni);
  if (plugin.enforcesClusterPolicy) return;
  st.notes.push(`${plugin.title} does not enforce cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy): their Admin and Baseline rules are not applied, and traffic passes them`);
}

/**
 * Follows one query hop by hop.
 *
 * @example
 * const trace = traceQuery(cluster, { from: 'internet', to: 'http://example.com/api' });
 * trace.verdict // 'allow'
 * trace.backend // 'service/default/backend-service:8080'
 * trace.hops.map((h) => h.kind) // ['client', 'loadbalancer', 'node', 'cni', 'ingress-controller', 'ingress', 'service', 'cni', 'policy', 'pod']
 */
export function traceQuery(cluster: Cluster, query: Query): Trace {
  const base = { from: query.from, to: query.to };
  const fail = (error: string, hops: Hop[] = [], notes: string[] = []): Trace => ({ ...base, verdict: 'deny', endpoints: [], blocked: [], hops, notes, error });
  const src = parseSource(query.from);
  if (src.kind === 'error') return fail(src.error);
  const dst = parseDestination(query.to);
  if (dst.kind === 'error') return fail(dst.error);
  const client = resolveClient(cluster, src);
  if ('error' in client) return fail(client.error);
  const entry = dst.kind === 'http' ? resolveHttpEntry(cluster, client, query) : undefined;
  if (entry !== undefined && 'error' in entry) return fail(entry.error);
  const seeded = typeof query.seed === 'number' && Number.isFinite(query.seed);
  const st: State = { cluster, seed: seeded ? query.seed : 0, seeded, hops: [], notes: [] };

  if (client.kind === 'pod' && (client.pod?.ip === undefined || client.pod.phase === 'Pending')) {
    st.hops.push({ kind: 'client', ref: client.ref, verdict: 'drop', reason: `${client.label} is Pending${client.pod?.pendingReason !== undefined ? ` (${client.pod.pendingReason})` : ''}: it has no IP and sends nothing`, at: client.at });
    return { ...base, verdict: 'deny', endpoints: [], blocked: [], hops: fillAddresses(st.hops, intendedHeader(cluster, client, dst, entry)), notes: st.notes };
  }
  st.hops.push({
    kind: 'client',
    ref: client.ref,
    verdict: 'pass',
    reason: `${client.kind === 'pod' ? `${client.label} sends from ${client.ip}` : `${client.label} sends`}${client.pod?.nodeName !== undefined ? ` on ${client.pod.nodeName}` : ''}${client.pod?.hostNetwork === true ? ' (host network: NetworkPolicy does not apply to it)' : ''}`,
    at: client.at,
  });

  let out: Outcome;
  switch (dst.kind) {
    case 'pod':
      out = toPod(st, client, dst.namespace, dst.name, dst.port, dst.protocol);
      break;
    case 'service':
      out = toService(st, client, dst.namespace, dst.name, dst.port, dst.protocol);
      break;
    case 'nodeport':
      out = toNodePort(st, client, dst.node, dst.port, dst.protocol);
      break;
    case 'loadbalancer':
      out = toLoadBalancer(st, client, dst.namespace, dst.name, dst.port, dst.protocol);
      break;
    case 'http':
      out = toHttpRequest(st, client, dst, entry ?? { kind: 'ingress' }, query.to);
      break;
    case 'dns':
      out = toDns(st, client, dst);
      break;
    case 'ip':
      out = toIp(st, client, dst);
      break;
  }
  if (out.error !== undefined) return fail(out.error, st.hops, st.notes);
  noteClusterPoliciesNotEnforced(st);
  const hops = fillAddresses(st.hops, intendedHeader(cluster, client, dst, entry));
  const endpoints = uniqSorted(out.endpoints ?? []);
  const blocked = uniqSorted(out.blocked ?? []).filter((b) => !endpoints.includes(b));
  return {
    ...base,
    verdict: out.verdict,
    ...(out.status !== undefined ? { status: out.status } : {}),
    ...(out.backend !== undefined ? { backend: out.backend } : {}),
    ...(out.location !== undefined ? { location: out.location } : {}),
    ...(out.backendPath !== undefined ? { backendPath: out.backendPath } : {}),
    endpoints,
    blocked,
    hops,
    notes: st.notes,
  };
}
