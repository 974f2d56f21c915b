/** `loadbalancer/NS/NAME:PORT`: the cloud load balancer → a node's NodePort → kube-proxy. */
import type { ClusterNode, ClusterPod, ClusterService, ClusterServicePort, Hop, PacketHeader, PolicyPeer, Protocol } from '../types';
import { objectRef } from '../refs';
import type { PortSpec } from './query';
import { classify, endpointAccepts } from './forward';
import { selectEndpoints } from './routing-deps';
import { viaNodePort } from './to-nodeport';
import { deny, describePorts, findService, findServicePort, hostPort, readyEndpoints, type Client, type Outcome, type State } from './state';

/**
 * The load balancer's stretch. `othersWhenDropped`: a proxy in front of its own backends (ingress-nginx,
 * a Gateway's data plane) reads the outcome of every node only when the followed node did not
 * deliver to a proxy pod; when it did, that pod is all the proxy uses, and the other nodes are
 * not judged.
 */
export function viaLoadBalancer(
  st: State,
  client: Client,
  service: ClusterService,
  sp: ClusterServicePort,
  finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop,
  othersWhenDropped = false,
): ReturnType<typeof viaNodePort> {
  const lbAt = `loadbalancer/${service.namespace}/${service.name}`;
  const lbIP = service.loadBalancerIPs[0];
  if (lbIP === undefined) {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason: `the LoadBalancer has no external IP (<pending>)${service.loadBalancerPendingReason !== undefined ? `: ${service.loadBalancerPendingReason}` : ''}`,
      at: service.ref,
    });
    return { outcome: deny, accepted: false };
  }
  const header: PacketHeader = { srcIP: client.ip, dstIP: lbIP, dstPort: sp.port, protocol: sp.protocol };
  const ready = readyEndpoints(service, sp);
  const local = service.externalTrafficPolicy === 'Local';
  const eligible = local ? st.cluster.nodes.filter((n) => ready.some((e) => e.nodeName === n.name)) : st.cluster.nodes;
  if (sp.nodePort === undefined || eligible.length === 0) {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason:
        sp.nodePort === undefined
          ? `port ${sp.port} has no NodePort for the load balancer to forward to`
          : ready.length === 0
            ? `no ready endpoints: every node fails the health check, the load balancer has nowhere to send`
            : `externalTrafficPolicy: Local: no node runs an endpoint, every node fails the health check`,
      at: lbAt,
      before: header,
    });
    return { outcome: deny, accepted: false };
  }
  let node = eligible[Math.abs(Math.trunc(st.seed)) % eligible.length]!;
  let nodeNote = '';
  if (!st.seeded && eligible.length > 1) {
    // The node decides which pods can serve (Local: only its own endpoints) and what source
    // they see (Cluster: the node's IP, which policies and the own-node rule judge). Without a
    // seed, follow a node through which some endpoint accepts.
    const accepts = (n: ClusterNode): boolean => {
      const srcPeer: PolicyPeer = local ? client.peer : { kind: 'node', nodeName: n.name, ip: n.ip };
      return selectEndpoints(st.cluster, service, sp, { viaNode: n.name, external: true }).endpoints.some((e) => endpointAccepts(st, srcPeer, e, true));
    };
    const start = eligible.indexOf(node);
    const better = [...eligible.slice(start), ...eligible.slice(0, start)].find(accepts);
    if (better !== undefined && better !== node) {
      node = better;
      nodeNote = `; the load balancer may pick any of ${eligible.length} nodes; following one through which an endpoint accepts`;
    }
  }
  const after: PacketHeader = { ...header, dstIP: node.ip, dstPort: sp.nodePort };
  st.hops.push({
    kind: 'loadbalancer',
    ref: service.ref,
    verdict: 'pass',
    reason: `external IP ${hostPort(lbIP, sp.port)} → ${node.name} NodePort ${sp.nodePort}${local ? ' (externalTrafficPolicy: Local: health checks keep only nodes with a local endpoint)' : ''}${nodeNote}`,
    at: lbAt,
    before: header,
    after,
  });
  const via = viaNodePort(st, client, service, sp, node, after, finalHop);
  if (othersWhenDropped && via.accepted && via.pod?.ip !== undefined && via.pod.nodeName !== undefined) return via;
  // The load balancer may send the connection to any eligible node: every pod reachable through
  // one of them could serve it (the source each pod sees, and so its policies, depend on the node).
  const accepted = new Set(via.outcome.endpoints ?? []);
  const seen = new Set([...accepted, ...(via.outcome.blocked ?? [])]);
  for (const other of eligible) {
    if (other === node) continue;
    const eps = selectEndpoints(st.cluster, service, sp, { viaNode: other.name, external: true }).endpoints;
    const srcPeer: PolicyPeer = local ? client.peer : { kind: 'node', nodeName: other.name, ip: other.ip };
    const c = classify(st, srcPeer, eps, true);
    for (const a of c.accepted) accepted.add(a);
    for (const b of c.blocked) seen.add(b);
  }
  if (accepted.size === (via.outcome.endpoints ?? []).length && seen.size === accepted.size + (via.outcome.blocked ?? []).length) return via;
  const endpoints = [...accepted];
  const blocked = [...seen].filter((x) => !accepted.has(x));
  return { ...via, outcome: { ...via.outcome, verdict: endpoints.length > 0 ? 'allow' : 'deny', endpoints, blocked } };
}

export function toLoadBalancer(st: State, client: Client, namespace: string, name: string, portSpec: PortSpec, protocol: Protocol): Outcome {
  const ref = objectRef('service', namespace, name);
  const service = findService(st.cluster, ref);
  if (service === undefined) return { ...deny, error: `Service ${namespace}/${name} does not exist` };
  const found = findServicePort(service, portSpec, protocol);
  if (found.error !== undefined) return { ...deny, error: found.error };
  if (service.type !== 'LoadBalancer') {
    st.hops.push({ kind: 'loadbalancer', ref, verdict: 'drop', reason: `Service ${namespace}/${name} is type ${service.type}, not LoadBalancer: it has no external IP`, at: ref });
    return deny;
  }
  if (found.port === undefined) {
    st.hops.push({
      kind: 'loadbalancer',
      ref,
      verdict: 'drop',
      reason: `the load balancer of ${namespace}/${name} listens on ${describePorts(service)}, not ${String(portSpec)}/${protocol}`,
      at: service.loadBalancerIPs.length > 0 ? `loadbalancer/${namespace}/${name}` : ref,
    });
    return deny;
  }
  return viaLoadBalancer(st, client, service, found.port).outcome;
}

