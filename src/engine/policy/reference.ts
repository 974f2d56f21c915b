/**
 * A deliberately simple oracle: is pod A → pod B allowed on a port? Straight from the rules,
 * one pair at a time, no indexes and no sharing with the evaluator or the matrix, so tests can
 * check both against it. Slow on purpose: use it in tests only.
 */
import type { Cluster, ClusterPod, NetworkPolicyObject, NetworkPolicyPeer, Protocol } from '../types';
import { matchesSelector } from '../match/labels';
import { ipBlockContains } from '../match/cidr';
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
  const policies: NetworkPolicyObject[] = cluster.networkPolicies.filter(
    (p) => p.meta.namespace === self.namespace && p.policyTypes.includes(type) && matchesSelector(p.podSelector, self.labels),
  );
  if (policies.length === 0) return true;
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
