import { describe, expect, it } from 'vitest';
import {
  currentHop,
  reducePlayback,
  type PlaybackEvent,
  type PlaybackState,
} from './playback-machine';

// Hops reached at 0, 1000, 2000, 3000; the flight ends at 3500.
const clock = { arrivals: [0, 1000, 2000, 3000], duration: 3500 };
const playing: PlaybackState = { status: 'playing', time: 0, speed: 1 };
const paused: PlaybackState = { status: 'paused', time: 0, speed: 1 };
const finished: PlaybackState = { status: 'finished', time: 3500, speed: 1 };

describe('reducePlayback', () => {
  it.each<[string, PlaybackState, PlaybackEvent, number, Partial<PlaybackState>]>([
    ['load starts playing from 0', paused, { type: 'load' }, 800, { status: 'playing', time: 0 }],
    [
      'restore goes on playing from the carried time',
      paused,
      { type: 'restore', time: 1500, status: 'playing' },
      0,
      { status: 'playing', time: 1500 },
    ],
    [
      'restore keeps a pause',
      playing,
      { type: 'restore', time: 2000, status: 'paused' },
      0,
      { status: 'paused', time: 2000 },
    ],
    [
      'restore past the end is finished',
      playing,
      { type: 'restore', time: 9000, status: 'playing' },
      0,
      { status: 'finished', time: 3500 },
    ],
    ['pause keeps the time', playing, { type: 'pause' }, 1234, { status: 'paused', time: 1234 }],
    [
      'play resumes where it was',
      paused,
      { type: 'play' },
      1234,
      { status: 'playing', time: 1234 },
    ],
    [
      'play after the end replays',
      finished,
      { type: 'play' },
      3500,
      { status: 'playing', time: 0 },
    ],
    [
      'toggle pauses a playing flight',
      playing,
      { type: 'toggle' },
      500,
      { status: 'paused', time: 500 },
    ],
    [
      'toggle plays a paused one',
      paused,
      { type: 'toggle' },
      500,
      { status: 'playing', time: 500 },
    ],
    [
      'step forward mid-leg goes to the next hop, paused',
      playing,
      { type: 'step', direction: 1 },
      1500,
      { status: 'paused', time: 2000 },
    ],
    [
      'step forward at a hop goes to the one after',
      paused,
      { type: 'step', direction: 1 },
      1000,
      { status: 'paused', time: 2000 },
    ],
    [
      'step forward from the last hop finishes',
      paused,
      { type: 'step', direction: 1 },
      3100,
      { status: 'finished', time: 3500 },
    ],
    [
      'step back goes to the hop before',
      paused,
      { type: 'step', direction: -1 },
      2000,
      { status: 'paused', time: 1000 },
    ],
    [
      'step back mid-leg goes to the hop before the one reached',
      playing,
      { type: 'step', direction: -1 },
      2500,
      { status: 'paused', time: 1000 },
    ],
    [
      'step back from the first hop stays there',
      paused,
      { type: 'step', direction: -1 },
      0,
      { status: 'paused', time: 0 },
    ],
    [
      'step back after the end goes to the hop before the last',
      finished,
      { type: 'step', direction: -1 },
      3500,
      { status: 'paused', time: 2000 },
    ],
    [
      'seekHop while playing keeps playing from that hop',
      playing,
      { type: 'seekHop', hop: 2 },
      100,
      { status: 'playing', time: 2000 },
    ],
    [
      'seekHop while paused stays paused',
      paused,
      { type: 'seekHop', hop: 1 },
      3000,
      { status: 'paused', time: 1000 },
    ],
    [
      'seekHop past the end clamps to the last hop',
      paused,
      { type: 'seekHop', hop: 99 },
      0,
      { time: 3000 },
    ],
    ['replay plays from 0', finished, { type: 'replay' }, 3500, { status: 'playing', time: 0 }],
    [
      'speed is clamped to 2×',
      playing,
      { type: 'speed', speed: 8 },
      10,
      { speed: 2, status: 'playing' },
    ],
    ['speed is clamped to 0.25×', playing, { type: 'speed', speed: 0 }, 10, { speed: 0.25 }],
    [
      'a bad speed is 1×',
      { ...playing, speed: 2 },
      { type: 'speed', speed: Number.NaN },
      10,
      { speed: 1 },
    ],
    [
      'ended finishes at the end',
      playing,
      { type: 'ended' },
      3499,
      { status: 'finished', time: 3500 },
    ],
    ['a time past the end is clamped', playing, { type: 'pause' }, 9999, { time: 3500 }],
  ])('%s', (_, state, event, now, expected) => {
    expect(reducePlayback(state, event, now, clock)).toMatchObject(expected);
  });

  it('speed survives every other event', () => {
    const slow = { ...paused, speed: 0.5 };
    for (const event of [
      { type: 'play' },
      { type: 'step', direction: 1 },
      { type: 'replay' },
      { type: 'seekHop', hop: 1 },
    ] as const) {
      expect(reducePlayback(slow, event, 0, clock).speed).toBe(0.5);
    }
  });

  it('an empty flight does not move', () => {
    const empty = { arrivals: [], duration: 0 };
    expect(reducePlayback(paused, { type: 'step', direction: 1 }, 0, empty)).toMatchObject({
      time: 0,
      status: 'paused',
    });
  });
});

describe('currentHop', () => {
  it.each([
    [-5, -1],
    [0, 0],
    [999, 0],
    [1000, 1],
    [3499, 3],
  ])('at %d ms the packet is at hop %d', (t, hop) => {
    expect(currentHop(clock, t)).toBe(hop);
  });
});
