/**
 * What the graph's speed work must not change: edges still end on their cards' sides (the
 * handles paint nothing but are still measured), and a pan carries a flying packet with the
 * graph, on its edge, while it goes on to arrive.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** A point of the empty pane (a drag there pans instead of picking a card). */
async function panePoint(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="graph"]')!.getBoundingClientRect();
    for (let y = box.top + 60; y < box.bottom - 60; y += 17)
      for (let x = box.left + 60; x < box.right - 260; x += 23)
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'))
          return { x, y };
    return undefined;
  });
}

const centreOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, selector);

test('every edge starts on the right side of a card and ends on the left side of one', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  const misses = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) =>
      n.getBoundingClientRect(),
    );
    const on = (p: DOMPoint, side: 'left' | 'right') =>
      boxes.some((b) => Math.abs(p.x - b[side]) <= 2 && p.y >= b.top - 2 && p.y <= b.bottom + 2);
    const paths = [
      ...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path'),
    ];
    const toScreen = (path: SVGPathElement, at: number) =>
      path.getPointAtLength(at).matrixTransform(path.getScreenCTM()!);
    return {
      count: paths.length,
      misses: paths
        .filter((path) => {
          const start = toScreen(path, 0);
          const end = toScreen(path, path.getTotalLength());
          return !on(start, 'right') || !on(end, 'left');
        })
        .map((path) => path.closest('.react-flow__edge')!.getAttribute('data-id')),
    };
  });
  expect(misses.count).toBeGreaterThan(10);
  expect(misses.misses).toEqual([]);
});

test('a pan carries the flying packet with the graph; it stays on its way and arrives', async ({
  app,
  page,
}) => {
  await app.open();
  const card = app.graphNode('service/default/backend-service');
  await expect(card).toBeVisible();
  await page.evaluate(() => window.netplay!.playback.setSpeed(1));
  await app.send('internet', 'http://example.com/api');
  const packet = page.getByTestId('packet');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="packet"]')?.getAttribute('data-hop')) >= 1,
  );
  await page.getByTestId('play-toggle').click();
  await expect(page.getByTestId('playback-bar')).toHaveAttribute('data-status', 'paused');
  const cardSelector = '[data-testid="graph-node"][data-id="service/default/backend-service"]';
  const before = {
    packet: await centreOf(page, '[data-testid="packet"] .packet-dot'),
    card: await centreOf(page, cardSelector),
  };
  const start = await panePoint(page);
  expect(start).toBeDefined();
  await page.mouse.move(start!.x, start!.y);
  await page.mouse.down();
  await page.mouse.move(start!.x + 120, start!.y + 70, { steps: 6 });
  await page.mouse.up();
  const after = {
    packet: await centreOf(page, '[data-testid="packet"] .packet-dot'),
    card: await centreOf(page, cardSelector),
  };
  const moved = { x: after.card.x - before.card.x, y: after.card.y - before.card.y };
  expect(Math.abs(moved.x) + Math.abs(moved.y)).toBeGreaterThan(50);
  // The packet moved exactly as the graph did: it is where it was on its way.
  expect(Math.abs(after.packet.x - before.packet.x - moved.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(after.packet.y - before.packet.y - moved.y)).toBeLessThanOrEqual(1);
  await expect(packet).toHaveAttribute('data-state', 'flying');
  // Played on after the pan, it goes on to its destination.
  await page.getByTestId('play-toggle').click();
  await expect(packet).toHaveAttribute('data-state', 'arrived', { timeout: 30_000 });
  await expect(page.getByTestId('playback-bar')).toHaveAttribute('data-status', 'finished');
});

test('a drag on the pane captures the pointer and edges are no hit targets (no page-wide hit test per move)', async ({
  app,
  page,
}) => {
  await app.open();
  const card = app.graphNode('service/default/backend-service');
  await expect(card).toBeVisible();
  const edges = await page.evaluate(() => ({
    count: document.querySelectorAll('.react-flow__edge').length,
    interactionPaths: document.querySelectorAll('.react-flow__edge-interaction').length,
    hittable: [...document.querySelectorAll('.react-flow__edge')].filter(
      (e) => getComputedStyle(e).pointerEvents !== 'none',
    ).length,
  }));
  expect(edges.count).toBeGreaterThan(10);
  expect(edges).toMatchObject({ interactionPaths: 0, hittable: 0 });
  const start = await panePoint(page);
  expect(start).toBeDefined();
  const before = await centreOf(
    page,
    '[data-testid="graph-node"][data-id="service/default/backend-service"]',
  );
  await page.mouse.move(start!.x, start!.y);
  await page.mouse.down();
  await page.mouse.move(start!.x + 60, start!.y + 40, { steps: 4 });
  const captured = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!;
    // A mouse's pointerId is 1 in Chromium.
    return [1, 2, 3].some((id) => pane.hasPointerCapture(id));
  });
  await page.mouse.move(start!.x + 120, start!.y + 70, { steps: 4 });
  await page.mouse.up();
  expect(captured).toBe(true);
  // The pan still moved the graph, and a click on a card still picks it.
  const after = await centreOf(
    page,
    '[data-testid="graph-node"][data-id="service/default/backend-service"]',
  );
  expect(Math.abs(after.x - before.x - 120)).toBeLessThanOrEqual(2);
  await card.click();
  await expect(page.getByTestId('details-panel')).toBeVisible();
});

test('zoomed out past readable, cards are drawn light; the packet path and a zoom back in keep every detail', async ({
  app,
  page,
}) => {
  await app.open();
  const graph = page.getByTestId('graph').locator('.react-flow');
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', /flying|arrived/);
  await page.evaluate(() => window.netplay!.playback.pause());
  const looks = () =>
    page.evaluate(() => {
      const look = (id: string) => {
        const card = document.querySelector(`[data-testid="graph-node"][data-id="${id}"]`)!;
        return {
          icon: getComputedStyle(card.querySelector('.graph-card-icon')!).display,
          title: getComputedStyle(card.querySelector('.graph-card-title')!).display,
        };
      };
      return {
        // database-0 is on no path from the internet to the api; the api Service is.
        off: look('pod/default/database-0'),
        on: look('service/default/backend-service'),
      };
    });
  const zoomOut = page.locator('.react-flow__controls-zoomout');
  for (let i = 0; i < 12 && (await graph.getAttribute('data-detail')) !== 'light'; i++)
    await zoomOut.click();
  await expect(graph).toHaveAttribute('data-detail', 'light');
  const light = await looks();
  expect(light.off.icon).toBe('none');
  expect(light.off.title).not.toBe('none');
  expect(light.on.icon).toBe('flex');
  await page.getByTestId('fit-button').click();
  await expect(graph).toHaveAttribute('data-detail', 'full');
  expect((await looks()).off.icon).toBe('flex');
});
