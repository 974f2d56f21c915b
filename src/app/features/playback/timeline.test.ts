import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import type { Hop } from '../../../engine';
import {
  buildTimeline,
  carryTime,
  curvedLeg,
  describeRewrite,
  endsInRedirect,
  formatHeader,
  formatRequest,
  hopAt,
  pathLength,
  segmentAt,
  toFlightView,
  toSegmentMotion,
  type Point,
} from './timeline';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const analysis = simulate([{ name: 'scenario.yaml', text: seed }]);
const [allowed] = traceQueries(analysis.cluster, [
  { from: 'internet', to: 'http://example.com/api' },
]);
const withoutIngressPolicy = seed.replace(/# Lets the ingress[\s\S]*?---\n/, '');
const [dropped] = traceQueries(
  simulate([{ name: 'scenario.yaml', text: withoutIngressPolicy }]).cluster,
  [{ from: 'internet', to: 'http://example.com/api' }],
);

/** A fake layout: each graph id gets its own point on a line. */
function layout(hops: readonly Hop[]): Point[] {
  const ids = [...new Set(hops.map((h) => h.at))];
  return hops.map((h) => ({ x: ids.indexOf(h.at) * 300, y: (ids.indexOf(h.at) % 2) * 100 }));
}

/**
 * One coordinate of a CSS cubic-bezier() curve where the other is `value`: both are monotonic in
 * the curve parameter s, so bisect s on the `along` coordinate (control points `along`), then
 * read the other (control points `read`). The tests' own reading of the curve.
 */
function bezierSolve(
  value: number,
  along: readonly [number, number],
  read: readonly [number, number],
): number {
  const bez = (s: number, p1: number, p2: number) =>
    3 * (1 - s) * (1 - s) * s * p1 + 3 * (1 - s) * s * s * p2 + s * s * s;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (bez(mid, along[0], along[1]) < value) lo = mid;
    else hi = mid;
  }
  return bez((lo + hi) / 2, read[0], read[1]);
}

/**
 * CSS `ease-in-out` (cubic-bezier(0.42, 0, 0.58, 1)): the time fraction at which progress is
 * `y`, to check the animations against.
 */
function easeInOutTimeAt(y: number): number {
  if (y <= 0) return 0;
  if (y >= 1) return 1;
  return bezierSolve(y, [0, 1], [0.42, 0.58]);
}

describe('buildTimeline on the seed trace (Internet → http://example.com/api)', () => {
  const hops = allowed!.hops;
  const timeline = buildTimeline(hops, layout(hops), () => undefined);

  it('has one dwell per hop and one leg per change of place', () => {
    const moves = hops.filter((h, i) => i > 0 && h.at !== hops[i - 1]!.at).length;
    expect(timeline.segments.filter((s) => s.kind === 'dwell')).toHaveLength(hops.length);
    expect(timeline.segments.filter((s) => s.kind === 'leg')).toHaveLength(moves);
    expect(moves).toBeGreaterThan(4);
  });

  it('is contiguous: each segment starts where the one before ends, arrivals are the dwells', () => {
    let t = 0;
    for (const s of timeline.segments) {
      expect(s.start).toBe(t);
      t += s.duration;
    }
    expect(timeline.duration).toBe(t);
    expect(timeline.arrivals).toEqual(
      timeline.segments.filter((s) => s.kind === 'dwell').map((s) => s.start),
    );
    expect(timeline.dropped).toBe(false);
    expect(timeline.lastHop).toBe(hops.length - 1);
  });

  it('legs start where the packet was and end at the next hop', () => {
    const points = layout(hops);
    for (const s of timeline.segments.filter((x) => x.kind === 'leg')) {
      expect(s.points.at(-1)).toEqual(points[s.hop]);
      expect(s.points[0]).toEqual(points[s.hop - 1]);
    }
  });

  it('maps times to segments and hops', () => {
    timeline.segments.forEach((s, i) => {
      expect(segmentAt(timeline, s.start)).toBe(i);
      expect(segmentAt(timeline, s.start + s.duration / 2)).toBe(i);
    });
    expect(segmentAt(timeline, timeline.duration + 10)).toBe(timeline.segments.length - 1);
    expect(hopAt(timeline.arrivals, -1)).toBe(-1);
    timeline.arrivals.forEach((a, i) => expect(hopAt(timeline.arrivals, a)).toBe(i));
  });

  it('the header card shows the NodePort DNAT, then the node SNAT, then the pod IP', () => {
    const views = timeline.segments.map((_, i) => toFlightView(hops, timeline, i, false));
    const headers = views.map((v) => formatHeader(v.header));
    // The first header shown is the client's, to the load balancer's external IP.
    expect(headers.find((h) => h !== '')).toBe('198.51.100.7 → 203.0.113.10:80 TCP');
    expect(headers.some((h) => /^192\.168\.0\.11 → 10\.244\.\d+\.\d+:80 TCP$/.test(h))).toBe(true);
    expect(headers.at(-1)).toMatch(/→ 10\.244\.\d+\.\d+:8080 TCP$/);
    const rewrites = views.flatMap((v) => v.rewrites);
    expect(rewrites).toContain('DNAT');
    expect(rewrites).toContain('SNAT');
    expect(toFlightView(hops, timeline, timeline.segments.length - 1, true).state).toBe('arrived');
    expect(toFlightView(hops, timeline, timeline.segments.length - 1, false).state).toBe('flying');
  });

  it('uses the leg path it is given, between the two hop points', () => {
    const points = layout(hops);
    const curved = buildTimeline(hops, points, (_, a, b) => curvedLeg(a, b));
    const leg = curved.segments.find((s) => s.kind === 'leg')!;
    expect(leg.points.length).toBe(17);
    expect(pathLength(leg.points)).toBeGreaterThan(
      pathLength([leg.points[0]!, leg.points.at(-1)!]),
    );
  });
});

describe('buildTimeline options', () => {
  const hops = dropped!.hops;
  it.each([
    ['normal', {}, true],
    ['reduced motion', { reduced: true }, false],
  ] as const)('%s: legs %s', (_, options, glides) => {
    const timeline = buildTimeline(hops, layout(hops), () => undefined, options);
    expect(timeline.segments.some((s) => s.kind === 'leg')).toBe(glides);
    expect(timeline.dropped).toBe(true);
    const dropAt = hops.findIndex((h) => h.verdict === 'drop');
    expect(timeline.lastHop).toBe(dropAt);
    expect(timeline.arrivals).toHaveLength(dropAt + 1);
    expect(toFlightView(hops, timeline, timeline.segments.length - 1, true).state).toBe('dropped');
    if (!glides) {
      for (const s of timeline.segments) expect(s.duration).toBe(650);
      const still = toSegmentMotion(timeline.segments[1]!, true).keyframes;
      expect(still.map((k) => k.transform)).toEqual(Array(3).fill(still[0]!.transform));
    }
  });

  it('a delay becomes an invisible wait before the first hop', () => {
    const timeline = buildTimeline(hops, layout(hops), () => undefined, { delay: 300 });
    expect(timeline.segments[0]).toMatchObject({ kind: 'wait', start: 0, duration: 300 });
    expect(timeline.arrivals[0]).toBe(300);
    expect(toSegmentMotion(timeline.segments[0]!).keyframes.every((k) => k.opacity === 0)).toBe(
      true,
    );
    expect(toFlightView(hops, timeline, 0, false).state).toBe('waiting');
  });

  it('a hop whose place is not drawn keeps the packet where it was', () => {
    const points: (Point | undefined)[] = layout(hops);
    points[2] = undefined;
    const timeline = buildTimeline(hops, points, () => undefined);
    expect(timeline.segments.find((s) => s.kind === 'dwell' && s.hop === 2)!.points[0]).toEqual(
      points[1],
    );
  });
});

describe('toSegmentMotion: a leg', () => {
  it('spaces a leg by distance: offsets rise from 0 to 1 in proportion to the path', () => {
    // A corner (kept: it shapes the path) a quarter of the way along.
    const { keyframes: frames } = toSegmentMotion({
      kind: 'leg',
      hop: 1,
      start: 0,
      duration: 500,
      points: [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 30 },
      ],
    });
    expect(frames.map((f) => f.offset)).toEqual([0, 0.25, 1]);
    expect(frames[2]!.transform).toBe('translate(10px, 30px) scale(1)');
  });
});

describe('describeRewrite', () => {
  const base = {
    srcIP: '10.0.0.1',
    srcPort: 1000,
    dstIP: '10.96.0.5',
    dstPort: 80,
    protocol: 'TCP' as const,
  };
  it.each([
    ['nothing', base, base, []],
    ['DNAT', base, { ...base, dstIP: '10.244.1.3', dstPort: 8080 }, ['DNAT']],
    ['SNAT', base, { ...base, srcIP: '192.168.0.11' }, ['SNAT']],
    ['both', base, { ...base, srcIP: '192.168.0.11', dstIP: '10.244.1.3' }, ['DNAT', 'SNAT']],
    [
      'encapsulation',
      base,
      {
        ...base,
        outer: {
          srcIP: '192.168.0.11',
          dstIP: '192.168.0.12',
          dstPort: 4789,
          protocol: 'UDP' as const,
          encapsulation: 'vxlan' as const,
        },
      },
      ['encapsulated'],
    ],
  ])('%s', (_, before, after, words) => {
    expect(describeRewrite(before, after)).toEqual(words);
  });

  it('a Service hop where the proxy opens a new connection says so, not NAT', () => {
    const received = { ...base, dstIP: '10.244.2.4', dstPort: 80 };
    const proxied = {
      srcIP: '10.244.2.4',
      dstIP: '10.244.2.2',
      dstPort: 8080,
      protocol: 'TCP' as const,
    };
    expect(describeRewrite(received, proxied, 'service')).toEqual([
      'new connection from the proxy',
    ]);
    // kube-proxy's SNAT to the node it arrived at is NAT (the node hop).
    expect(describeRewrite(received, proxied, 'node')).toEqual(['DNAT', 'SNAT']);
  });
});

describe('toSegmentMotion: one short animation per segment', () => {
  const hops = allowed!.hops;
  // Paths like React Flow's edges: straight runs with rounded corners, sampled as the layer does.
  const edgeLike = (from: Point, to: Point): Point[] => {
    const mid = (from.y + to.y) / 2;
    const corner = (c: Point, a: number, dir: number): Point[] =>
      Array.from({ length: 8 }, (_, i) => ({
        x: c.x + dir * 12 * (1 - Math.cos((a * i) / 7)),
        y: c.y + 12 * Math.sin((a * i) / 7),
      }));
    const run = (a: Point, b: Point, n: number): Point[] =>
      Array.from({ length: n }, (_, i) => ({
        x: a.x + ((b.x - a.x) * i) / n,
        y: a.y + ((b.y - a.y) * i) / n,
      }));
    return [
      ...run(from, { x: from.x, y: mid - 12 }, 10),
      ...corner({ x: from.x, y: mid - 12 }, Math.PI / 2, Math.sign(to.x - from.x) || 1),
      ...run({ x: from.x + 12, y: mid }, to, 10),
      to,
    ];
  };
  const timeline = buildTimeline(hops, layout(hops), (_, a, b) => edgeLike(a, b), { delay: 260 });
  const motions = timeline.segments.map((seg) => toSegmentMotion(seg));

  /** Every segment keyframe on the flight clock (where a segment may jump to the next). */
  const full = timeline.segments.flatMap((seg, i) =>
    motions[i]!.keyframes.map((k) => {
      const local = seg.kind === 'leg' ? easeInOutTimeAt(k.offset) : k.offset;
      return { ...k, offset: (seg.start + local * seg.duration) / timeline.duration };
    }),
  );
  const valuesOf = (k: { transform: string; opacity?: number }) => {
    const [x, y, scale] = k.transform.match(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)!.map(Number);
    return [x!, y!, scale!, k.opacity ?? 1] as const;
  };
  /** A CSS cubic-bezier() easing at time fraction `t` (bisecting the curve parameter on x). */
  const eased = (easing: string | undefined, t: number) => {
    if (!easing) return t;
    const [x1, y1, x2, y2] = easing.match(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)!.map(Number);
    return bezierSolve(t, [x1!, x2!], [y1!, y2!]);
  };
  /** What a Web Animation with these keyframes shows at `offset` (between two keyframes). */
  const sample = (
    keyframes: readonly { offset: number; transform: string; opacity?: number; easing?: string }[],
    offset: number,
  ) => {
    let i = 0;
    while (i < keyframes.length - 2 && keyframes[i + 1]!.offset <= offset) i++;
    const a = keyframes[i]!;
    const b = keyframes[i + 1]!;
    const t =
      b.offset > a.offset ? eased(a.easing, (offset - a.offset) / (b.offset - a.offset)) : 1;
    const [va, vb] = [valuesOf(a), valuesOf(b)];
    return va.map((v, j) => v + (vb[j]! - v) * t);
  };

  /** What the segment animations show at `offset` of the flight (the effect's easing first). */
  const shown = (offset: number) => {
    const time = offset * timeline.duration;
    const index = segmentAt(timeline, time);
    const seg = timeline.segments[index]!;
    const { keyframes, easing } = motions[index]!;
    const local = (time - seg.start) / seg.duration;
    return sample(
      keyframes,
      eased(easing === 'ease-in-out' ? 'cubic-bezier(0.42, 0, 0.58, 1)' : undefined, local),
    );
  };

  /** Where the packet should be at `offset` of the flight: eased along each leg's drawn path. */
  const exact = (offset: number) => {
    const time = offset * timeline.duration;
    const seg = timeline.segments[segmentAt(timeline, time)]!;
    const local = (time - seg.start) / seg.duration;
    if (seg.kind !== 'leg') return sample(toSegmentMotion(seg).keyframes, local);
    // The progress whose ease-in-out time is `local` (easeInOutTimeAt rises with progress).
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (easeInOutTimeAt(mid) < local) lo = mid;
      else hi = mid;
    }
    let along = ((lo + hi) / 2) * pathLength(seg.points);
    for (let i = 1; i < seg.points.length; i++) {
      const [a, b] = [seg.points[i - 1]!, seg.points[i]!];
      const step = Math.hypot(b.x - a.x, b.y - a.y);
      if (along <= step || i === seg.points.length - 1) {
        const t = step > 0 ? Math.min(1, along / step) : 0;
        return [a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, 1, 1];
      }
      along -= step;
    }
    return [seg.points[0]!.x, seg.points[0]!.y, 1, 1];
  };

  it('keeps few plain keyframes: a leg only the points that shape its path, none eased', () => {
    const legs = timeline.segments.filter((s) => s.kind === 'leg');
    const kept = legs.reduce((n, seg) => n + toSegmentMotion(seg).keyframes.length, 0);
    const points = legs.reduce((n, seg) => n + seg.points.length, 0);
    expect(points).toBeGreaterThan(150);
    expect(kept).toBeLessThan(points / 2.5);
    for (const { keyframes } of motions)
      for (const k of keyframes) expect(Object.keys(k)).not.toContain('easing');
    expect(motions.map((m) => m.easing)).toEqual(
      timeline.segments.map((s) => (s.kind === 'leg' ? 'ease-in-out' : 'linear')),
    );
  });

  it('shows the same flight: the packet on its path, at its pace, within a fifth of a pixel', () => {
    const jumps = new Set(full.map((k) => k.offset));
    for (let i = 1; i < 4000; i++) {
      const t = i / 4000;
      if (jumps.has(t)) continue;
      const [x, y, scale, opacity] = exact(t);
      const [x2, y2, scale2, opacity2] = shown(t);
      expect(Math.hypot(x! - x2!, y! - y2!)).toBeLessThanOrEqual(0.2 + 1e-3);
      expect(Math.abs(scale! - scale2!)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(opacity! - opacity2!)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('keeps each hop: the dwell pulse at its place, half-way through the dwell', () => {
    timeline.segments.forEach((seg, i) => {
      if (seg.kind !== 'dwell') return;
      const peak = motions[i]!.keyframes.find((f) => f.offset === 0.5);
      expect(peak?.transform).toBe(
        `translate(${seg.points[0]!.x}px, ${seg.points[0]!.y}px) scale(1.3)`,
      );
    });
  });

  it('a dwell without its pulse, or with reduced motion, is still; a leg never is', () => {
    timeline.segments.forEach((seg) => {
      if (seg.kind === 'dwell') {
        expect(toSegmentMotion(seg).still).toBe(false);
        expect(toSegmentMotion(seg, false, false).still).toBe(true);
        expect(toSegmentMotion(seg, true).still).toBe(true);
        expect(toSegmentMotion(seg, false, false).keyframes.map((k) => k.transform)).toEqual(
          Array(3).fill(`translate(${seg.points[0]!.x}px, ${seg.points[0]!.y}px) scale(1)`),
        );
      }
      if (seg.kind === 'leg') expect(toSegmentMotion(seg, false, false).still).toBe(false);
    });
  });

  it('offsets run from 0 to 1 in each segment, never going back', () => {
    for (const { keyframes } of motions) {
      expect(keyframes[0]!.offset).toBe(0);
      expect(keyframes.at(-1)!.offset).toBeCloseTo(1, 9);
      keyframes.forEach((f, i) => {
        if (i > 0) expect(f.offset).toBeGreaterThanOrEqual(keyframes[i - 1]!.offset);
      });
    }
  });

  it('animates opacity only where the packet waits hidden (a staggered send)', () => {
    timeline.segments.forEach((seg, i) => {
      const { keyframes } = motions[i]!;
      if (seg.kind === 'wait') expect(keyframes.every((f) => f.opacity === 0)).toBe(true);
      else expect(keyframes.some((f) => 'opacity' in f)).toBe(false);
    });
  });

  it.each([
    [0, 0],
    [0.5, 0.5],
    [1, 1],
  ])('ease-in-out reaches progress %s at time %s (symmetric ends and middle)', (y, x) => {
    expect(easeInOutTimeAt(y)).toBeCloseTo(x, 6);
  });

  it('ease-in-out is slow at the ends: 10 % of the way takes more than 10 % of the time', () => {
    expect(easeInOutTimeAt(0.1)).toBeGreaterThan(0.15);
    expect(easeInOutTimeAt(0.9)).toBeLessThan(0.85);
  });
});

describe('carryTime: the same flight laid out again (grouping switched)', () => {
  const hops = allowed!.hops;
  const before = buildTimeline(hops, layout(hops), () => undefined);
  // The other layout: every place three times as far apart, so every leg takes longer.
  const after = buildTimeline(
    hops,
    layout(hops).map((p) => ({ x: p.x * 3, y: p.y * 3 })),
    () => undefined,
  );

  it('halfway along a leg stays halfway along the same leg', () => {
    const leg = before.segments.find((s) => s.kind === 'leg' && s.hop >= 2)!;
    const t = carryTime(before, after, leg.start + leg.duration / 2);
    const next = after.segments[segmentAt(after, t)]!;
    expect([next.kind, next.hop]).toEqual([leg.kind, leg.hop]);
    expect(t - next.start).toBeCloseTo(next.duration / 2, 5);
    expect(after.duration).toBeGreaterThan(before.duration);
  });

  it('at a hop stays at that hop; the end stays the end', () => {
    for (let hop = 0; hop < before.arrivals.length; hop++)
      expect(hopAt(after.arrivals, carryTime(before, after, before.arrivals[hop]!))).toBe(hop);
    expect(carryTime(before, after, before.duration)).toBe(after.duration);
  });

  it('a leg the new layout does not draw (both hops at one place) maps to the hop it led to', () => {
    const flat = buildTimeline(
      hops,
      hops.map(() => ({ x: 0, y: 0 })),
      () => undefined,
    );
    const leg = before.segments.find((s) => s.kind === 'leg')!;
    const t = carryTime(before, flat, leg.start + leg.duration / 2);
    expect(hopAt(flat.arrivals, t)).toBe(leg.hop);
  });
});

describe('a redirect: the answer goes back to the client', () => {
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
      reason: 'client',
      at: 'internet',
      before: header,
    },
    {
      kind: 'gateway',
      ref: 'gateway/default/public',
      verdict: 'pass',
      reason: 'listener web',
      at: 'gateway/default/public',
      request,
    },
    {
      kind: 'route',
      ref: 'httproute/default/app',
      verdict: 'pass',
      reason: 'rule 0 wins; RequestRedirect 302',
      at: 'httproute/default/app',
      request,
    },
  ];
  const positions = [
    { x: 0, y: 0 },
    { x: 300, y: 0 },
    { x: 600, y: 100 },
  ];

  it('is told by the trace: it ends at a route hop that passed', () => {
    expect(endsInRedirect(redirect)).toBe(true);
    expect(endsInRedirect(redirect.slice(0, 2))).toBe(false);
    expect(endsInRedirect([...redirect.slice(0, 2), { ...redirect[2]!, verdict: 'drop' }])).toBe(
      false,
    );
    expect(endsInRedirect(allowed!.hops)).toBe(false);
  });

  it('adds one return leg after the last dwell, back through each place to the client', () => {
    const timeline = buildTimeline(redirect, positions, () => undefined);
    const last = timeline.segments.at(-1)!;
    expect(timeline.returns).toBe(true);
    expect(last.kind).toBe('return');
    expect(last.hop).toBe(2);
    expect(last.points).toEqual([positions[2], positions[1], positions[0]]);
    expect(timeline.segments.at(-2)).toMatchObject({ kind: 'dwell', hop: 2 });
    expect(timeline.duration).toBe(last.start + last.duration);
    // The return's movement ends at the client, easing in and out like a leg.
    const back = toSegmentMotion(last);
    expect(back.keyframes.at(-1)!.transform).toBe('translate(0px, 0px) scale(1)');
    expect(back.easing).toBe('ease-in-out');
    // A trace that is not a redirect has no return.
    const plain = buildTimeline(allowed!.hops, layout(allowed!.hops), () => undefined);
    expect(plain.returns).toBe(false);
    expect(plain.segments.some((s) => s.kind === 'return')).toBe(false);
  });

  it('goes back along the HTTP path, not through the node boxes the request crossed', () => {
    const viaNode: Hop[] = [
      redirect[0]!,
      { kind: 'node', ref: 'node/node-1', verdict: 'pass', reason: '', at: 'node/node-1' },
      ...redirect.slice(1),
    ];
    const timeline = buildTimeline(
      viaNode,
      [positions[0]!, { x: 150, y: 400 }, positions[1]!, positions[2]!],
      () => undefined,
    );
    expect(timeline.segments.at(-1)!.points).toEqual([positions[2], positions[1], positions[0]]);
  });

  it('with reduced motion the answer appears at the client, no glide', () => {
    const timeline = buildTimeline(redirect, positions, () => undefined, { reduced: true });
    expect(timeline.segments.at(-1)).toMatchObject({
      kind: 'return',
      points: [positions[0], positions[0]],
    });
  });

  it('the view on the way back: the answer (addresses swapped), its own look, arrived at the end', () => {
    const timeline = buildTimeline(redirect, positions, () => undefined);
    const back = timeline.segments.length - 1;
    const going = toFlightView(redirect, timeline, back, false);
    expect(going).toMatchObject({ hop: 2, state: 'flying', returning: true, request });
    // The answer as the client gets it, from the address it asked.
    expect(going.answer).toBe('10.0.0.50:80 → 203.0.113.10:40000 TCP');
    expect(toFlightView(redirect, timeline, back, true).state).toBe('arrived');
    // At the route hop's dwell (before the return) the card shows the request, not yet arrived.
    expect(toFlightView(redirect, timeline, back - 1, true)).toMatchObject({
      state: 'flying',
      request,
    });
  });

  it('a request on one line, with the path the backend gets after a rewrite', () => {
    expect(formatRequest(request)).toBe('GET gw.example.com /old');
    expect(formatRequest({ ...request, rewrittenPath: '/new' })).toBe(
      'GET gw.example.com /old → /new',
    );
    expect(formatRequest({ ...request, rewrittenPath: '/old' })).toBe('GET gw.example.com /old');
    expect(formatRequest(undefined)).toBe('');
  });
});
