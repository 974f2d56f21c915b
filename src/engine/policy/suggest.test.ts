import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cluster, LabelSelector, NetworkPolicyObject, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule, PolicyPeer, PolicyType, Protocol } from '../types';
import { evaluateConnection } from './evaluate';
import { suggestFix } from './suggest';
import { buildTestCluster, buildTestPolicy, labelSelector as sel, type TestPod } from '../testing/cluster';

/** YAML → NetworkPolicyObject, strictly: the suggested YAML must be a real NetworkPolicy. */
type Raw = Record<string, unknown>;
const toSelector = (raw: unknown): LabelSelector => {
  const r = (raw ?? {}) as Raw;
  return {
    matchLabels: (r['matchLabels'] ?? {}) as Record<string, string>,
    matchExpressions: ((r['matchExpressions'] ?? []) as Raw[]).map((e) => ({ key: e['key'] as string, operator: e['operator'] as 'In', values: (e['values'] ?? []) as string[] })),
  };
};
const toPeer = (raw: Raw): NetworkPolicyPeer => ({
  ...(raw['podSelector'] !== undefined ? { podSelector: toSelector(raw['podSelector']) } : {}),
  ...(raw['namespaceSelector'] !== undefined ? { namespaceSelector: toSelector(raw['namespaceSelector']) } : {}),
  ...(raw['ipBlock'] !== undefined ? { ipBlock: { cidr: (raw['ipBlock'] as Raw)['cidr'] as string, except: ((raw['ipBlock'] as Raw)['except'] ?? []) as string[] } } : {}),
});
const toPort = (raw: Raw): NetworkPolicyPort => ({
  protocol: (raw['protocol'] ?? 'TCP') as Protocol,
  ...(raw['port'] !== undefined ? { port: raw['port'] as number | string } : {}),
  ...(raw['endPort'] !== undefined ? { endPort: raw['endPort'] as number } : {}),
});
const toRules = (raw: unknown, key: 'from' | 'to'): NetworkPolicyRule[] =>
  ((raw ?? []) as Raw[]).map((r) => ({ peers: ((r[key] ?? []) as Raw[]).map(toPeer), ports: ((r['ports'] ?? []) as Raw[]).map(toPort) }));
function policyFromYaml(text: string): NetworkPolicyObject {
  const doc = parse(text) as Raw;
  expect(doc['apiVersion']).toBe('networking.k8s.io/v1');
  expect(doc['kind']).toBe('NetworkPolicy');
  const meta = doc['metadata'] as Raw;
  const spec = doc['spec'] as Raw;
  return buildTestPolicy({
    namespace: meta['namespace'] as string,
    name: meta['name'] as string,
    podSelector: toSelector(spec['podSelector']),
    policyTypes: spec['policyTypes'] as PolicyType[],
    ingress: toRules(spec['ingress'], 'from'),
    egress: toRules(spec['egress'], 'to'),
  });
}

function applyFix(cluster: Cluster, yaml: string, pods: TestPod[], namespaces: { name: string; labels?: Record<string, string> }[], cni?: 'calico'): Cluster {
  const policy = policyFromYaml(yaml);
  const others = cluster.networkPolicies.filter((p) => !(p.meta.namespace === policy.meta.namespace && p.meta.name === policy.meta.name));
  const replaced = others.length < cluster.networkPolicies.length;
  const list = replaced ? cluster.networkPolicies.map((p) => (p.meta.namespace === policy.meta.namespace && p.meta.name === policy.meta.name ? policy : p)) : [...others, policy];
  return buildTestCluster({ namespaces, pods, policies: list, ...(cni ? { cni } : {}) });
}

/** Applies suggested fixes (one per dropping direction) and returns the final verdict and the fixes. */
function fixUntilAllowed(cluster: Cluster, pods: TestPod[], namespaces: { name: string; labels?: Record<string, string> }[], src: PolicyPeer, dst: PolicyPeer, port: number, protocol: Protocol) {
  const fixes = [];
  let current = cluster;
  let verdict = evaluateConnection(current, src, dst, port, protocol);
  for (let i = 0; i < 2 && !verdict.allowed; i++) {
    const fix = suggestFix(current, src, dst, port, protocol, verdict);
    expect(fix, `a fix for ${JSON.stringify(src)} -> ${JSON.stringify(dst)}`).toBeDefined();
    fixes.push(fix!);
    current = applyFix(current, fix!.yaml, pods, namespaces);
    verdict = evaluateConnection(current, src, dst, port, protocol);
  }
  return { verdict, fixes, cluster: current };
}

const namespaces = [{ name: 'default' }, { name: 'ingress-nginx' }, { name: 'other' }];
const pods: TestPod[] = [
  { namespace: 'default', name: 'frontend-0', labels: { app: 'frontend', 'pod-template-hash': '5d8f' }, owner: 'deployment/default/frontend', ports: [{ containerPort: 80, protocol: 'TCP' }] },
  { namespace: 'default', name: 'frontend-1', labels: { app: 'frontend', 'pod-template-hash': '5d8f' }, owner: 'deployment/default/frontend', ports: [{ containerPort: 80, protocol: 'TCP' }] },
  { namespace: 'default', name: 'backend-0', labels: { app: 'backend', 'pod-template-hash': '77aa' }, owner: 'deployment/default/backend', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
  { namespace: 'default', name: 'backend-1', labels: { app: 'backend', 'pod-template-hash': '77aa' }, owner: 'deployment/default/backend', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
  { namespace: 'default', name: 'db-0', labels: { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' }, owner: 'statefulset/default/db', ports: [{ containerPort: 5432, protocol: 'TCP' }] },
  { namespace: 'ingress-nginx', name: 'ingress-nginx-controller-0', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'pod-template-hash': 'abc' }, owner: 'deployment/ingress-nginx/ingress-nginx-controller' },
];
const P = (ns: string, name: string): PolicyPeer => ({ kind: 'pod', podRef: `pod/${ns}/${name}` });
const rule = (peers: NetworkPolicyRule['peers'], ports: NetworkPolicyRule['ports'] = []): NetworkPolicyRule => ({ peers, ports });

const allowFrontendToBackend = buildTestPolicy({
  namespace: 'default',
  name: 'allow-frontend-to-backend',
  podSelector: sel({ app: 'backend' }),
  policyTypes: ['Ingress'],
  ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }], [{ protocol: 'TCP', port: 8080 }])],
});
const denyAll = buildTestPolicy({ namespace: 'default', name: 'default-deny', podSelector: sel(), policyTypes: ['Ingress', 'Egress'] });
const dbIngress = buildTestPolicy({ namespace: 'default', name: 'db', podSelector: sel({ app: 'db' }), ingress: [rule([{ podSelector: sel({ app: 'backend' }) }], [{ protocol: 'TCP', port: 5432 }]), rule([{ podSelector: sel({ app: 'backend' }) }], [{ protocol: 'TCP', port: 9999 }])] });

interface Row {
  name: string;
  policies: NetworkPolicyObject[];
  src: PolicyPeer;
  dst: PolicyPeer;
  port: number;
  kind: 'patch' | 'new-policy';
  summary: RegExp;
  alsoOpens?: string[];
}
const rows: Row[] = [
  {
    name: 'ingress controller into backend: peer added to the rule that covers 8080, in its namespace',
    policies: [allowFrontendToBackend],
    src: P('ingress-nginx', 'ingress-nginx-controller-0'),
    dst: P('default', 'backend-0'),
    port: 8080,
    kind: 'patch',
    summary: /^Add pods app\.kubernetes\.io\/name=ingress-nginx in namespaces kubernetes\.io\/metadata\.name=ingress-nginx to ingress rule 0 of default\/allow-frontend-to-backend/,
    alsoOpens: ['to default/backend-1 (also selected by default/allow-frontend-to-backend)'],
  },
  {
    name: 'same namespace: podSelector only, without pod-template-hash',
    policies: [dbIngress],
    src: P('default', 'frontend-0'),
    dst: P('default', 'db-0'),
    port: 5432,
    kind: 'patch',
    summary: /^Add pods app=frontend in namespace default to ingress rule 0 of default\/db/,
    alsoOpens: ['from default/frontend-1'],
  },
  {
    name: 'no rule covers the port: a new rule in the isolating policy',
    policies: [allowFrontendToBackend],
    src: P('default', 'frontend-0'),
    dst: P('default', 'backend-0'),
    port: 9090,
    kind: 'patch',
    summary: /^Add an ingress rule from pods app=frontend in namespace default on TCP 9090 to default\/allow-frontend-to-backend/,
  },
  {
    name: 'only a deny-all isolates: a new policy instead of weakening the deny-all (egress first)',
    policies: [denyAll],
    src: P('default', 'frontend-0'),
    dst: P('default', 'backend-0'),
    port: 8080,
    kind: 'new-policy',
    summary: /^Create default\/allow-frontend-to-backend: egress to pods app=backend/,
    alsoOpens: ['to default/backend-1', 'for default/frontend-1 (also selected by pods app=frontend)'],
  },
  {
    name: 'external client: ipBlock /32',
    policies: [allowFrontendToBackend],
    src: { kind: 'external', ip: '203.0.113.7' },
    dst: P('default', 'backend-0'),
    port: 8080,
    kind: 'patch',
    summary: /^Add ipBlock 203\.0\.113\.7\/32 to ingress rule 0/,
  },
  {
    name: 'another node: ipBlock of the node IP',
    policies: [denyAll],
    src: { kind: 'node', nodeName: 'node-3', ip: '192.168.0.13' },
    dst: P('default', 'db-0'),
    port: 5432,
    kind: 'new-policy',
    summary: /^Create default\/allow-node-3-to-db: ingress from ipBlock 192\.168\.0\.13\/32 on TCP 5432/,
  },
  {
    name: 'egress to the internet: ipBlock /32 in the egress rule',
    policies: [buildTestPolicy({ namespace: 'default', name: 'fe-egress', podSelector: sel({ app: 'frontend' }), policyTypes: ['Egress'], egress: [rule([{ podSelector: sel({ app: 'backend' }) }])] })],
    src: P('default', 'frontend-0'),
    dst: { kind: 'external', ip: '93.184.216.34' },
    port: 443,
    kind: 'patch',
    summary: /^Add ipBlock 93\.184\.216\.34\/32 to egress rule 0 of default\/fe-egress/,
  },
];

describe('suggestFix', () => {
  it.each(rows)('$name', (row) => {
    const cluster = buildTestCluster({ namespaces, pods, policies: row.policies });
    const before = evaluateConnection(cluster, row.src, row.dst, row.port, 'TCP');
    expect(before.allowed).toBe(false);
    const fix = suggestFix(cluster, row.src, row.dst, row.port, 'TCP', before)!;
    expect(fix.kind).toBe(row.kind);
    expect(fix.summary).toMatch(row.summary);
    if (row.alsoOpens) expect(fix.alsoOpens).toEqual(row.alsoOpens);
    expect(fix.yaml).not.toMatch(/pod-template-hash|statefulset\.kubernetes\.io\/pod-name/);
    const { verdict } = fixUntilAllowed(cluster, pods, namespaces, row.src, row.dst, row.port, 'TCP');
    expect(verdict.allowed).toBe(true);
  });

  it('emits one complete NetworkPolicy document', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [allowFrontendToBackend] });
    const src = P('ingress-nginx', 'ingress-nginx-controller-0');
    const dst = P('default', 'backend-0');
    const fix = suggestFix(cluster, src, dst, 8080, 'TCP', evaluateConnection(cluster, src, dst, 8080, 'TCP'))!;
    expect(fix.yaml).toBe(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-frontend-to-backend
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: ingress-nginx
          namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
      ports:
        - protocol: TCP
          port: 8080
`);
  });

  it('no fix when allowed or not enforced', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [] });
    const v = evaluateConnection(cluster, P('default', 'frontend-0'), P('default', 'backend-0'), 8080, 'TCP');
    expect(suggestFix(cluster, P('default', 'frontend-0'), P('default', 'backend-0'), 8080, 'TCP', v)).toBeUndefined();
    const flannel = buildTestCluster({ cni: 'flannel', namespaces, pods, policies: [denyAll] });
    const f = evaluateConnection(flannel, P('default', 'frontend-0'), P('default', 'backend-0'), 8080, 'TCP');
    expect(suggestFix(flannel, P('default', 'frontend-0'), P('default', 'backend-0'), 8080, 'TCP', f)).toBeUndefined();
  });

  it('every drop of a mixed cluster flips to allow after applying the fixes', () => {
    const ns3 = [{ name: 'x', labels: { ns: 'x' } }, { name: 'y', labels: { ns: 'y' } }, { name: 'z', labels: { ns: 'z' } }];
    const pods3: TestPod[] = ['x', 'y', 'z'].flatMap((ns) => ['a', 'b', 'c'].map((p) => ({ namespace: ns, name: p, labels: { pod: p }, ports: [{ name: 'serve-80-tcp', containerPort: 80, protocol: 'TCP' as const }] })));
    const policies = [
      buildTestPolicy({ namespace: 'x', name: 'deny-all', policyTypes: ['Ingress', 'Egress'] }),
      buildTestPolicy({ namespace: 'y', name: 'allow-from-z', podSelector: sel({ pod: 'a' }), ingress: [rule([{ namespaceSelector: sel({ ns: 'z' }) }], [{ protocol: 'TCP', port: 'serve-80-tcp' }])] }),
      buildTestPolicy({ namespace: 'z', name: 'egress-y', podSelector: sel({ pod: 'b' }), policyTypes: ['Egress'], egress: [rule([{ namespaceSelector: sel({ ns: 'y' }), podSelector: sel({ pod: 'c' }) }])] }),
    ];
    const cluster = buildTestCluster({ namespaces: ns3, pods: pods3, policies });
    let drops = 0;
    for (const from of cluster.pods) {
      for (const to of cluster.pods) {
        const src = P(from.namespace, from.name);
        const dst = P(to.namespace, to.name);
        if (evaluateConnection(cluster, src, dst, 80, 'TCP').allowed) continue;
        drops++;
        const { verdict } = fixUntilAllowed(cluster, pods3, ns3, src, dst, 80, 'TCP');
        expect([from.ref, to.ref, verdict.allowed]).toEqual([from.ref, to.ref, true]);
      }
    }
    expect(drops).toBeGreaterThan(20);
  });
});
