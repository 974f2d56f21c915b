import { describe, expect, it } from 'vitest';
import {
  fitViewport,
  fitViewportBeside,
  followViewport,
  readableZoom,
  sameViewport,
  unionRects,
  type Rect,
  type Viewport,
} from './follow-view';

/** Where flow rectangle `r` lands on screen under viewport `v`. */
const onScreen = (r: Rect, v: Viewport) => ({
  left: r.x * v.zoom + v.x,
  top: r.y * v.zoom + v.y,
  right: (r.x + r.width) * v.zoom + v.x,
  bottom: (r.y + r.height) * v.zoom + v.y,
});

describe('unionRects', () => {
  it('holds every rectangle and skips the missing ones', () => {
    expect(
      unionRects([
        { x: 10, y: 20, width: 5, height: 5 },
        undefined,
        { x: -4, y: 30, width: 10, height: 10 },
      ]),
    ).toEqual({ x: -4, y: 20, width: 19, height: 20 });
  });
  it('is undefined for nothing', () => {
    expect(unionRects([])).toBeUndefined();
    expect(unionRects([undefined])).toBeUndefined();
  });
});

describe('fitViewport', () => {
  const layout = { x: 100, y: 50, width: 1930, height: 934 };
  it('fills the pane with the layout, centred', () => {
    const v = fitViewport(layout, { width: 1000, height: 1000 }, { minZoom: 0.1, maxZoom: 2 });
    expect(v.zoom).toBeCloseTo(1000 / 1930, 6);
    const s = onScreen(layout, v);
    expect(s.left).toBeCloseTo(0, 6);
    expect(s.right).toBeCloseTo(1000, 6);
    expect((s.top + s.bottom) / 2).toBeCloseTo(500, 6);
  });
  it('keeps the layout out of the toolbar strip and inside the margin', () => {
    const pane = { width: 1344, height: 700 };
    const insets = { top: 52, right: 0, bottom: 0, left: 0 };
    const v = fitViewport(layout, pane, { insets, margin: 12, minZoom: 0.1, maxZoom: 2 });
    const s = onScreen(layout, v);
    expect(s.top).toBeGreaterThanOrEqual(52 + 12 - 1e-6);
    expect(s.bottom).toBeLessThanOrEqual(700 - 12 + 1e-6);
    expect(s.left).toBeGreaterThanOrEqual(12 - 1e-6);
    expect(s.right).toBeLessThanOrEqual(1344 - 12 + 1e-6);
    // Height-bound here: it touches the top and the bottom of the free area.
    expect(s.bottom - s.top).toBeCloseTo(700 - 52 - 24, 6);
  });
  it('respects the zoom limits', () => {
    const tiny = { x: 0, y: 0, width: 10, height: 10 };
    expect(
      fitViewport(tiny, { width: 800, height: 600 }, { minZoom: 0.1, maxZoom: 2.5 }).zoom,
    ).toBe(2.5);
    expect(
      fitViewport(layout, { width: 20, height: 20 }, { minZoom: 0.1, maxZoom: 2.5 }).zoom,
    ).toBe(0.1);
  });
});

describe('fitViewportBeside', () => {
  const layout = { x: 0, y: 0, width: 1930, height: 934 };
  const pane = { width: 1344, height: 665 };
  const options = { margin: 10, minZoom: 0.1, maxZoom: 2.5 };
  const toolbar = { x: 8, y: 8, width: 360, height: 44 };
  it('uses the whole pane when no card lies under the toolbar', () => {
    // The left columns sit mid-height; the top row starts far to the right.
    const cards = [
      { x: 0, y: 440, width: 208, height: 58 },
      { x: 1450, y: 0, width: 208, height: 58 },
    ];
    expect(fitViewportBeside(layout, cards, toolbar, pane, options)).toEqual(
      fitViewport(layout, pane, options),
    );
  });
  it('fits below the toolbar when a card would lie under it', () => {
    const cards = [{ x: 0, y: 0, width: 208, height: 58 }];
    const v = fitViewportBeside(layout, cards, toolbar, pane, options);
    expect(onScreen(cards[0]!, v).top).toBeGreaterThanOrEqual(8 + 44);
    expect(v.zoom).toBeLessThan(fitViewport(layout, pane, options).zoom);
  });
  it('is the plain fit without a toolbar', () => {
    expect(fitViewportBeside(layout, [], undefined, pane, options)).toEqual(
      fitViewport(layout, pane, options),
    );
  });
});

describe('followViewport', () => {
  const pane = { width: 1246, height: 420 };
  const options = { minZoom: 0.1, maxZoom: 1.4, readableZoom: 0.9, margin: 10 };
  // Internet on the left … the pod on the right: longer than the view at a readable zoom.
  const path = { x: 0, y: 300, width: 1700, height: 400 };
  const first = { x: 0, y: 470, width: 208, height: 58 };
  const middle = { x: 834, y: 470, width: 486, height: 58 };
  const last = { x: 1450, y: 600, width: 208, height: 58 };

  it('never zooms out below the readable zoom, even when the path would need it', () => {
    for (const focus of [first, middle, last]) {
      expect(followViewport(path, focus, undefined, pane, options).zoom).toBeCloseTo(0.9, 6);
    }
  });
  it('keeps the focus (the hop and the next one) on screen', () => {
    for (const focus of [first, middle, last]) {
      const s = onScreen(focus, followViewport(path, focus, undefined, pane, options));
      expect(s.left).toBeGreaterThanOrEqual(0);
      expect(s.right).toBeLessThanOrEqual(pane.width);
      expect(s.top).toBeGreaterThanOrEqual(0);
      expect(s.bottom).toBeLessThanOrEqual(pane.height);
    }
  });
  it('slides along the path without showing past its ends', () => {
    const start = onScreen(path, followViewport(path, first, undefined, pane, options));
    expect(start.left).toBeCloseTo(10, 6);
    const end = onScreen(path, followViewport(path, last, undefined, pane, options));
    expect(end.right).toBeCloseTo(pane.width - 10, 6);
  });
  it('shows a short path whole, as large as it fits (up to the zoom limit)', () => {
    const short = { x: 1100, y: 400, width: 560, height: 200 };
    const at = { x: 1100, y: 400, width: 208, height: 58 };
    const v = followViewport(short, at, undefined, pane, options);
    expect(v.zoom).toBeCloseTo(Math.min(1.4, (420 - 20) / 200, (1246 - 20) / 560), 6);
    const s = onScreen(short, v);
    expect(s.left).toBeGreaterThanOrEqual(10 - 1e-6);
    expect(s.right).toBeLessThanOrEqual(pane.width - 10 + 1e-6);
  });
  it('shows the hop and the next one together when they fit, else the hop alone', () => {
    const near = { x: 278, y: 470, width: 208, height: 58 };
    const together = followViewport(path, first, near, pane, options);
    for (const r of [first, near]) {
      const s = onScreen(r, together);
      expect(s.left).toBeGreaterThanOrEqual(0);
      expect(s.right).toBeLessThanOrEqual(pane.width);
    }
    // The next place is far across the graph (a load balancer to a node's box): the view
    // stays on the packet's place, as if there were no next one.
    const far = { x: 0, y: 300, width: 236, height: 70 };
    const alone = followViewport(path, last, far, pane, options);
    expect(alone).toEqual(followViewport(path, last, undefined, pane, options));
    const s = onScreen(last, alone);
    expect(s.left).toBeGreaterThanOrEqual(0);
    expect(s.right).toBeLessThanOrEqual(pane.width);
  });
  it('keeps the toolbar strip free', () => {
    const insets = { top: 60, right: 0, bottom: 0, left: 0 };
    const v = followViewport(path, first, undefined, pane, { ...options, insets });
    expect(onScreen(first, v).top).toBeGreaterThanOrEqual(60);
  });
});

describe('readableZoom and sameViewport', () => {
  it('is the zoom that makes the font read at the target size', () => {
    expect(readableZoom(18, 16) * 18).toBeGreaterThanOrEqual(16);
    expect(readableZoom(18, 16)).toBeLessThan(0.91);
    expect(readableZoom(0, 16)).toBe(1);
  });
  it('calls viewports within a pixel the same', () => {
    expect(sameViewport({ x: 1, y: 2, zoom: 0.5 }, { x: 1.5, y: 2.2, zoom: 0.505 })).toBe(true);
    expect(sameViewport({ x: 1, y: 2, zoom: 0.5 }, { x: 4, y: 2, zoom: 0.5 })).toBe(false);
  });
});
