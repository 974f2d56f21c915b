/**
 * The two ends of a connection as NetworkPolicy sees them, and the small lookups every policy
 * module shares (namespace labels, policy names, words for peers and ports).
 */
import type { Cluster, ClusterPod, Labels, NetworkPolicyObject, NetworkPolicyPeer, PolicyPeer, Protocol } from '../types';
import { formatSelector } from '../match/labels';
import { namespacedName } from '../refs';

/**
 * One end of a connection. A hostNetwork pod is a `node` end: its traffic carries the node's
 * IP, so other pods' policies see it as the node (only `ipBlock` can match it), and its own
 * policies do not apply (Kubernetes docs, "NetworkPolicy and hostNetwork pods").
 */
export interface PolicyEnd {
  readonly kind: 'pod' | 'external' | 'node';
  /** The pod, for `pod` ends and for hostNetwork pods. */
  readonly pod?: ClusterPod;
  readonly ip?: string;
  readonly nodeName?: string;
  /** How explanations name it: `NS/NAME`, an IP, `node node-1 (192.168.0.11)`. */
  readonly label: string;
}

/** Resolves a `PolicyPeer`; undefined when the pod does not exist. */
export function resolvePolicyEnd(cluster: Cluster, peer: PolicyPeer): PolicyEnd | undefined {
  if (peer.kind === 'external') return { kind: 'external', ip: peer.ip, label: peer.ip };
  if (peer.kind === 'node') return { kind: 'node', nodeName: peer.nodeName, ip: peer.ip, label: `node ${peer.nodeName} (${peer.ip})` };
  const index = cluster.lookups.podByRef[peer.podRef];
  const pod = index === undefined ? undefined : cluster.pods[index];
  if (pod === undefined) return undefined;
  const label = `${pod.namespace}/${pod.name}`;
  if (pod.hostNetwork) {
    return {
      kind: 'node',
      pod,
      ...(pod.ip === undefined ? {} : { ip: pod.ip }),
      ...(pod.nodeName === undefined ? {} : { nodeName: pod.nodeName }),
      label: `${label} (host network on ${pod.nodeName ?? 'no node'})`,
    };
  }
  return { kind: 'pod', pod, ...(pod.ip === undefined ? {} : { ip: pod.ip }), ...(pod.nodeName === undefined ? {} : { nodeName: pod.nodeName }), label };
}

/** A namespace's labels; every namespace carries `kubernetes.io/metadata.name` (API server). */
export function namespaceLabels(cluster: Cluster, namespace: string): Labels {
  const index = cluster.lookups.namespaceByName[namespace];
  const ns = index === undefined ? undefined : cluster.namespaces[index];
  if (ns === undefined) return { 'kubernetes.io/metadata.name': namespace };
  return ns.labels['kubernetes.io/metadata.name'] === namespace ? ns.labels : { ...ns.labels, 'kubernetes.io/metadata.name': namespace };
}

/** `NS/NAME`. */
export function policyName(policy: NetworkPolicyObject): string {
  return namespacedName(policy.meta.namespace, policy.meta.name);
}

/** `TCP 8080`. */
export function formatPort(port: number | string, protocol: Protocol): string {
  return `${protocol} ${port}`;
}

/** A peer element in words, as the policy's namespace makes it mean. */
export function formatPeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `ipBlock ${peer.ipBlock.cidr}${except}`;
  }
  const pods = peer.podSelector ? `pods ${formatSelector(peer.podSelector)}` : 'all pods';
  const where = peer.namespaceSelector
    ? `in namespaces ${formatSelector(peer.namespaceSelector)}`
    : `in namespace ${policyNamespace}`;
  return `${pods} ${where}`;
}
