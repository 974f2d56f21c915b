/**
 * What a screen reader hears when a packet's trace ends: the verdict and what decided it (the
 * policy and rule, or the hop that dropped it), in one sentence or two.
 */
import type { Hop, Trace } from '../../../engine';
import { toRedirect } from './to-http-view';

function admittedBy(hop: Hop): string | undefined {
  if (hop.kind !== 'policy' || hop.verdict !== 'pass' || !hop.policy) return undefined;
  if (hop.rule === undefined) return hop.policy;
  return `${hop.policy} ${hop.direction ? `${hop.direction} ` : ''}rule ${hop.rule}`;
}

/**
 * The announcement for a finished trace.
 *
 * @example toVerdictAnnouncement(trace) // "Denied: dropped at pod/default/backend-0 by policy default/deny-all. …"
 */
export function toVerdictAnnouncement(trace: Trace): string {
  if (trace.error) return `The packet could not be sent: ${trace.error}`;
  const drop = trace.hops.find((h) => h.verdict === 'drop');
  if (trace.verdict !== 'allow') {
    if (!drop) {
      const last = trace.hops.at(-1);
      return `Denied${last ? `: ${last.reason}` : '.'}`;
    }
    const policy = drop.policy ?? drop.isolatingPolicies?.join(', ');
    return `Denied: dropped at ${drop.ref}${policy ? ` by policy ${policy}` : ''}. ${drop.reason}`;
  }
  const redirect = toRedirect(trace);
  if (redirect)
    return `Allowed (HTTP ${redirect.status}): answered by the Gateway with a redirect to ${redirect.location}; the answer goes back to the client.`;
  const status = trace.status !== undefined ? ` (HTTP ${trace.status})` : '';
  const reached = trace.endpoints.length ? `, reached ${trace.endpoints.join(', ')}` : '';
  const rules = trace.hops.map(admittedBy).filter((r): r is string => r !== undefined);
  // No rule had to admit it: the policy hop says why (not isolated, or not enforced).
  const policyHop = trace.hops.findLast((h) => h.kind === 'policy');
  const decided = rules.length
    ? ` Admitted by ${rules.join(' and ')}.`
    : policyHop
      ? ` ${policyHop.reason}`
      : '';
  return `Allowed${status}${reached}.${decided}`;
}
