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
  constructor(readonly duration: number) {}
  get currentTime(): number {
    const t = this.playing ? this.base + (Date.now() - this.since) * this.playbackRate : this.base;
    return Math.min(this.duration, t);
  }
  set currentTime(t: number) {
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
}

/** A packet element: records its animations; the card, label and burst are plain objects. */
function fakePacket() {
  const animations: FakeAnimation[] = [];
  const part = () => ({ textContent: '', animate: () => new FakeAnimation(1) });
  const card = { children: [part(), part(), part()], animate: () => new FakeAnimation(1) };
  const el = {
    dataset: {} as Record<string, string>,
    style: { visibility: '' },
    animate: (_keyframes: unknown, options: { duration: number }) => {
      const a = new FakeAnimation(options.duration);
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

  it('moves each packet by one animation and reports every hop of the followed one, in order', () => {
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
    // One movement per packet, no other animation (no per-segment clocks ticking every frame).
    for (const { fake } of packets) expect(fake.animations).toHaveLength(1);
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
