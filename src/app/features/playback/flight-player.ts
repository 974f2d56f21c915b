/**
 * The flight player: carries out playback states on the packets' Web Animations. All packets
 * share ONE flight clock (the player's, from `performance.now()`); each packet moves by one short
 * `transform` animation per segment (a leg along its path, a dwell's pulse), run by the
 * compositor and started at the clock's place, so a late start never shifts the flight. The
 * segment ends (a hop reached: next animation, header card, drop label, the store's hop) come
 * from ONE timer for all packets, set to the soonest end. Why short animations: whenever the main
 * thread draws a frame Chromium samples every running animation there, and a whole flight's ~160
 * eased keyframes per packet kept it busy (B6, B8); a segment's handful of plain keyframes cost
 * little. Why not target-less animations as clocks: Blink ticks those on the main thread every
 * frame. play/pause/seek restart the current segments, speed is `playbackRate`, and callbacks
 * fire once per hop and per status.
 */
import type { Hop } from '../../../engine';
import {
  INITIAL_PLAYBACK,
  reducePlayback,
  type PlaybackEvent,
  type PlaybackState,
  type PlaybackStatus,
} from './playback-machine';
import {
  formatHeader,
  formatOuter,
  formatRequest,
  segmentAt,
  toFlightView,
  toSegmentMotion,
  type FlightView,
  type Timeline,
} from './timeline';

export interface FlightPacket {
  readonly hops: readonly Hop[];
  readonly timeline: Timeline;
  /** The moving element (its children: `.packet-burst`, card, label, rewrite tag). */
  readonly el: HTMLElement;
  readonly card?: HTMLElement | null;
  readonly label?: HTMLElement | null;
  readonly burst?: HTMLElement | null;
}

export interface FlightCallbacks {
  /** The followed packet (`options.follow`, else the first) reached a hop, or moved back to one; once per change. */
  onHop(hop: number, state: FlightView['state']): void;
  onStatus(status: PlaybackStatus): void;
}

export interface FlightPlayer {
  dispatch(event: PlaybackEvent): void;
  readonly state: PlaybackState;
  /** The flight clock now (ms at 1×): where the furthest packet has got. */
  now(): number;
  dispose(): void;
}

interface Running {
  packet: FlightPacket;
  segment: number;
  /** The movement of the current segment on the packet element (none while it waits hidden). */
  motion: Animation | undefined;
  finished: boolean;
  view: FlightView | undefined;
}

function dropText(hop: Hop | undefined): string {
  if (!hop) return '';
  const policy = hop.policy ?? hop.isolatingPolicies?.join(', ');
  return policy ? `✗ dropped by policy ${policy}` : `✗ dropped at ${hop.ref}`;
}

export function createFlightPlayer(
  packets: readonly FlightPacket[],
  options: { reduced: boolean; speed: number; follow?: number },
  callbacks: FlightCallbacks,
): FlightPlayer {
  // The packet whose hops the event list, the header card and the step controls follow.
  const follow = Math.min(Math.max(0, options.follow ?? 0), Math.max(0, packets.length - 1));
  const running: Running[] = packets.map((packet) => ({
    packet,
    segment: -1,
    motion: undefined,
    finished: false,
    view: undefined,
  }));
  const duration = Math.max(0, ...packets.map((p) => p.timeline.duration));
  const clock = { arrivals: packets[follow]?.timeline.arrivals ?? [], duration };
  let state: PlaybackState = { ...INITIAL_PLAYBACK, speed: options.speed };
  let disposed = false;
  let lastHop = Number.NaN;
  let lastState: FlightView['state'] | undefined;
  // The one wake-up for the soonest segment end: a timer while it is far, then the next frame
  // (the animations' clocks move once per frame).
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;

  // The flight clock: `base` ms of flight at `since` (performance.now()), moving at the speed
  // while playing; never past the longest flight.
  let base = 0;
  let since = 0;
  const now = () =>
    Math.min(
      duration,
      Math.max(
        0,
        state.status === 'playing' ? base + (performance.now() - since) * state.speed : base,
      ),
    );
  const setClock = (t: number) => {
    base = t;
    since = performance.now();
  };

  /** Packet `r`'s place on the flight clock (ms at 1×). */
  const timeOf = (r: Running) => Math.min(r.packet.timeline.duration, now());

  const render = (r: Running, index: number, entering: boolean) => {
    const { packet } = r;
    const view = toFlightView(packet.hops, packet.timeline, r.segment, r.finished);
    const { el, card, label, burst } = packet;
    el.dataset.state = view.state;
    el.dataset.hop = String(view.hop);
    el.style.visibility = view.state === 'waiting' ? 'hidden' : 'visible';
    // A redirect's answer going back to the client has its own look: amber, dashed ring (set
    // here, not in styles.css, which is in the first paint).
    if (Boolean(view.returning) !== (el.dataset.returning === 'true')) {
      if (view.returning) el.dataset.returning = 'true';
      else delete el.dataset.returning;
      const dot = el.querySelector<HTMLElement>('.packet-dot');
      if (dot) {
        dot.style.background = view.returning ? '#f59e0b' : '';
        dot.style.outline = view.returning ? '3px dashed #b45309' : '';
        dot.style.outlineOffset = view.returning ? '2px' : '';
      }
    }
    const previous = r.view;
    // The second line: the overlay's outer header, else the HTTP request at Gateway/route hops.
    const first = (v: typeof view | undefined) => v?.answer ?? formatHeader(v?.header);
    const second = (v: typeof view | undefined) =>
      formatOuter(v?.header) ||
      (v?.returning ? '↩ the Gateway answers the client (redirect)' : '') ||
      formatRequest(v?.request);
    if (card && (first(view) !== first(previous) || second(view) !== second(previous))) {
      card.children[0]!.textContent = first(view);
      card.children[1]!.textContent = second(view);
    }
    if (card) {
      const tag = card.children[2];
      if (tag)
        tag.textContent = view.rewrites.length ? `rewritten: ${view.rewrites.join(', ')}` : '';
      if (entering && view.rewrites.length && !options.reduced)
        card.animate([{ background: '#fde68a' }, { background: '#ffffff' }], { duration: 600 });
    }
    if (label) label.textContent = view.state === 'dropped' ? dropText(packet.hops[view.hop]) : '';
    if (entering && burst && view.state === 'dropped' && previous?.state !== 'dropped') {
      burst.animate(
        [
          { transform: 'scale(0.6)', opacity: 1 },
          { transform: 'scale(3.2)', opacity: 0 },
        ],
        { duration: options.reduced ? 1 : 700, easing: 'ease-out' },
      );
    }
    r.view = view;
    if (index === follow && (view.hop !== lastHop || view.state !== lastState)) {
      lastHop = view.hop;
      lastState = view.state;
      callbacks.onHop(view.hop, view.state);
    }
  };

  const allFinished = () => running.every((r) => r.finished);

  /** Shows segment `segment` of packet `r` (its header card, label and state). */
  const show = (r: Running, index: number, segment: number) => {
    if (!r.packet.timeline.segments[segment]) return;
    const entering = r.segment !== segment || r.finished;
    r.segment = segment;
    r.finished = false;
    render(r, index, entering);
  };

  /**
   * Starts packet `r`'s movement for its segment at flight time `t`, playing or paused. The
   * animation before it goes: it held the segment's end, where this one starts.
   */
  const move = (r: Running, index: number, t: number, play: boolean) => {
    const seg = r.packet.timeline.segments[r.segment];
    r.motion?.cancel();
    r.motion = undefined;
    // Waiting, the packet is hidden: nothing to move.
    if (!seg || seg.kind === 'wait') return;
    // Only the followed packet pulses at its hops: the others rest there still (paused), which
    // costs nothing per frame while 50 of them wait at a hop.
    const { keyframes, easing, still } = toSegmentMotion(seg, options.reduced, index === follow);
    const motion = r.packet.el.animate(
      keyframes.map((k) => ({ ...k })),
      { duration: seg.duration, easing, fill: 'forwards' },
    );
    motion.playbackRate = state.speed;
    motion.currentTime = Math.min(seg.duration, Math.max(0, t - seg.start));
    if (play && !still) motion.play();
    else motion.pause();
    r.motion = motion;
  };

  const unschedule = () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    timer = undefined;
    frame = 0;
  };

  /** Moves every packet whose segment has ended on (one segment at a time, so every hop is told). */
  const advance = () => {
    frame = 0;
    timer = undefined;
    if (disposed || state.status !== 'playing') return;
    running.forEach((r, index) => {
      const { segments } = r.packet.timeline;
      if (r.finished || segments.length === 0) return;
      const t = timeOf(r);
      const from = r.segment;
      while (!r.finished) {
        const seg = segments[r.segment];
        if (seg && t < seg.start + seg.duration) break;
        if (r.segment + 1 < segments.length) {
          show(r, index, r.segment + 1);
        } else {
          r.finished = true;
          render(r, index, true);
        }
      }
      // Moved on: the new segment's movement, from where the clock is (the last one holds its end).
      if (r.segment !== from && !r.finished) move(r, index, t, true);
    });
    if (allFinished()) {
      dispatch({ type: 'ended' });
      return;
    }
    schedule();
  };

  /** Wakes up at the soonest segment end of any packet still going. */
  const schedule = () => {
    unschedule();
    if (disposed || state.status !== 'playing') return;
    let soonest = Infinity;
    for (const r of running) {
      const seg = r.packet.timeline.segments[r.segment];
      if (r.finished || !seg) continue;
      soonest = Math.min(soonest, seg.start + seg.duration - timeOf(r));
    }
    if (soonest === Infinity) return;
    const wall = soonest / Math.max(state.speed, 1e-3);
    if (wall > 32) timer = setTimeout(() => (frame = requestAnimationFrame(advance)), wall - 16);
    else frame = requestAnimationFrame(advance);
  };

  /** Puts every packet where the flight clock says, playing or paused. */
  const apply = () => {
    setClock(state.time);
    running.forEach((r, index) => {
      const { timeline } = r.packet;
      if (timeline.segments.length === 0) return;
      const t = Math.min(state.time, timeline.duration);
      const segment = segmentAt(timeline, t);
      const done = t >= timeline.duration;
      const play = state.status === 'playing' && !done;
      show(r, index, segment);
      move(r, index, t, play);
      if (done) {
        r.finished = true;
        render(r, index, false);
      }
    });
    schedule();
  };

  const dispatch = (event: PlaybackEvent) => {
    if (disposed) return;
    const previous = state;
    const at = now();
    state = reducePlayback(state, event, at, clock);
    if (event.type === 'speed') {
      setClock(at);
      for (const r of running) if (r.motion) r.motion.playbackRate = state.speed;
      schedule();
    } else if (event.type !== 'ended') {
      apply();
    } else {
      setClock(state.time);
      unschedule();
    }
    if (state.status !== previous.status) callbacks.onStatus(state.status);
  };

  return {
    dispatch,
    get state() {
      return state;
    },
    now: () => (state.status === 'playing' ? now() : state.time),
    dispose() {
      disposed = true;
      unschedule();
      for (const r of running) {
        r.motion?.cancel();
        r.packet.el.style.visibility = 'hidden';
        r.packet.el.dataset.state = 'idle';
      }
    },
  };
}
