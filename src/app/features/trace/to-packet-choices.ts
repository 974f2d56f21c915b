/**
 * The packets of a "Send 10", each with where it ended (a pod's name, or where it was dropped),
 * for the packet selector and the spread line. Pure.
 */
import type { Trace } from '../../../engine';

export interface PacketChoice {
  readonly index: number;
  /** "packet 3" (1-based, as people count). */
  readonly label: string;
  readonly verdict: Trace['verdict'];
  /** Where it ended: `default/backend-1`, `dropped at pod/default/backend-0`, an address... */
  readonly ended: string;
}

/**
 * Where one packet ended, in words.
 *
 * @example toPacketEnd(trace) // 'default/backend-1' or 'dropped at pod/default/backend-0'
 */
export function toPacketEnd(trace: Trace): string {
  if (trace.error) return 'not sent';
  const last = trace.hops.at(-1);
  if (trace.verdict === 'deny') {
    const drop = trace.hops.find((h) => h.verdict === 'drop');
    return `dropped at ${drop?.at ?? last?.at ?? 'a hop'}`;
  }
  if (!last) return 'nowhere';
  return last.kind === 'pod' ? last.ref.replace(/^pod\//, '') : last.ref;
}

/** One choice per packet, in send order. */
export function toPacketChoices(traces: readonly Trace[]): PacketChoice[] {
  return traces.map((trace, index) => ({
    index,
    label: `packet ${index + 1}`,
    verdict: trace.verdict,
    ended: toPacketEnd(trace),
  }));
}

/** How many packets ended at each place, in first-seen order. */
export function toPacketSpread(traces: readonly Trace[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of traces) {
    const where = toPacketEnd(t);
    counts.set(where, (counts.get(where) ?? 0) + 1);
  }
  return [...counts];
}
