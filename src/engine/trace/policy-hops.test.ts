/**
 * The trace's hops for the tier walk, given the verdicts the evaluator hands it: a `pass` hop per
 * Admin Pass, then the hop of the tier that decided, in the CLI contract's fields. The verdicts
 * are given here by hand (the evaluator's own tests check that they are right), so these tests
 * pin only how the trace shows them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionVerdict, DecidedBy, DirectionVerdict, PacketHeader } from '../types';
import { policyRef } from '../refs';
import { clusterDecisionHop, passHops } from './policy-hops';
import type * as RoutingDeps from './routing-deps';

const verdicts = vi.hoisted(() => ({ next: undefined as ConnectionVerdict | undefined }));

vi.mock('./routing-deps', async (original) => {
  const real = await original<typeof RoutingDeps>();
  return {
    ...real,
    evaluateConnection: (...args: Parameters<typeof real.evaluateConnection>) => verdicts.next ?? real.evaluateConnection(...args),
  };
});

const { simulate } = await import('../simulate');
const { traceQuery } = await import('./trace');

const header: PacketHeader = { srcIP: '10.244.1.2', dstIP: '10.244.2.3', dstPort: 5432, protocol: 'TCP' };

const adminPass: DecidedBy = { tier: 'admin', ref: policyRef('clusternetworkpolicy', 'hand-down'), rule: 0, ruleName: 'to-namespaces', action: 'pass' };
const adminDeny: DecidedBy = { tier: 'admin', ref: policyRef('clusternetworkpolicy', 'deny-x'), rule: 1, ruleName: 'block-monitoring', action: 'deny' };
const adminAccept: DecidedBy = { tier: 'admin', ref: policyRef('adminnetworkpolicy', 'allow-monitoring'), rule: 0, ruleName: '', action: 'allow' };
const baselineDeny: DecidedBy = { tier: 'baseline', ref: policyRef('baselineadminnetworkpolicy', 'default'), rule: 0, ruleName: 'default-deny', action: 'deny' };
const npDeny: DecidedBy = { tier: 'networkpolicy', ref: policyRef('networkpolicy', 'db/deny-all'), action: 'deny' };

function direction(direction: 'ingress' | 'egress', over: Partial<DirectionVerdict>): DirectionVerdict {
  return { direction, allowed: true, enforced: true, isolated: false, isolatingPolicies: [], allowedBy: [], reason: `${direction} reason`, ...over };
}

describe('passHops / clusterDecisionHop', () => {
  it('gives one pass hop per Admin Pass, with tier, action, rule and the rule name', () => {
    const d = direction('ingress', { allowed: false, isolated: true, isolatingPolicies: ['db/deny-all'], decidedBy: npDeny, passed: [adminPass] });
    expect(passHops(d, 'pod/db/db-0', header, 'policy')).toEqual([
      {
        kind: 'policy',
        ref: 'clusternetworkpolicy/hand-down',
        verdict: 'pass',
        reason: "[Admin] hand-down ingress rule 0 'to-namespaces' matches with action Pass: the rest of the Admin tier is skipped and the namespace NetworkPolicies decide",
        policy: 'hand-down',
        rule: 0,
        direction: 'ingress',
        tier: 'Admin',
        action: 'Pass',
        name: 'to-namespaces',
        at: 'pod/db/db-0',
        before: header,
      },
    ]);
  });

  it('says the Baseline tier decides after a Pass when no NetworkPolicy isolates the pod', () => {
    const d = direction('egress', { allowed: false, decidedBy: baselineDeny, passed: [adminPass] });
    expect(passHops(d, 'pod/a/a-0', header, 'policy')[0]!.reason).toMatch(/no NetworkPolicy isolates the pod, so the Baseline tier decides$/);
  });

  it('after a Pass that nothing follows, the hop ends with the verdict’s reason', () => {
    const d = direction('ingress', { passed: [adminPass], reason: 'nothing isolates db-0: allowed' });
    expect(passHops(d, 'pod/db/db-0', header, 'policy')[0]!.reason).toMatch(/nothing else decides: nothing isolates db-0: allowed$/);
  });

  it('an Admin Deny drops, an Admin Accept and a Baseline decision pass or drop by action', () => {
    const deny = clusterDecisionHop(direction('ingress', { allowed: false, decidedBy: adminDeny, reason: 'r' }), adminDeny, 'pod/x/x-0', header, 'policy');
    expect(deny).toMatchObject({ ref: 'clusternetworkpolicy/deny-x', verdict: 'drop', tier: 'Admin', action: 'Deny', rule: 1, name: 'block-monitoring', reason: 'r' });
    const accept = clusterDecisionHop(direction('ingress', { decidedBy: adminAccept }), adminAccept, 'pod/x/x-0', header, 'policy');
    expect(accept).toMatchObject({ ref: 'adminnetworkpolicy/allow-monitoring', verdict: 'pass', tier: 'Admin', action: 'Accept', policy: 'allow-monitoring' });
    // An unnamed rule carries no `name`.
    expect(accept).not.toHaveProperty('name');
    const baseline = clusterDecisionHop(direction('egress', { allowed: false, decidedBy: baselineDeny }), baselineDeny, 'pod/x/x-0', header, 'policy');
    expect(baseline).toMatchObject({ ref: 'baselineadminnetworkpolicy/default', verdict: 'drop', tier: 'Baseline', action: 'Deny', direction: 'egress' });
  });
});

const TWO_PODS = `
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default, labels: {app: client}}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: default, labels: {app: db}}
spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
`;

describe('traceQuery with tier decisions', () => {
  afterEach(() => {
    verdicts.next = undefined;
  });
  const { cluster } = simulate([{ name: 'two.yaml', text: TWO_PODS }]);
  const run = () => traceQuery(cluster, { from: 'pod/default/client', to: 'pod/default/db:5432' });

  it('[Admin] Pass → [NetworkPolicy] drop: both steps, in that order, at the receiving pod', () => {
    const ingress = direction('ingress', { allowed: false, isolated: true, isolatingPolicies: ['default/deny-all'], decidedBy: { ...npDeny, ref: policyRef('networkpolicy', 'default/deny-all') }, passed: [adminPass], reason: 'db is isolated for ingress by default/deny-all; no rule admits client' });
    verdicts.next = { allowed: false, egress: direction('egress', {}), ingress };
    const t = run();
    expect(t.verdict).toBe('deny');
    const policy = t.hops.filter((h) => h.kind === 'policy');
    expect(policy.map((h) => [h.ref, h.verdict, h.tier, h.action])).toEqual([
      ['clusternetworkpolicy/hand-down', 'pass', 'Admin', 'Pass'],
      ['networkpolicy/default/deny-all', 'drop', undefined, undefined],
    ]);
    expect(policy.every((h) => h.at === 'pod/default/db' && h.direction === 'ingress')).toBe(true);
    // The drop is the last hop: the pod never receives it.
    expect(t.hops.at(-1)).toBe(policy[1]);
  });

  it('an Admin Deny on egress drops at the sender, before the CNI path', () => {
    verdicts.next = { allowed: false, egress: direction('egress', { allowed: false, decidedBy: adminDeny, reason: 'deny-x egress rule 1 denies' }), ingress: direction('ingress', {}) };
    const t = run();
    expect(t.hops.map((h) => h.kind)).toEqual(['client', 'policy']);
    expect(t.hops[1]).toMatchObject({ ref: 'clusternetworkpolicy/deny-x', verdict: 'drop', at: 'pod/default/client', tier: 'Admin', action: 'Deny', rule: 1, name: 'block-monitoring', reason: 'deny-x egress rule 1 denies' });
  });

  it('an Admin Accept shows a pass hop even though no NetworkPolicy isolates the pod', () => {
    verdicts.next = { allowed: true, egress: direction('egress', {}), ingress: direction('ingress', { decidedBy: adminAccept }) };
    const t = run();
    expect(t.verdict).toBe('allow');
    expect(t.hops.filter((h) => h.kind === 'policy').map((h) => [h.ref, h.verdict, h.action])).toEqual([['adminnetworkpolicy/allow-monitoring', 'pass', 'Accept']]);
    expect(t.hops.at(-1)?.kind).toBe('pod');
  });

  it('two Admin Passes then a Baseline Deny: three hops, the last one drops', () => {
    const second: DecidedBy = { ...adminPass, ref: policyRef('clusternetworkpolicy', 'hand-down-too'), rule: 2, ruleName: '' };
    verdicts.next = { allowed: false, egress: direction('egress', {}), ingress: direction('ingress', { allowed: false, decidedBy: baselineDeny, passed: [adminPass, second] }) };
    const policy = run().hops.filter((h) => h.kind === 'policy');
    expect(policy.map((h) => [h.ref, h.verdict, h.action])).toEqual([
      ['clusternetworkpolicy/hand-down', 'pass', 'Pass'],
      ['clusternetworkpolicy/hand-down-too', 'pass', 'Pass'],
      ['baselineadminnetworkpolicy/default', 'drop', 'Deny'],
    ]);
    expect(policy[0]!.reason).toMatch(/the Admin tier walks on$/);
  });
});
