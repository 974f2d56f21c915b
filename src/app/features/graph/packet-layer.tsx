/**
 * The packet: one absolutely positioned element inside React Flow's viewport (so pan and zoom
 * come free), moved by Web Animations `transform` keyframes sampled from the edge paths. React
 * renders it once; the flight changes only the DOM and sets the store once per hop.
 */
import { useEffect, useRef } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { Hop, PacketHeader, Trace } from '../../../engine/types';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import type { FlowEdge } from './to-flow-graph';
import { toPathLegs } from './trace-path';

type Point = { x: number; y: number };

const SPEED_PX_PER_MS = 0.55;
const SAMPLES = 32;

export function formatHeader(h: PacketHeader | undefined): string {
  if (!h) return '';
  const src = h.srcPort !== undefined ? `${h.srcIP}:${h.srcPort}` : h.srcIP;
  return `${src} → ${h.dstIP}:${h.dstPort} ${h.protocol}`;
}

function sameHeader(a: PacketHeader | undefined, b: PacketHeader | undefined): boolean {
  return formatHeader(a) === formatHeader(b) && formatHeader(a?.outer) === formatHeader(b?.outer);
}

/** Points along the drawn edge (from the DOM, in flow coordinates), or undefined. */
function sampleEdge(edgeId: string, reversed: boolean): Point[] | undefined {
  const path = document.querySelector<SVGPathElement>(
    `.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`,
  );
  if (!path) return undefined;
  const length = path.getTotalLength();
  if (!Number.isFinite(length) || length === 0) return undefined;
  const points: Point[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const p = path.getPointAtLength((length * i) / SAMPLES);
    points.push({ x: p.x, y: p.y });
  }
  return reversed ? points.reverse() : points;
}

const translate = (p: Point, scale = 1) => `translate(${p.x}px, ${p.y}px) scale(${scale})`;

function pathLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return total;
}

async function finished(animation: Animation): Promise<boolean> {
  try {
    await animation.finished;
    return true;
  } catch {
    return false; // cancelled by a newer flight
  }
}

function dropLabel(hop: Hop): string {
  const policy = hop.policy ?? hop.isolatingPolicies?.join(', ');
  return policy ? `✗ dropped by ${policy}` : `✗ dropped at ${hop.ref}`;
}

interface PacketLayerProps {
  centres: Readonly<Record<string, Point>>;
  edges: readonly FlowEdge[];
}

export function PacketLayer({ centres, edges }: PacketLayerProps) {
  const store = useAppStoreApi();
  const flightId = useAppStore((s) => s.flightId);
  const packet = useRef<HTMLDivElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const burst = useRef<HTMLDivElement>(null);
  const label = useRef<HTMLDivElement>(null);
  // Read at flight start only: the layout and edges of the graph on screen.
  const layout = useRef({ centres, edges });
  layout.current = { centres, edges };

  useEffect(() => {
    const el = packet.current;
    const trace: Trace | undefined = store.getState().trace;
    if (flightId === 0 || !el || !trace || trace.hops.length === 0) return;
    let cancelled = false;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const { centres: at, edges: drawn } = layout.current;
    const legs = toPathLegs(trace, drawn);

    const fly = async () => {
      el.getAnimations({ subtree: true }).forEach((a) => a.cancel());
      el.dataset.state = 'flying';
      el.dataset.hop = '-1';
      label.current!.textContent = '';
      const first = at[trace.hops[0]!.at];
      if (!first) return;
      el.style.transform = translate(first);
      el.style.visibility = 'visible';
      let position = first;
      let legIndex = 0;
      let header: PacketHeader | undefined;
      for (let i = 0; i < trace.hops.length; i++) {
        const hop = trace.hops[i]!;
        const target = at[hop.at];
        if (i > 0 && hop.at !== trace.hops[i - 1]!.at && target) {
          const leg = legs[legIndex++];
          const along = leg?.edgeId ? sampleEdge(leg.edgeId, leg.reversed) : undefined;
          const points = [position, ...(along ?? []), target];
          const duration = reduced
            ? 1
            : Math.min(1400, Math.max(380, pathLength(points) / SPEED_PX_PER_MS));
          const move = el.animate(
            points.map((p) => ({ transform: translate(p) })),
            { duration, easing: 'ease-in-out', fill: 'forwards' },
          );
          if (!(await finished(move)) || cancelled) return;
          position = target;
        }
        // Arrived at hop i: update the header card where the hop rewrites the packet.
        const shown = hop.after ?? hop.before ?? header;
        if (card.current && shown && !sameHeader(shown, header)) {
          card.current.firstElementChild!.textContent = formatHeader(shown);
          card.current.lastElementChild!.textContent = shown.outer
            ? `${shown.outer.encapsulation.toUpperCase()} ${formatHeader(shown.outer)}`
            : '';
          if (header)
            card.current.animate([{ background: '#fde68a' }, { background: '#ffffff' }], {
              duration: 700,
            });
          header = shown;
        }
        el.dataset.hop = String(i);
        store.getState().setFlightHop(i);
        if (hop.verdict === 'drop') {
          el.dataset.state = 'dropped';
          label.current!.textContent = dropLabel(hop);
          burst.current!.animate(
            [
              { transform: 'scale(0.6)', opacity: 1 },
              { transform: 'scale(3.2)', opacity: 0 },
            ],
            { duration: reduced ? 1 : 700, easing: 'ease-out' },
          );
          store.getState().setFlight('dropped');
          return;
        }
        // A short pause at each hop (a pulse), so a learner can follow; pausable like the rest.
        const dwell = el.animate(
          [
            { transform: translate(position, 1) },
            { transform: translate(position, 1.35) },
            { transform: translate(position, 1) },
          ],
          { duration: reduced ? 650 : 260, fill: 'forwards' },
        );
        if (!(await finished(dwell)) || cancelled) return;
      }
      el.dataset.state = 'arrived';
      store.getState().setFlight('arrived');
    };
    void fly();
    return () => {
      cancelled = true;
      el.getAnimations({ subtree: true }).forEach((a) => a.cancel());
    };
  }, [flightId, store]);

  return (
    <ViewportPortal>
      <div
        ref={packet}
        data-testid="packet"
        data-state="idle"
        className="packet pointer-events-none absolute left-0 top-0"
        style={{ visibility: 'hidden', zIndex: 1000 }}
      >
        <div ref={burst} className="packet-burst" />
        <div className="packet-dot" />
        <div ref={card} data-testid="packet-header" className="packet-card">
          <div />
          <div className="text-[10px] text-slate-500" />
        </div>
        <div ref={label} data-testid="packet-drop-label" className="packet-drop-label" />
      </div>
    </ViewportPortal>
  );
}
