/**
 * A policy hop's place in the tier walk, in words for the trace panel:
 * `[Admin] deny-x · rule 0 'block-monitoring' · Deny`. NetworkPolicy hops get a label only in a
 * trace where cluster tiers took part (elsewhere the row reads as it always has).
 */
import type { Hop, Trace } from '../../../engine';

export interface TierLabel {
  readonly tier: 'Admin' | 'NetworkPolicy' | 'Baseline';
  readonly text: string;
}

/** Whether any hop of the trace comes from a cluster-scoped policy. */
export function hasTierHops(trace: Trace): boolean {
  return trace.hops.some((h) => h.tier !== undefined);
}

/**
 * @example
 * toTierLabel({ kind: 'policy', tier: 'Admin', policy: 'deny-x', rule: 0, name: 'block-monitoring', action: 'Deny', … }, true)
 * // { tier: 'Admin', text: "[Admin] deny-x · rule 0 'block-monitoring' · Deny" }
 */
export function toTierLabel(hop: Hop, tiered: boolean): TierLabel | undefined {
  if (hop.kind !== 'policy' && hop.kind !== 'dns') return undefined;
  if (hop.tier) {
    const parts = [`[${hop.tier}] ${hop.policy ?? hop.ref}`];
    if (hop.rule !== undefined) parts.push(`rule ${hop.rule}${hop.name ? ` '${hop.name}'` : ''}`);
    if (hop.action) parts.push(hop.action);
    return { tier: hop.tier, text: parts.join(' · ') };
  }
  if (!tiered || hop.kind !== 'policy') return undefined;
  const policy = hop.policy ?? hop.isolatingPolicies?.join(', ');
  if (!policy) return undefined;
  const rule =
    hop.verdict === 'drop' ? 'no rule admits' : hop.rule !== undefined ? `rule ${hop.rule}` : '';
  return {
    tier: 'NetworkPolicy',
    text: [
      `[NetworkPolicy] ${policy}`,
      ...(rule ? [rule] : []),
      hop.verdict === 'drop' ? 'Deny' : 'Allow',
    ].join(' · '),
  };
}
