/**
 * A click on a card selects it on large graphs: the card is outlined and the edges that touch it
 * turn the focus colour, and the click changes nothing else on the edges (a new edge list per
 * click made React Flow re-run every node's and edge's selectors, B15). On the 2,000-pod graph
 * (zoomed out to the minimum, cards a few pixels high) a Service card and a folded pod card
 * are selected by a click once the view has settled.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { manyPods } from '../scripts/bench/many-pods.mjs';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** Resolves once the viewport has not moved for 400 ms (a load glides the view to fit). */
async function viewSettled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const transform = () =>
          document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform;
        let last = transform();
        let since = performance.now();
        const check = (now: number) => {
          const current = transform();
          if (current !== last) [last, since] = [current, now];
          if (now - since >= 400) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

const outlineOf = (page: Page, selector: string) =>
  page.evaluate((sel) => getComputedStyle(document.querySelector(sel)!).outlineStyle, selector);

test('a click marks the selected card and its edges, and changes nothing else on the edges', async ({
  app,
  page,
}) => {
  await app.open();
  const service = app.graphNode('service/default/backend-service');
  await expect(service).toBeVisible();
  await viewSettled(page);
  // Every attribute change under the edges from here on, but the selection mark's.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { edgeChanges: string[] }).edgeChanges = seen;
    new MutationObserver((records) => {
      for (const r of records)
        if (r.attributeName !== 'data-selected-edge')
          seen.push(`${(r.target as Element).tagName} ${r.attributeName ?? r.type}`);
    }).observe(document.querySelector('.react-flow__edges')!, {
      attributes: true,
      childList: true,
      subtree: true,
    });
  });
  await service.click();
  await expect(page.getByTestId('details-panel')).toHaveAttribute(
    'data-id',
    'service/default/backend-service',
  );
  const marked = page.locator('.react-flow__edge[data-selected-edge]');
  await expect(marked.first()).toBeAttached();
  const ends = await marked.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
  expect(ends.length).toBeGreaterThan(0);
  for (const label of ends) expect(label).toContain('service/default/backend-service');
  // Drawn in the focus colour, 3 px, above the other edges.
  const look = await marked.first().evaluate((g) => {
    const path = g.querySelector('path.react-flow__edge-path')!;
    const probe = document.createElement('div');
    probe.style.color = 'var(--focus)';
    g.closest('.react-flow')!.append(probe);
    const focus = getComputedStyle(probe).color;
    probe.remove();
    return {
      stroke: getComputedStyle(path).stroke,
      width: getComputedStyle(path).strokeWidth,
      focus,
      z: getComputedStyle(g.parentElement!).zIndex,
    };
  });
  expect(look.stroke).toBe(look.focus);
  expect(look.width).toBe('3px');
  expect(Number(look.z)).toBeGreaterThan(0);
  // Another card (the details panel closed first: it covers the right of the graph): the first
  // one's edges go back to the plain look.
  await page.getByTestId('details-close').click();
  await expect(marked).toHaveCount(0);
  await app.graphNode('pod/default/frontend-0').click();
  await expect(page.getByTestId('details-panel')).toHaveAttribute(
    'data-id',
    'pod/default/frontend-0',
  );
  for (const label of await marked.evaluateAll((gs) =>
    gs.map((g) => g.getAttribute('aria-label') ?? ''),
  ))
    expect(label).toContain('pod/default/frontend-0');
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/graph-click-edges.png` });
  expect(
    await page.evaluate(() => (window as unknown as { edgeChanges: string[] }).edgeChanges),
  ).toEqual([]);
});

test('2,000 pods: a click on a Service card and on a folded pod card selects each', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await page.evaluate((text) => window.netplay!.load(text), manyPods(2000));
  await expect(app.graphNode('service/team-1/app-21')).toBeAttached({ timeout: 30_000 });
  await viewSettled(page);
  const details = page.getByTestId('details-panel');
  for (const selector of [
    // The folded card first: a click on an object card (the Service) opens the pick menu
    // beside it, which at this zoom covers the cards around it.
    '[data-testid="pod-group"][data-id$="deployment/team-1/app-21"]',
    '[data-testid="graph-node"][data-id="service/team-1/app-21"]',
  ]) {
    const card = page.locator(selector);
    const box = (await card.boundingBox())!;
    // Zoomed out this far, a card is a few pixels high: aim where the bench does.
    expect(box.height).toBeLessThan(20);
    await page.mouse.click(box.x + box.width / 2, box.y + Math.min(12, box.height / 2));
    const id = (await card.getAttribute('data-id'))!;
    await expect(details).toHaveAttribute('data-id', id);
    expect(await outlineOf(page, selector)).toBe('solid');
  }
  await page.screenshot({ path: `${SCREENSHOTS}/graph-click-2000.png` });
});
