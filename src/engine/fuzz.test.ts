/**
 * Bad input never makes the engine throw: arbitrary text and arbitrary Kubernetes-shaped objects
 * go through `simulate`, `traceQueries`, `computeMatrix` and `runChecks` together, with queries
 * that are arbitrary strings or plausible ones. Every problem must come back as a diagnostic or
 * a trace `error`, as plain JSON. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Analysis, Query } from './types';
import { simulate, traceQueries } from './simulate';
import { computeMatrix } from './policy/matrix';
import { runChecks } from './trace/checks';
import { MAX_INPUT_BYTES } from './manifest/parse';

const name = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('a', 'b', 'web', 'db', 'web-0', 'db-1') }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70), 'UPPER', '') });
const namespace = fc.constantFrom('default', 'other', 'kube-system', 'ingress-nginx', 'bad_ns');
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'role', 'kubernetes.io/metadata.name'), fc.constantFrom('a', 'b', 'web', 'db', ''), { maxKeys: 2 });
const port = fc.oneof(fc.constantFrom(53, 80, 443, 8080, 30080, 0, 65536, -1), fc.integer({ min: 1, max: 65535 }));
const portName = fc.constantFrom('http', 'grpc', 'dns', 'web', 'Bad Name');
const protocol = fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp', 'ICMP');
/** Garbage of any JSON shape, to mix into every field. */
const junk = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 15, arbitrary: arb }, { weight: 1, arbitrary: junk });

const selector = fc.record(
  {
    matchLabels: labels,
    matchExpressions: fc.array(fc.record({ key: fc.constantFrom('app', 'tier'), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Bogus'), values: fc.array(fc.constantFrom('a', 'b', 'web'), { maxLength: 2 }) }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const meta = fc.record({ name: maybe(name), namespace: maybe(namespace), labels: maybe(labels), annotations: maybe(fc.dictionary(fc.constantFrom('nginx.ingress.kubernetes.io/use-regex', 'nginx.ingress.kubernetes.io/rewrite-target', 'nginx.ingress.kubernetes.io/ssl-redirect', 'ingressclass.kubernetes.io/is-default-class'), fc.constantFrom('true', 'false', '/$1', '/'), { maxKeys: 2 })) }, { requiredKeys: ['name'] });
const containerPort = fc.record({ containerPort: maybe(port), name: maybe(portName), protocol: maybe(protocol), hostPort: port }, { requiredKeys: ['containerPort'] });
const podSpec = fc.record(
  {
    nodeName: maybe(fc.constantFrom('node-1', 'node-2', 'node-9')),
    hostNetwork: fc.boolean(),
    hostname: name,
    subdomain: name,
    nodeSelector: labels,
    containers: maybe(fc.array(fc.record({ name: fc.constant('c'), image: fc.constant('x'), ports: maybe(fc.array(containerPort, { maxLength: 3 })) }), { maxLength: 2 })),
  },
  { requiredKeys: ['containers'] },
);
const template = fc.record({ metadata: fc.record({ labels: maybe(labels) }), spec: maybe(podSpec) });
const peer = fc.record(
  { podSelector: maybe(selector), namespaceSelector: maybe(selector), ipBlock: maybe(fc.record({ cidr: fc.constantFrom('10.0.0.0/8', '10.244.0.0/16', '0.0.0.0/0', '192.168.0.11/32', 'nonsense', '10.0.0.0/33'), except: fc.array(fc.constantFrom('10.244.1.0/24', 'bad'), { maxLength: 2 }) })) },
  { requiredKeys: [] },
);
const policyPort = fc.record({ port: maybe(fc.oneof(port, portName)), endPort: port, protocol: maybe(protocol) }, { requiredKeys: [] });
const rule = (peers: 'from' | 'to') => fc.record({ [peers]: maybe(fc.array(peer, { maxLength: 2 })), ports: maybe(fc.array(policyPort, { maxLength: 2 })) }, { requiredKeys: [] });
/** Cluster-scoped policies (v1alpha2 and v1alpha1 shapes), right and wrong. */
const clusterPods = fc.oneof(fc.record({ namespaces: maybe(selector) }), fc.record({ pods: maybe(fc.record({ namespaceSelector: maybe(selector), podSelector: maybe(selector) }, { requiredKeys: [] })) }), fc.record({ namespaces: selector, pods: fc.constant({ podSelector: {} }) }, { requiredKeys: [] }));
const clusterPeer = fc.oneof(clusterPods, fc.record({ networks: maybe(fc.array(fc.constantFrom('10.0.0.0/8', '10.244.0.0/16', '0.0.0.0/0', '192.168.0.11/32', 'fd00::/8', 'nonsense'), { maxLength: 2 })) }), fc.record({ nodes: maybe(selector) }), fc.record({ domainNames: maybe(fc.array(fc.constantFrom('a.io', '*.a.io', '-x'), { maxLength: 2 })) }));
const destinationPort = fc.oneof(fc.record({ number: maybe(port) }), fc.record({ range: maybe(fc.record({ start: port, end: port })) }));
const clusterProtocol = fc.oneof(fc.record({ tcp: maybe(fc.record({ destinationPort }, { requiredKeys: [] })) }), fc.record({ udp: fc.record({ destinationPort }) }), fc.record({ sctp: fc.record({ destinationPort }) }), fc.record({ destinationNamedPort: maybe(portName) }));
const anpPort = fc.oneof(fc.record({ portNumber: maybe(fc.record({ protocol: maybe(protocol), port }, { requiredKeys: ['port'] })) }), fc.record({ namedPort: maybe(portName) }), fc.record({ portRange: maybe(fc.record({ protocol, start: port, end: port }, { requiredKeys: ['start', 'end'] })) }));
const clusterRule = (peers: 'from' | 'to', v1: boolean) =>
  fc.record({ name: fc.constantFrom('r', 'allow-dns', ''), action: maybe(fc.constantFrom('Accept', 'Allow', 'Deny', 'Pass', 'Drop')), [peers]: maybe(fc.array(clusterPeer, { maxLength: 2 })), [v1 ? 'ports' : 'protocols']: maybe(fc.array<unknown>(v1 ? anpPort : clusterProtocol, { maxLength: 2 })) }, { requiredKeys: ['action', peers] });
const clusterPolicy = fc.oneof(
  fc.record({ apiVersion: fc.constantFrom('policy.networking.k8s.io/v1alpha2', 'policy.networking.k8s.io/v1alpha1'), kind: fc.constant('ClusterNetworkPolicy'), metadata: meta, spec: maybe(fc.record({ tier: maybe(fc.constantFrom('Admin', 'Baseline', 'admin')), priority: maybe(fc.integer({ min: -1, max: 1001 })), subject: maybe(clusterPods), ingress: maybe(fc.array(clusterRule('from', false), { maxLength: 2 })), egress: maybe(fc.array(clusterRule('to', false), { maxLength: 2 })) }, { requiredKeys: ['tier', 'priority', 'subject'] })) }),
  fc.record({ apiVersion: fc.constant('policy.networking.k8s.io/v1alpha1'), kind: fc.constantFrom('AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'), metadata: fc.oneof(meta, fc.constant({ name: 'default' })), spec: maybe(fc.record({ priority: maybe(fc.integer({ min: -1, max: 1001 })), subject: maybe(clusterPods), ingress: maybe(fc.array(clusterRule('from', true), { maxLength: 2 })), egress: maybe(fc.array(clusterRule('to', true), { maxLength: 2 })) }, { requiredKeys: ['subject'] })) }),
);
const ingressPath = fc.record({ path: maybe(fc.constantFrom('/', '/api', '/api/', '/(.*)', '/a/b', '[')), pathType: maybe(fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific')), backend: maybe(fc.record({ service: fc.record({ name: name, port: fc.oneof(fc.record({ number: port }), fc.record({ name: portName })) }) })) });

const object: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: meta, spec: maybe(podSpec), status: maybe(fc.record({ podIP: fc.constantFrom('10.244.0.9', '10.244.0.9', 'bad'), phase: fc.constantFrom('Running', 'Pending'), conditions: fc.constant([{ type: 'Ready', status: 'False' }]) }, { requiredKeys: [] })) }) },
  { weight: 3, arbitrary: fc.record({ apiVersion: fc.constant('apps/v1'), kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'), metadata: meta, spec: maybe(fc.record({ replicas: maybe(fc.integer({ min: -1, max: 4 })), serviceName: name, selector: maybe(selector), template: maybe(template) }, { requiredKeys: [] })) }) },
  { weight: 3, arbitrary: fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata: meta,
    spec: maybe(
      fc.record(
        {
          type: maybe(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Weird')),
          selector: maybe(labels),
          clusterIP: fc.constantFrom('None', '10.96.0.50', '10.96.0.1', 'bad'),
          ports: maybe(fc.array(fc.record({ name: maybe(portName), port: maybe(port), targetPort: maybe(fc.oneof(port, portName)), nodePort: port, protocol: maybe(protocol) }, { requiredKeys: ['port'] }), { maxLength: 3 })),
          externalTrafficPolicy: fc.constantFrom('Cluster', 'Local', 'Bad'),
          internalTrafficPolicy: fc.constantFrom('Cluster', 'Local'),
          sessionAffinity: fc.constantFrom('None', 'ClientIP'),
          externalName: fc.constantFrom('api.example.org', ''),
          publishNotReadyAddresses: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    ),
  }) },
  { weight: 3, arbitrary: fc.record({ apiVersion: fc.constant('networking.k8s.io/v1'), kind: fc.constant('NetworkPolicy'), metadata: meta, spec: maybe(fc.record({ podSelector: maybe(selector), policyTypes: maybe(fc.array(fc.constantFrom('Ingress', 'Egress', 'Sideways'), { maxLength: 2 })), ingress: maybe(fc.array(rule('from'), { maxLength: 2 })), egress: maybe(fc.array(rule('to'), { maxLength: 2 })) }, { requiredKeys: [] })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('networking.k8s.io/v1'), kind: fc.constant('Ingress'), metadata: meta, spec: maybe(fc.record({ ingressClassName: fc.constantFrom('nginx', 'other'), defaultBackend: maybe(fc.record({ service: fc.record({ name, port: fc.record({ number: port }) }) })), tls: maybe(fc.array(fc.record({ hosts: fc.array(fc.constantFrom('a.io', '*.a.io'), { maxLength: 2 }), secretName: name }), { maxLength: 1 })), rules: maybe(fc.array(fc.record({ host: maybe(fc.constantFrom('a.io', '*.a.io', 'b.a.io', '')), http: maybe(fc.record({ paths: fc.array(ingressPath, { maxLength: 3 }) })) }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('networking.k8s.io/v1'), kind: fc.constant('IngressClass'), metadata: meta, spec: maybe(fc.record({ controller: fc.constantFrom('k8s.io/ingress-nginx', 'example.com/other') })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('discovery.k8s.io/v1'), kind: fc.constant('EndpointSlice'), metadata: fc.record({ name, labels: fc.constant({ 'kubernetes.io/service-name': 'web' }) }), addressType: fc.constant('IPv4'), endpoints: maybe(fc.array(fc.record({ addresses: fc.array(fc.constantFrom('10.244.0.9', '203.0.113.5', 'bad'), { maxLength: 2 }), conditions: fc.record({ ready: fc.boolean() }) }), { maxLength: 2 })), ports: maybe(fc.array(fc.record({ name: portName, port, protocol }), { maxLength: 2 })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Endpoints'), metadata: meta, subsets: maybe(fc.array(fc.record({ addresses: fc.array(fc.record({ ip: fc.constantFrom('10.244.0.9', 'bad') }), { maxLength: 2 }), ports: fc.array(fc.record({ port }), { maxLength: 2 }) }), { maxLength: 2 })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('v1'), kind: fc.constantFrom('Node', 'Namespace'), metadata: meta, spec: maybe(fc.record({ podCIDR: fc.constantFrom('10.244.7.0/24', '10.244.0.0/24', 'bad') })), status: maybe(fc.record({ addresses: fc.array(fc.record({ type: fc.constant('InternalIP'), address: fc.constantFrom('192.168.0.11', '10.0.0.5', 'bad') }), { maxLength: 1 }) })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('netplay.dev/v1'), kind: fc.constant('Scenario'), metadata: meta, cni: maybe(fc.constantFrom('calico', 'cilium', 'weave', 'flannel', 'ovn')), nodes: maybe(fc.integer({ min: -1, max: 6 })), bareMetal: fc.boolean(), loadBalancerPool: fc.constantFrom('192.168.0.240/28', 'bad'), checks: maybe(fc.array(fc.record({ from: fc.constantFrom('pod/default/a', 'internet', 'deployment/default/web', 'bad'), to: fc.constantFrom('service/default/web:80', 'http://a.io/api', 'dns/web:80', 'pod/default/b:http', '??'), expect: fc.record({ verdict: maybe(fc.constantFrom('allow', 'deny')), status: maybe(port) }, { requiredKeys: [] }) }), { maxLength: 2 })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('List'), items: maybe(fc.array(fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: meta, spec: podSpec }), { maxLength: 2 })) }) },
  { weight: 1, arbitrary: fc.record({ apiVersion: fc.constantFrom('v1', 'x/v1'), kind: fc.constantFrom('ConfigMap', 'Job', 'Weird'), metadata: meta }) },
  { weight: 1, arbitrary: junk },
);

/** Queries as the app, the CLI and a scenario send them: plausible ones and arbitrary strings. */
const queryEnd = {
  from: fc.oneof(
    fc.constantFrom('internet', 'ip/203.0.113.9', 'ip/999.1.1.1', 'node/node-1', 'node/node-9', 'pod/default/a', 'pod/default/web-0', 'deployment/default/web', 'statefulset/default/db', 'daemonset/other/a', 'pod/x'),
    fc.string({ maxLength: 30 }),
  ),
  to: fc.oneof(
    fc.constantFrom('pod/default/b:80', 'pod/default/a:http', 'service/default/web:80', 'service/default/web:http/UDP', 'nodeport/node-1:30080', 'loadbalancer/default/web:80', 'http://a.io/api', 'https://b.a.io/', 'http://a.io:8080/x', 'dns/web:80', 'dns/web-0.web.default:http', 'dns/nothing:1', 'ip/8.8.8.8:53/udp', 'ip/10.244.0.9:80', 'service/default/web:99999'),
    fc.string({ maxLength: 30 }),
  ),
};
const query: fc.Arbitrary<Query> = fc.record({ from: queryEnd.from, to: queryEnd.to, seed: fc.oneof(fc.integer(), fc.constant(Number.NaN), fc.constant(-Infinity)) }, { requiredKeys: ['from', 'to'] });

/** Picks that become queries about the objects the generated cluster really has. */
const pick = fc.record({
  from: fc.constantFrom('pod', 'workload', 'node', 'internet', 'ip'),
  to: fc.constantFrom('pod', 'service', 'service-name', 'nodeport', 'loadbalancer', 'http', 'dns', 'dns-pod', 'ip'),
  i: fc.nat(),
  j: fc.nat(),
  port: fc.oneof(port, portName),
  protocol: fc.constantFrom('', '/UDP', '/SCTP'),
  seed: fc.option(fc.nat(9), { nil: undefined }),
});

function toQuery(analysis: Analysis, p: { from: string; to: string; i: number; j: number; port: number | string; protocol: string; seed: number | undefined }): Query {
  const c = analysis.cluster;
  const at = <T>(xs: readonly T[], k: number): T | undefined => (xs.length === 0 ? undefined : xs[k % xs.length]);
  const pod = at(c.pods, p.i);
  const dst = at(c.pods, p.j);
  const svc = at(c.services, p.j);
  const node = at(c.nodes, p.i);
  const from =
    p.from === 'pod' ? (pod !== undefined ? `pod/${pod.namespace}/${pod.name}` : 'pod/default/none')
    : p.from === 'workload' ? (pod?.owner !== undefined ? pod.owner : 'deployment/default/none')
    : p.from === 'node' ? `node/${node?.name ?? 'none'}`
    : p.from === 'ip' ? `ip/${dst?.ip ?? '203.0.113.9'}`
    : 'internet';
  const portText = `${p.port}${p.protocol}`;
  const svcPort = svc?.ports[p.i % Math.max(1, svc.ports.length)];
  const ingressHost = c.ingresses[0]?.object.rules[0]?.host ?? 'a.io';
  const to =
    p.to === 'pod' ? `pod/${dst?.namespace ?? 'default'}/${dst?.name ?? 'none'}:${portText}`
    : p.to === 'service' ? `service/${svc?.namespace ?? 'default'}/${svc?.name ?? 'none'}:${svcPort?.port ?? portText}${p.protocol}`
    : p.to === 'service-name' ? `service/${svc?.namespace ?? 'default'}/${svc?.name ?? 'none'}:${svcPort?.name ?? portText}`
    : p.to === 'nodeport' ? `nodeport/${node?.name ?? 'node-1'}:${svcPort?.nodePort ?? 30080}`
    : p.to === 'loadbalancer' ? `loadbalancer/${svc?.namespace ?? 'default'}/${svc?.name ?? 'none'}:${svcPort?.port ?? 80}`
    : p.to === 'http' ? `${p.i % 2 === 0 ? 'http' : 'https'}://${ingressHost.replace('*', 'x')}/${['', 'api', 'api/', 'a/b'][p.j % 4]!}`
    : p.to === 'dns' ? `dns/${svc?.name ?? 'none'}.${svc?.namespace ?? 'default'}:${portText}`
    : p.to === 'dns-pod' ? `dns/${dst?.name ?? 'none'}.${svc?.name ?? 'none'}.${dst?.namespace ?? 'default'}:${portText}`
    : `ip/${dst?.ip ?? '8.8.8.8'}:${portText}`;
  return { from, to, ...(p.seed !== undefined ? { seed: p.seed } : {}) };
}

/** Everything the app and the CLI ask of one analysis; throws only if the engine does. */
function askEverything(analysis: Analysis, queries: readonly Query[], matrixPort: number | string | undefined): void {
  expect(analysis.diagnostics.filter((d) => d.code === 'internal').map((d) => d.message)).toEqual([]);
  for (const d of analysis.diagnostics) expect(typeof d.message).toBe('string');
  const traces = traceQueries(analysis.cluster, queries);
  expect(traces).toHaveLength(queries.length);
  for (const t of traces) {
    expect(['allow', 'deny']).toContain(t.verdict);
    if (t.error !== undefined) expect(t.error.length).toBeGreaterThan(0);
  }
  expect(JSON.parse(JSON.stringify(traces))).toEqual(traces);
  const matrix = computeMatrix(analysis.cluster, matrixPort === undefined ? {} : { port: matrixPort });
  expect(matrix.pods.length).toBe(matrix.podClasses.length);
  const checks = runChecks(analysis.cluster);
  expect(checks.length).toBe(analysis.cluster.scenario?.checks.length ?? 0);
  expect(JSON.parse(JSON.stringify(analysis.graph))).toEqual(analysis.graph);
}

const matrixPort = fc.oneof(fc.constant(undefined), port, portName);

describe('fuzz: simulate + traceQueries + computeMatrix + runChecks never throw', () => {
  it('Kubernetes-shaped objects (valid and broken), as YAML, with arbitrary and plausible queries', () => {
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 14 }), fc.array(query, { maxLength: 3 }), fc.array(pick, { maxLength: 8 }), matrixPort, (objects, queries, picks, mport) => {
        const text = objects.map((o) => stringify(o)).join('---\n');
        const analysis = simulate([{ name: 'fuzz.yaml', text }]);
        askEverything(analysis, [...queries, ...picks.map((p) => toQuery(analysis, p))], mport);
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });

  it('cluster policies (valid and broken) beside the other kinds, with plausible queries', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(object, clusterPolicy), { minLength: 1, maxLength: 10 }), fc.array(pick, { maxLength: 4 }), matrixPort, (objects, picks, mport) => {
        const text = objects.map((o) => stringify(o)).join('---\n');
        const analysis = simulate([{ name: 'fuzz.yaml', text }]);
        askEverything(analysis, picks.map((p) => toQuery(analysis, p)), mport);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it('YAML-ish text from tokens, several files, and arbitrary strings', () => {
    const token = fc.constantFrom('apiVersion: v1\n', 'kind: Pod\n', 'kind: Service\n', 'kind: NetworkPolicy\n', 'kind: List\n', 'items:\n', '---\n', 'metadata: {name: a, labels: {app: a}}\n', 'spec:\n', '  ports: [{port: 80}]\n', '  selector: {app: a}\n', '  podSelector: {}\n', '  ingress: [{}]\n', '  containers: [{name: c}]\n', '- ', ': ', '{', '}', '[', ']', '&a ', '*a', '<<: *a\n', '"', '|\n', '#', '\t', '~', '!!binary ', '? ', '\u0000', '\uFEFF');
    fc.assert(
      fc.property(fc.array(fc.array(token, { maxLength: 30 }), { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 200 }), fc.array(query, { maxLength: 4 }), (files, raw, queries) => {
        const inputs = [...files.map((tokens, i) => ({ name: `f${i}.yaml`, text: tokens.join('') })), { name: 'raw.yaml', text: raw }];
        askEverything(simulate(inputs), queries, undefined);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('the options too: any cni and node count', () => {
    fc.assert(
      fc.property(fc.constantFrom('calico', 'flannel', 'bogus', undefined), fc.oneof(fc.integer({ min: -5, max: 300 }), fc.constant(Number.NaN)), (cni, nodes) => {
        const analysis = simulate([{ name: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n' }], { ...(cni !== undefined ? { cni: cni as 'calico' } : {}), nodes });
        askEverything(analysis, [{ from: 'pod/default/a', to: 'pod/default/a:80' }], undefined);
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});

describe('bad input is refused, not run', () => {
  it('an alias bomb is refused with a diagnostic (the billion laughs)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array.from({ length: 10 }, () => `*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const analysis = simulate([{ name: 'bomb.yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n` }]);
    expect(analysis.diagnostics.map((d) => d.code)).toContain('yaml.alias-limit');
    expect(analysis.diagnostics.find((d) => d.code === 'yaml.alias-limit')!.severity).toBe('error');
  });

  it('an input over 5 MB (all files together) is refused with a clear message, not parsed', () => {
    const big = `# ${'x'.repeat(MAX_INPUT_BYTES)}\n`;
    const analysis = simulate([
      { name: 'big.yaml', text: big },
      { name: 'ok.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c}]}\n' },
    ]);
    const refusal = analysis.diagnostics.find((d) => d.code === 'input.too-large');
    expect(refusal).toMatchObject({ severity: 'error', range: { file: 'big.yaml' } });
    expect(refusal!.message).toMatch(/^The input is 5\.0 MB, over the 5 MB limit: it was not parsed/);
    expect(analysis.cluster.pods.map((p) => p.ref)).not.toContain('pod/default/ok');
    // Just under the limit is parsed.
    const under = simulate([{ name: 'ok.yaml', text: `# ${'x'.repeat(MAX_INPUT_BYTES - 200)}\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c}]}\n` }]);
    expect(under.diagnostics.map((d) => d.code)).not.toContain('input.too-large');
    expect(under.cluster.pods.map((p) => p.ref)).toContain('pod/default/ok');
  });

  it('a query naming an unknown object gets an error answer; the others in the batch still answer', () => {
    const { cluster } = simulate([{ name: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, ports: [{containerPort: 80}]}]}\n' }]);
    const answers = traceQueries(cluster, [
      { from: 'pod/default/a', to: 'pod/default/a:80' },
      { from: 'pod/default/ghost', to: 'pod/default/a:80' },
      { from: 'pod/default/a', to: 'service/default/ghost:80' },
      { from: 'pod/default/a', to: 'pod/default/a:nope' },
      { from: 'not a source', to: '???' },
      { from: 'internet', to: 'pod/default/a:80' },
    ]);
    expect(answers.map((a) => a.error === undefined)).toEqual([true, false, false, false, false, true]);
    expect(answers[1]!.error).toMatch(/ghost/);
    expect(answers[2]!.error).toMatch(/ghost/);
    expect(answers[3]!.error).toMatch(/nope/);
    expect([answers[0]!.verdict, answers[5]!.verdict]).toEqual(['allow', 'allow']);
  });
});
