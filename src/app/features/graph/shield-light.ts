/**
 * Which pod shields are lit while a packet flies: the policy hops the packet has reached so far.
 * A drop lights its pod's shield for that direction with the policies that isolate it (no rule
 * admitted the packet); a pass lights it softly with the policy whose rule admitted it. Pure, so
 * the cards can read it with a cheap store selector (memoised on the trace and the hop).
 */
import type { Hop, Trace } from '../../../engine';
import { selectTrace } from '../../store/trace-slice';

export interface ShieldLight {
  /** The graph id of the pod whose shield lights (`hop.at`). */
  readonly at: string;
  readonly direction: 'ingress' | 'egress';
  readonly verdict: 'pass' | 'drop';
  /** drop: every policy isolating that direction; pass: the policy whose rule admitted. */
  readonly policies: readonly string[];
  /** The admitting rule's index (pass only), for "rule 1" in words. */
  readonly rule?: number;
  /** A cluster policy's hop: its tier, the rule's action and name (`[Admin] deny-x … Deny`). */
  readonly tier?: 'Admin' | 'Baseline';
  readonly action?: 'Accept' | 'Deny' | 'Pass';
  readonly ruleName?: string;
}

/** Lights keyed by `at` then direction (a packet may pass a pod's egress and ingress shields). */
export type ShieldLights = ReadonlyMap<string, ShieldLight>;

const key = (at: string, direction: string) => `${at}\u0000${direction}`;

function toLight(hop: Hop): ShieldLight | undefined {
  if (hop.kind !== 'policy' || !hop.direction) return undefined;
  if (hop.tier) {
    return {
      at: hop.at,
      direction: hop.direction,
      verdict: hop.verdict,
      policies: hop.policy ? [hop.policy] : [],
      ...(hop.rule !== undefined ? { rule: hop.rule } : {}),
      tier: hop.tier,
      ...(hop.action ? { action: hop.action } : {}),
      ...(hop.name ? { ruleName: hop.name } : {}),
    };
  }
  const policies =
    hop.verdict === 'drop'
      ? (hop.isolatingPolicies ?? (hop.policy ? [hop.policy] : []))
      : hop.policy
        ? [hop.policy]
        : [];
  return {
    at: hop.at,
    direction: hop.direction,
    verdict: hop.verdict,
    policies,
    ...(hop.verdict === 'pass' && hop.rule !== undefined ? { rule: hop.rule } : {}),
  };
}

/**
 * The lit shields once the followed packet is at hop `hop` (-1: nothing yet): every policy hop
 * up to and including it. A later hop at the same pod and direction replaces an earlier one.
 *
 * @example
 * toShieldLights(trace, 9) // Map { 'pod/default/backend-0\0ingress' → { verdict: 'drop', … } }
 */
export function toShieldLights(trace: Trace | undefined, hop: number): ShieldLights {
  const lights = new Map<string, ShieldLight>();
  if (!trace || trace.error || hop < 0) return lights;
  const last = Math.min(hop, trace.hops.length - 1);
  for (let i = 0; i <= last; i++) {
    const light = toLight(trace.hops[i]!);
    if (light) lights.set(key(light.at, light.direction), light);
  }
  return lights;
}

/** The light of one pod's shield in one direction, if lit. */
export function shieldLightOf(
  lights: ShieldLights,
  at: string,
  direction: 'ingress' | 'egress',
): ShieldLight | undefined {
  return lights.get(key(at, direction));
}

/** The strongest light among several pods (a folded card): a drop wins over a pass. */
export function shieldLightOfAny(
  lights: ShieldLights,
  ids: readonly string[],
  direction: 'ingress' | 'egress',
): ShieldLight | undefined {
  if (lights.size === 0) return undefined;
  let found: ShieldLight | undefined;
  for (const light of lights.values()) {
    if (light.direction !== direction || !ids.includes(light.at)) continue;
    if (!found || light.verdict === 'drop') found = light;
    if (found.verdict === 'drop') break;
  }
  return found;
}

/** The lit shield in words (screen readers, titles, and the badge itself: never colour alone). */
export function describeShieldLight(light: ShieldLight): string {
  const names = light.policies.join(', ');
  if (light.tier) {
    const rule =
      light.rule !== undefined
        ? ` rule ${light.rule}${light.ruleName ? ` '${light.ruleName}'` : ''}`
        : '';
    const what =
      light.action === 'Deny'
        ? 'denied'
        : light.action === 'Pass'
          ? light.tier === 'Admin'
            ? 'passed on to the next tier'
            : 'allowed (Baseline Pass)'
          : 'accepted';
    return `${light.direction} ${what} by [${light.tier}] ${names}${rule}`;
  }
  if (light.verdict === 'drop')
    return names
      ? `${light.direction} denied: no rule of ${names} admits this packet`
      : `${light.direction} denied`;
  const rule = light.rule !== undefined ? ` (rule ${light.rule})` : '';
  return `${light.direction} allowed by ${names || 'a policy'}${rule}`;
}

let memo: { trace: Trace | undefined; hop: number; lights: ShieldLights } | undefined;

/**
 * The lights for the store's current trace and hop, memoised on both so every card's selector
 * shares one computation per hop (never per frame: the hop is written once per hop).
 */
export function selectShieldLights(state: {
  readonly traces: readonly Trace[];
  readonly selectedPacket: number;
  readonly flightHop: number;
  readonly flight: string;
}): ShieldLights {
  const hop = state.flight === 'idle' ? -1 : state.flightHop;
  const trace = selectTrace(state);
  if (memo && memo.trace === trace && memo.hop === hop) return memo.lights;
  memo = { trace, hop, lights: toShieldLights(trace, hop) };
  return memo.lights;
}
