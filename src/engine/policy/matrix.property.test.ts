/**
 * Seeded property test: on random clusters (namespaces and pods with labels from a small
 * alphabet, hostNetwork and Pending pods, random policies with every peer kind and port kind),
 * the fast matrix and the per-pair evaluator both equal the simple reference oracle.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ContainerPort, LabelSelector, LabelSelectorRequirement, NetworkPolicyObject, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule, PolicyType } from '../types';
import { buildTestCluster, buildTestPolicy, type TestPod } from '../testing/cluster';
import { computeMatrix, matrixCell } from './matrix';
import { evaluateReferencePair } from './reference';
import { evaluateConnection } from './evaluate';
import { resolveNamedPort } from '../match/ports';

const NAMESPACES = ['n1', 'n2', 'n3'];
const labelsArb = (keys: Record<string, string[]>) =>
  fc.record(Object.fromEntries(Object.entries(keys).map(([k, vs]) => [k, fc.constantFrom(...vs)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
const podLabels = labelsArb({ app: ['a', 'b', 'c'], tier: ['x', 'y'] });
const nsLabels = labelsArb({ team: ['a', 'b'], env: ['x', 'y'] });

const requirementArb = (keys: string[], values: string[]): fc.Arbitrary<LabelSelectorRequirement> =>
  fc.record({
    key: fc.constantFrom(...keys),
    operator: fc.constantFrom<LabelSelectorRequirement['operator']>('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: fc.subarray(values, { minLength: 1 }),
  }).map((r) => (r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { ...r, values: [] } : r));
const selectorArb = (labels: fc.Arbitrary<Record<string, string>>, keys: string[], values: string[]): fc.Arbitrary<LabelSelector> =>
  fc.record({ matchLabels: labels, matchExpressions: fc.array(requirementArb(keys, values), { maxLength: 2 }) });
const podSelectorArb = selectorArb(podLabels, ['app', 'tier'], ['a', 'b', 'c', 'x', 'y']);
const nsSelectorArb = selectorArb(labelsArb({ team: ['a', 'b'], 'kubernetes.io/metadata.name': NAMESPACES }), ['team', 'env', 'kubernetes.io/metadata.name'], ['a', 'b', 'x', 'n1', 'n2']);

const CIDRS = ['10.244.0.0/16', '10.244.1.0/24', '192.168.0.0/24', '10.244.0.11/32', '0.0.0.0/0', '192.168.0.12/32'];
const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  podSelectorArb.map((podSelector) => ({ podSelector })),
  nsSelectorArb.map((namespaceSelector) => ({ namespaceSelector })),
  fc.record({ podSelector: podSelectorArb, namespaceSelector: nsSelectorArb }),
  fc.record({ cidr: fc.constantFrom(...CIDRS), except: fc.subarray(['10.244.0.12/32', '10.244.2.0/24', '192.168.0.11/32'], { maxLength: 2 }) }).map((ipBlock) => ({ ipBlock })),
);
const PORTS: NetworkPolicyPort[] = [
  { protocol: 'TCP', port: 80 },
  { protocol: 'TCP', port: 'http' },
  { protocol: 'UDP' },
  { protocol: 'UDP', port: 'dns' },
  { protocol: 'TCP', port: 8000, endPort: 8100 },
  { protocol: 'SCTP', port: 81 },
];
const ruleArb: fc.Arbitrary<NetworkPolicyRule> = fc.record({ peers: fc.array(peerArb, { maxLength: 3 }), ports: fc.subarray(PORTS, { maxLength: 2 }) });
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
  kind: fc.constantFrom('pod', 'pod', 'pod', 'pod', 'pod', 'pod', 'host', 'pending'),
  // A pod has at most one port per name (the API requires unique names).
  portSet: fc.constantFrom([0], [1], [0, 2], [1, 2, 3], [3], [] as number[]),
});
const policyArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: podSelectorArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'] as PolicyType[], { minLength: 1 }), { nil: undefined }),
  ingress: fc.option(fc.array(ruleArb, { maxLength: 3 }), { nil: undefined }),
  egress: fc.array(ruleArb, { maxLength: 3 }),
});
const clusterArb = fc.record({
  namespaces: fc.tuple(nsLabels, nsLabels, nsLabels),
  pods: fc.array(podArb, { minLength: 1, maxLength: 12 }),
  policies: fc.array(policyArb, { maxLength: 5 }),
});

describe('computeMatrix equals the reference oracle (property)', () => {
  it('for every pod pair and every port class, and evaluateConnection agrees', () => {
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
          buildTestPolicy({
            namespace: p.namespace,
            name: `np${i}`,
            podSelector: p.podSelector,
            ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}),
            ...(p.ingress ? { ingress: p.ingress } : {}),
            egress: p.egress,
          }),
        );
        const cluster = buildTestCluster({ namespaces: NAMESPACES.map((name, i) => ({ name, labels: input.namespaces[i]! })), pods, policies });
        const running = cluster.pods.filter((p) => p.ip !== undefined).sort((a, b) => (a.ref < b.ref ? -1 : 1));
        for (const options of [{}, { port: 'http' }, { port: 8050 }]) {
          const matrix = computeMatrix(cluster, options);
          expect(matrix.pods).toEqual(running.map((p) => `${p.namespace}/${p.name}`));
          for (const grid of matrix.ports) {
            running.forEach((from, i) => {
              running.forEach((to, j) => {
                const port = typeof grid.port === 'number' ? grid.port : from === to ? 0 : resolveNamedPort(to.hostNetwork ? [] : to.containerPorts, grid.port, grid.protocol);
                const expected = from === to || (port !== undefined && evaluateReferencePair(cluster, from, to, port, grid.protocol)) ? '.' : 'X';
                expect([grid.protocol, grid.port, from.ref, to.ref, matrixCell(matrix, grid, i, j)]).toEqual([grid.protocol, grid.port, from.ref, to.ref, expected]);
                expect(grid.rows[i]![j]).toBe(expected);
                if (port !== undefined) {
                  const v = evaluateConnection(cluster, { kind: 'pod', podRef: from.ref }, { kind: 'pod', podRef: to.ref }, port, grid.protocol);
                  expect(v.allowed ? '.' : 'X').toBe(expected);
                }
              });
            });
          }
        }
      }),
      { seed: 20240611, numRuns: 250 },
    );
    // Generous: the machine is shared, and this checks correctness, not speed.
  }, 120_000);
});
