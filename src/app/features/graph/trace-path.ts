import type { Trace } from '../../../engine/types';
import type { FlowEdge } from './to-flow-graph';

export interface PathLeg {
  readonly from: string;
  readonly to: string;
  /** The drawn edge joining them, if any, and whether the packet runs against its direction. */
  readonly edgeId?: string;
  readonly reversed: boolean;
}

/**
 * The legs a packet travels: one per change of `hop.at`, each matched to a drawn edge when one
 * joins the two places (in either direction).
 */
export function toPathLegs(trace: Trace | undefined, edges: readonly FlowEdge[]): PathLeg[] {
  if (!trace) return [];
  const forward = new Map<string, string>();
  for (const e of edges) {
    // Pods folded into a collapsed card answer for the card's edges too.
    const sources = [e.source, ...(e.data?.sourceMembers ?? [])];
    const targets = [e.target, ...(e.data?.targetMembers ?? [])];
    for (const s of sources) for (const t of targets) forward.set(`${s}\u0000${t}`, e.id);
  }
  const legs: PathLeg[] = [];
  for (let i = 1; i < trace.hops.length; i++) {
    const from = trace.hops[i - 1]!.at;
    const to = trace.hops[i]!.at;
    if (from === to) continue;
    const ahead = forward.get(`${from}\u0000${to}`);
    const back = forward.get(`${to}\u0000${from}`);
    const edgeId = ahead ?? back;
    legs.push({ from, to, reversed: !ahead && !!back, ...(edgeId ? { edgeId } : {}) });
  }
  return legs;
}

/** The ids of the drawn edges along a trace's path, for highlighting. */
export function toPathEdgeIds(
  trace: Trace | undefined,
  edges: readonly FlowEdge[],
): ReadonlySet<string> {
  return new Set(toPathLegs(trace, edges).flatMap((leg) => (leg.edgeId ? [leg.edgeId] : [])));
}
