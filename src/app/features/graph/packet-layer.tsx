/**
 * The packets: absolutely positioned elements inside React Flow's viewport (so pan and zoom come
 * free), moved by Web Animations `transform` keyframes sampled from the edge paths (or a curve
 * where no edge joins two places). Positions are read from React Flow's own nodes when a flight
 * starts. The flight player drives play/pause/step/seek; the store hears once per hop.
 *
 * Clicking a graph object opens a small menu: start the packet here, or send it here.
 */
import { closePickMenu, pickMenuTarget, subscribePickMenu } from './pick-request';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useReactFlow, useStore as useFlowStore, ViewportPortal } from '@xyflow/react';
import type { Trace } from '../../../engine';
import { useAppStore, useAppStoreApi, useController } from '../../store/store-context';
import { createFlightPlayer, type FlightPlayer } from '../playback/flight-player';
import type { PlaybackStatus } from '../playback/playback-machine';
import {
  buildTimeline,
  carryTime,
  curvedLeg,
  type Point,
  type Timeline,
} from '../playback/timeline';
import { toPickEndpoints } from '../trace/to-pick-endpoint';
import { Icon } from '../../components/icons';

export { formatHeader } from '../playback/timeline';

/** A packet "at a node box" sits on the box's header line, not among its pods. */
const CONTAINER_ANCHOR = 23;
/** Packets of a "Send 10" leave this far apart (unless the send asked for another stagger). */
const STAGGER_MS = 260;
const SAMPLES = 28;

interface FlowEdgeLike {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

interface PacketLayerProps {
  /** Fallback centres (flow coordinates) for ids React Flow does not know. */
  centres?: Readonly<Record<string, Point>>;
  edges?: readonly FlowEdgeLike[];
  /** Graph ids drawn as another node (pods folded into a group): id → drawn id. */
  aliases?: Readonly<Record<string, string>>;
}

/** Points along the drawn edge (from the DOM, in flow coordinates), or undefined. */
function sampleEdge(edgeId: string, reversed: boolean): Point[] | undefined {
  const path = document.querySelector<SVGPathElement>(
    `.react-flow__edge[data-id="${CSS.escape(edgeId)}"] path.react-flow__edge-path`,
  );
  if (!path || typeof path.getTotalLength !== 'function') return undefined;
  const length = path.getTotalLength();
  if (!Number.isFinite(length) || length === 0) return undefined;
  const points: Point[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const p = path.getPointAtLength((length * i) / SAMPLES);
    points.push({ x: p.x, y: p.y });
  }
  return reversed ? points.reverse() : points;
}

function flightState(state: 'waiting' | 'flying' | 'arrived' | 'dropped') {
  return state === 'waiting' ? 'flying' : state;
}

export function PacketLayer({ centres, edges, aliases }: PacketLayerProps) {
  const store = useAppStoreApi();
  const controller = useController();
  const flow = useReactFlow();
  const flightId = useAppStore((s) => s.flightId);
  const count = useAppStore((s) => Math.max(1, s.traces.length));
  const selected = useAppStore((s) => Math.min(s.selectedPacket, Math.max(0, s.traces.length - 1)));
  const packets = useRef<(HTMLDivElement | null)[]>([]);
  const player = useRef<FlightPlayer | undefined>(undefined);
  const props = useRef({ centres, edges, aliases });
  props.current = { centres, edges, aliases };
  // Where the last player of a flight had got, so a new layout of the same flight goes on from there.
  const carried = useRef<
    { key: string; timeline: Timeline; time: number; status: PlaybackStatus } | undefined
  >(undefined);

  // The controls work on whatever flight is on screen.
  useEffect(
    () =>
      controller.attachPlayer({
        play: () => player.current?.dispatch({ type: 'play' }),
        pause: () => player.current?.dispatch({ type: 'pause' }),
        toggle: () => player.current?.dispatch({ type: 'toggle' }),
        step: (direction) => player.current?.dispatch({ type: 'step', direction }),
        seekHop: (hop) => player.current?.dispatch({ type: 'seekHop', hop }),
        replay: () => player.current?.dispatch({ type: 'replay' }),
        setSpeed: (speed) => {
          player.current?.dispatch({ type: 'speed', speed });
          store.getState().setPlaySpeed(player.current?.state.speed ?? speed);
        },
      }),
    [controller, store],
  );

  // Runs again when the layout changes (`centres`: the grouping switched, objects were added):
  // the same flight is re-sampled on the new positions and goes on from where it was.
  useEffect(() => {
    const key = `${flightId}|${count}|${selected}`;
    const before = carried.current?.key === key ? carried.current : undefined;
    carried.current = undefined;
    const startFlight = (
      before: { timeline: Timeline; time: number; status: PlaybackStatus } | undefined,
    ): { player: FlightPlayer; timeline: Timeline } | undefined => {
      const state = store.getState();
      const traces: readonly Trace[] = state.traces;
      const first = traces[0];
      if (flightId === 0 || !first || first.error || first.hops.length === 0) return undefined;
      const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      const { centres: fallback, edges: givenEdges, aliases: alias } = props.current;
      const drawn = (id: string) => alias?.[id] ?? id;
      const nodes = flow.getNodes();
      const containers = new Set(nodes.flatMap((n) => (n.parentId ? [n.parentId] : [])));
      const positionOf = (id: string): Point | undefined => {
        const node = flow.getInternalNode(drawn(id));
        if (!node) return fallback?.[id];
        const { x, y } = node.internals.positionAbsolute;
        const width = node.measured.width ?? node.width ?? 0;
        const height = node.measured.height ?? node.height ?? 0;
        const dy = containers.has(node.id) ? Math.min(CONTAINER_ANCHOR, height / 2) : height / 2;
        return { x: x + width / 2, y: y + dy };
      };
      const edgeList = givenEdges ?? flow.getEdges();
      const stagger = state.stagger ?? STAGGER_MS;
      const edgeByEnds = new Map(edgeList.map((e) => [`${e.source}\u0000${e.target}`, e.id]));

      const flights = traces.flatMap((trace, index) => {
        const el = packets.current[index];
        if (!el || trace.error || trace.hops.length === 0) return [];
        // The selected packet's element carries the header card and the drop label.
        const hops = trace.hops;
        const timeline = buildTimeline(
          hops,
          hops.map((h) => positionOf(h.at)),
          (i, from, to) => {
            const a = drawn(hops[i - 1]!.at);
            const b = drawn(hops[i]!.at);
            const ahead = edgeByEnds.get(`${a}\u0000${b}`);
            const back = edgeByEnds.get(`${b}\u0000${a}`);
            const along = ahead
              ? sampleEdge(ahead, false)
              : back
                ? sampleEdge(back, true)
                : undefined;
            // No edge joins them (load balancer → node, node → node): a deliberate curve.
            return along ?? curvedLeg(from, to);
          },
          { reduced, delay: index * stagger },
        );
        return [
          {
            index,
            hops,
            timeline,
            el,
            card: el.querySelector<HTMLElement>('[data-part="card"]'),
            label: el.querySelector<HTMLElement>('[data-part="label"]'),
            burst: el.querySelector<HTMLElement>('[data-part="burst"]'),
          },
        ];
      });
      if (flights.length === 0) return undefined;
      const follow = Math.max(
        0,
        flights.findIndex((f) => f.index === selected),
      );
      const next = createFlightPlayer(
        flights,
        { reduced, speed: store.getState().playSpeed, follow },
        {
          onHop: (hop, view) => {
            store.getState().setFlightHop(hop);
            store.getState().setFlight(flightState(view));
          },
          onStatus: (status) => store.getState().setPlayStatus(status),
        },
      );
      player.current = next;
      const timeline = flights[follow]!.timeline;
      if (before && before.status !== 'idle') {
        const time = carryTime(before.timeline, timeline, before.time);
        next.dispatch({ type: 'restore', time, status: before.status });
      } else {
        next.dispatch({ type: 'load' });
      }
      return { player: next, timeline };
    };
    let current: { player: FlightPlayer; timeline: Timeline } | undefined;
    let frame = 0;
    const build = () => {
      current = startFlight(before);
    };
    // A new layout: React Flow measures the moved cards and redraws the edges first.
    if (before) frame = requestAnimationFrame(() => (frame = requestAnimationFrame(build)));
    else build();
    return () => {
      cancelAnimationFrame(frame);
      if (!current) return;
      const { player: old, timeline } = current;
      carried.current = { key, timeline, time: old.now(), status: old.state.status };
      old.dispose();
      if (player.current === old) player.current = undefined;
    };
  }, [flightId, count, selected, store, flow, centres]);

  return (
    <>
      <PacketElements count={count} selected={selected} packets={packets} />
      <PickMenu />
    </>
  );
}

function PacketElements({
  count,
  selected,
  packets,
}: {
  count: number;
  selected: number;
  packets: { current: (HTMLDivElement | null)[] };
}) {
  return (
    <ViewportPortal>
      {Array.from({ length: count }, (_, i) => (
        <div
          key={i}
          ref={(el) => {
            packets.current[i] = el;
          }}
          data-testid={i === selected ? 'packet' : 'packet-more'}
          data-index={i}
          data-state="idle"
          data-followed={i === selected ? 'true' : undefined}
          className="packet pointer-events-none absolute left-0 top-0"
          style={{ visibility: 'hidden', zIndex: i === selected ? 1001 : 1000 - i }}
        >
          <div data-part="burst" className="packet-burst" />
          <div
            className="packet-dot"
            style={i === selected ? undefined : { transform: 'scale(0.8)' }}
          />
          {count > 1 && (
            <div className="packet-number" aria-hidden="true">
              {i + 1}
            </div>
          )}
          {i === selected && (
            <>
              <div data-part="card" data-testid="packet-header" className="packet-card">
                <div />
                <div className="text-[10px] text-slate-500" />
                <div
                  data-testid="packet-rewrite"
                  className="text-[10px] font-bold uppercase text-amber-700"
                />
              </div>
              <div
                data-part="label"
                data-testid="packet-drop-label"
                className="packet-drop-label"
              />
            </>
          )}
        </div>
      ))}
    </ViewportPortal>
  );
}

/** The menu a click on a graph object opens: start the packet here, or send it here. */
function PickMenu() {
  const store = useAppStoreApi();
  const flow = useReactFlow();
  const domNode = useFlowStore((s) => s.domNode);
  const pickId = useSyncExternalStore(subscribePickMenu, pickMenuTarget);
  // While open, the menu stays under its object when the view moves by itself (a refit, or the
  // details panel sliding the object into sight); closed, a pan re-renders nothing here.
  const transform = useFlowStore((s) => (pickId ? s.transform : undefined));

  useEffect(() => {
    if (!domNode) return;
    // The card's own click handler opens the menu (graph-view.tsx); any other click closes it.
    const onClick = (event: MouseEvent) => {
      const target = event.target as Element | null;
      if (target?.closest('[data-pick-menu]')) return;
      const object = target?.closest('[data-testid="graph-node"]');
      const id = object?.getAttribute('data-id');
      if (!id || !flow.getInternalNode(id)) closePickMenu();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // This Escape is the menu's: the details panel (open beside it) stays for the next one.
      if (document.querySelector('[data-pick-menu]')) event.preventDefault();
      closePickMenu();
    };
    // Panning or zooming by hand (a drag on the pane, the wheel) moves on: close it.
    const onPan = (event: Event) => {
      const target = event.target as Element | null;
      if (!target?.closest('[data-pick-menu]')) closePickMenu();
    };
    const onPanStart = (event: PointerEvent) => {
      if ((event.target as Element | null)?.closest('.react-flow__pane')) closePickMenu();
    };
    domNode.addEventListener('click', onClick);
    // Capture: d3-zoom stops the wheel and the drag from bubbling.
    domNode.addEventListener('wheel', onPan, { passive: true, capture: true });
    domNode.addEventListener('pointerdown', onPanStart, { capture: true });
    window.addEventListener('keydown', onKey);
    return () => {
      domNode.removeEventListener('click', onClick);
      domNode.removeEventListener('wheel', onPan, { capture: true });
      domNode.removeEventListener('pointerdown', onPanStart, { capture: true });
      window.removeEventListener('keydown', onKey);
    };
  }, [domNode, flow]);

  const node = pickId ? flow.getInternalNode(pickId) : undefined;
  if (!pickId || !node || !transform) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  // On screen, just under the object (the menu sits above the graph's own panels).
  const screen = flow.flowToScreenPosition({ x: x + width / 2, y: y + height });
  const endpoints = toPickEndpoints(store.getState().lastGood, pickId);
  const button =
    'grid grid-cols-[16px_1fr] items-start gap-x-2 rounded px-2 py-1.5 text-left text-sm font-semibold disabled:cursor-not-allowed disabled:text-slate-400 enabled:hover:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400';
  return createPortal(
    <div
      data-pick-menu
      data-testid="pick-menu"
      data-id={pickId}
      role="menu"
      aria-label={`Use ${pickId} as a packet endpoint`}
      className="fixed flex w-64 flex-col rounded-md border border-slate-300 bg-white p-1 text-slate-800 shadow-lg"
      style={{
        left: Math.max(140, Math.min(screen.x, window.innerWidth - 140)),
        top: Math.min(screen.y + 6, window.innerHeight - 80),
        transform: 'translateX(-50%)',
        zIndex: 60,
      }}
    >
      <PickMenuItem
        testId="pick-source"
        icon="client"
        label="Start the packet here"
        className={button}
        endpoint={endpoints.source}
        why={endpoints.sourceWhy}
        onPick={(source) => {
          store.getState().setSource(source);
          closePickMenu();
        }}
      />
      <PickMenuItem
        testId="pick-destination"
        icon="send"
        label="Send the packet here"
        className={button}
        endpoint={endpoints.destination}
        why={endpoints.destinationWhy}
        onPick={(destination) => {
          store.getState().setDestination(destination);
          store.getState().setHttp(endpoints.destinationHttp);
          closePickMenu();
        }}
      />
    </div>,
    document.body,
  );
}

/** One item of the pick menu: the endpoint it would use, or in words why this object can't be one. */
function PickMenuItem(props: {
  testId: string;
  icon: 'client' | 'send';
  label: string;
  className: string;
  endpoint: string | undefined;
  why: string | undefined;
  onPick: (endpoint: string) => void;
}) {
  const { endpoint } = props;
  return (
    <button
      type="button"
      role="menuitem"
      data-testid={props.testId}
      className={props.className}
      disabled={!endpoint}
      title={endpoint ?? props.why}
      onClick={() => {
        if (endpoint) props.onPick(endpoint);
      }}
    >
      <Icon name={props.icon} size={16} className="mt-0.5" />
      <span>{props.label}</span>
      {endpoint ? (
        <span className="col-start-2 break-all font-mono text-xs font-normal">{endpoint}</span>
      ) : (
        <span className="col-start-2 text-xs font-normal text-slate-500">{props.why}</span>
      )}
    </button>
  );
}
