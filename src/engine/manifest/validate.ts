import type { Cluster, Diagnostic, ManifestDocument, NormalizedManifests } from '../types';

// PLACEHOLDER owned by the manifest helper: API-server validation and the project's warnings.
export function validateManifests(
  _documents: readonly ManifestDocument[],
  _manifests: NormalizedManifests,
  _cluster: Cluster,
): Diagnostic[] {
  return [];
}
