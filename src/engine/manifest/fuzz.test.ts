import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManifestDocument } from '../types';
import { buildCluster } from '../cluster/build-cluster';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';
import { validateManifests } from './validate';

const KINDS = ['Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Namespace', 'Node', 'Endpoints', 'EndpointSlice', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'Scenario', 'ConfigMap', 'List', 'GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant', 'GRPCRoute', 'TLSRoute'];
const API = ['v1', 'apps/v1', 'networking.k8s.io/v1', 'discovery.k8s.io/v1', 'netplay.dev/v1', 'policy.networking.k8s.io/v1alpha2', 'policy.networking.k8s.io/v1alpha1', 'gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1', 'x/v1'];

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
const field = fc.constantFrom('metadata', 'spec', 'status', 'name', 'namespace', 'labels', 'ports', 'port', 'targetPort', 'nodePort', 'protocol', 'selector', 'matchLabels', 'matchExpressions', 'podSelector', 'ingress', 'egress', 'from', 'to', 'ipBlock', 'cidr', 'except', 'endPort', 'rules', 'http', 'paths', 'path', 'pathType', 'backend', 'service', 'template', 'containers', 'containerPort', 'type', 'policyTypes', 'subsets', 'addresses', 'endpoints', 'checks', 'expect', 'cni', 'nodes', 'items', 'affinity', 'tier', 'priority', 'subject', 'namespaces', 'pods', 'namespaceSelector', 'action', 'protocols', 'tcp', 'udp', 'destinationPort', 'number', 'range', 'start', 'end', 'networks', 'domainNames', 'destinationNamedPort', 'portNumber', 'namedPort', 'portRange', 'gatewayClassName', 'controllerName', 'listeners', 'hostname', 'hostnames', 'tls', 'mode', 'certificateRefs', 'allowedRoutes', 'kinds', 'parentRefs', 'sectionName', 'matches', 'headers', 'queryParams', 'method', 'value', 'filters', 'requestRedirect', 'urlRewrite', 'replaceFullPath', 'replacePrefixMatch', 'statusCode', 'scheme', 'backendRefs', 'weight', 'group', 'kind', '__proto__');
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

describe('fuzz: Gateway API documents of plausible shape never make a stage throw', () => {
  const junk = fc.jsonValue({ maxDepth: 2 });
  const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: junk });
  const host = maybe(fc.constantFrom('a.example', '*.example', 'Bad_Host', '', '*', 'x.a.example'));
  const path = fc.record({ type: maybe(fc.constantFrom('Exact', 'PathPrefix', 'RegularExpression', 'Other')), value: maybe(fc.constantFrom('/', '/api', 'api', '/a//b', '/v[0-9]+', '')) }, { requiredKeys: [] });
  const match = fc.record(
    {
      path: maybe(path),
      method: maybe(fc.constantFrom('GET', 'POST', 'FETCH')),
      headers: maybe(fc.array(fc.record({ name: maybe(fc.constantFrom('x', 'Bad Name')), value: maybe(fc.constantFrom('1', '')), type: maybe(fc.constantFrom('Exact', 'RegularExpression')) }, { requiredKeys: [] }), { maxLength: 2 })),
      queryParams: maybe(fc.array(fc.record({ name: maybe(fc.constantFrom('q')), value: maybe(fc.constantFrom('1')) }, { requiredKeys: [] }), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  );
  const modifier = fc.record({ type: maybe(fc.constantFrom('ReplaceFullPath', 'ReplacePrefixMatch', 'X')), replaceFullPath: maybe(fc.constantFrom('/a')), replacePrefixMatch: maybe(fc.constantFrom('/b')) }, { requiredKeys: [] });
  const filter = fc.record(
    {
      type: maybe(fc.constantFrom('RequestRedirect', 'URLRewrite', 'RequestHeaderModifier', 'Bogus')),
      requestRedirect: maybe(fc.record({ scheme: maybe(fc.constantFrom('http', 'https', 'ftp')), statusCode: maybe(fc.constantFrom(301, 302, 305)), port: maybe(fc.constantFrom(0, 8443)), hostname: host, path: maybe(modifier) }, { requiredKeys: [] })),
      urlRewrite: maybe(fc.record({ hostname: host, path: maybe(modifier) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  const backendRef = fc.record({ name: maybe(fc.constantFrom('web', 'db')), namespace: maybe(fc.constantFrom('default', 'other')), port: maybe(fc.constantFrom(80, 0)), weight: maybe(fc.constantFrom(0, 1, 5, -1, 2000000)), kind: maybe(fc.constantFrom('Service', 'Pod')), group: maybe(fc.constantFrom('', 'x.io')) }, { requiredKeys: [] });
  const rule = fc.record({ matches: maybe(fc.array(match, { maxLength: 3 })), filters: maybe(fc.array(filter, { maxLength: 2 })), backendRefs: maybe(fc.array(backendRef, { maxLength: 3 })), name: maybe(fc.constantFrom('r', 'Bad')) }, { requiredKeys: [] });
  const listener = fc.record(
    {
      name: maybe(fc.constantFrom('http', 'https', 'http')),
      port: maybe(fc.constantFrom(80, 443, 0, 70000)),
      protocol: maybe(fc.constantFrom('HTTP', 'HTTPS', 'TLS', 'TCP', 'QUIC', 'bad proto')),
      hostname: host,
      tls: maybe(fc.record({ mode: maybe(fc.constantFrom('Terminate', 'Passthrough', 'X')), certificateRefs: maybe(fc.array(fc.record({ name: maybe(fc.constantFrom('cert')), namespace: maybe(fc.constantFrom('other')) }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })),
      allowedRoutes: maybe(fc.record({ namespaces: maybe(fc.record({ from: maybe(fc.constantFrom('Same', 'All', 'Selector', 'None')), selector: maybe(fc.record({ matchLabels: fc.dictionary(fc.constantFrom('team'), fc.constantFrom('a')) })) }, { requiredKeys: [] })), kinds: maybe(fc.array(fc.record({ kind: maybe(fc.constantFrom('HTTPRoute', 'TCPRoute')) }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  const gateway = fc.record({ apiVersion: fc.constant('gateway.networking.k8s.io/v1'), kind: fc.constant('Gateway'), metadata: fc.record({ name: fc.constantFrom('gw', 'gw2'), namespace: fc.constantFrom('default', 'other') }), spec: maybe(fc.record({ gatewayClassName: maybe(fc.constantFrom('c', 'missing')), listeners: maybe(fc.array(listener, { maxLength: 3 })) }, { requiredKeys: [] })) });
  const route = fc.record({
    apiVersion: fc.constantFrom('gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'),
    kind: fc.constant('HTTPRoute'),
    metadata: fc.record({ name: fc.constantFrom('r', 'r2'), namespace: fc.constantFrom('default', 'other') }),
    spec: maybe(fc.record({ parentRefs: maybe(fc.array(fc.record({ name: maybe(fc.constantFrom('gw', 'gw2', 'nope')), namespace: maybe(fc.constantFrom('default', 'other')), sectionName: maybe(fc.constantFrom('http', 'https')), port: maybe(fc.constantFrom(80, 443)) }, { requiredKeys: [] }), { maxLength: 2 })), hostnames: maybe(fc.array(host, { maxLength: 2 })), rules: maybe(fc.array(rule, { maxLength: 3 })) }, { requiredKeys: [] })),
  });
  const cls = fc.constant({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'c' }, spec: { controllerName: 'example.com/gw' } });
  const grant = fc.record({ apiVersion: fc.constant('gateway.networking.k8s.io/v1beta1'), kind: fc.constant('ReferenceGrant'), metadata: fc.record({ name: fc.constant('g'), namespace: fc.constantFrom('default', 'other') }), spec: maybe(fc.record({ from: maybe(fc.array(fc.record({ group: fc.constant('gateway.networking.k8s.io'), kind: fc.constantFrom('HTTPRoute', 'Gateway'), namespace: fc.constantFrom('default', 'other') }), { maxLength: 2 })), to: maybe(fc.array(fc.record({ group: fc.constant(''), kind: fc.constantFrom('Service', 'Secret'), name: maybe(fc.constantFrom('web')) }, { requiredKeys: ['group', 'kind'] }), { maxLength: 2 })) }, { requiredKeys: [] })) });
  const service = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Service'), metadata: fc.record({ name: fc.constantFrom('web', 'gw-c'), namespace: fc.constantFrom('default', 'other') }), spec: fc.constant({ selector: { app: 'web' }, ports: [{ port: 80 }] }) });
  const pod = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: fc.record({ name: fc.constantFrom('web', 'gw-pod'), namespace: fc.constantFrom('default', 'other'), labels: fc.constantFrom({ app: 'web' }, { 'gateway.networking.k8s.io/gateway-name': 'gw' }) }), spec: fc.constant({ containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] }) });

  it('Gateways, HTTPRoutes, grants, Services and pods mixed', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(gateway, route, route, cls, grant, service, pod), { maxLength: 8 }), (objects) => {
        const text = objects.map((o) => JSON.stringify(o)).join('\n---\n');
        const parsed = parseManifests([{ name: 'g.yaml', text }]);
        expectNoInternal(parsed.diagnostics);
        runAll(parsed.documents);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
