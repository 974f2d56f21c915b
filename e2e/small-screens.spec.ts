/**
 * A shared link opened on a phone or a tablet, by touch: nothing scrolls sideways; the seed link
 * opens on the graph; Internet and the Ingress are picked by tapping their cards (44 px targets),
 * `/api` from the quick pick; Send; the packet arrives and the trace reads; a two-finger pinch
 * zooms and a one-finger drag pans the graph; a lesson link and an embed open on the graph with
 * the checks (or the trace) one tap away. Screenshots go to test-results/screenshots/small-*.png:
 * look at them.
 */
import { mkdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, seedScenario } from './fixtures';
import { shownWhole } from './layout-checks';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const SEED_LINK = `/#s=1.${deflateRawSync(Buffer.from(seedScenario)).toString('base64url')}`;

const SIZES = [
  { name: 'phone', width: 390, height: 844, compact: true },
  { name: 'tablet-portrait', width: 768, height: 1024, compact: true },
  { name: 'tablet-landscape', width: 1024, height: 768, compact: false },
];

/** How far the page scrolls sideways (0 when it fits) and the layout viewport's width. */
function overflow(page: Page) {
  return page.evaluate(() => ({
    extra: document.scrollingElement!.scrollWidth - window.innerWidth,
    innerWidth: window.innerWidth,
  }));
}

function viewportTransform(page: Page) {
  return page.evaluate(() => {
    const m = new DOMMatrix(
      getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
    );
    return { x: m.e, y: m.f, zoom: m.a };
  });
}

/** Fingers on the graph, through the browser's own touch input (what a phone sends). */
async function touchGesture(
  page: Page,
  from: readonly { x: number; y: number }[],
  to: readonly { x: number; y: number }[],
) {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) =>
    from.map((p, i) => ({
      x: p.x + (to[i]!.x - p.x) * t,
      y: p.y + (to[i]!.y - p.y) * t,
      id: i,
    }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let step = 1; step <= 8; step++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(step / 8) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      hasTouch: true,
      isMobile: true,
    });

    test('the seed link by touch: pick, send, watch it arrive, read the trace; pinch and pan', async ({
      app,
      page,
    }) => {
      await app.open(SEED_LINK);
      await expect(app.graphNode('internet')).toBeVisible();
      expect(await overflow(page)).toEqual({ extra: 0, innerWidth: size.width });
      if (size.compact) {
        // The graph first; the editor is one tap away and not loaded before it is wanted.
        await expect(page.getByTestId('compact-tab-graph')).toHaveAttribute('aria-current', 'page');
        await expect(page.getByTestId('editor')).toHaveCount(0);
      }

      // Tap the Internet card: the pick menu, sized for a finger.
      await page.getByTestId('trace-source').fill('');
      await page.getByTestId('trace-destination').fill('');
      // Tap once the opening fit has come to rest (a tap during that glide was seen, under load,
      // to open the details without the pick menu: a known open defect, see docs/small-screens.md).
      const viewAt = () =>
        page.evaluate(
          () => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
        );
      await expect
        .poll(async () => {
          const before = await viewAt();
          await page.waitForTimeout(250);
          return before === (await viewAt());
        })
        .toBe(true);
      await app.graphNode('internet').tap();
      const start = page.getByTestId('pick-source');
      const box = await start.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
      await page.screenshot({ path: `${SCREENSHOTS}/small-${size.name}-pick.png` });
      await start.tap();
      await expect(page.getByTestId('trace-source')).toHaveValue('internet');
      // The Ingress card: the packet goes to its URL; /api from the quick pick.
      await app.graphNode('ingress/default/webapp-ingress').tap();
      await page.getByTestId('pick-destination').tap();
      await expect(page.getByTestId('trace-destination')).toHaveValue(/^http:\/\/example\.com\//);
      await page.getByTestId('trace-destination-pick').selectOption('http://example.com/api');
      await expect(page.getByTestId('trace-destination')).toHaveValue('http://example.com/api');

      // Send, where a thumb reaches it; the packet flies and arrives.
      const send = page.getByTestId('send-button');
      const sendBox = (await send.boundingBox())!;
      expect(sendBox.y + sendBox.height).toBeLessThanOrEqual(size.height);
      expect(sendBox.height).toBeGreaterThanOrEqual(44);
      await send.tap();
      await expect(page.getByTestId('playback-bar')).toBeVisible();
      await expect(page.getByTestId('trace-result')).toHaveAttribute('data-flight', 'arrived', {
        timeout: 30_000,
      });
      // The view followed the packet: its header card is on screen, at a readable size.
      const card = page.locator('.packet[data-followed="true"] .packet-card');
      await expect(card).toBeInViewport();
      const cardText = await card.evaluate((el) => {
        const zoom = new DOMMatrix(
          getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
        ).a;
        return parseFloat(getComputedStyle(el).fontSize) * zoom;
      });
      expect(cardText).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: `${SCREENSHOTS}/small-${size.name}-arrived.png` });

      // The trace: one tap on a small screen, beside the graph on a tablet in landscape.
      if (size.compact) {
        await expect(page.getByTestId('compact-trace-mark')).toHaveText('✓ arrived');
        await page.getByTestId('compact-tab-trace').tap();
      }
      await expect(page.getByTestId('trace-verdict')).toBeVisible();
      await expect(page.getByTestId('trace-verdict')).toContainText('Allowed');
      // The verdict whole: not cut by a wrapper that shrinks on a short screen.
      expect(
        await shownWhole(page, '[data-testid="trace-verdict"]', '[data-testid="trace-panel"]'),
      ).toEqual({ inside: true, textWhole: true });
      await expect(app.hops().last()).toBeInViewport();
      expect((await overflow(page)).extra).toBe(0);
      await page.screenshot({ path: `${SCREENSHOTS}/small-${size.name}-trace.png` });
      if (size.compact) await page.getByTestId('compact-tab-graph').tap();

      // Two fingers spread on the graph: it zooms in; one finger drags: it pans.
      const pane = (await page.getByTestId('graph').boundingBox())!;
      const cx = pane.x + pane.width / 2;
      const cy = pane.y + pane.height / 2;
      const before = await viewportTransform(page);
      await touchGesture(
        page,
        [
          { x: cx - 30, y: cy },
          { x: cx + 30, y: cy },
        ],
        [
          { x: cx - 110, y: cy },
          { x: cx + 110, y: cy },
        ],
      );
      await expect
        .poll(async () => (await viewportTransform(page)).zoom)
        .toBeGreaterThan(before.zoom * 1.5);
      const pinched = await viewportTransform(page);
      await touchGesture(page, [{ x: cx, y: cy }], [{ x: cx - 120, y: cy + 60 }]);
      await expect
        .poll(async () => {
          const t = await viewportTransform(page);
          return [Math.round(t.x - pinched.x), Math.round(t.y - pinched.y)];
        })
        .toEqual([-120, 60]);
      expect((await overflow(page)).extra).toBe(0);
    });
  });
}

test.describe('a phone, opened from a lesson link and an embed', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a lesson link opens on the graph with its checks one tap away; an embed on the graph with its packet ready', async ({
    app,
    page,
  }) => {
    await app.open('/#lesson=and-vs-or');
    await expect(page.getByTestId('compact-tab-graph')).toHaveAttribute('aria-current', 'page');
    await expect(app.graphNode('internet')).toBeVisible();
    await expect(page.getByTestId('lesson-checks')).toHaveCount(0);
    await expect(page.getByTestId('compact-checks-mark')).toHaveText(/^\d+\/\d+ ✓$/);
    await page.getByTestId('compact-tab-lesson').tap();
    await expect(page.getByTestId('lesson-checks')).toBeVisible();
    await expect(page.getByTestId('lesson-check').first()).toBeInViewport();
    await page.screenshot({ path: `${SCREENSHOTS}/small-phone-lesson.png` });
    // The lesson's own Send button: the graph comes back to show the packet fly.
    await page.getByTestId('lesson-packet').first().tap();
    await expect(page.getByTestId('compact-tab-graph')).toHaveAttribute('aria-current', 'page');

    // In the YAML view the problems are a list a finger opens; the header's actions are a menu.
    await page.getByTestId('compact-tab-yaml').tap();
    await app.waitForEditor();
    await expect(page.getByTestId('compact-problems-toggle')).toBeVisible();
    await page.getByTestId('header-menu-button').tap();
    await expect(page.getByTestId('share-button')).toBeInViewport();
    expect((await overflow(page)).extra).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/small-phone-yaml-menu.png` });

    // An embed: graph first, packet ready, no editor, no lesson tab.
    await app.open('/#embed=1&from=internet&to=http%3A%2F%2Fexample.com%2Fapi');
    await page.reload();
    await expect(app.graphNode('internet')).toBeVisible();
    await expect(page.getByTestId('compact-tab-graph')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('compact-tab-yaml')).toHaveCount(0);
    await expect(page.getByTestId('trace-destination')).toHaveValue('http://example.com/api');
    await page.getByTestId('send-button').tap();
    await expect(page.getByTestId('trace-result')).toHaveAttribute('data-flight', 'arrived', {
      timeout: 30_000,
    });
    await page.getByTestId('compact-tab-trace').tap();
    await expect(page.getByTestId('trace-verdict')).toContainText('Allowed');
    expect((await overflow(page)).extra).toBe(0);
  });

  test('the seed link: the app replaces the page font warm-up, no mini map on the phone, the course opens at once from the menu; wider, the mini map is back', async ({
    app,
    page,
  }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await app.open(SEED_LINK);
    await expect(app.graphNode('internet')).toBeVisible();
    // index.html's invisible words are gone with the first render: the shell is #root's only child.
    await expect(page.locator('#root > *')).toHaveCount(1);
    await expect(page.locator('#root > .app-shell')).toHaveCount(1);
    // The phone hid the mini map by CSS; now it is not drawn at all.
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    // The lesson code loads after the first graph on a plain link; the course opens at once anyway.
    await page.getByTestId('header-menu-button').tap();
    await page.getByTestId('lessons-button').tap();
    await expect(page.getByTestId('compact-tab-lesson')).toHaveAttribute('aria-current', 'page');
    await expect(
      page.locator('[data-testid="lesson-index-item"][data-slug="and-vs-or"]'),
    ).toBeVisible();
    expect(requested.some((url) => url.includes('lesson-controller'))).toBe(true);
    // A short link is decoded on the page: no decode worker.
    expect(requested.some((url) => url.includes('share-decode'))).toBe(false);
    // Wider than the small-screen layout: the columns, and the mini map with the cluster in it.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(page.locator('[data-compact-view]')).toHaveCount(0);
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    await expect(page.locator('.react-flow__minimap-node').first()).toBeAttached();
  });

  test('nothing scrolls sideways at 360, 390, 768 and 1024 px, portrait and landscape', async ({
    app,
    page,
  }) => {
    await app.open('/');
    await expect(app.graphNode('internet')).toBeVisible();
    for (const [width, height] of [
      [360, 740],
      [740, 360],
      [390, 844],
      [844, 390],
      [768, 1024],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect
        .poll(() => overflow(page), { message: `${width}×${height}` })
        .toEqual({ extra: 0, innerWidth: width });
      await expect(page.getByTestId('send-button')).toBeInViewport();
      // The graph's toolbar stays inside the graph pane (it wraps on a phone).
      const rightmost = await page.evaluate(() => {
        const pane = document.querySelector('[data-testid="graph"]')!.getBoundingClientRect();
        const items = [...document.querySelectorAll('[data-testid="graph-toolbar"] > *')];
        return {
          pane: pane.right,
          items: Math.max(...items.map((i) => i.getBoundingClientRect().right)),
        };
      });
      expect(rightmost.items, `toolbar at ${width}×${height}`).toBeLessThanOrEqual(rightmost.pane);
    }
  });
});
