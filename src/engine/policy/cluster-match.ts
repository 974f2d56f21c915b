/**
 * Matching for the cluster-scoped tiers (ClusterNetworkPolicy v1alpha2, AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy v1alpha1): which pods a policy's subject selects, which ends a
 * rule's peers match, which ports its `protocols` cover. Shared by the per-pair evaluator and
 * the matrix; the reference oracle keeps its own copy on purpose.
 *
 * Rules (network-policy-api, apis/v1alpha2 comments):
 * 1. Subject: `namespaces` = every pod of the matching namespaces; `pods` = namespaceSelector AND
 *    podSelector. Host-network pods are never subjects.
 * 2. Peers `namespaces`/`pods` match pods the same way; host-network pods never match them.
 * 3. `networks` matches addresses: external IPs, pod IPs and node IPs (so host-network pods).
 * 4. `nodes` matches the addresses of nodes whose labels match, so host-network pods on them.
 * 5. `domainNames` is not simulated: it never matches.
 * 6. `protocols` absent (or empty): every port and protocol. A port entry: that protocol, with
 *    one port, an inclusive range, or every port. `destinationNamedPort`: the destination pod's
 *    container port of that name; never matches a destination that is not a pod.
 */
import type { Cluster, ClusterNode, ClusterPod, ClusterPolicyObject, ClusterPolicyPeer, ClusterPolicyPods, ClusterPolicyPort, ClusterPolicyRule, ContainerPort, Protocol } from '../types';
import { matchesSelector } from '../match/labels';
import { cidrContains } from '../match/cidr';
import { resolveNamedPort } from '../match/ports';
import { namespaceLabels, type PolicyEnd } from './endpoints';

/** Whether namespace and pod selectors of a subject or peer match a pod-network pod. */
export function podsSelectorMatches(cluster: Cluster, sel: ClusterPolicyPods, pod: ClusterPod): boolean {
  if (pod.hostNetwork) return false;
  if (!matchesSelector(sel.namespaceSelector, namespaceLabels(cluster, pod.namespace))) return false;
  return sel.kind === 'namespaces' || matchesSelector(sel.podSelector, pod.labels);
}

/** Whether a cluster policy applies to a pod (host-network pods never). */
export function subjectSelects(cluster: Cluster, policy: ClusterPolicyObject, pod: ClusterPod): boolean {
  return podsSelectorMatches(cluster, policy.subject, pod);
}

/** The node behind an end: a `node` end (host-network pods too), or an address that is a node's. */
function nodeOfEnd(cluster: Cluster, end: PolicyEnd): ClusterNode | undefined {
  if (end.kind === 'node' && end.nodeName !== undefined) {
    const i = cluster.lookups.nodeByName[end.nodeName];
    return i === undefined ? undefined : cluster.nodes[i];
  }
  if (end.kind === 'external' && end.ip !== undefined) return cluster.nodes.find((n) => n.ip === end.ip);
  return undefined;
}

/** Whether one peer element matches the other end of the connection. */
export function clusterPeerMatches(cluster: Cluster, peer: ClusterPolicyPeer, other: PolicyEnd): boolean {
  switch (peer.kind) {
    case 'namespaces':
    case 'pods':
      return other.kind === 'pod' && other.pod !== undefined && podsSelectorMatches(cluster, peer, other.pod);
    case 'networks': {
      const ip = other.ip;
      return ip !== undefined && peer.cidrs.some((c) => cidrContains(c, ip));
    }
    case 'nodes': {
      const node = nodeOfEnd(cluster, other);
      return node !== undefined && matchesSelector(peer.nodeSelector, node.labels);
    }
    case 'domainNames':
      return false;
  }
}

/** Whether one `protocols` entry covers `port`/`protocol` towards a destination with `dstPorts` (undefined: not a pod). */
export function clusterPortMatches(p: ClusterPolicyPort, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | undefined): boolean {
  if (p.kind === 'namedPort') return dstPorts !== undefined && resolveNamedPort(dstPorts, p.name, protocol) === port;
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  return p.endPort === undefined ? port === p.port : port >= p.port && port <= p.endPort;
}

/** Whether a rule's `protocols` cover the port: absent or empty = every port. */
export function clusterPortsMatch(ports: readonly ClusterPolicyPort[] | undefined, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | undefined): boolean {
  return ports === undefined || ports.length === 0 || ports.some((p) => clusterPortMatches(p, port, protocol, dstPorts));
}

/** Whether a rule matches the other end on the port: some peer AND the protocols. */
export function clusterRuleMatches(
  cluster: Cluster,
  rule: ClusterPolicyRule,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  dstPorts: readonly ContainerPort[] | undefined,
): boolean {
  return clusterPortsMatch(rule.ports, port, protocol, dstPorts) && rule.peers.some((peer) => clusterPeerMatches(cluster, peer, other));
}

/** A port entry in words: `TCP 80`, `TCP 8000-8100`, `any UDP port`, `named port http`. */
export function formatClusterPort(p: ClusterPolicyPort): string {
  if (p.kind === 'namedPort') return `named port ${p.name}`;
  if (p.port === undefined) return `any ${p.protocol} port`;
  return p.endPort !== undefined ? `${p.protocol} ${p.port}-${p.endPort}` : `${p.protocol} ${p.port}`;
}
