/**
 * The graph's viewport: when it fits the whole cluster, and, when presenting, how it follows the
 * packet (its path, then the hop it is at) at a zoom where every title reads from the back of
 * the room. Each move is one animated `setViewport` per event (a fit, a hop), never one per
 * frame. The decisions are the pure functions of follow-view.ts; this file measures and moves.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, useStoreApi, useStore as useFlowStore } from '@xyflow/react';
import { useAppStore } from '../../store/store-context';
import { selectTrace } from '../../store/trace-slice';
import {
  fitViewportBeside,
  followViewport,
  NO_INSETS,
  readableZoom,
  sameViewport,
  unionRects,
  type Insets,
  type Rect,
} from './follow-view';

/** Presenting: every title on the packet's path at least this big on screen. */
export const PRESENTER_TEXT_PX = 16;
const MIN_ZOOM = 0.1;
/** Screen pixels left free around a fitted layout. */
const FIT_MARGIN = 6;
const MAX_ZOOM = 2.5;
/** Following never zooms in further than this (a two-hop path would fill the room otherwise). */
const FOLLOW_MAX_ZOOM = 1.1;
/** Room (flow units) right of the card a packet stops at: its header card and drop label. */
const STOP_LABELS = 350;
const STOP_LABELS_ABOVE = 80;
const STOP_LABELS_BELOW = 60;
/** A packet "at a node box" is at its header: the box's top, not its whole height. */
const BOX_HEADER = 70;

const reducedMotion = () =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The graph toolbar (the top-left panel) in pane pixels, if it is shown. */
function toolbarRect(pane: Element | null): Rect | undefined {
  const toolbar = pane?.querySelector('[data-testid="graph-toolbar"]');
  if (!pane || !toolbar) return undefined;
  const t = toolbar.getBoundingClientRect();
  const p = pane.getBoundingClientRect();
  return t.width === 0
    ? undefined
    : { x: t.left - p.left, y: t.top - p.top, width: t.width, height: t.height };
}

/** The pane's strip down to the toolbar's bottom edge: a followed packet never goes under it. */
function toolbarInsets(pane: Element | null): Insets {
  const toolbar = toolbarRect(pane);
  return toolbar ? { ...NO_INSETS, top: toolbar.y + toolbar.height } : NO_INSETS;
}

/** The on-graph size of a card title (flow units), read from the page's own styles. */
function titleFontPx(pane: Element | null): number {
  const title = pane?.querySelector('.graph-card-title');
  const size = title ? parseFloat(getComputedStyle(title).fontSize) : NaN;
  return Number.isFinite(size) && size > 0 ? size : 18;
}

/**
 * Fits the whole layout into the pane below the toolbar; `duration` 0 jumps (first paint),
 * otherwise the view glides there.
 */
export function useFitAll(bounds: Rect | undefined, cards: readonly Rect[]) {
  const { setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  const latest = useRef({ bounds, cards });
  useEffect(() => {
    latest.current = { bounds, cards };
  }, [bounds, cards]);
  return useCallback(
    (duration: number) => {
      const { bounds: b, cards: c } = latest.current;
      const { width, height, domNode } = flowStore.getState();
      if (!b || width === 0 || height === 0) return;
      const target = fitViewportBeside(
        b,
        c,
        toolbarRect(domNode),
        { width, height },
        {
          margin: FIT_MARGIN,
          minZoom: MIN_ZOOM,
          maxZoom: MAX_ZOOM,
        },
      );
      void setViewport(target, { duration: reducedMotion() ? 0 : duration });
    },
    [flowStore, setViewport],
  );
}

/** Whether `inner` lies inside `outer` (a pixel of slack for rounding). */
function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x - 1 &&
    inner.y >= outer.y - 1 &&
    inner.x + inner.width <= outer.x + outer.width + 1 &&
    inner.y + inner.height <= outer.y + outer.height + 1
  );
}

/**
 * Fits the view when objects first appear, when the grouping or the pane changes, when another
 * scenario or lesson is loaded (`loaded`: the revision of a non-typed text, once analysed), and
 * when an edit grows the layout past what is on screen (a new row would be cut off). Not on
 * edits that leave the layout inside the view (no jumps while typing), and, for growth, not
 * after the user panned or zoomed by hand (`manual`): their view is theirs until the next fit.
 */
export function FitOnChange({
  bounds,
  fitKey,
  loaded,
  manual,
  fitAll,
}: {
  bounds: Rect | undefined;
  fitKey: string;
  loaded: number;
  manual: { current: boolean };
  fitAll: (duration: number) => void;
}) {
  const { getViewport } = useReactFlow();
  const paneWidth = useFlowStore((s) => s.width);
  const paneHeight = useFlowStore((s) => s.height);
  const last = useRef<{ key: string; bounds: Rect; loaded: number } | undefined>(undefined);
  useEffect(() => {
    if (!bounds) {
      last.current = undefined;
      return;
    }
    const prev = last.current;
    const { x, y, zoom } = getViewport();
    const visible = {
      x: -x / zoom,
      y: -y / zoom,
      width: paneWidth / zoom,
      height: paneHeight / zoom,
    };
    const grew = prev !== undefined && !contains(prev.bounds, bounds) && !contains(visible, bounds);
    const load = loaded >= 0 && prev !== undefined && prev.loaded >= 0 && loaded !== prev.loaded;
    const fit = prev === undefined || prev.key !== fitKey || load || (grew && !manual.current);
    last.current = {
      key: fitKey,
      bounds: fit || !prev ? bounds : prev.bounds,
      loaded: loaded >= 0 ? loaded : (prev?.loaded ?? -1),
    };
    if (!fit) return;
    manual.current = false;
    // Two frames: the pane's new size (the editor shown or hidden) is measured in between. Not
    // cancelled when the pane's size changes meanwhile (that re-run decides no new fit).
    const duration = prev === undefined ? 0 : 350;
    requestAnimationFrame(() => requestAnimationFrame(() => fitAll(duration)));
  }, [bounds, fitKey, loaded, getViewport, manual, paneWidth, paneHeight, fitAll]);
  return null;
}

/**
 * Presenting: the view follows the followed packet. A new flight shows its path (as much of it
 * as fits at a readable zoom, from its start); each hop glides the view so the hop and the next
 * one are on screen. `follow` is cleared by a hand pan or zoom and by F (fit), set again by a
 * new send or a step key: the teacher's own view is never taken away mid-sentence.
 */
export function FollowPacket({
  presenting,
  aliases,
  follow,
  readablePx = PRESENTER_TEXT_PX,
}: {
  presenting: boolean;
  aliases: Readonly<Record<string, string>>;
  follow: { current: boolean };
  /** The on-screen size titles are kept at (a phone held close needs less than a projector). */
  readablePx?: number;
}) {
  const { getInternalNode, getViewport, setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  const trace = useAppStore(selectTrace);
  const flightId = useAppStore((s) => s.flightId);
  const hop = useAppStore((s) => s.flightHop);
  // A new send: follow it, whatever the view did before (runs before the effect below).
  useEffect(() => {
    follow.current = true;
  }, [flightId, follow]);
  // Read when moving, not a reason to move: a new layout (another scenario loaded, an edit)
  // is the refit's business, not the follower's.
  const drawnAs = useRef(aliases);
  useEffect(() => {
    drawnAs.current = aliases;
  }, [aliases]);
  useEffect(() => {
    if (!presenting || !trace || trace.error || trace.hops.length === 0) return;
    if (!follow.current) return;
    const rectOf = (id: string): Rect | undefined => {
      const node = getInternalNode(drawnAs.current[id] ?? id);
      if (!node) return undefined;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? node.width ?? 0;
      const height = node.measured.height ?? node.height ?? 0;
      return {
        x,
        y,
        width,
        height: node.type === 'groupBox' ? Math.min(height, BOX_HEADER) : height,
      };
    };
    const move = () => {
      const { width, height, domNode } = flowStore.getState();
      if (!follow.current || width === 0 || height === 0) return;
      const places = trace.hops.map((h) => h.at);
      const rects = places.map(rectOf);
      // Where the packet stops, its header card and drop label stand right of the card.
      const last = rects[rects.length - 1];
      const stop = last && {
        x: last.x,
        y: last.y - STOP_LABELS_ABOVE,
        width: last.width + STOP_LABELS,
        height: last.height + STOP_LABELS_ABOVE + STOP_LABELS_BELOW,
      };
      const path = unionRects([...rects, stop]);
      if (!path) return;
      // The place the packet is at, and the next one it goes to (at the end: its labels too).
      const at = Math.max(0, Math.min(hop, places.length - 1));
      let next = at + 1;
      while (next < places.length - 1 && places[next] === places[at]) next++;
      const here = at === places.length - 1 ? stop : rects[at];
      const there = at === places.length - 1 ? undefined : rects[next];
      if (!here) return;
      const target = followViewport(
        path,
        here,
        there,
        { width, height },
        {
          insets: toolbarInsets(domNode),
          margin: 8,
          minZoom: MIN_ZOOM,
          maxZoom: FOLLOW_MAX_ZOOM,
          readableZoom: readableZoom(titleFontPx(domNode), readablePx),
        },
      );
      if (sameViewport(target, getViewport())) return;
      void setViewport(target, { duration: reducedMotion() ? 0 : hop < 0 ? 650 : 450 });
    };
    // Three frames: after a refit asked for in the same change (two frames), so this one wins.
    let frame = requestAnimationFrame(
      () => (frame = requestAnimationFrame(() => (frame = requestAnimationFrame(move)))),
    );
    return () => cancelAnimationFrame(frame);
  }, [
    presenting,
    readablePx,
    trace,
    hop,
    flightId,
    follow,
    flowStore,
    getInternalNode,
    getViewport,
    setViewport,
  ]);
  return null;
}

/** The layout's extent (flow coordinates): its top-level cards and boxes. */
export function toLayoutBounds(
  nodes: readonly {
    parentId?: string | undefined;
    position: { x: number; y: number };
    width?: number | undefined;
    height?: number | undefined;
  }[],
): Rect | undefined {
  return unionRects(
    nodes.map((n) =>
      n.parentId
        ? undefined
        : { x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 },
    ),
  );
}

/** Each card's rectangle in flow coordinates (children are placed relative to their box). */
export function toCardRects(
  nodes: readonly {
    id: string;
    type?: string | undefined;
    parentId?: string | undefined;
    position: { x: number; y: number };
    width?: number | undefined;
    height?: number | undefined;
  }[],
): Rect[] {
  const positionLookup = new Map(nodes.map((n) => [n.id, n.position]));
  return nodes.flatMap((n) => {
    if (n.type === 'groupBox' || n.type === 'network') return [];
    const parent = n.parentId ? positionLookup.get(n.parentId) : undefined;
    return [
      {
        x: n.position.x + (parent?.x ?? 0),
        y: n.position.y + (parent?.y ?? 0),
        width: n.width ?? 0,
        height: n.height ?? 0,
      },
    ];
  });
}

/**
 * Where the packet stopped, its header card and drop label stand right of the card; when the
 * pane ends there (the right-most column, nothing fitted beyond it) they move to the left.
 * Measured once when the packet stops and once more after the view has glided.
 */
export function StopLabelsInView() {
  const flight = useAppStore((s) => s.flight);
  const flightId = useAppStore((s) => s.flightId);
  const domNode = useFlowStore((s) => s.domNode);
  useEffect(() => {
    if (!domNode || (flight !== 'arrived' && flight !== 'dropped')) return;
    const place = () => {
      const packet = domNode.querySelector<HTMLElement>('.packet[data-followed="true"]');
      if (!packet) return;
      delete packet.dataset.side;
      const right = Math.max(
        ...[...packet.querySelectorAll('[data-part="card"], [data-part="label"]')].map(
          (el) => el.getBoundingClientRect().right,
        ),
      );
      if (right > domNode.getBoundingClientRect().right - 4) packet.dataset.side = 'left';
    };
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(place)));
    const later = window.setTimeout(place, 800);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(later);
    };
  }, [flight, flightId, domNode]);
  return null;
}

/**
 * A mouse drag on the empty pane captures the pointer: its moves go to the pane without a hit
 * test of the whole page each time (hundreds of cards and the editor: a third of a pan's
 * frame, B7). d3-zoom still hears every move on the window; the capture ends with the button.
 */
export function CapturePanPointer() {
  const domNode = useFlowStore((s) => s.domNode);
  useEffect(() => {
    if (!domNode) return;
    const onPointerDown = (event: PointerEvent) => {
      const pane = event.target as Element | null;
      if (event.pointerType !== 'mouse' || event.button !== 0) return;
      if (!pane?.classList.contains('react-flow__pane')) return;
      try {
        pane.setPointerCapture(event.pointerId);
      } catch {
        // the pointer is already gone (released before this ran): nothing to capture
      }
    };
    domNode.addEventListener('pointerdown', onPointerDown);
    return () => domNode.removeEventListener('pointerdown', onPointerDown);
  }, [domNode]);
  return null;
}
