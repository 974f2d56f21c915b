/**
 * Seeded property test with many pod classes (40-140 pods, each with its own `id` label that
 * policies select on): the fast matrix's multi-word bitsets, transposition and row sharing
 * equal the simple reference oracle on every pair.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyRule } from '../types';
import { buildTestCluster, buildTestPolicy, type TestPod } from '../testing/cluster';
import { computeMatrix, matrixCell } from './matrix';
import { evaluateReferencePair } from './reference';

const NAMESPACES = ['n1', 'n2'];
const idsArb = (n: number) => fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 12 }).map((ids) => ids.map(String));
const selectorArb = (n: number): fc.Arbitrary<LabelSelector> =>
  fc.oneof(
    idsArb(n).map((values) => ({ matchLabels: {}, matchExpressions: [{ key: 'id', operator: 'In' as const, values }] })),
    idsArb(n).map((values) => ({ matchLabels: {}, matchExpressions: [{ key: 'id', operator: 'NotIn' as const, values }] })),
    fc.constantFrom('a', 'b').map((app) => ({ matchLabels: { app }, matchExpressions: [] })),
    fc.constant({ matchLabels: {}, matchExpressions: [] }),
  );
const ruleArb = (n: number): fc.Arbitrary<NetworkPolicyRule> =>
  fc.record({
    peers: fc.array(
      fc.oneof(
        selectorArb(n).map((podSelector): NetworkPolicyPeer => ({ podSelector })),
        fc.record({ podSelector: selectorArb(n), namespaceSelector: fc.constant({ matchLabels: {}, matchExpressions: [] }) }),
        fc.constantFrom('10.244.0.0/24', '10.244.1.0/25').map((cidr): NetworkPolicyPeer => ({ ipBlock: { cidr, except: [] } })),
      ),
      { maxLength: 2 },
    ),
    ports: fc.constantFrom([], [{ protocol: 'TCP' as const, port: 80 }], [{ protocol: 'TCP' as const, port: 'http' }]),
  });

const caseArb = fc.integer({ min: 40, max: 140 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    hostNetwork: fc.array(fc.nat(n - 1), { maxLength: 3 }),
    policies: fc.array(
      fc.record({
        namespace: fc.constantFrom(...NAMESPACES),
        podSelector: selectorArb(n),
        ingress: fc.array(ruleArb(n), { maxLength: 2 }),
        egress: fc.array(ruleArb(n), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

describe('computeMatrix with many pod classes equals the reference oracle (property)', () => {
  it('on every pair of every port class', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const pods: TestPod[] = Array.from({ length: input.n }, (_, i) => ({
          namespace: NAMESPACES[i % 2]!,
          name: `p${i}`,
          labels: { id: String(i), app: i % 3 === 0 ? 'a' : 'b' },
          ...(input.hostNetwork.includes(i) ? { hostNetwork: true } : {}),
          ports: i % 4 === 0 ? [{ name: 'http', containerPort: 8080, protocol: 'TCP' as const }] : [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }],
        }));
        const policies = input.policies.map((p, i) => buildTestPolicy({ ...p, name: `np${i}` }));
        // A policy over an empty namespace that reads `id`: every pod is then a class of its own.
        policies.push(buildTestPolicy({ namespace: 'n3', name: 'keys', podSelector: { matchLabels: {}, matchExpressions: [{ key: 'id', operator: 'Exists', values: [] }] } }));
        const cluster = buildTestCluster({ pods, policies });
        const running = cluster.pods.filter((p) => p.ip !== undefined).sort((a, b) => (a.ref < b.ref ? -1 : 1));
        const matrix = computeMatrix(cluster, {});
        expect(new Set(matrix.podClasses).size).toBeGreaterThan(32);
        for (const grid of matrix.ports) {
          const wrong: string[] = [];
          running.forEach((from, i) =>
            running.forEach((to, j) => {
              const expected = from === to || evaluateReferencePair(cluster, from, to, grid.port as number, grid.protocol) ? '.' : 'X';
              if (matrixCell(matrix, grid, i, j) !== expected || grid.rows[i]![j] !== expected) wrong.push(`${grid.port} ${from.ref} → ${to.ref}`);
            }),
          );
          expect(wrong.slice(0, 5)).toEqual([]);
        }
      }),
      { seed: 4242, numRuns: 25 },
    );
    // Generous: the machine is shared, and this checks correctness, not speed.
  }, 120_000);
});
