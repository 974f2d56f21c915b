import { describe, expect, it } from 'vitest';
import type { NetworkPolicyObject, NetworkPolicyRule, PolicyPeer, Protocol } from '../types';
import { evaluateConnection } from './evaluate';
import { evaluateReferencePair } from './reference';
import { buildTestCluster, buildTestPolicy, labelSelector as sel, type TestPod } from '../testing/cluster';

const pods: TestPod[] = [
  { namespace: 'default', name: 'frontend-0', labels: { app: 'frontend' }, nodeName: 'node-1', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
  {
    namespace: 'default',
    name: 'backend-0',
    labels: { app: 'backend', tier: 'api' },
    nodeName: 'node-2',
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ],
  },
  { namespace: 'default', name: 'db-0', labels: { app: 'db' }, nodeName: 'node-2', ports: [{ name: 'http', containerPort: 5432, protocol: 'TCP' }] },
  { namespace: 'other', name: 'client-0', labels: { app: 'frontend' }, nodeName: 'node-3' },
  { namespace: 'monitoring', name: 'prom-0', labels: { app: 'prom' }, nodeName: 'node-3' },
  { namespace: 'kube-system', name: 'agent-0', labels: { app: 'agent' }, nodeName: 'node-2', hostNetwork: true },
];
const namespaces = [
  { name: 'default', labels: { team: 'shop' } },
  { name: 'other', labels: { team: 'shop' } },
  { name: 'monitoring', labels: { team: 'ops' } },
];

const pod = (ns: string, name: string): PolicyPeer => ({ kind: 'pod', podRef: `pod/${ns}/${name}` });
const fe = pod('default', 'frontend-0');
const be = pod('default', 'backend-0');
const db = pod('default', 'db-0');
const client = pod('other', 'client-0');
const prom = pod('monitoring', 'prom-0');
const agent = pod('kube-system', 'agent-0');
const internet: PolicyPeer = { kind: 'external', ip: '203.0.113.7' };
const node2: PolicyPeer = { kind: 'node', nodeName: 'node-2', ip: '192.168.0.12' };
const node1: PolicyPeer = { kind: 'node', nodeName: 'node-1', ip: '192.168.0.11' };

const ing = (name: string, ingress: NetworkPolicyRule[] | undefined, podSelector = sel({ app: 'backend' }), policyTypes?: ('Ingress' | 'Egress')[]) =>
  buildTestPolicy({ namespace: 'default', name, podSelector, ...(ingress ? { ingress } : {}), ...(policyTypes ? { policyTypes } : {}) });
const egr = (name: string, egress: NetworkPolicyRule[], podSelector = sel({ app: 'frontend' }), policyTypes?: ('Ingress' | 'Egress')[]) =>
  buildTestPolicy({ namespace: 'default', name, podSelector, egress, ...(policyTypes ? { policyTypes } : {}) });
const rule = (peers: NetworkPolicyRule['peers'] = [], ports: NetworkPolicyRule['ports'] = []): NetworkPolicyRule => ({ peers, ports });
const tcp = (port?: number | string, endPort?: number) => ({ protocol: 'TCP' as const, ...(port === undefined ? {} : { port }), ...(endPort === undefined ? {} : { endPort }) });

interface Row {
  name: string;
  policies: NetworkPolicyObject[];
  src: PolicyPeer;
  dst: PolicyPeer;
  port: number;
  protocol?: Protocol;
  allowed: boolean;
  allowedBy?: string[];
  cni?: 'flannel';
}

const rows: Row[] = [
  { name: 'no policy: everything allowed', policies: [], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'empty podSelector isolates every pod of the namespace', policies: [ing('deny', [], sel())], src: fe, dst: db, port: 5432, allowed: false },
  { name: 'empty podSelector does not reach other namespaces', policies: [ing('deny', [], sel())], src: fe, dst: client, port: 80, allowed: true },
  { name: 'missing ingress with Ingress type denies all', policies: [ing('deny', undefined)], src: fe, dst: be, port: 8080, allowed: false },
  { name: 'ingress: [{}] allows all', policies: [ing('all', [rule()])], src: client, dst: be, port: 8080, allowed: true, allowedBy: ['default/all#0'] },
  { name: 'policyTypes defaulting: egress rules add Egress', policies: [egr('eg', [rule([{ podSelector: sel({ app: 'db' }) }])])], src: fe, dst: be, port: 8080, allowed: false },
  { name: 'policyTypes defaulting: egress-defaulted policy also isolates ingress', policies: [egr('eg', [rule()])], src: be, dst: fe, port: 80, allowed: false },
  { name: 'policyTypes [Egress] only: ingress untouched', policies: [egr('eg', [rule()], sel({ app: 'frontend' }), ['Egress'])], src: be, dst: fe, port: 80, allowed: true },
  { name: 'policyTypes [Ingress] ignores egress rules', policies: [egr('eg', [], sel({ app: 'frontend' }), ['Ingress'])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'podSelector peer: same namespace', policies: [ing('p', [rule([{ podSelector: sel({ app: 'frontend' }) }])])], src: fe, dst: be, port: 8080, allowed: true, allowedBy: ['default/p#0'] },
  { name: 'podSelector peer alone never matches other namespaces', policies: [ing('p', [rule([{ podSelector: sel({ app: 'frontend' }) }])])], src: client, dst: be, port: 8080, allowed: false },
  { name: 'namespaceSelector alone: all pods of matching namespaces', policies: [ing('p', [rule([{ namespaceSelector: sel({ team: 'ops' }) }])])], src: prom, dst: be, port: 8080, allowed: true },
  { name: 'namespaceSelector alone: other namespaces not', policies: [ing('p', [rule([{ namespaceSelector: sel({ team: 'ops' }) }])])], src: client, dst: be, port: 8080, allowed: false },
  { name: 'namespaceSelector by kubernetes.io/metadata.name', policies: [ing('p', [rule([{ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'other' }) }])])], src: client, dst: be, port: 8080, allowed: true },
  { name: 'AND in one element: pod and namespace both match', policies: [ing('p', [rule([{ namespaceSelector: sel({ team: 'shop' }), podSelector: sel({ app: 'frontend' }) }])])], src: client, dst: be, port: 8080, allowed: true },
  { name: 'AND in one element: namespace matches, pod does not', policies: [ing('p', [rule([{ namespaceSelector: sel({ team: 'ops' }), podSelector: sel({ app: 'frontend' }) }])])], src: prom, dst: be, port: 8080, allowed: false },
  { name: 'OR across elements: namespace element admits', policies: [ing('p', [rule([{ namespaceSelector: sel({ team: 'ops' }) }, { podSelector: sel({ app: 'frontend' }) }])])], src: prom, dst: be, port: 8080, allowed: true },
  { name: 'OR across elements: pod element admits', policies: [ing('p', [rule([{ namespaceSelector: sel({ team: 'ops' }) }, { podSelector: sel({ app: 'frontend' }) }])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'matchExpressions NotIn matches pods without the key', policies: [ing('p', [rule([{ podSelector: sel({}, [{ key: 'tier', operator: 'NotIn', values: ['api'] }]) }])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'matchExpressions DoesNotExist', policies: [ing('p', [rule([{ podSelector: sel({}, [{ key: 'app', operator: 'DoesNotExist', values: [] }]) }])])], src: fe, dst: be, port: 8080, allowed: false },
  { name: 'matchExpressions Exists in namespaceSelector', policies: [ing('p', [rule([{ namespaceSelector: sel({}, [{ key: 'team', operator: 'Exists', values: [] }]) }])])], src: prom, dst: be, port: 8080, allowed: true },
  { name: 'ipBlock admits external address', policies: [ing('p', [rule([{ ipBlock: { cidr: '203.0.113.0/24', except: [] } }])])], src: internet, dst: be, port: 8080, allowed: true },
  { name: 'ipBlock except removes an address', policies: [ing('p', [rule([{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.0/29'] } }])])], src: internet, dst: be, port: 8080, allowed: false },
  { name: 'ipBlock matches pod IPs (Calico)', policies: [ing('p', [rule([{ ipBlock: { cidr: '10.244.0.0/16', except: [] } }])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'ipBlock with leading zeros is read as decimal (k8s.io/utils/net ParseCIDRSloppy)', policies: [ing('p', [rule([{ ipBlock: { cidr: '010.244.000.000/16', except: [] } }])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'selectors never match external addresses', policies: [ing('p', [rule([{ namespaceSelector: sel() }])])], src: internet, dst: be, port: 8080, allowed: false },
  { name: 'empty from admits external addresses', policies: [ing('p', [rule([], [tcp(8080)])])], src: internet, dst: be, port: 8080, allowed: true },
  { name: 'named port resolved on the destination pod', policies: [ing('p', [rule([], [tcp('http')])], sel())], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'named port means another number on another pod', policies: [ing('p', [rule([], [tcp('http')])], sel())], src: fe, dst: db, port: 8080, allowed: false },
  { name: 'named port on db is 5432', policies: [ing('p', [rule([], [tcp('http')])], sel())], src: fe, dst: db, port: 5432, allowed: true },
  { name: 'named egress port resolved on the destination, not the source', policies: [egr('e', [rule([], [tcp('http')])])], src: fe, dst: be, port: 80, allowed: false },
  { name: 'named egress port to destination number', policies: [egr('e', [rule([], [tcp('http')])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'endPort range inside', policies: [ing('p', [rule([], [tcp(8000, 9000)])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'endPort range outside', policies: [ing('p', [rule([], [tcp(8000, 8079)])])], src: fe, dst: be, port: 8080, allowed: false },
  { name: 'protocol defaults TCP: UDP not admitted', policies: [ing('p', [rule([], [tcp(53)])])], src: fe, dst: be, port: 53, protocol: 'UDP', allowed: false },
  { name: 'UDP port admitted', policies: [ing('p', [rule([], [{ protocol: 'UDP', port: 53 }])])], src: fe, dst: be, port: 53, protocol: 'UDP', allowed: true },
  { name: 'SCTP rule does not admit TCP', policies: [ing('p', [rule([], [{ protocol: 'SCTP', port: 8080 }])])], src: fe, dst: be, port: 8080, allowed: false },
  {
    name: 'multiple policies add up; allowedBy lists every rule',
    policies: [ing('a', [rule([{ podSelector: sel({ app: 'frontend' }) }]), rule([], [tcp(8080)])]), ing('b', [rule([{ podSelector: sel({ app: 'db' }) }])]), ing('c', [rule([], [tcp(8080)])], sel({ tier: 'api' }))],
    src: fe,
    dst: be,
    port: 8080,
    allowed: true,
    allowedBy: ['default/a#0', 'default/a#1', 'default/c#0'],
  },
  { name: 'egress and ingress both needed: egress denies', policies: [egr('e', [rule([{ podSelector: sel({ app: 'db' }) }])]), ing('i', [rule()])], src: fe, dst: be, port: 8080, allowed: false },
  { name: 'egress and ingress both needed: both admit', policies: [egr('e', [rule([{ podSelector: sel({ app: 'backend' }) }])]), ing('i', [rule([{ podSelector: sel({ app: 'frontend' }) }])])], src: fe, dst: be, port: 8080, allowed: true },
  { name: 'loopback always allowed', policies: [ing('deny', [], sel()), egr('deny-e', [], sel(), ['Egress'])], src: be, dst: be, port: 8080, allowed: true },
  { name: 'own node always reaches the pod (kubelet probes)', policies: [ing('deny', [], sel())], src: node2, dst: be, port: 8080, allowed: true },
  { name: 'another node is denied', policies: [ing('deny', [], sel())], src: node1, dst: be, port: 8080, allowed: false },
  { name: 'hostNetwork source on the same node is the node: allowed', policies: [ing('deny', [], sel())], src: agent, dst: be, port: 8080, allowed: true },
  { name: 'hostNetwork source on another node: podSelector does not match it', policies: [ing('p', [rule([{ namespaceSelector: sel() }])], sel({ app: 'frontend' }))], src: agent, dst: fe, port: 80, allowed: false },
  { name: 'hostNetwork pods are not isolated by policies', policies: [buildTestPolicy({ namespace: 'kube-system', name: 'deny', ingress: [] })], src: fe, dst: agent, port: 80, allowed: true },
  { name: 'Flannel does not enforce', policies: [ing('deny', [], sel())], src: fe, dst: be, port: 8080, allowed: true, cni: 'flannel' },
];

describe('evaluateConnection: one row per rule', () => {
  it.each(rows)('$name', (row) => {
    const cluster = buildTestCluster({ namespaces, pods, policies: row.policies, ...(row.cni ? { cni: row.cni } : {}) });
    const v = evaluateConnection(cluster, row.src, row.dst, row.port, row.protocol ?? 'TCP');
    expect(v.allowed).toBe(row.allowed);
    expect(v.allowed).toBe(v.egress.allowed && v.ingress.allowed);
    if (row.allowedBy) {
      const dir = v.ingress.allowedBy.length > 0 ? v.ingress : v.egress;
      expect(dir.allowedBy.map((r) => `${r.policy}#${r.rule}`)).toEqual(row.allowedBy);
    }
    if (row.src.kind === 'pod' && row.dst.kind === 'pod') {
      const a = cluster.pods[cluster.lookups.podByRef[row.src.podRef]!]!;
      const b = cluster.pods[cluster.lookups.podByRef[row.dst.podRef]!]!;
      expect(evaluateReferencePair(cluster, a, b, row.port, row.protocol ?? 'TCP')).toBe(row.allowed);
    }
    for (const d of [v.egress, v.ingress]) expect(d.reason.length).toBeGreaterThan(10);
  });
});

describe('evaluateConnection: reasons', () => {
  it('names the isolating policy, the peer and the port when nothing admits', () => {
    const cluster = buildTestCluster({
      namespaces: [...namespaces, { name: 'ingress-nginx' }],
      pods: [...pods, { namespace: 'ingress-nginx', name: 'ingress-nginx-controller-0', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }],
      policies: [ing('allow-frontend-to-backend', [rule([{ podSelector: sel({ app: 'frontend' }) }], [tcp(8080)])])],
    });
    const v = evaluateConnection(cluster, pod('ingress-nginx', 'ingress-nginx-controller-0'), be, 8080, 'TCP');
    expect(v.allowed).toBe(false);
    expect(v.ingress.isolatingPolicies).toEqual(['default/allow-frontend-to-backend']);
    expect(v.ingress.reason).toContain('backend-0 is isolated for ingress by default/allow-frontend-to-backend; no rule admits ingress-nginx/ingress-nginx-controller-0 on TCP 8080');
    expect(v.ingress.reason).toContain('only from pods app=frontend in namespace default');
  });

  it('says when a rule admits the peer but not the port', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [ing('p', [rule([{ podSelector: sel({ app: 'frontend' }) }], [tcp(80)])])] });
    expect(evaluateConnection(cluster, fe, be, 8080, 'TCP').ingress.reason).toContain('admits default/frontend-0 but only on TCP 80');
  });

  it('says Calico when an ipBlock matched a pod IP', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [ing('p', [rule([{ ipBlock: { cidr: '10.244.0.0/16', except: [] } }])])] });
    expect(evaluateConnection(cluster, fe, be, 8080, 'TCP').ingress.reason).toContain('Calico');
  });

  it('says Flannel does not enforce, and which policy would have', () => {
    const cluster = buildTestCluster({ cni: 'flannel', namespaces, pods, policies: [ing('deny', [], sel())] });
    const v = evaluateConnection(cluster, fe, be, 8080, 'TCP');
    expect(v.ingress.enforced).toBe(false);
    expect(v.ingress.reason).toMatch(/^Flannel does not enforce NetworkPolicy: default\/deny would isolate backend-0/);
  });

  it('hostNetwork pods: enforced false', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [] });
    const v = evaluateConnection(cluster, agent, fe, 80, 'TCP');
    expect(v.egress.enforced).toBe(false);
    expect(v.egress.reason).toContain('host network');
  });

  it('an unknown pod is denied with a reason, never a throw', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [] });
    const v = evaluateConnection(cluster, pod('default', 'nope'), be, 80, 'TCP');
    expect(v.allowed).toBe(false);
    expect(v.egress.reason).toBe('pod/default/nope does not exist');
  });
});

describe('evaluateConnection: decidedBy', () => {
  it('an admitting rule decides: tier, the policy ref, the first admitting rule, allow', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [ing('a', [rule([{ podSelector: sel({ app: 'db' }) }]), rule([], [tcp(8080)])])] });
    const v = evaluateConnection(cluster, fe, be, 8080, 'TCP');
    expect(v.ingress.decidedBy).toEqual({ tier: 'networkpolicy', ref: 'networkpolicy/default/a', rule: 1, action: 'allow' });
    expect(v.egress.decidedBy).toBeUndefined();
  });

  it('nothing admits: the first isolating policy denies, with no rule', () => {
    const cluster = buildTestCluster({ namespaces, pods, policies: [ing('z-deny', [], sel()), ing('a-deny', [], sel())] });
    const v = evaluateConnection(cluster, fe, be, 8080, 'TCP');
    expect(v.ingress.decidedBy).toEqual({ tier: 'networkpolicy', ref: 'networkpolicy/default/a-deny', action: 'deny' });
  });

  it('nothing decides when no policy applies: not isolated, loopback, own node, not enforced', () => {
    const deny = [ing('deny', [], sel())];
    const decided = (cluster: ReturnType<typeof buildTestCluster>, src: PolicyPeer, dst: PolicyPeer) => evaluateConnection(cluster, src, dst, 8080, 'TCP').ingress.decidedBy;
    expect(decided(buildTestCluster({ namespaces, pods, policies: [] }), fe, be)).toBeUndefined();
    expect(decided(buildTestCluster({ namespaces, pods, policies: deny }), be, be)).toBeUndefined();
    expect(decided(buildTestCluster({ namespaces, pods, policies: deny }), node2, be)).toBeUndefined();
    expect(decided(buildTestCluster({ cni: 'flannel', namespaces, pods, policies: deny }), fe, be)).toBeUndefined();
  });
});
