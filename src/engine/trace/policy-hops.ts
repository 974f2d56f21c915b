/**
 * The hops of one direction's policy walk when cluster-scoped policies took part: one `pass` hop
 * per Admin rule whose action was Pass, then the hop of the tier that decided (an Admin or
 * Baseline rule), as the CLI contract spells them: `ref` `clusternetworkpolicy/NAME` (or the
 * v1alpha1 kinds), `tier` `Admin`|`Baseline`, `action` `Accept`|`Deny`|`Pass`, `rule`, `name`.
 * NetworkPolicy decisions keep their own hop (trace.ts), unchanged.
 */
import type {
  ClusterPolicyAction,
  ClusterPolicyTier,
  DecidedBy,
  DirectionVerdict,
  Hop,
  PacketHeader,
  PolicyAction,
  PolicyTier,
} from '../types';
import { parseRef } from '../refs';

/** The API's word for a cluster tier; undefined for the namespaces' NetworkPolicies. */
export function toClusterTier(tier: PolicyTier): ClusterPolicyTier | undefined {
  return tier === 'admin' ? 'Admin' : tier === 'baseline' ? 'Baseline' : undefined;
}

/** The API's word for a rule's action. */
export function toClusterAction(action: PolicyAction): ClusterPolicyAction {
  return action === 'allow' ? 'Accept' : action === 'deny' ? 'Deny' : 'Pass';
}

/** `[Admin] deny-x ingress rule 0 'block-monitoring'`: a cluster rule in words. */
export function describeClusterRule(by: DecidedBy, direction: 'ingress' | 'egress'): string {
  const tier = toClusterTier(by.tier) ?? 'NetworkPolicy';
  const name = parseRef(by.ref)?.name ?? by.ref;
  const rule = by.rule !== undefined ? ` ${direction} rule ${by.rule}${by.ruleName ? ` '${by.ruleName}'` : ''}` : '';
  return `[${tier}] ${name}${rule}`;
}

/**
 * A cluster-policy hop, its keys in the order of `Hop` (the JSON the CLI prints). The policy is
 * named as verdicts list it: `NAME`.
 */
function clusterHop(
  kind: 'policy' | 'dns',
  by: DecidedBy,
  verdict: 'pass' | 'drop',
  reason: string,
  direction: 'ingress' | 'egress',
  at: string,
  header: PacketHeader,
): Hop {
  const tier = toClusterTier(by.tier);
  return {
    kind,
    ref: by.ref,
    verdict,
    reason,
    policy: parseRef(by.ref)?.name ?? by.ref,
    ...(by.rule !== undefined ? { rule: by.rule } : {}),
    direction,
    ...(tier !== undefined ? { tier } : {}),
    action: toClusterAction(by.action),
    ...(by.ruleName ? { name: by.ruleName } : {}),
    at,
    before: header,
  };
}

/** Whether a decision was taken by an Admin or Baseline rule (not a NetworkPolicy). */
export function isClusterDecision(by: DecidedBy | undefined): by is DecidedBy {
  return by !== undefined && by.tier !== 'networkpolicy';
}

/**
 * One `pass` hop per Admin Pass met before the decision. When nothing decided after them (no
 * NetworkPolicy isolates the pod, no Baseline rule matched), the last one says the connection is
 * allowed by default.
 *
 * @example
 * passHops(verdict, 'pod/ns/db-0', header, 'policy').map((h) => h.action) // ['Pass']
 */
export function passHops(d: DirectionVerdict, at: string, header: PacketHeader, kind: 'policy' | 'dns'): Hop[] {
  const passed = d.passed ?? [];
  return passed.map((by, i) => {
    const last = i === passed.length - 1;
    const next =
      !last
        ? 'the Admin tier walks on'
        : d.decidedBy === undefined
          ? `nothing else decides: ${d.reason}`
          : d.decidedBy.tier === 'networkpolicy'
            ? 'the namespace NetworkPolicies decide'
            : d.decidedBy.tier === 'baseline'
              ? 'no NetworkPolicy isolates the pod, so the Baseline tier decides'
              : 'the Admin tier walks on';
    const reason = `${describeClusterRule(by, d.direction)} matches with action Pass: the rest of the Admin tier is skipped and ${next}`;
    return clusterHop(kind, by, 'pass', reason, d.direction, at, header);
  });
}

/**
 * The hop of an Admin or Baseline rule that decided: Accept (and a Baseline Pass, which is the
 * default allow) passes, Deny drops. `reason` is the verdict's own sentence.
 */
export function clusterDecisionHop(d: DirectionVerdict, by: DecidedBy, at: string, header: PacketHeader, kind: 'policy' | 'dns'): Hop {
  return clusterHop(kind, by, by.action === 'deny' ? 'drop' : 'pass', d.reason, d.direction, at, header);
}
