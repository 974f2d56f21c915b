/** `nodeport/NODE:PORT`: kube-proxy on a node's IP, and the NodePort stretch of a load balancer. */
import type { Cluster, ClusterNode, ClusterPod, ClusterService, ClusterServicePort, Hop, PacketHeader, PolicyPeer, Protocol } from '../types';
import { forwardToEndpoint, pushPolicyHops } from './forward';
import { evaluateConnection, selectEndpoints } from './routing-deps';
import { deny, findNode, hostPort, podName, readyEndpoints, type Client, type Outcome, type State } from './state';

/**
 * In through a node's NodePort (directly, or from a cloud load balancer): kube-proxy picks an
 * endpoint, SNATs to the node IP for `externalTrafficPolicy: Cluster`, keeps the client IP for
 * `Local` (and drops on a node without a local endpoint).
 */
export function viaNodePort(
  st: State,
  client: Client,
  service: ClusterService,
  sp: ClusterServicePort,
  node: ClusterNode,
  header: PacketHeader,
  finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop,
): { outcome: Outcome; pod?: ClusterPod; srcPeer?: PolicyPeer; accepted: boolean } {
  const ready = readyEndpoints(service, sp);
  const selected = selectEndpoints(st.cluster, service, sp, { viaNode: node.name, external: true });
  const local = service.externalTrafficPolicy === 'Local';
  const excluded = ready.filter((e) => !selected.endpoints.includes(e)).flatMap((e) => (e.podRef !== undefined ? [podName(e.podRef)] : []));
  if (selected.endpoints.length === 0) {
    st.hops.push({
      kind: 'node',
      ref: node.ref,
      verdict: 'drop',
      reason: `kube-proxy, NodePort ${sp.nodePort ?? '?'}: ${selected.reason}`,
      at: node.ref,
      before: header,
    });
    return { outcome: { verdict: 'deny', blocked: excluded }, accepted: false };
  }
  const srcPeer: PolicyPeer = local ? client.peer : { kind: 'node', nodeName: node.name, ip: node.ip };
  const srcIP = local ? client.ip : node.ip;
  const sent = forwardToEndpoint(st, {
    srcPeer,
    fromNode: { nodeName: node.name, ip: node.ip },
    endpoints: selected.endpoints,
    clientIP: client.ip,
    sessionAffinity: service.sessionAffinity,
    balancer: 'kube-proxy',
    viaService: true,
    choiceHop: (picked, note) => {
      const after: PacketHeader = { srcIP, dstIP: picked.ip, dstPort: picked.port, protocol: picked.protocol };
      const hop: Hop = {
        kind: 'node',
        ref: node.ref,
        verdict: 'pass',
        reason: `kube-proxy: NodePort ${sp.nodePort ?? '?'} → endpoint ${hostPort(picked.ip, picked.port)}${picked.podRef !== undefined ? ` (${podName(picked.podRef)})` : ''}, ${local ? 'client IP kept (externalTrafficPolicy: Local)' : `SNAT to node IP ${node.ip} (externalTrafficPolicy: Cluster)`}${note !== undefined ? `; ${note}` : ''}`,
        at: node.ref,
        before: header,
        after,
      };
      return { hop, header: after };
    },
    ...(finalHop !== undefined ? { finalHop } : {}),
  });
  const { accepted, blocked, pod } = sent;
  const ok = sent.delivered;
  return {
    outcome: { verdict: accepted.length > 0 ? 'allow' : 'deny', endpoints: accepted, blocked: [...blocked, ...excluded] },
    ...(pod !== undefined ? { pod } : {}),
    srcPeer,
    accepted: ok,
  };
}

/** The Service whose NodePort `port`/`protocol` is (kube-proxy opens it on every node). */
export function findNodePortService(cluster: Cluster, port: number, protocol: Protocol): { service: ClusterService; sp: ClusterServicePort } | undefined {
  for (const service of cluster.services) {
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
    const sp = service.ports.find((p) => p.nodePort === port && p.protocol === protocol);
    if (sp !== undefined) return { service, sp };
  }
  return undefined;
}

export function opensNodePort(cluster: Cluster, port: number, protocol: Protocol): boolean {
  return findNodePortService(cluster, port, protocol) !== undefined;
}

/**
 * A pod's own egress policy on the way to a NodePort (pushes the policy hop; false when it drops).
 * kube-proxy DNATs a NodePort only on the node that owns the address (`--dst-type LOCAL`), and
 * the CNI judges a pod's egress after that: to its own node's IP the policy sees the endpoint
 * pod on its targetPort (any endpoint kube-proxy may pick will do); to another node's IP it sees
 * that node's address on the NodePort.
 */
export function nodePortEgressAllowed(st: State, client: Client, node: ClusterNode, service: ClusterService, sp: ClusterServicePort, header: PacketHeader): boolean {
  if (client.kind !== 'pod' || client.pod === undefined) return true;
  const candidates: { dst: PolicyPeer; port: number; protocol: Protocol }[] =
    node.name === client.nodeName
      ? selectEndpoints(st.cluster, service, sp, { viaNode: node.name, external: true }).endpoints.map((e) => ({
          dst: e.podRef !== undefined ? { kind: 'pod' as const, podRef: e.podRef } : { kind: 'external' as const, ip: e.ip },
          port: e.port,
          protocol: e.protocol,
        }))
      : [{ dst: { kind: 'node', nodeName: node.name, ip: node.ip }, port: header.dstPort, protocol: header.protocol }];
  if (candidates.length === 0) return true;
  const judged = candidates.map((c) => ({ ...c, v: evaluateConnection(st.cluster, client.peer, c.dst, c.port, c.protocol) }));
  const chosen = judged.find((j) => j.v.egress.allowed) ?? judged[0]!;
  const hop = pushPolicyHops(st, chosen.v.egress, client.at, { src: client.peer, dst: chosen.dst, port: chosen.port, protocol: chosen.protocol, verdict: chosen.v }, header);
  return hop?.verdict !== 'drop';
}

export function toNodePort(st: State, client: Client, nodeName: string, port: number, protocol: Protocol): Outcome {
  const node = findNode(st.cluster, nodeName);
  if (node === undefined) return { ...deny, error: `node ${nodeName} does not exist (nodes: ${st.cluster.nodes.map((n) => n.name).join(', ')})` };
  const header: PacketHeader = { srcIP: client.ip, dstIP: node.ip, dstPort: port, protocol };
  const found = findNodePortService(st.cluster, port, protocol);
  if (found !== undefined) {
    if (!nodePortEgressAllowed(st, client, node, found.service, found.sp, header)) return { verdict: 'deny' };
    return viaNodePort(st, client, found.service, found.sp, node, header).outcome;
  }
  st.hops.push({
    kind: 'node',
    ref: node.ref,
    verdict: 'drop',
    reason: `no Service opens NodePort ${port}/${protocol}: nothing listens on ${hostPort(node.ip, port)}`,
    at: node.ref,
    before: header,
  });
  return deny;
}

/** The cloud load balancer: external IP → a node's NodePort (health checks skip nodes without local endpoints for `Local`). */
