import type { Trace } from '../../../engine';
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
 * joins the two places (in either direction). When a node's CNI hops sit between two objects
 * (Service → node → pod), the edge joining the two objects is the leg into the second.
 */
const isNodeBox = (id: string) => id.startsWith('node/');

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
  // The last place that is not a node box: a packet crosses a node (its CNI hops) between two
  // objects, e.g. Service → node → pod, and the drawn edge joins the two objects.
  let anchor = trace.hops[0] && !isNodeBox(trace.hops[0].at) ? trace.hops[0].at : undefined;
  for (let i = 1; i < trace.hops.length; i++) {
    const from = trace.hops[i - 1]!.at;
    const to = trace.hops[i]!.at;
    if (from === to) continue;
    const ahead = forward.get(`${from}\u0000${to}`);
    const back = forward.get(`${to}\u0000${from}`);
    const edgeId = ahead ?? back;
    if (!edgeId && anchor && anchor !== to && !isNodeBox(to)) {
      const viaAhead = forward.get(`${anchor}\u0000${to}`);
      const viaBack = forward.get(`${to}\u0000${anchor}`);
      const via = viaAhead ?? viaBack;
      if (via) {
        legs.push({ from: anchor, to, reversed: !viaAhead, edgeId: via });
        anchor = to;
        continue;
      }
    }
    legs.push({ from, to, reversed: !ahead && !!back, ...(edgeId ? { edgeId } : {}) });
    if (!isNodeBox(to)) anchor = to;
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

/**
 * The edges every packet of a send travelled, and which of them the selected packet used: the
 * selected path is drawn bold, the others' paths lighter (a "Send 10" shows the whole spread).
 */
export function toPacketPaths(
  traces: readonly Trace[],
  selected: number,
  edges: readonly FlowEdge[],
): { readonly selected: ReadonlySet<string>; readonly others: ReadonlySet<string> } {
  const mine = toPathEdgeIds(traces[selected], edges);
  const others = new Set<string>();
  traces.forEach((trace, i) => {
    if (i === selected || trace.error) return;
    for (const id of toPathEdgeIds(trace, edges)) if (!mine.has(id)) others.add(id);
  });
  return { selected: mine, others };
}
