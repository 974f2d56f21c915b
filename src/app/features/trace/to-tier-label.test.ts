import { describe, expect, it } from 'vitest';
import type { Hop, Trace } from '../../../engine';
import { hasTierHops, toTierLabel } from './to-tier-label';

const base = { at: 'pod/shop/db', reason: '', direction: 'ingress' as const };
const adminPass: Hop = {
  ...base,
  kind: 'policy',
  ref: 'clusternetworkpolicy/platform-admin',
  verdict: 'pass',
  policy: 'platform-admin',
  rule: 2,
  tier: 'Admin',
  action: 'Pass',
  name: 'shop-decides-inside',
};
const npDrop: Hop = {
  ...base,
  kind: 'policy',
  ref: 'networkpolicy/shop/db-from-web',
  verdict: 'drop',
  isolatingPolicies: ['shop/db-from-web'],
};
const npPass: Hop = {
  ...base,
  kind: 'policy',
  ref: 'networkpolicy/shop/db-from-web',
  verdict: 'pass',
  policy: 'shop/db-from-web',
  rule: 0,
};

describe('toTierLabel', () => {
  it('names tier, policy, rule with its name, and action of a cluster hop', () => {
    expect(toTierLabel(adminPass, true)).toEqual({
      tier: 'Admin',
      text: "[Admin] platform-admin · rule 2 'shop-decides-inside' · Pass",
    });
    const unnamed: Hop = {
      ...adminPass,
      tier: 'Baseline',
      action: 'Deny',
      verdict: 'drop',
      rule: 0,
      policy: 'default',
      ref: 'baselineadminnetworkpolicy/default',
    };
    delete (unnamed as { name?: string }).name;
    expect(toTierLabel(unnamed, true)?.text).toBe('[Baseline] default · rule 0 · Deny');
  });

  it('labels a NetworkPolicy hop only in a trace with cluster tiers', () => {
    expect(toTierLabel(npDrop, true)).toEqual({
      tier: 'NetworkPolicy',
      text: '[NetworkPolicy] shop/db-from-web · no rule admits · Deny',
    });
    expect(toTierLabel(npPass, true)?.text).toBe(
      '[NetworkPolicy] shop/db-from-web · rule 0 · Allow',
    );
    expect(toTierLabel(npDrop, false)).toBeUndefined();
    expect(
      toTierLabel({ ...base, kind: 'pod', ref: 'pod/shop/db', verdict: 'pass' }, true),
    ).toBeUndefined();
  });

  it('hasTierHops', () => {
    const trace = (hops: Hop[]): Trace => ({
      from: 'a',
      to: 'b',
      verdict: 'deny',
      endpoints: [],
      blocked: [],
      hops,
      notes: [],
    });
    expect(hasTierHops(trace([adminPass, npDrop]))).toBe(true);
    expect(hasTierHops(trace([npDrop]))).toBe(false);
  });
});
