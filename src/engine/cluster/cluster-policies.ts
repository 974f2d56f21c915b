/**
 * Cluster-scoped policies in the order the tier walk reads them.
 */
import type { ClusterPolicyObject } from '../types';

const TIER_ORDER = { Admin: 0, Baseline: 1 } as const;

/**
 * Admin tier first, then Baseline; within a tier by ascending priority. Equal priorities are
 * ordered by name so every run answers alike (upstream leaves their order undefined; lint warns).
 */
export function sortClusterPolicies(policies: readonly ClusterPolicyObject[]): ClusterPolicyObject[] {
  return [...policies].sort(
    (a, b) =>
      TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
      a.priority - b.priority ||
      (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0),
  );
}
