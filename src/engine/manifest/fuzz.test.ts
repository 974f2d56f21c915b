import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManifestDocument } from '../types';
import { buildCluster } from '../cluster/build-cluster';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';
import { validateManifests } from './validate';

const KINDS = ['Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Namespace', 'Node', 'Endpoints', 'EndpointSlice', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'Scenario', 'ConfigMap', 'List'];
const API = ['v1', 'apps/v1', 'networking.k8s.io/v1', 'discovery.k8s.io/v1', 'netplay.dev/v1', 'policy.networking.k8s.io/v1alpha2', 'policy.networking.k8s.io/v1alpha1', 'x/v1'];

/** The stages catch everything, so a bug shows as an `internal` diagnostic: there must be none. */
function expectNoInternal(diagnostics: readonly { code: string; message: string }[]): void {
  expect(diagnostics.filter((d) => d.code === 'internal').map((d) => d.message)).toEqual([]);
}

function runAll(documents: readonly ManifestDocument[]): void {
  const { manifests, diagnostics } = normalizeManifests(documents);
  expectNoInternal(diagnostics);
  const { cluster } = buildCluster(manifests, {});
  expectNoInternal(validateManifests(documents, manifests, cluster));
}

/** Plausible Kubernetes-shaped JSON: real field names with arbitrary values. */
const field = fc.constantFrom('metadata', 'spec', 'status', 'name', 'namespace', 'labels', 'ports', 'port', 'targetPort', 'nodePort', 'protocol', 'selector', 'matchLabels', 'matchExpressions', 'podSelector', 'ingress', 'egress', 'from', 'to', 'ipBlock', 'cidr', 'except', 'endPort', 'rules', 'http', 'paths', 'path', 'pathType', 'backend', 'service', 'template', 'containers', 'containerPort', 'type', 'policyTypes', 'subsets', 'addresses', 'endpoints', 'checks', 'expect', 'cni', 'nodes', 'items', 'affinity', 'tier', 'priority', 'subject', 'namespaces', 'pods', 'namespaceSelector', 'action', 'protocols', 'tcp', 'udp', 'destinationPort', 'number', 'range', 'start', 'end', 'networks', 'domainNames', 'destinationNamedPort', 'portNumber', 'namedPort', 'portRange', '__proto__');
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('obj'), fc.array(tie('any'), { maxLength: 3 })),
  obj: fc.dictionary(field, tie('any'), { maxKeys: 5 }),
})).any;

describe('fuzz: nothing a user types makes the manifest stage throw', () => {
  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseManifests([{ name: 'f.yaml', text }]);
        expectNoInternal(parsed.diagnostics);
        runAll(parsed.documents);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('arbitrary YAML-ish text built from YAML tokens', () => {
    const token = fc.constantFrom('apiVersion: v1\n', 'kind: Service\n', 'kind: List\n', '---\n', '  ', '- ', ': ', '{', '}', '[', ']', '&a ', '*a', '<<: ', '"', "'", '|\n', '#', '\t', 'ports:\n', 'name: x\n', 'metadata:\n', 'spec:\n', 'items:\n', '~', '!!str ', '? ');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const parsed = parseManifests([{ name: 'f.yaml', text: tokens.join('') }]);
        expectNoInternal(parsed.diagnostics);
        runAll(parsed.documents);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('arbitrary JSON objects given as documents', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.constantFrom(...API), value, value, value, (kind, apiVersion, metadata, spec, rest) => {
        const object = { ...(typeof rest === 'object' && rest !== null && !Array.isArray(rest) ? rest : {}), apiVersion, kind, metadata, spec };
        const doc: ManifestDocument = {
          file: 'f.yaml',
          documentIndex: 0,
          apiVersion,
          kind,
          object,
          range: { file: 'f.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          fieldRanges: {},
        };
        const { manifests, diagnostics } = normalizeManifests([doc]);
        for (const d of diagnostics) expect(typeof d.message).toBe('string');
        expectNoInternal(diagnostics);
        const { cluster } = buildCluster(manifests, {});
        const out = validateManifests([doc], manifests, cluster);
        expectNoInternal(out);
        expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      }),
      { numRuns: 400, seed: 1 },
    );
  });
});
