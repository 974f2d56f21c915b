/**
 * Seeded property test of the tier walk: on random clusters with random cluster policies of
 * both tiers (every action, subject, peer and port kind, equal priorities too) and a few
 * NetworkPolicies, the fast matrix, the per-pair evaluator and the reference oracle agree on
 * every pod pair and port class, with Calico (tiers enforced) and Weave (tiers not enforced).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClusterPolicyAction, ClusterPolicyPeer, ClusterPolicyPods, ClusterPolicyPort, ContainerPort, LabelSelector, NetworkPolicyObject, NetworkPolicyRule } from '../types';
import { buildTestCluster, buildTestClusterPolicy, buildTestPolicy, cnpRule, type TestPod } from '../testing/cluster';
import { computeMatrix, matrixCell } from './matrix';
import { evaluateReferencePair } from './reference';
import { evaluateConnection } from './evaluate';
import { resolveNamedPort } from '../match/ports';

const NAMESPACES = ['n1', 'n2', 'n3'];
const labelsArb = (keys: Record<string, string[]>) =>
  fc.record(Object.fromEntries(Object.entries(keys).map(([k, vs]) => [k, fc.constantFrom(...vs)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
const podLabels = labelsArb({ app: ['a', 'b', 'c'], tier: ['x', 'y'] });
const nsLabels = labelsArb({ team: ['a', 'b'] });
const selectorArb = (labels: fc.Arbitrary<Record<string, string>>, key: string, values: string[]): fc.Arbitrary<LabelSelector> =>
  fc.record({
    matchLabels: labels,
    matchExpressions: fc.array(
      fc.record({ key: fc.constant(key), operator: fc.constantFrom<'In' | 'NotIn' | 'Exists'>('In', 'NotIn', 'Exists'), values: fc.subarray(values, { minLength: 1 }) }).map((r) => (r.operator === 'Exists' ? { ...r, values: [] } : r)),
      { maxLength: 1 },
    ),
  });
// Empty selectors (everything) often, so the tiers decide many pairs.
const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };
const podSelectorArb = fc.oneof({ weight: 1, arbitrary: fc.constant(EVERYTHING) }, { weight: 2, arbitrary: selectorArb(podLabels, 'app', ['a', 'b', 'c']) });
const nsSelectorArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(EVERYTHING) },
  { weight: 2, arbitrary: selectorArb(labelsArb({ team: ['a', 'b'], 'kubernetes.io/metadata.name': NAMESPACES }), 'team', ['a', 'b']) },
);
const podsArb: fc.Arbitrary<ClusterPolicyPods> = fc.oneof(
  nsSelectorArb.map((namespaceSelector) => ({ kind: 'namespaces' as const, namespaceSelector })),
  fc.record({ namespaceSelector: nsSelectorArb, podSelector: podSelectorArb }).map((r) => ({ kind: 'pods' as const, ...r })),
);
const CIDRS = ['10.244.0.0/16', '10.244.1.0/24', '192.168.0.0/24', '10.244.0.11/32', '0.0.0.0/0', '192.168.0.12/32'];
const peerArb = (egress: boolean): fc.Arbitrary<ClusterPolicyPeer> =>
  egress
    ? fc.oneof(
        { weight: 3, arbitrary: podsArb },
        { weight: 1, arbitrary: fc.subarray(CIDRS, { minLength: 1, maxLength: 2 }).map((cidrs) => ({ kind: 'networks' as const, cidrs })) },
        { weight: 1, arbitrary: fc.constantFrom('node-1', 'node-2').map((n) => ({ kind: 'nodes' as const, nodeSelector: { matchLabels: { 'kubernetes.io/hostname': n }, matchExpressions: [] } })) },
        { weight: 1, arbitrary: fc.constant({ kind: 'domainNames' as const, domainNames: ['example.com'] }) },
      )
    : podsArb;
const PORTS: ClusterPolicyPort[] = [
  { kind: 'port', protocol: 'TCP', port: 80 },
  { kind: 'namedPort', name: 'http' },
  { kind: 'port', protocol: 'UDP' },
  { kind: 'namedPort', name: 'dns' },
  { kind: 'port', protocol: 'TCP', port: 8000, endPort: 8100 },
  { kind: 'port', protocol: 'SCTP', port: 81 },
];
const ruleArb = (egress: boolean) =>
  fc
    .record({
      action: fc.constantFrom<ClusterPolicyAction>('Accept', 'Deny', 'Pass'),
      peers: fc.array(peerArb(egress), { minLength: 1, maxLength: 2 }),
      ports: fc.option(fc.subarray(PORTS, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    })
    .map((r) => cnpRule(r.action, r.peers, r.ports));
const clusterPolicyArb = fc.record({
  tier: fc.constantFrom<'Admin' | 'Baseline'>('Admin', 'Baseline'),
  priority: fc.integer({ min: 0, max: 3 }),
  subject: podsArb,
  ingress: fc.array(ruleArb(false), { maxLength: 3 }),
  egress: fc.array(ruleArb(true), { maxLength: 3 }),
});
const npRuleArb: fc.Arbitrary<NetworkPolicyRule> = fc.record({
  peers: fc.array(fc.oneof(podSelectorArb.map((podSelector) => ({ podSelector })), nsSelectorArb.map((namespaceSelector) => ({ namespaceSelector }))), { maxLength: 2 }),
  ports: fc.subarray([{ protocol: 'TCP' as const, port: 80 }, { protocol: 'TCP' as const, port: 'http' }], { maxLength: 1 }),
});
const networkPolicyArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: podSelectorArb,
  ingress: fc.array(npRuleArb, { maxLength: 2 }),
  egress: fc.option(fc.array(npRuleArb, { maxLength: 2 }), { nil: undefined }),
});
const CONTAINER_PORTS: ContainerPort[] = [
  { name: 'http', containerPort: 80, protocol: 'TCP' },
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { containerPort: 81, protocol: 'SCTP' },
];
const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: podLabels,
  node: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom('pod', 'pod', 'pod', 'pod', 'pod', 'host', 'pending'),
  portSet: fc.constantFrom([0], [1], [0, 2], [1, 2, 3], [3], [] as number[]),
});
const clusterArb = fc.record({
  cni: fc.constantFrom<'calico' | 'weave'>('calico', 'calico', 'weave'),
  namespaces: fc.tuple(nsLabels, nsLabels, nsLabels),
  pods: fc.array(podArb, { minLength: 1, maxLength: 10 }),
  clusterPolicies: fc.array(clusterPolicyArb, { maxLength: 6 }),
  policies: fc.array(networkPolicyArb, { maxLength: 3 }),
});

describe('the tier walk: matrix == evaluator == oracle (property)', () => {
  it('for every pod pair and port class', () => {
    fc.assert(
      fc.property(clusterArb, (input) => {
        const pods: TestPod[] = input.pods.map((p, i) => ({
          namespace: p.namespace,
          name: `p${i}`,
          labels: p.labels,
          nodeName: `node-${p.node}`,
          ...(p.kind === 'host' ? { hostNetwork: true } : {}),
          ...(p.kind === 'pending' ? { ip: null } : {}),
          ports: p.portSet.map((k) => CONTAINER_PORTS[k]!),
        }));
        const policies: NetworkPolicyObject[] = input.policies.map((p, i) =>
          buildTestPolicy({ namespace: p.namespace, name: `np${i}`, podSelector: p.podSelector, ingress: p.ingress, ...(p.egress ? { egress: p.egress } : {}) }),
        );
        const clusterPolicies = input.clusterPolicies.map((p, i) => buildTestClusterPolicy({ name: `cnp${i}`, ...p }));
        const cluster = buildTestCluster({ cni: input.cni, namespaces: NAMESPACES.map((name, i) => ({ name, labels: input.namespaces[i]! })), pods, policies, clusterPolicies });
        const running = cluster.pods.filter((p) => p.ip !== undefined).sort((a, b) => (a.ref < b.ref ? -1 : 1));
        for (const options of [{}, { port: 'http' }, { port: 8050 }, { port: 'dns', protocol: 'UDP' as const }]) {
          const matrix = computeMatrix(cluster, options);
          for (const grid of matrix.ports) {
            running.forEach((from, i) => {
              running.forEach((to, j) => {
                const port = typeof grid.port === 'number' ? grid.port : from === to ? 0 : resolveNamedPort(to.hostNetwork ? [] : to.containerPorts, grid.port, grid.protocol);
                const expected = from === to || (port !== undefined && evaluateReferencePair(cluster, from, to, port, grid.protocol)) ? '.' : 'X';
                expect([grid.protocol, grid.port, from.ref, to.ref, matrixCell(matrix, grid, i, j)]).toEqual([grid.protocol, grid.port, from.ref, to.ref, expected]);
                expect(grid.rows[i]![j]).toBe(expected);
                if (port !== undefined && from !== to) {
                  const v = evaluateConnection(cluster, { kind: 'pod', podRef: from.ref }, { kind: 'pod', podRef: to.ref }, port, grid.protocol);
                  expect([from.ref, to.ref, port, v.allowed ? '.' : 'X']).toEqual([from.ref, to.ref, port, expected]);
                }
              });
            });
          }
        }
      }),
      { seed: 20261206, numRuns: 300 },
    );
  }, 180_000);
});
