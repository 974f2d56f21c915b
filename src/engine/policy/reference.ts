/**
 * A deliberately simple oracle: is pod A → pod B allowed on a port? Straight from the rules,
 * one pair at a time, no indexes and no sharing with the evaluator or the matrix, so tests can
 * check both against it. Slow on purpose: use it in tests only.
 */
import type {
  Cluster,
  ClusterPod,
  ClusterPolicyObject,
  ClusterPolicyPeer,
  ClusterPolicyPods,
  ClusterPolicyRule,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  Protocol,
} from '../types';
import { matchesSelector } from '../match/labels';
import { cidrContains, ipBlockContains } from '../match/cidr';
import { portsAdmit } from '../match/ports';
import { cniPlugin } from '../cni-plugins';

function nsLabels(cluster: Cluster, name: string): Record<string, string> {
  const ns = cluster.namespaces.find((n) => n.name === name);
  return { ...(ns?.labels ?? {}), 'kubernetes.io/metadata.name': name };
}

/** Does a peer element match pod `other`? hostNetwork pods count as their node: ipBlock only. */
function peerMatches(cluster: Cluster, peer: NetworkPolicyPeer, policyNs: string, other: ClusterPod): boolean {
  if (peer.ipBlock) return other.ip !== undefined && ipBlockContains(peer.ipBlock, other.ip);
  if (other.hostNetwork) return false;
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const nsOk = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, nsLabels(cluster, other.namespace)) : other.namespace === policyNs;
  const podOk = peer.podSelector ? matchesSelector(peer.podSelector, other.labels) : true;
  return nsOk && podOk;
}

/** NetworkPolicy's answer for one side: undefined when no policy isolates `self` that way. */
function networkPolicySide(
  cluster: Cluster,
  type: 'Ingress' | 'Egress',
  self: ClusterPod,
  other: ClusterPod,
  dst: ClusterPod,
  port: number,
  protocol: Protocol,
): boolean | undefined {
  const policies: NetworkPolicyObject[] = cluster.networkPolicies.filter(
    (p) => p.meta.namespace === self.namespace && p.policyTypes.includes(type) && matchesSelector(p.podSelector, self.labels),
  );
  if (policies.length === 0) return undefined;
  if (other.hostNetwork && other.nodeName !== undefined && other.nodeName === self.nodeName) return true;
  const dstPorts = dst.hostNetwork ? undefined : dst.containerPorts;
  for (const p of policies) {
    for (const rule of type === 'Ingress' ? p.ingress : p.egress) {
      const peersOk = rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(cluster, peer, p.meta.namespace, other));
      if (peersOk && portsAdmit(rule.ports, port, protocol, dstPorts)) return true;
    }
  }
  return false;
}

/** A subject or `namespaces`/`pods` peer: pod-network pods only. */
function podsMatch(cluster: Cluster, sel: ClusterPolicyPods, pod: ClusterPod): boolean {
  if (pod.hostNetwork) return false;
  if (!matchesSelector(sel.namespaceSelector, nsLabels(cluster, pod.namespace))) return false;
  return sel.kind === 'namespaces' || matchesSelector(sel.podSelector, pod.labels);
}

/** A cluster policy peer against pod `other` (a host-network pod is its node's address). */
function clusterPeerMatches(cluster: Cluster, peer: ClusterPolicyPeer, other: ClusterPod): boolean {
  if (peer.kind === 'namespaces' || peer.kind === 'pods') return podsMatch(cluster, peer, other);
  if (peer.kind === 'networks') return other.ip !== undefined && peer.cidrs.some((cidr) => cidrContains(cidr, other.ip!));
  if (peer.kind === 'nodes') {
    if (!other.hostNetwork) return false;
    const node = cluster.nodes.find((n) => n.name === other.nodeName);
    return node !== undefined && matchesSelector(peer.nodeSelector, node.labels);
  }
  return false;
}

function clusterRuleMatches(cluster: Cluster, rule: ClusterPolicyRule, other: ClusterPod, dst: ClusterPod, port: number, protocol: Protocol): boolean {
  if (!rule.peers.some((peer) => clusterPeerMatches(cluster, peer, other))) return false;
  if (rule.ports === undefined || rule.ports.length === 0) return true;
  return rule.ports.some((p) => {
    if (p.kind === 'namedPort') {
      if (dst.hostNetwork) return false;
      const named = dst.containerPorts.find((cp) => cp.name === p.name && cp.protocol === protocol);
      return named !== undefined && named.containerPort === port;
    }
    if (p.protocol !== protocol) return false;
    if (p.port === undefined) return true;
    return p.endPort === undefined ? port === p.port : port >= p.port && port <= p.endPort;
  });
}

/** The action of the first matching rule of one tier, walking priorities then rule order. */
function tierAction(
  cluster: Cluster,
  tier: ClusterPolicyObject['tier'],
  type: 'Ingress' | 'Egress',
  self: ClusterPod,
  other: ClusterPod,
  dst: ClusterPod,
  port: number,
  protocol: Protocol,
): ClusterPolicyRule['action'] | undefined {
  const policies = cluster.clusterPolicies
    .filter((p) => p.tier === tier && podsMatch(cluster, p.subject, self))
    .sort((a, b) => a.priority - b.priority || (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0));
  for (const p of policies) {
    for (const rule of type === 'Ingress' ? p.ingress : p.egress) {
      if (clusterRuleMatches(cluster, rule, other, dst, port, protocol)) return rule.action;
    }
  }
  return undefined;
}

/** One side, the tiers in order: Admin (Pass goes on), NetworkPolicy if it isolates, Baseline, allow. */
function side(
  cluster: Cluster,
  type: 'Ingress' | 'Egress',
  self: ClusterPod,
  other: ClusterPod,
  dst: ClusterPod,
  port: number,
  protocol: Protocol,
): boolean {
  if (self.hostNetwork) return true;
  const tiers = cniPlugin(cluster.settings.cni).enforcesClusterPolicy;
  const admin = tiers ? tierAction(cluster, 'Admin', type, self, other, dst, port, protocol) : undefined;
  if (admin === 'Accept') return true;
  if (admin === 'Deny') return false;
  const np = networkPolicySide(cluster, type, self, other, dst, port, protocol);
  if (np !== undefined) return np;
  const baseline = tiers ? tierAction(cluster, 'Baseline', type, self, other, dst, port, protocol) : undefined;
  return baseline !== 'Deny';
}

/**
 * The reference answer for pod `from` → pod `to` on `port`/`protocol`.
 *
 * @example evaluateReferencePair(cluster, cluster.pods[0], cluster.pods[1], 80, 'TCP') // true
 */
export function evaluateReferencePair(cluster: Cluster, from: ClusterPod, to: ClusterPod, port: number, protocol: Protocol): boolean {
  if (!cniPlugin(cluster.settings.cni).enforcesPolicy) return true;
  if (from === to) return true;
  return side(cluster, 'Egress', from, to, to, port, protocol) && side(cluster, 'Ingress', to, from, to, port, protocol);
}
