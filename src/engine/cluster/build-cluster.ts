import type { Cluster, Diagnostic, NormalizedManifests, SimulateOptions } from '../types';

// PLACEHOLDER owned by the cluster helper.
export function buildCluster(
  _manifests: NormalizedManifests,
  _options: SimulateOptions,
): { cluster: Cluster; diagnostics: Diagnostic[] } {
  throw new Error('buildCluster: not written yet');
}
