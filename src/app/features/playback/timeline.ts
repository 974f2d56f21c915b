/**
 * The pure part of a packet's flight: from a trace's hops and the places they happen (points in
 * flow coordinates) to a timeline of segments — wait, leg (moving along a path into a hop) and
 * dwell (a pause at a hop) — each of which becomes one Web Animation with `transform` keyframes.
 * No DOM here, so it runs and is tested in Node.
 */
import type { Hop, HttpRequestView, PacketHeader } from '../../../engine';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** `return`: after a redirect, the Gateway's answer travelling back to the client. */
export type SegmentKind = 'wait' | 'leg' | 'dwell' | 'return';

export interface Segment {
  readonly kind: SegmentKind;
  /** leg: the hop it moves into; dwell: the hop it rests at; return: the hop it leaves; wait: -1 (not started yet). */
  readonly hop: number;
  /** Start on the flight's clock (ms at speed 1×). */
  readonly start: number;
  readonly duration: number;
  /** leg and return: the path (at least two points); dwell and wait: the one point. */
  readonly points: readonly Point[];
}

export interface Timeline {
  readonly segments: readonly Segment[];
  /** Per hop: the time the packet reaches it (the start of its dwell). */
  readonly arrivals: readonly number[];
  readonly duration: number;
  /** The hop the flight stops at (a drop, or the last hop). */
  readonly lastHop: number;
  readonly dropped: boolean;
  /** A redirect: the flight ends with the answer going back to the first hop (the client). */
  readonly returns: boolean;
}

/** The hops a redirect's answer passes on its way back to the client. */
const RETURN_STOPS = new Set<Hop['kind']>(['client', 'loadbalancer', 'gateway', 'route']);

/**
 * A trace the Gateway answered with a redirect: it ends at a `route` hop that passed (cli.md),
 * so the answer goes back to the client.
 */
export function endsInRedirect(hops: readonly Hop[]): boolean {
  const last = hops.at(-1);
  return hops.length > 1 && last?.kind === 'route' && last.verdict === 'pass';
}

export interface TimelineOptions {
  /** prefers-reduced-motion: no glides, the packet jumps from hop to hop. */
  readonly reduced?: boolean;
  /** Time before the packet appears (staggered packets of a "Send 10"). */
  readonly delay?: number;
  readonly pxPerMs?: number;
  readonly minLeg?: number;
  readonly maxLeg?: number;
  readonly dwell?: number;
  readonly reducedDwell?: number;
  readonly dropDwell?: number;
}

const DEFAULTS = {
  pxPerMs: 0.5,
  minLeg: 420,
  maxLeg: 1500,
  dwell: 420,
  reducedDwell: 650,
  dropDwell: 900,
} as const;

/** The length of a polyline. */
export function pathLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return total;
}

/**
 * A gentle curve from `a` to `b` for legs that no drawn edge joins (a load balancer to a node
 * box, a node to another node): it bows to one side so it reads as a deliberate hop, not a
 * glitch across the graph.
 *
 * @example curvedLeg({ x: 0, y: 0 }, { x: 100, y: 0 }) // 17 points bowing up by 18px
 */
export function curvedLeg(a: Point, b: Point, samples = 16, bow = 0.18): Point[] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return [a, b];
  // The control point: the midpoint pushed sideways (to the left of the direction of travel).
  const c = {
    x: (a.x + b.x) / 2 + (dy / length) * length * bow,
    y: (a.y + b.y) / 2 - (dx / length) * length * bow,
  };
  const points: Point[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    points.push({
      x: u * u * a.x + 2 * u * t * c.x + t * t * b.x,
      y: u * u * a.y + 2 * u * t * c.y + t * t * b.y,
    });
  }
  return points;
}

/**
 * The timeline of one packet.
 *
 * @param positions the point of each hop's `at` (undefined when it is not drawn: the packet
 *   waits where it was)
 * @param legPath the path from hop i-1 to hop i (from the drawn edge, or `curvedLeg`), or
 *   undefined for a straight line
 * @example buildTimeline(trace.hops, hops.map(h => centreOf(h.at)), () => undefined)
 */
export function buildTimeline(
  hops: readonly Hop[],
  positions: readonly (Point | undefined)[],
  legPath: (hop: number, from: Point, to: Point) => readonly Point[] | undefined,
  options: TimelineOptions = {},
): Timeline {
  const o = { ...DEFAULTS, ...options };
  const segments: Segment[] = [];
  const arrivals: number[] = [];
  let time = 0;
  const dropAt = hops.findIndex((h) => h.verdict === 'drop');
  const lastHop = dropAt >= 0 ? dropAt : hops.length - 1;
  let position = positions.find((p) => p !== undefined) ?? { x: 0, y: 0 };
  if ((options.delay ?? 0) > 0) {
    segments.push({
      kind: 'wait',
      hop: -1,
      start: 0,
      duration: options.delay!,
      points: [position],
    });
    time = options.delay!;
  }
  for (let i = 0; i <= lastHop; i++) {
    const hop = hops[i]!;
    const target = positions[i] ?? position;
    const moves =
      i > 0 && hop.at !== hops[i - 1]!.at && (target.x !== position.x || target.y !== position.y);
    if (moves && !o.reduced) {
      const path = legPath(i, position, target);
      const points =
        path && path.length >= 2 ? [position, ...path.slice(1, -1), target] : [position, target];
      const duration = Math.round(
        Math.min(o.maxLeg, Math.max(o.minLeg, pathLength(points) / o.pxPerMs)),
      );
      segments.push({ kind: 'leg', hop: i, start: time, duration, points });
      time += duration;
    }
    position = target;
    arrivals.push(time);
    const duration =
      i === dropAt
        ? o.reduced
          ? o.reducedDwell
          : o.dropDwell
        : o.reduced
          ? o.reducedDwell
          : o.dwell;
    segments.push({ kind: 'dwell', hop: i, start: time, duration, points: [position] });
    time += duration;
  }
  // A redirect: the answer travels back the way the request came, to the client.
  const returns = dropAt < 0 && endsInRedirect(hops);
  if (returns) {
    // Back along the HTTP path only (Gateway, load balancer, client), not through the node
    // boxes the request crossed: the answer's way in words is "back to the client".
    const back: Point[] = [position];
    for (let i = lastHop - 1; i >= 0; i--) {
      const p = positions[i];
      const prev = back.at(-1)!;
      if (!RETURN_STOPS.has(hops[i]!.kind)) continue;
      if (p && (p.x !== prev.x || p.y !== prev.y)) back.push(p);
    }
    if (back.length === 1) back.push(position);
    const duration = o.reduced
      ? o.reducedDwell
      : Math.round(Math.min(o.maxLeg, Math.max(o.minLeg, pathLength(back) / o.pxPerMs)));
    // Reduced motion: no glide, the answer appears at the client (a one-point path).
    const points = o.reduced ? [back.at(-1)!, back.at(-1)!] : back;
    segments.push({ kind: 'return', hop: lastHop, start: time, duration, points });
    time += duration;
  }
  return { segments, arrivals, duration: time, lastHop, dropped: dropAt >= 0, returns };
}

/** The segment playing at time `t` (the last one once the flight is over). */
export function segmentAt(timeline: Timeline, t: number): number {
  const { segments } = timeline;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (t < s.start + s.duration) return i;
  }
  return segments.length - 1;
}

/**
 * Time `t` of timeline `from` carried to timeline `to` of the same hops laid out elsewhere (the
 * grouping changed): the same segment (same hop, same kind) at the same fraction, so the packet
 * keeps its progress though the legs' lengths (and so durations) differ. A leg that no longer
 * exists (two hops now drawn at one place) maps to the start of the hop's dwell.
 *
 * @example carryTime(before, after, 1200) // halfway along leg 2 before → halfway along leg 2 after
 */
export function carryTime(from: Timeline, to: Timeline, t: number): number {
  if (t >= from.duration) return to.duration;
  const seg = from.segments[segmentAt(from, Math.max(0, t))];
  if (!seg) return 0;
  const fraction = seg.duration > 0 ? Math.min(1, Math.max(0, (t - seg.start) / seg.duration)) : 0;
  const same = to.segments.find((s) => s.hop === seg.hop && s.kind === seg.kind);
  if (same) return same.start + fraction * same.duration;
  const dwell = to.segments.find((s) => s.hop === seg.hop && s.kind === 'dwell');
  return dwell ? dwell.start : Math.min(t, to.duration);
}

/** The hop the packet has reached at time `t` (-1 before the first). */
export function hopAt(arrivals: readonly number[], t: number): number {
  let hop = -1;
  for (let i = 0; i < arrivals.length; i++) if (arrivals[i]! <= t) hop = i;
  return hop;
}

const translate = (p: Point, scale = 1) => `translate(${p.x}px, ${p.y}px) scale(${scale})`;

export interface FlightKeyframe {
  readonly offset: number;
  readonly transform: string;
  /** Left out of a segment's keyframes when the packet is never hidden there (always 1). */
  readonly opacity?: number;
}

export interface SegmentMotion {
  readonly keyframes: readonly FlightKeyframe[];
  /** The whole effect's easing: a leg eases in and out along its path. */
  readonly easing: 'ease-in-out' | 'linear';
  /** Every keyframe the same: nothing moves (a dwell without its pulse, a reduced-motion return). */
  readonly still: boolean;
}

/** A keyframe as numbers: where the dot is, how big, how visible; on a leg, how far along it. */
interface FrameValue {
  readonly offset: number;
  readonly x: number;
  readonly y: number;
  readonly scale: number;
  readonly opacity: number;
  /** leg: the share of the path behind the packet (the offset before easing). */
  readonly progress: number;
}

/** One segment's keyframes as numbers (offsets within the segment). */
function segmentFrames(segment: Segment, reduced: boolean): FrameValue[] {
  const [first] = segment.points;
  if (!first) return [];
  const at = (offset: number, p: Point, scale: number, opacity: number): FrameValue => ({
    offset,
    x: p.x,
    y: p.y,
    scale,
    opacity,
    progress: offset,
  });
  if (segment.kind === 'wait') return [at(0, first, 1, 0), at(1, first, 1, 0)];
  if (segment.kind === 'dwell') {
    const peak = reduced ? 1 : 1.3;
    return [at(0, first, 1, 1), at(0.5, first, peak, 1), at(1, first, 1, 1)];
  }
  const total = pathLength(segment.points);
  let along = 0;
  return segment.points.map((p, i) => {
    if (i > 0) along += Math.hypot(p.x - segment.points[i - 1]!.x, p.y - segment.points[i - 1]!.y);
    const offset = total === 0 ? i / (segment.points.length - 1) : along / total;
    return at(Math.min(1, offset), p, 1, 1);
  });
}

/** What the packet looks like at a segment: the header on the wire, the state, the hop. */
export interface FlightView {
  readonly hop: number;
  readonly state: 'waiting' | 'flying' | 'arrived' | 'dropped';
  readonly header: PacketHeader | undefined;
  /** Words for what the hop just rewrote (DNAT, SNAT, encapsulated, decapsulated). */
  readonly rewrites: readonly string[];
  /** The HTTP request as the hop sees it (Gateway and route hops), for the card. */
  readonly request?: HttpRequestView;
  /** The redirect's answer going back to the client (its own look). */
  readonly returning?: boolean;
  /** That answer's addresses on one line (`203.0.113.10:80 → 198.51.100.7 TCP`). */
  readonly answer?: string;
}

/**
 * The view of the packet during a segment: on a leg, the header as it arrives at the next hop;
 * at a hop, the header as it leaves it (rewritten where the hop rewrites it).
 */
export function toFlightView(
  hops: readonly Hop[],
  timeline: Timeline,
  segmentIndex: number,
  finished: boolean,
): FlightView {
  const segment = timeline.segments[segmentIndex];
  if (!segment || segment.kind === 'wait')
    return { hop: -1, state: 'waiting', header: hops[0]?.after ?? hops[0]?.before, rewrites: [] };
  if (segment.kind === 'return') {
    // The answer as the client gets it: from the address it asked, back to itself.
    const asked = hops[0]?.before ?? hops[0]?.after;
    const to =
      asked && (asked.srcPort === undefined ? asked.srcIP : `${asked.srcIP}:${asked.srcPort}`);
    const at = hops[segment.hop];
    return {
      hop: segment.hop,
      state: finished ? 'arrived' : 'flying',
      header: undefined,
      rewrites: [],
      ...(asked && { answer: `${asked.dstIP}:${asked.dstPort} → ${to} ${asked.protocol}` }),
      ...(at?.request && { request: at.request }),
      returning: true,
    };
  }
  let header: PacketHeader | undefined;
  const upTo = segment.kind === 'leg' ? segment.hop - 1 : segment.hop;
  for (let i = 0; i <= upTo; i++) header = hops[i]!.after ?? hops[i]!.before ?? header;
  if (segment.kind === 'leg') header = hops[segment.hop]?.before ?? header;
  const hop = segment.kind === 'leg' ? segment.hop - 1 : segment.hop;
  const at = hops[segment.hop];
  const rewrites =
    segment.kind === 'dwell' && at ? describeRewrite(at.before, at.after, at.kind) : [];
  // A redirect's last dwell is not the end: the answer still goes back.
  const atEnd = segment.kind === 'dwell' && segment.hop === timeline.lastHop && !timeline.returns;
  const state = atEnd && timeline.dropped ? 'dropped' : atEnd && finished ? 'arrived' : 'flying';
  const request = segment.kind === 'dwell' ? at?.request : undefined;
  return { hop, state, header, rewrites, ...(request && { request }) };
}

/**
 * A request on one line, for the packet's card.
 *
 * @example formatRequest({ method: 'GET', host: 'gw.test', path: '/api', rewrittenPath: '/v2' }) // 'GET gw.test /api → /v2'
 */
export function formatRequest(request: HttpRequestView | undefined): string {
  if (!request) return '';
  const rewritten =
    request.rewrittenPath !== undefined && request.rewrittenPath !== request.path
      ? ` → ${request.rewrittenPath}`
      : '';
  return `${request.method} ${request.host} ${request.path}${rewritten}`;
}

/** A header as one line: `10.244.2.4:41000 → 10.244.2.2:8080 TCP`. */
export function formatHeader(h: PacketHeader | undefined): string {
  if (!h) return '';
  const src = h.srcPort !== undefined ? `${h.srcIP}:${h.srcPort}` : h.srcIP;
  return `${src} → ${h.dstIP}:${h.dstPort} ${h.protocol}`;
}

/** The outer (overlay) header as one line, or ''. */
export function formatOuter(h: PacketHeader | undefined): string {
  const o = h?.outer;
  return o
    ? `${o.encapsulation.toUpperCase()} ${o.srcIP} → ${o.dstIP}:${o.dstPort} ${o.protocol}`
    : '';
}

/**
 * What a hop did to the packet, in words (never colour alone).
 *
 * @example describeRewrite({ dstIP: '10.96.0.5', ... }, { dstIP: '10.244.1.3', ... }) // ['DNAT']
 */
export function describeRewrite(
  before: PacketHeader | undefined,
  after: PacketHeader | undefined,
  kind?: Hop['kind'],
): string[] {
  if (!before || !after) return [];
  // A proxy (ingress-nginx picking an endpoint) opens a new connection from its own address:
  // that is not NAT, and a learner should not be told it is.
  if (kind === 'service' && after.srcIP === before.dstIP && after.dstIP !== before.dstIP)
    return ['new connection from the proxy'];
  const words: string[] = [];
  if (before.dstIP !== after.dstIP || before.dstPort !== after.dstPort) words.push('DNAT');
  if (before.srcIP !== after.srcIP || before.srcPort !== after.srcPort) words.push('SNAT');
  if (!before.outer && after.outer) words.push('encapsulated');
  if (before.outer && !after.outer) words.push('decapsulated');
  return words;
}

/** How far (flow px) a leg's kept points may let the packet stray from its drawn path. */
const PATH_TOLERANCE = 0.2;

/**
 * The points of a leg that matter (Douglas–Peucker along the path): a point goes when the
 * straight line between its kept neighbours passes within PATH_TOLERANCE of it at the same
 * share of the way. The packet keeps its pace: the offsets are shares of the way, and the
 * segment's ease-in-out applies to the whole effect.
 */
function simplifyLeg(frames: readonly FrameValue[]): FrameValue[] {
  if (frames.length <= 2) return [...frames];
  const keep = new Array<boolean>(frames.length).fill(false);
  keep[0] = true;
  keep[frames.length - 1] = true;
  const ranges: [number, number][] = [[0, frames.length - 1]];
  while (ranges.length > 0) {
    const [from, to] = ranges.pop()!;
    const a = frames[from]!;
    const b = frames[to]!;
    const span = b.progress - a.progress;
    let worst = -1;
    let worstStray = PATH_TOLERANCE;
    for (let i = from + 1; i < to; i++) {
      const f = frames[i]!;
      const t = span > 0 ? (f.progress - a.progress) / span : 0;
      const stray = Math.hypot(f.x - (a.x + (b.x - a.x) * t), f.y - (a.y + (b.y - a.y) * t));
      if (stray > worstStray) {
        worst = i;
        worstStray = stray;
      }
    }
    if (worst < 0) continue;
    keep[worst] = true;
    ranges.push([from, worst], [worst, to]);
  }
  return frames.filter((_, i) => keep[i]);
}

/**
 * One segment's movement as a Web Animation: its keyframes (offsets within the segment) and the
 * easing of the whole effect. A leg keeps only the points that shape its path, placed at their
 * share of the way and linear between them, and the whole leg eases in and out; a dwell pulses in
 * place (still with reduced motion, or when `pulse` is off); opacity only when the segment hides
 * the packet. A segment that does not move at all is `still`: its animation is left paused, since
 * only running animations cost the main thread anything per frame.
 * Why one short animation per segment, not one for the whole flight: whenever the main thread
 * draws a frame Chromium samples every running animation there too, and the cost grows with the
 * keyframes it walks and their easings. A whole flight needed ~160 keyframes, each with its own
 * piece of the ease-in-out curve; a segment needs a handful of plain ones (B6, B8).
 */
export function toSegmentMotion(segment: Segment, reduced = false, pulse = true): SegmentMotion {
  const leg = segment.kind === 'leg' || segment.kind === 'return';
  const frames = leg
    ? simplifyLeg(segmentFrames(segment, reduced))
    : segmentFrames(segment, reduced || !pulse);
  const hidden = frames.some((f) => f.opacity !== 1);
  const [first] = frames;
  return {
    still: frames.every(
      (f) =>
        f.x === first?.x &&
        f.y === first.y &&
        f.scale === first.scale &&
        f.opacity === first.opacity,
    ),
    keyframes: frames.map((f) => ({
      offset: f.offset,
      transform: translate(f, f.scale),
      ...(hidden ? { opacity: f.opacity } : {}),
    })),
    easing: leg ? 'ease-in-out' : 'linear',
  };
}
