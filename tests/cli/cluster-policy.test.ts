/**
 * `netplay trace` with cluster-scoped policies (the round-2 hop fields): policy hops of
 * ClusterNetworkPolicies carry `ref` `clusternetworkpolicy/NAME`, `tier`, `action`, `rule` and
 * the rule's `name`; a Pass is a `pass` hop followed by the hop of the tier that decided.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, netplay, root, tempFiles } from './run';

const lesson = join(root, 'scenarios', 'lessons', '19-cluster-policy-tiers', 'solution.yaml');

interface Hop {
  kind: string;
  ref: string;
  verdict: string;
  reason: string;
  tier?: string;
  action?: string;
  rule?: number;
  name?: string;
}
interface Answer {
  verdict: string;
  hops: Hop[];
}

const policyHops = (a: Answer) => a.hops.filter((h) => h.kind === 'policy').map((h) => ({ ref: h.ref, verdict: h.verdict, tier: h.tier, action: h.action, rule: h.rule, name: h.name }));

describe('netplay trace --json with cluster policies', () => {
  it('[Admin] Pass then the NetworkPolicy drop, with the contract fields', () => {
    const r = netplay(['trace', lesson, '--from', 'pod/shop/worker', '--to', 'pod/shop/db:5432', '--json']);
    expect(r.code).toBe(0);
    const a = json(r) as Answer;
    expect(a.verdict).toBe('deny');
    expect(policyHops(a)).toEqual([
      { ref: 'clusternetworkpolicy/platform-admin', verdict: 'pass', tier: 'Admin', action: 'Pass', rule: 2, name: 'shop-decides-inside' },
      { ref: 'networkpolicy/shop/db-from-web', verdict: 'drop', tier: undefined, action: undefined, rule: undefined, name: undefined },
    ]);
    // The contract's four fields come first on every hop.
    expect(Object.keys(a.hops.find((h) => h.tier !== undefined)!).slice(0, 4)).toEqual(['kind', 'ref', 'verdict', 'reason']);
  });

  const { dir, cleanup } = tempFiles({
    'queries.json': JSON.stringify([
      { from: 'pod/sandbox/tool', to: 'pod/shop/web:80' },
      { from: 'pod/default/legacy', to: 'pod/shop/web:80' },
      { from: 'pod/monitoring/prom', to: 'pod/shop/db:5432' },
    ]),
  });
  afterAll(cleanup);

  it('--queries: Admin Deny, Baseline Deny and Admin Accept, each with its tier and rule', () => {
    const r = netplay(['trace', lesson, '--queries', join(dir, 'queries.json'), '--json']);
    expect(r.code).toBe(0);
    const answers = json(r) as Answer[];
    expect(answers.map((a) => [a.verdict, ...policyHops(a).map((h) => `${h.tier} ${h.ref} rule ${h.rule} '${h.name}' ${h.action} ${h.verdict}`)])).toEqual([
      ['deny', "Admin clusternetworkpolicy/platform-admin rule 1 'block-sandbox' Deny drop"],
      ['deny', "Baseline clusternetworkpolicy/platform-baseline rule 0 'deny-by-default' Deny drop"],
      ['allow', "Admin clusternetworkpolicy/platform-admin rule 0 'allow-monitoring' Accept pass"],
    ]);
  });

  it('the table prints the tier, the rule, its name and the action', () => {
    const r = netplay(['trace', lesson, '--from', 'pod/shop/worker', '--to', 'pod/shop/db:5432']);
    expect(r.stdout).toMatch(/policy\s+\[Admin\] clusternetworkpolicy\/platform-admin \(ingress rule 2 'shop-decides-inside', Pass\)\s+✓ pass/);
    expect(r.stdout).toMatch(/policy\s+networkpolicy\/shop\/db-from-web\s+✗ drop/);
  });

  it('with weave a note says cluster policies are not enforced', () => {
    const r = netplay(['trace', lesson, '--cni', 'weave', '--from', 'pod/sandbox/tool', '--to', 'pod/shop/web:80', '--json']);
    const a = json(r) as Answer & { notes: string[] };
    expect(a.verdict).toBe('allow');
    expect(a.notes.some((n) => n.startsWith('Weave does not enforce cluster-scoped policies'))).toBe(true);
  });
});
