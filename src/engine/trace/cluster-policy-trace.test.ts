/**
 * The tier walk as the trace shows it, end to end (YAML → cluster → evaluator → hops), on the
 * lesson scenario `19-cluster-policy-tiers` and small variants of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { Hop, Trace } from '../types';
import { traceQuery } from './trace';

const SOLUTION = readFileSync(new URL('../../../scenarios/lessons/19-cluster-policy-tiers/solution.yaml', import.meta.url), 'utf8');

function traceIn(text: string, from: string, to: string, options: { cni?: 'calico' | 'weave' | 'flannel' } = {}): Trace {
  const { cluster } = simulate([{ name: 'tiers.yaml', text }], options);
  return traceQuery(cluster, { from, to });
}

const policyHops = (t: Trace): Hop[] => t.hops.filter((h) => h.kind === 'policy');
const summary = (h: Hop) => [h.ref, h.verdict, h.tier, h.action, h.rule, h.name];

describe('trace of the tier walk (lesson 19 solution)', () => {
  it('[Admin] Pass → [NetworkPolicy] drop: two hops at the database, the drop last', () => {
    const t = traceIn(SOLUTION, 'pod/shop/worker', 'pod/shop/db:5432');
    expect(t.verdict).toBe('deny');
    expect(policyHops(t).map(summary)).toEqual([
      ['clusternetworkpolicy/platform-admin', 'pass', 'Admin', 'Pass', 2, 'shop-decides-inside'],
      ['networkpolicy/shop/db-from-web', 'drop', undefined, undefined, undefined, undefined],
    ]);
    expect(t.hops.at(-1)?.ref).toBe('networkpolicy/shop/db-from-web');
    expect(policyHops(t).every((h) => h.at === 'pod/shop/db' && h.direction === 'ingress')).toBe(true);
  });

  it('[Admin] Pass → [NetworkPolicy] allow: the Pass hop, then the admitting rule', () => {
    const t = traceIn(SOLUTION, 'pod/shop/web', 'pod/shop/db:5432');
    expect(t.verdict).toBe('allow');
    expect(policyHops(t).map((h) => [h.ref, h.verdict, h.action ?? h.rule])).toEqual([
      ['clusternetworkpolicy/platform-admin', 'pass', 'Pass'],
      ['networkpolicy/shop/db-from-web', 'pass', 0],
    ]);
  });

  it('[Admin] Deny drops with the rule named; no NetworkPolicy hop follows', () => {
    const t = traceIn(SOLUTION, 'pod/sandbox/tool', 'pod/shop/web:80');
    expect(policyHops(t).map(summary)).toEqual([['clusternetworkpolicy/platform-admin', 'drop', 'Admin', 'Deny', 1, 'block-sandbox']]);
    expect(t.hops.at(-1)?.verdict).toBe('drop');
  });

  it('[Baseline] Deny when no Admin rule matched and no NetworkPolicy isolates the pod', () => {
    const t = traceIn(SOLUTION, 'pod/default/legacy', 'pod/shop/web:80');
    expect(policyHops(t).map(summary)).toEqual([['clusternetworkpolicy/platform-baseline', 'drop', 'Baseline', 'Deny', 0, 'deny-by-default']]);
  });

  it('[Admin] Accept passes, final, though the NetworkPolicy would drop it', () => {
    const t = traceIn(SOLUTION, 'pod/monitoring/prom', 'pod/shop/db:5432');
    expect(t.verdict).toBe('allow');
    expect(policyHops(t).map(summary)).toEqual([['clusternetworkpolicy/platform-admin', 'pass', 'Admin', 'Accept', 0, 'allow-monitoring']]);
    expect(t.hops.at(-1)?.kind).toBe('pod');
  });

  it('with weave the cluster tiers are not applied: the NetworkPolicy alone decides, and a note says so', () => {
    const t = traceIn(SOLUTION, 'pod/sandbox/tool', 'pod/shop/web:80', { cni: 'weave' });
    expect(t.verdict).toBe('allow');
    expect(policyHops(t).some((h) => h.tier !== undefined)).toBe(false);
    expect(t.notes.some((n) => /^Weave does not enforce cluster-scoped policies/.test(n))).toBe(true);
    expect(traceIn(SOLUTION, 'pod/monitoring/prom', 'pod/shop/db:5432', { cni: 'weave' }).verdict).toBe('deny');
  });

  it('without cluster policies nothing changes: no tier fields, no note', () => {
    const plain = SOLUTION.split(/^---$/m)
      .filter((doc) => !doc.includes('ClusterNetworkPolicy'))
      .join('---');
    const t = traceIn(plain, 'pod/shop/worker', 'pod/shop/db:5432', { cni: 'weave' });
    expect(policyHops(t).map((h) => [h.ref, h.verdict, 'tier' in h, 'action' in h])).toEqual([['networkpolicy/shop/db-from-web', 'drop', false, false]]);
    expect(t.notes.some((n) => n.includes('cluster-scoped'))).toBe(false);
  });
});

describe('a pod reaching itself', () => {
  const SELF = `${SOLUTION}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: no-self}
spec:
  tier: Admin
  priority: 5
  subject:
    pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}
  ingress:
  - name: deny-web
    action: Deny
    from:
    - pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}
`;

  it('by its own pod IP is loopback, not subject to cluster policies', () => {
    expect(traceIn(SELF, 'pod/shop/web', 'pod/shop/web:80').verdict).toBe('allow');
  });

  it('through a Service that sends it back to itself, the Admin tier applies', () => {
    const t = traceIn(SELF, 'pod/shop/web', 'service/shop/web:80');
    expect(t.verdict).toBe('deny');
    expect(policyHops(t).map(summary)).toEqual([['clusternetworkpolicy/no-self', 'drop', 'Admin', 'Deny', 0, 'deny-web']]);
  });
});
