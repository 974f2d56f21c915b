/**
 * The flight player: carries out playback states on the packets' Web Animations. Each packet
 * moves by ONE `transform` animation for its whole flight (made again only on play/pause/seek/
 * step), and keeps time with a target-less animation per segment (leg or dwell) whose `finish`
 * moves its state on. Why two: a new compositor animation per segment made Chromium re-layerise
 * the whole 300-pod graph several times a second with 50 packets (B6, B7); a target-less
 * animation touches no layer. play/pause/seek are `play()` / `pause()` / `currentTime`, speed
 * is `playbackRate`, and the only per-frame work is the browser's. Callbacks fire once per hop
 * and per status.
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
  segmentAt,
  toFlightKeyframes,
  toFlightView,
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
  /** The segment's clock: no target, so no layer; its `finish` moves the packet on. */
  animation: Animation | undefined;
  /** The movement: one animation of the whole flight on the packet element. */
  motion: Animation | undefined;
  /** The whole flight's keyframes, made once. */
  keyframes: Keyframe[] | undefined;
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
    animation: undefined,
    motion: undefined,
    keyframes: undefined,
    finished: false,
    view: undefined,
  }));
  const duration = Math.max(0, ...packets.map((p) => p.timeline.duration));
  const clock = { arrivals: packets[follow]?.timeline.arrivals ?? [], duration };
  let state: PlaybackState = { ...INITIAL_PLAYBACK, speed: options.speed };
  let disposed = false;
  let lastHop = Number.NaN;
  let lastState: FlightView['state'] | undefined;

  /** The flight clock now: the furthest any packet has got. */
  const now = () =>
    Math.max(
      0,
      ...running.map((r) => {
        const seg = r.packet.timeline.segments[r.segment];
        if (!seg) return 0;
        if (r.finished) return r.packet.timeline.duration;
        return seg.start + Number(r.animation?.currentTime ?? 0);
      }),
    );

  const render = (r: Running, index: number, entering: boolean) => {
    const { packet } = r;
    const view = toFlightView(packet.hops, packet.timeline, r.segment, r.finished);
    const { el, card, label, burst } = packet;
    el.dataset.state = view.state;
    el.dataset.hop = String(view.hop);
    el.style.visibility = view.state === 'waiting' ? 'hidden' : 'visible';
    const previous = r.view;
    if (card && formatHeader(view.header) !== formatHeader(previous?.header)) {
      card.children[0]!.textContent = formatHeader(view.header);
      card.children[1]!.textContent = formatOuter(view.header);
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

  /** Shows segment `segment` of packet `r` at `local` ms into it, playing or paused. */
  const show = (r: Running, index: number, segment: number, local: number, play: boolean) => {
    const seg = r.packet.timeline.segments[segment];
    if (!seg) return;
    r.animation?.cancel();
    const animation = new Animation(
      new KeyframeEffect(null, null, { duration: seg.duration, fill: 'forwards' }),
      document.timeline,
    );
    animation.playbackRate = state.speed;
    animation.currentTime = Math.min(seg.duration, Math.max(0, local));
    const entering = r.segment !== segment || r.finished;
    r.segment = segment;
    r.animation = animation;
    r.finished = false;
    if (play) animation.play();
    else animation.pause();
    animation.onfinish = () => {
      if (disposed || r.animation !== animation || state.status !== 'playing') return;
      if (segment + 1 < r.packet.timeline.segments.length) {
        show(r, index, segment + 1, 0, true);
        return;
      }
      r.finished = true;
      render(r, index, true);
      if (allFinished()) dispatch({ type: 'ended' });
    };
    render(r, index, entering);
  };

  /** (Re)starts packet `r`'s movement at flight time `t`, playing or paused. */
  const move = (r: Running, t: number, play: boolean) => {
    const { el, timeline } = r.packet;
    r.motion?.cancel();
    r.keyframes ??= toFlightKeyframes(timeline, options.reduced).map((k) => ({ ...k }));
    const motion = el.animate(r.keyframes, { duration: timeline.duration, fill: 'forwards' });
    motion.playbackRate = state.speed;
    motion.currentTime = Math.min(timeline.duration, Math.max(0, t));
    if (play) motion.play();
    else motion.pause();
    r.motion = motion;
  };

  /** Puts every packet where the flight clock says, playing or paused. */
  const apply = () => {
    running.forEach((r, index) => {
      const { timeline } = r.packet;
      if (timeline.segments.length === 0) return;
      const t = Math.min(state.time, timeline.duration);
      const segment = segmentAt(timeline, t);
      const seg = timeline.segments[segment]!;
      const done = t >= timeline.duration;
      const play = state.status === 'playing' && !done;
      show(r, index, segment, t - seg.start, play);
      move(r, t, play);
      if (done) {
        r.finished = true;
        render(r, index, false);
      }
    });
  };

  const dispatch = (event: PlaybackEvent) => {
    if (disposed) return;
    const previous = state;
    state = reducePlayback(state, event, now(), clock);
    if (event.type === 'speed') {
      for (const r of running) {
        if (r.animation) r.animation.playbackRate = state.speed;
        if (r.motion) r.motion.playbackRate = state.speed;
      }
    } else if (event.type !== 'ended') {
      apply();
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
      for (const r of running) {
        r.animation?.cancel();
        r.motion?.cancel();
        r.packet.el.style.visibility = 'hidden';
        r.packet.el.dataset.state = 'idle';
      }
    },
  };
}
