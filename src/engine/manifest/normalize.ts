import type { Diagnostic, ManifestDocument, NormalizedManifests } from '../types';

// PLACEHOLDER owned by the manifest helper: replaced by the real normalizer.
export function normalizeManifests(_documents: readonly ManifestDocument[]): {
  manifests: NormalizedManifests;
  diagnostics: Diagnostic[];
} {
  return {
    manifests: {
      namespaces: [],
      nodes: [],
      pods: [],
      workloads: [],
      services: [],
      endpointSlices: [],
      ingresses: [],
      ingressClasses: [],
      networkPolicies: [],
      scenarios: [],
      notSimulated: [],
    },
    diagnostics: [],
  };
}
