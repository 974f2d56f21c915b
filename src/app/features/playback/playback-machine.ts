/**
 * The playback state machine, pure: play, pause, step forward and back, jump to a hop, replay,
 * speed. The flight player turns each new state into `animation.currentTime` / `play()` /
 * `pause()` / `playbackRate` on the packets' animations.
 */

export type PlaybackStatus = 'idle' | 'playing' | 'paused' | 'finished';

export interface PlaybackState {
  readonly status: PlaybackStatus;
  /** The flight clock (ms at speed 1×) when the event happened. */
  readonly time: number;
  readonly speed: number;
}

/** What the machine knows of the flight: when the followed packet reaches each hop, and the end. */
export interface PlaybackClock {
  readonly arrivals: readonly number[];
  readonly duration: number;
}

export type PlaybackEvent =
  | { readonly type: 'load' }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'toggle' }
  | { readonly type: 'step'; readonly direction: 1 | -1 }
  | { readonly type: 'seekHop'; readonly hop: number }
  | { readonly type: 'replay' }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'ended' }
  /** The same flight re-laid out: go on from `time`, playing or not as before. */
  | { readonly type: 'restore'; readonly time: number; readonly status: PlaybackStatus };

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 2;

export const INITIAL_PLAYBACK: PlaybackState = { status: 'idle', time: 0, speed: 1 };

/** The hop reached at time `t` (-1 before the first). */
export function currentHop(clock: PlaybackClock, t: number): number {
  let hop = -1;
  clock.arrivals.forEach((a, i) => {
    if (a <= t) hop = i;
  });
  return hop;
}

const clampSpeed = (s: number) =>
  Number.isFinite(s) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, s)) : 1;

/**
 * The next state, given the current flight time `now` (read from the animation when the event
 * happens).
 *
 * @example
 * reducePlayback({ status: 'playing', time: 0, speed: 1 }, { type: 'step', direction: 1 }, 1200, clock)
 * // → paused at the next hop's arrival
 */
export function reducePlayback(
  state: PlaybackState,
  event: PlaybackEvent,
  now: number,
  clock: PlaybackClock,
): PlaybackState {
  const time = Math.min(Math.max(0, now), clock.duration);
  const last = clock.arrivals.length - 1;
  const at = (t: number, status: PlaybackStatus): PlaybackState => ({
    ...state,
    time: t,
    status: status === 'playing' && t >= clock.duration ? 'finished' : status,
  });
  switch (event.type) {
    case 'load':
      return { ...state, status: 'playing', time: 0 };
    case 'play':
      if (state.status === 'playing') return { ...state, time };
      return state.status === 'finished' || time >= clock.duration
        ? { ...state, status: 'playing', time: 0 }
        : { ...state, status: 'playing', time };
    case 'pause':
      return state.status === 'playing' ? { ...state, status: 'paused', time } : { ...state, time };
    case 'toggle':
      return reducePlayback(
        state,
        { type: state.status === 'playing' ? 'pause' : 'play' },
        now,
        clock,
      );
    case 'step': {
      if (last < 0) return { ...state, time };
      const hop = currentHop(clock, time);
      // Forward: the next hop (the flight's end after the last one). Back: the hop before.
      if (event.direction === 1) {
        if (hop >= last) return { ...state, status: 'finished', time: clock.duration };
        return { ...state, status: 'paused', time: clock.arrivals[hop + 1]! };
      }
      const target = Math.max(0, hop - 1);
      return { ...state, status: 'paused', time: clock.arrivals[target]! };
    }
    case 'seekHop': {
      if (last < 0) return { ...state, time };
      const hop = Math.min(last, Math.max(0, Math.trunc(event.hop)));
      return at(clock.arrivals[hop]!, state.status === 'playing' ? 'playing' : 'paused');
    }
    case 'replay':
      return { ...state, status: 'playing', time: 0 };
    case 'speed':
      return { ...state, speed: clampSpeed(event.speed), time };
    case 'ended':
      return { ...state, status: 'finished', time: clock.duration };
    case 'restore': {
      const t = Math.min(Math.max(0, event.time), clock.duration);
      if (event.status === 'finished' || t >= clock.duration)
        return { ...state, status: 'finished', time: clock.duration };
      return { ...state, status: event.status === 'idle' ? 'paused' : event.status, time: t };
    }
  }
}
