/**
 * Each namespace's NetworkPolicies sorted by `NS/NAME` (a stable sort: policies of one name stay
 * in cluster order), for the graph's shields and the trace's isolating policies alike. A
 * namespace's list is made when first asked and cached per Cluster: the Cluster is immutable
 * plain data, so a cache keyed on the object cannot go stale.
 */
import type { Cluster, NetworkPolicyObject } from '../types';
import { namespacedName } from '../refs';

interface PolicyIndex {
  readonly inClusterOrder: ReadonlyMap<string, readonly NetworkPolicyObject[]>;
  readonly byName: Map<string, readonly NetworkPolicyObject[]>;
}

const policyIndexCache = new WeakMap<Cluster, PolicyIndex>();

const NONE: readonly NetworkPolicyObject[] = [];

/** The NetworkPolicies of `namespace`, sorted by `NS/NAME`. */
export function namespacePoliciesByName(cluster: Cluster, namespace: string): readonly NetworkPolicyObject[] {
  let index = policyIndexCache.get(cluster);
  if (index === undefined) {
    const inClusterOrder = new Map<string, NetworkPolicyObject[]>();
    for (const p of cluster.networkPolicies) {
      const list = inClusterOrder.get(p.meta.namespace);
      if (list === undefined) inClusterOrder.set(p.meta.namespace, [p]);
      else list.push(p);
    }
    index = { inClusterOrder, byName: new Map() };
    policyIndexCache.set(cluster, index);
  }
  let sorted = index.byName.get(namespace);
  if (sorted === undefined) {
    const listed = index.inClusterOrder.get(namespace);
    if (listed === undefined) return NONE;
    const entries = listed.map((policy) => ({ policy, name: namespacedName(policy.meta.namespace, policy.meta.name) }));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    sorted = entries.map((e) => e.policy);
    index.byName.set(namespace, sorted);
  }
  return sorted;
}
