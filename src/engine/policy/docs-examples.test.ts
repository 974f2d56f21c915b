/**
 * The examples of the Kubernetes documentation page "Network Policies"
 * (kubernetes/website content/en/docs/concepts/services-networking/network-policies.md), with
 * what the page says each one does.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkPolicyObject, PolicyPeer, Protocol } from '../types';
import { evaluateConnection } from './evaluate';
import { buildTestCluster, buildTestPolicy, labelSelector as sel, type TestPod } from '../testing/cluster';

const namespaces = [
  { name: 'default' },
  { name: 'myproject', labels: { project: 'myproject' } },
  { name: 'elsewhere', labels: { user: 'alice' } },
  { name: 'bob', labels: { user: 'bob' } },
];
const pods: TestPod[] = [
  { namespace: 'default', name: 'db-0', labels: { role: 'db' }, ports: [{ containerPort: 6379, protocol: 'TCP' }] },
  { namespace: 'default', name: 'frontend-0', labels: { role: 'frontend' } },
  { namespace: 'default', name: 'client-0', labels: { role: 'client' } },
  { namespace: 'myproject', name: 'anything-0', labels: { app: 'x' } },
  { namespace: 'elsewhere', name: 'frontend-0', labels: { role: 'frontend' } },
  { namespace: 'elsewhere', name: 'client-0', labels: { role: 'client' } },
  { namespace: 'bob', name: 'client-0', labels: { role: 'client' } },
];
const P = (ns: string, name: string): PolicyPeer => ({ kind: 'pod', podRef: `pod/${ns}/${name}` });
const ip = (a: string): PolicyPeer => ({ kind: 'external', ip: a });
const db = P('default', 'db-0');

// "test-network-policy", the page's first example.
const testNetworkPolicy = buildTestPolicy({
  namespace: 'default',
  name: 'test-network-policy',
  podSelector: sel({ role: 'db' }),
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      peers: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: sel({ project: 'myproject' }) }, { podSelector: sel({ role: 'frontend' }) }],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
  egress: [{ peers: [{ ipBlock: { cidr: '10.0.0.0/24', except: [] } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
});
const andPolicy = buildTestPolicy({
  namespace: 'default',
  name: 'and',
  podSelector: sel({ role: 'db' }),
  ingress: [{ peers: [{ namespaceSelector: sel({ user: 'alice' }), podSelector: sel({ role: 'client' }) }], ports: [] }],
});
const orPolicy = buildTestPolicy({
  namespace: 'default',
  name: 'or',
  podSelector: sel({ role: 'db' }),
  ingress: [{ peers: [{ namespaceSelector: sel({ user: 'alice' }) }, { podSelector: sel({ role: 'client' }) }], ports: [] }],
});
const defaultDenyIngress = buildTestPolicy({ namespace: 'default', name: 'default-deny-ingress', podSelector: sel(), policyTypes: ['Ingress'] });
const allowAllIngress = buildTestPolicy({ namespace: 'default', name: 'allow-all-ingress', podSelector: sel(), policyTypes: ['Ingress'], ingress: [{ peers: [], ports: [] }] });
const defaultDenyEgress = buildTestPolicy({ namespace: 'default', name: 'default-deny-egress', podSelector: sel(), policyTypes: ['Egress'] });
const allowAllEgress = buildTestPolicy({ namespace: 'default', name: 'allow-all-egress', podSelector: sel(), policyTypes: ['Egress'], egress: [{ peers: [], ports: [] }] });
const defaultDenyAll = buildTestPolicy({ namespace: 'default', name: 'default-deny-all', podSelector: sel(), policyTypes: ['Ingress', 'Egress'] });
const multiPortEgress = buildTestPolicy({
  namespace: 'default',
  name: 'multi-port-egress',
  podSelector: sel({ role: 'db' }),
  policyTypes: ['Egress'],
  egress: [{ peers: [{ ipBlock: { cidr: '10.0.0.0/24', except: [] } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }],
});
const byName = buildTestPolicy({
  namespace: 'default',
  name: 'ns-by-name',
  podSelector: sel({ role: 'db' }),
  ingress: [{ peers: [{ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'bob' }) }], ports: [] }],
});

const rows: [string, NetworkPolicyObject[], PolicyPeer, PolicyPeer, number, Protocol, boolean][] = [
  ['test-network-policy: role=frontend in default reaches db on 6379', [testNetworkPolicy], P('default', 'frontend-0'), db, 6379, 'TCP', true],
  ['test-network-policy: not on another port', [testNetworkPolicy], P('default', 'frontend-0'), db, 6380, 'TCP', false],
  ['test-network-policy: not UDP', [testNetworkPolicy], P('default', 'frontend-0'), db, 6379, 'UDP', false],
  ['test-network-policy: any pod of namespace project=myproject', [testNetworkPolicy], P('myproject', 'anything-0'), db, 6379, 'TCP', true],
  ['test-network-policy: role=frontend of another namespace is not admitted', [testNetworkPolicy], P('elsewhere', 'frontend-0'), db, 6379, 'TCP', false],
  ['test-network-policy: role=client in default is not admitted', [testNetworkPolicy], P('default', 'client-0'), db, 6379, 'TCP', false],
  ['test-network-policy: 172.17.0.0/16 admitted', [testNetworkPolicy], ip('172.17.0.9'), db, 6379, 'TCP', true],
  ['test-network-policy: except 172.17.1.0/24', [testNetworkPolicy], ip('172.17.1.9'), db, 6379, 'TCP', false],
  ['test-network-policy: egress to 10.0.0.0/24 on 5978', [testNetworkPolicy], db, ip('10.0.0.7'), 5978, 'TCP', true],
  ['test-network-policy: egress elsewhere denied', [testNetworkPolicy], db, ip('10.0.1.7'), 5978, 'TCP', false],
  ['test-network-policy: egress to pods denied', [testNetworkPolicy], db, P('default', 'frontend-0'), 80, 'TCP', false],
  ['AND: role=client in namespaces user=alice', [andPolicy], P('elsewhere', 'client-0'), db, 6379, 'TCP', true],
  ['AND: role=frontend in user=alice is not admitted', [andPolicy], P('elsewhere', 'frontend-0'), db, 6379, 'TCP', false],
  ['AND: role=client of the policy namespace is not admitted', [andPolicy], P('default', 'client-0'), db, 6379, 'TCP', false],
  ['OR: any pod in user=alice', [orPolicy], P('elsewhere', 'frontend-0'), db, 6379, 'TCP', true],
  ['OR: role=client in the policy namespace', [orPolicy], P('default', 'client-0'), db, 6379, 'TCP', true],
  ['OR: role=client elsewhere (user=bob) is not admitted', [orPolicy], P('bob', 'client-0'), db, 6379, 'TCP', false],
  ['default deny ingress', [defaultDenyIngress], P('default', 'frontend-0'), db, 6379, 'TCP', false],
  ['default deny ingress leaves egress open', [defaultDenyIngress], db, P('bob', 'client-0'), 80, 'TCP', true],
  ['allow all ingress', [defaultDenyIngress, allowAllIngress], P('bob', 'client-0'), db, 6379, 'TCP', true],
  ['default deny egress', [defaultDenyEgress], db, P('bob', 'client-0'), 80, 'TCP', false],
  ['default deny egress leaves ingress open', [defaultDenyEgress], P('bob', 'client-0'), db, 6379, 'TCP', true],
  ['allow all egress', [defaultDenyEgress, allowAllEgress], db, ip('8.8.8.8'), 53, 'UDP', true],
  ['default deny all: ingress', [defaultDenyAll], P('bob', 'client-0'), db, 6379, 'TCP', false],
  ['default deny all: egress', [defaultDenyAll], db, ip('8.8.8.8'), 53, 'UDP', false],
  ['endPort: 32000 admitted', [multiPortEgress], db, ip('10.0.0.1'), 32000, 'TCP', true],
  ['endPort: 32768 admitted', [multiPortEgress], db, ip('10.0.0.1'), 32768, 'TCP', true],
  ['endPort: 32769 not admitted', [multiPortEgress], db, ip('10.0.0.1'), 32769, 'TCP', false],
  ['namespace by name (kubernetes.io/metadata.name)', [byName], P('bob', 'client-0'), db, 6379, 'TCP', true],
  ['namespace by name: others not', [byName], P('elsewhere', 'client-0'), db, 6379, 'TCP', false],
];

describe('Kubernetes docs "Network Policies" examples', () => {
  it.each(rows)('%s', (_name, policies, src, dst, port, protocol, allowed) => {
    const cluster = buildTestCluster({ namespaces, pods, policies });
    expect(evaluateConnection(cluster, src, dst, port, protocol).allowed).toBe(allowed);
  });
});
