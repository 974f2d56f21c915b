/**
 * The flight player without a browser: packets are fake elements whose `animate` returns a fake
 * animation on a fake clock (vitest's fake timers), so the test sees exactly which animations
 * the player makes and when it reports hops.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import type { Hop } from '../../../engine';
import { createFlightPlayer, type FlightPacket } from './flight-player';
import { buildTimeline, type Point } from './timeline';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const analysis = simulate([{ name: 'scenario.yaml', text: seed }]);
const [trace] = traceQueries(analysis.cluster, [
  { from: 'internet', to: 'http://example.com/api' },
]);
const hops = trace!.hops;

function layout(list: readonly Hop[]): Point[] {
  const ids = [...new Set(list.map((h) => h.at))];
  return list.map((h) => ({ x: ids.indexOf(h.at) * 300, y: (ids.indexOf(h.at) % 2) * 100 }));
}

/** A Web Animation on the fake clock (`Date.now()`, moved by the fake timers). */
class FakeAnimation {
  playbackRate = 1;
  private base = 0;
  private since = Date.now();
  private playing = false;
  cancelled = false;
  /** When the player first set the clock (Date.now()) and to what. */
  first: { at: number; value: number } | undefined;
  constructor(
    readonly duration: number,
    readonly easing = 'linear',
  ) {}
  get currentTime(): number {
    const t = this.playing ? this.base + (Date.now() - this.since) * this.playbackRate : this.base;
    return Math.min(this.duration, t);
  }
  set currentTime(t: number) {
    this.first ??= { at: Date.now(), value: t };
    this.base = t;
    this.since = Date.now();
  }
  play() {
    if (!this.playing) this.since = Date.now();
    this.playing = true;
  }
  pause() {
    this.base = this.currentTime;
    this.playing = false;
  }
  cancel() {
    this.cancelled = true;
    this.playing = false;
  }
  get running() {
    return this.playing;
  }
}

/** A packet element: records its animations; the card, label and burst are plain objects. */
function fakePacket() {
  const animations: FakeAnimation[] = [];
  const part = () => ({ textContent: '', animate: () => new FakeAnimation(1) });
  const card = { children: [part(), part(), part()], animate: () => new FakeAnimation(1) };
  const el = {
    dataset: {} as Record<string, string>,
    style: { visibility: '' },
    animate: (_keyframes: unknown, options: { duration: number; easing?: string }) => {
      const a = new FakeAnimation(options.duration, options.easing);
      animations.push(a);
      return a;
    },
  };
  return { el, card, label: part(), burst: part(), animations };
}

function flight(count: number, stagger = 0) {
  return Array.from({ length: count }, (_, index) => {
    const fake = fakePacket();
    const packet = {
      hops,
      timeline: buildTimeline(hops, layout(hops), () => undefined, { delay: index * stagger }),
      el: fake.el,
      card: fake.card,
      label: fake.label,
      burst: fake.burst,
    } as unknown as FlightPacket;
    return { packet, fake };
  });
}

describe('createFlightPlayer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // The fake frame: every 16 ms of the fake clock.
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) =>
      setTimeout(() => cb(Date.now()), 16),
    );
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('moves each packet by one animation per segment and reports every hop of the followed one, in order', () => {
    const packets = flight(5, 100);
    const seen: string[] = [];
    const statuses: string[] = [];
    const player = createFlightPlayer(
      packets.map((p) => p.packet),
      { reduced: false, speed: 1, follow: 2 },
      { onHop: (hop, state) => seen.push(`${hop} ${state}`), onStatus: (s) => statuses.push(s) },
    );
    player.dispatch({ type: 'load' });
    vi.advanceTimersByTime(packets[4]!.packet.timeline.duration + 500);
    // One movement per segment the packet is seen in (none while it waits hidden), each gone
    // when the next began: one running animation per packet at a time, and no other.
    for (const { packet, fake } of packets) {
      const shown = packet.timeline.segments.filter((s) => s.kind !== 'wait');
      expect(fake.animations.map((a) => a.duration)).toEqual(shown.map((s) => s.duration));
      expect(fake.animations.map((a) => a.easing)).toEqual(
        shown.map((s) => (s.kind === 'leg' ? 'ease-in-out' : 'linear')),
      );
      expect(fake.animations.slice(0, -1).every((a) => a.cancelled)).toBe(true);
      expect(fake.animations.at(-1)!.cancelled).toBe(false);
    }
    // Waiting first, then every hop once, in order; at the last one the packet arrives.
    const last = hops.length - 1;
    expect(seen).toEqual(['-1 waiting', ...hops.map((_, i) => `${i} flying`), `${last} arrived`]);
    expect(statuses).toEqual(['playing', 'finished']);
    for (const { fake } of packets) expect(fake.el.dataset.state).toBe('arrived');
    player.dispose();
  });

  it('wakes late (a busy main thread) and still tells each hop, one at a time', () => {
    const packets = flight(1);
    const seen: number[] = [];
    const player = createFlightPlayer(
      packets.map((p) => p.packet),
      { reduced: false, speed: 1 },
      { onHop: (hop) => seen.push(hop), onStatus: () => undefined },
    );
    player.dispatch({ type: 'load' });
    // A frame that comes 3 s late: several segments ended meanwhile.
    const frameOf = vi.fn();
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => {
      frameOf();
      return setTimeout(() => cb(Date.now()), 3000);
    });
    vi.advanceTimersByTime(packets[0]!.packet.timeline.duration + 60_000);
    expect(frameOf).toHaveBeenCalled();
    expect(seen).toEqual([...hops.map((_, i) => i), hops.length - 1]);
    player.dispose();
  });

  it('starts each segment where the flight clock is: frames that come late never slow the flight', () => {
    const packets = flight(3, 150);
    const player = createFlightPlayer(
      packets.map((p) => p.packet),
      { reduced: false, speed: 1 },
      { onHop: () => undefined, onStatus: () => undefined },
    );
    const start = Date.now();
    player.dispatch({ type: 'load' });
    // Every frame from here on comes 120 ms late.
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) =>
      setTimeout(() => cb(Date.now()), 120),
    );
    vi.advanceTimersByTime(packets[2]!.packet.timeline.duration + 1000);
    expect(player.state.status).toBe('finished');
    for (const { packet, fake } of packets) {
      const shown = packet.timeline.segments.filter((s) => s.kind !== 'wait');
      expect(fake.animations).toHaveLength(shown.length);
      fake.animations.forEach((a, i) => {
        const seg = shown[i]!;
        // Started late, but at the segment's place on the clock (not at its beginning).
        expect(a.first!.value).toBe(Math.min(seg.duration, a.first!.at - start - seg.start));
        if (i > 0) expect(a.first!.value).toBeGreaterThan(0);
      });
    }
    player.dispose();
  });

  it('at a hop only the followed packet pulses: the others rest there paused, moving on with the clock', () => {
    const packets = flight(3);
    const player = createFlightPlayer(
      packets.map((p) => p.packet),
      { reduced: false, speed: 1, follow: 1 },
      { onHop: () => undefined, onStatus: () => undefined },
    );
    player.dispatch({ type: 'load' });
    const { segments } = packets[0]!.packet.timeline;
    const dwell = segments.find((s) => s.kind === 'dwell' && s.start > 0)!;
    const leg = segments.find((s) => s.kind === 'leg')!;
    vi.advanceTimersByTime(leg.start + leg.duration / 2);
    expect(packets.map(({ fake }) => fake.animations.at(-1)!.running)).toEqual([true, true, true]);
    vi.advanceTimersByTime(dwell.start + dwell.duration / 2 - (leg.start + leg.duration / 2));
    expect(packets.map(({ fake }) => fake.animations.at(-1)!.running)).toEqual([
      false,
      true,
      false,
    ]);
    expect(packets.map(({ fake }) => fake.animations.at(-1)!.duration)).toEqual(
      Array(3).fill(dwell.duration),
    );
    // And on along the next leg, all three at the clock's place.
    const next = segments.find((s) => s.kind === 'leg' && s.start > dwell.start)!;
    vi.advanceTimersByTime(next.start + 100 - (dwell.start + dwell.duration / 2));
    expect(packets.map(({ fake }) => fake.animations.at(-1)!.running)).toEqual([true, true, true]);
    player.dispose();
  });

  it('paused, it tells nothing and sets no timer; played again at 2×, it goes on from there', () => {
    const packets = flight(3);
    const seen: number[] = [];
    const player = createFlightPlayer(
      packets.map((p) => p.packet),
      { reduced: false, speed: 1 },
      { onHop: (hop) => seen.push(hop), onStatus: () => undefined },
    );
    player.dispatch({ type: 'load' });
    vi.advanceTimersByTime(1000);
    player.dispatch({ type: 'pause' });
    const atPause = [...seen];
    const time = player.now();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(atPause);
    expect(player.now()).toBe(time);
    player.dispatch({ type: 'speed', speed: 2 });
    player.dispatch({ type: 'play' });
    const rest = packets[0]!.packet.timeline.duration - time;
    vi.advanceTimersByTime(rest / 2 + 200);
    expect(seen.at(-1)).toBe(hops.length - 1);
    expect(player.state.status).toBe('finished');
    player.dispose();
  });

  it('disposed, it clears its timer and hides the packets', () => {
    const packets = flight(2);
    const player = createFlightPlayer(
      packets.map((p) => p.packet),
      { reduced: false, speed: 1 },
      { onHop: () => undefined, onStatus: () => undefined },
    );
    player.dispatch({ type: 'load' });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    player.dispose();
    expect(vi.getTimerCount()).toBe(0);
    for (const { fake } of packets) {
      expect(fake.el.style.visibility).toBe('hidden');
      expect(fake.animations.every((a) => a.cancelled)).toBe(true);
    }
  });

  it('a redirect: the card shows the request at the route hop, then the answer flies back to the client in its own look', () => {
    const header = {
      srcIP: '203.0.113.10',
      srcPort: 40000,
      dstIP: '10.0.0.50',
      dstPort: 80,
      protocol: 'TCP' as const,
    };
    const request = { method: 'GET', host: 'gw.example.com', path: '/old' };
    const redirect: Hop[] = [
      {
        kind: 'client',
        ref: 'internet',
        verdict: 'pass',
        reason: '',
        at: 'internet',
        before: header,
      },
      {
        kind: 'gateway',
        ref: 'gateway/default/gw',
        verdict: 'pass',
        reason: '',
        at: 'gateway/default/gw',
        request,
      },
      {
        kind: 'route',
        ref: 'httproute/default/r',
        verdict: 'pass',
        reason: '',
        at: 'httproute/default/r',
        request,
      },
    ];
    const fake = fakePacket();
    const dot = { style: { background: '', outline: '', outlineOffset: '' } };
    const el = { ...fake.el, querySelector: () => dot };
    const timeline = buildTimeline(redirect, layout(redirect), () => undefined);
    const packet = { hops: redirect, timeline, el, card: fake.card } as unknown as FlightPacket;
    const seen: string[] = [];
    const player = createFlightPlayer(
      [packet],
      { reduced: false, speed: 1 },
      {
        onHop: (hop, state) => seen.push(`${hop} ${state}`),
        onStatus: () => undefined,
      },
    );
    player.dispatch({ type: 'load' });
    const back = timeline.segments.at(-1)!;
    vi.advanceTimersByTime(back.start - 50);
    expect(fake.card.children[1]!.textContent).toBe('GET gw.example.com /old');
    expect(el.dataset.returning).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(el.dataset.returning).toBe('true');
    expect(dot.style.outline).toContain('dashed');
    expect(fake.card.children[0]!.textContent).toBe('10.0.0.50:80 → 203.0.113.10:40000 TCP');
    expect(fake.card.children[1]!.textContent).toContain('answers the client');
    vi.advanceTimersByTime(back.duration + 500);
    expect(el.dataset.state).toBe('arrived');
    expect(seen.at(-1)).toBe('2 arrived');
    expect(seen).not.toContain('2 dropped');
    player.dispose();
  });
});
