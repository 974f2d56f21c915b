/**
 * Presenter mode read from the back of a room, and the normal layout read at a desk. Sizes are
 * measured as the audience sees them: computed font-size × the viewport's zoom, and the
 * rendered boxes. Screenshots go to test-results/screenshots/presenter-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shownWhole } from './layout-checks';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** The graph's zoom: React Flow scales its viewport element. */
const zoomOf = (page: Page) =>
  page.evaluate(
    () =>
      new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a,
  );

interface Label {
  id: string;
  text: string;
  /** font-size × zoom: the size the audience sees. */
  screenPx: number;
  /** The rendered line box's height. */
  boxHeight: number;
  /** Cut: the text needs more room than its box shows. */
  clipped: boolean;
  visible: boolean;
}

/** The name label of each drawn place `ids` (cards' titles, node boxes' names), measured. */
function measureLabels(page: Page, ids: readonly string[]): Promise<Label[]> {
  return page.evaluate((ids) => {
    const zoom = new DOMMatrix(
      getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
    ).a;
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return ids.flatMap((id) => {
      const wrapper = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const label = wrapper?.querySelector<HTMLElement>('.graph-card-title, .graph-box-name');
      if (!label) return [];
      const box = label.getBoundingClientRect();
      return [
        {
          id,
          text: label.textContent ?? '',
          screenPx: parseFloat(getComputedStyle(label).fontSize) * zoom,
          boxHeight: box.height,
          clipped: label.scrollHeight > label.clientHeight + 1,
          visible:
            box.bottom > pane.top &&
            box.top < pane.bottom &&
            box.right > pane.left &&
            box.left < pane.right,
        },
      ];
    });
  }, ids);
}

/** The drawn places a trace's hops are at (unique, in order). */
const pathIds = (page: Page) =>
  page.evaluate(() => [...new Set(window.netplay!.getTrace()!.hops.map((h) => h.at))]);

const rectsIntersect = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Whether `inner` shows inside `outer` (both boxes of the page): whole, or at least its first
 * `lines` pixels (a long hop row may wrap below the panel; its kind and place are on top).
 */
async function inside(page: Page, inner: string, outer: string, firstPx?: number) {
  const a = (await page.locator(inner).first().boundingBox())!;
  const b = (await page.locator(outer).first().boundingBox())!;
  const shown = Math.min(a.height, firstPx ?? a.height);
  return a.y >= b.y - 1 && a.y + shown <= b.y + b.height + 1 && a.height > 0;
}

/** The trace panel shows the verdict and the current hop's first line without scrolling. */
async function expectVerdictAndCurrentHopShown(page: Page) {
  expect(await inside(page, '[data-testid="trace-verdict"]', '[data-testid="trace-panel"]')).toBe(
    true,
  );
  expect(
    await inside(
      page,
      '[data-testid="trace-hop"][data-current="true"]',
      '[data-testid="trace-panel"]',
      28,
    ),
  ).toBe(true);
}

/** Boxes of a card's badges and of the packet's stopped dot and drop label, for overlaps. */
function dropBoxes(page: Page) {
  return page.evaluate(async () => {
    const rect = (el: Element) => el.getBoundingClientRect().toJSON() as DOMRect;
    const lit = document.querySelector('[data-testid="shield-badge"][data-lit="drop"]')!;
    // The lit badge pulses (scales up twice) when the packet drops: measure it at rest.
    await Promise.all(lit.getAnimations().map((a) => a.finished));
    const card = lit.closest('[data-testid="graph-node"]')!;
    return {
      lit: rect(lit),
      card: rect(card),
      otherBadges: [...card.querySelectorAll('.graph-card-badges > *')]
        .filter((b) => b !== lit)
        .map(rect),
      dot: rect(
        document.querySelector('[data-testid="packet"][data-followed="true"] .packet-dot')!,
      ),
      label: rect(document.querySelector('[data-testid="packet-drop-label"]')!),
      titles: [...document.querySelectorAll('.graph-card-title')].map(rect),
    };
  });
}

test.describe('at a projector’s 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('presenter: every name on the packet’s path is at least 16 px on screen, the header card too; the trace shows the verdict and the current hop', async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await app.open();
    await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
    // Nothing decorative: no dot grid, no mini map.
    await expect(page.locator('.react-flow__background')).toHaveCount(0);
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await app.send('internet', 'http://example.com/api');
    await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', {
      timeout: 30_000,
    });
    const ids = await pathIds(page);
    expect(ids.length).toBeGreaterThan(4);
    // The view glides (one animation per hop); measure once it has settled.
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(0.85);
    let labels = await measureLabels(page, ids);
    // Every place on the path has a drawn name (cards and node boxes).
    expect(labels.map((l) => l.id)).toEqual(ids);
    for (const l of labels) {
      expect(l.screenPx, `${l.id} "${l.text}"`).toBeGreaterThanOrEqual(16);
      expect(l.boxHeight, `${l.id} "${l.text}"`).toBeGreaterThanOrEqual(16);
    }
    // The packet stopped at the last place: it is on screen, with its name.
    expect(labels.at(-1)!.visible).toBe(true);
    const header = page.getByTestId('packet-header');
    const headerPx = await header.evaluate((el) =>
      parseFloat(getComputedStyle(el.firstElementChild!).fontSize),
    );
    expect(headerPx * (await zoomOf(page))).toBeGreaterThanOrEqual(16);
    await expect(header).toBeInViewport();
    // The trace panel: the verdict and the current hop, without scrolling.
    await expectVerdictAndCurrentHopShown(page);
    await page.screenshot({ path: `${SCREENSHOTS}/presenter-1280-arrived.png` });

    // Back to the first hops: the view follows, names still at least 16 px, the hop on screen.
    await page.getByTestId('trace-hop').nth(1).click();
    await expect(page.locator('[data-testid="trace-hop"][data-current="true"]')).toHaveCount(1);
    await expect.poll(async () => (await measureLabels(page, [ids[0]!]))[0]!.visible).toBe(true);
    // The glide zooms out and back in on its way (a fly-to); measure once it has settled.
    await expect
      .poll(async () => Math.min(...(await measureLabels(page, ids)).map((l) => l.screenPx)))
      .toBeGreaterThanOrEqual(16);
    labels = await measureLabels(page, ids);
    for (const l of labels) expect(l.screenPx, l.id).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: `${SCREENSHOTS}/presenter-1280-start.png` });
  });

  test('presenter: a drop shows its label beside the pod and the verdict above the current hop', async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await app.open();
    await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
    await page.getByTestId('theme-toggle-contrast').click();
    await app.send('pod/default/auth-0', 'pod/default/backend-0:8080');
    await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
    const zoom = await zoomOf(page);
    const label = page.getByTestId('packet-drop-label');
    await expect(label).toBeInViewport();
    const labelPx = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(labelPx * zoom).toBeGreaterThanOrEqual(16);
    for (const l of await measureLabels(page, await pathIds(page)))
      expect(l.screenPx, l.id).toBeGreaterThanOrEqual(16);
    await expectVerdictAndCurrentHopShown(page);
    // Dropped by a NetworkPolicy: the verdict whole (not cut by a scrolling wrapper), the
    // current hop's first line under it, nothing on the graph covering anything else.
    expect(
      await shownWhole(page, '[data-testid="trace-verdict"]', '[data-testid="trace-panel"]'),
    ).toEqual({
      inside: true,
      textWhole: true,
    });
    const boxes = await dropBoxes(page);
    // The lit badge stays over its own card, beside (not over) the card's other badges.
    expect(boxes.lit.x).toBeGreaterThanOrEqual(boxes.card.x - 1);
    expect(boxes.lit.x + boxes.lit.width).toBeLessThanOrEqual(boxes.card.x + boxes.card.width + 1);
    for (const b of boxes.otherBadges) expect(rectsIntersect(boxes.lit, b)).toBe(false);
    expect(rectsIntersect(boxes.lit, boxes.dot)).toBe(false);
    expect(rectsIntersect(boxes.lit, boxes.label)).toBe(false);
    for (const t of boxes.titles) expect(rectsIntersect(boxes.label, t)).toBe(false);
    expect(rectsIntersect(boxes.label, boxes.dot)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/presenter-1280-dropped.png` });
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`${theme} at 1280×720: a screenshot to look at`, async ({ app, page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await app.open();
      await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await app.send('pod/default/auth-0', 'pod/default/backend-0:8080');
      await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
        timeout: 30_000,
      });
      await page.screenshot({ path: `${SCREENSHOTS}/presenter-1280-${theme}.png` });
    });
  }
});

test.describe('at a desk’s 1920×1080, beside the editor', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('card titles are at least 12 px and whole; a drop’s label reads, covers no pod name, and its verdict and fix show without scrolling', async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await app.open();
    await app.waitForEditor();
    await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
    const ids = await page
      .locator('[data-testid="graph-node"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));
    expect(ids.length).toBeGreaterThan(10);
    await expect
      .poll(async () => (await measureLabels(page, ids))[0]?.screenPx ?? 0)
      .toBeGreaterThanOrEqual(12);
    for (const l of await measureLabels(page, ids)) {
      expect(l.screenPx, `${l.id} "${l.text}"`).toBeGreaterThanOrEqual(12);
      // Long names wrap at their hyphens; none is cut ("webapp-ingr…").
      expect(l.clipped, `${l.id} "${l.text}" is cut`).toBe(false);
      expect(l.visible, l.id).toBe(true);
    }
    // The full name on hover (the card's title) and on focus (the whole title shows).
    await expect(app.graphNode('ingress/default/webapp-ingress')).toHaveAttribute(
      'title',
      /webapp-ingress/,
    );
    // The toolbar covers no card.
    const toolbar = (await page.getByTestId('graph-toolbar').boundingBox())!;
    const cards = await page
      .locator('[data-testid="graph-node"]')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    for (const c of cards) expect(rectsIntersect(toolbar, c)).toBe(false);

    await app.send('pod/default/auth-0', 'pod/default/backend-0:8080');
    await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
      timeout: 30_000,
    });
    const zoom = await zoomOf(page);
    const label = page.getByTestId('packet-drop-label');
    const labelPx = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(labelPx * zoom).toBeGreaterThanOrEqual(12);
    await expect(label).toBeInViewport({ ratio: 1 });
    // It covers no pod's name.
    const labelBox = (await label.boundingBox())!;
    const podTitles = await page
      .locator('[data-testid="graph-node"][data-kind="pod"] .graph-card-title')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    expect(podTitles.length).toBeGreaterThan(5);
    for (const t of podTitles) expect(rectsIntersect(labelBox, t)).toBe(false);
    // The verdict and the fix, without scrolling the trace panel.
    expect(await inside(page, '[data-testid="trace-verdict"]', '[data-testid="trace-panel"]')).toBe(
      true,
    );
    expect(await inside(page, '[data-testid="fix-apply"]', '[data-testid="trace-panel"]')).toBe(
      true,
    );
    expect(await inside(page, '[data-testid="trace-fix"]', '[data-testid="trace-panel"]')).toBe(
      true,
    );
    expect(
      await shownWhole(page, '[data-testid="trace-verdict"]', '[data-testid="trace-panel"]'),
    ).toEqual({
      inside: true,
      textWhole: true,
    });
    expect(
      await shownWhole(page, '[data-testid="trace-fix"]', '[data-testid="trace-panel"]'),
    ).toEqual({
      inside: true,
      textWhole: true,
    });
    const boxes = await dropBoxes(page);
    expect(boxes.lit.x).toBeGreaterThanOrEqual(boxes.card.x - 1);
    for (const b of boxes.otherBadges) expect(rectsIntersect(boxes.lit, b)).toBe(false);
    expect(rectsIntersect(boxes.lit, boxes.label)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/presenter-1920-normal-dropped.png` });
  });
});

test.describe('keys', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('P toggles presenter, F fits, ← → step, K plays and pauses, ? lists the keys; none fires while typing', async ({
    app,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.open();
    await app.waitForEditor();
    await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');

    // P: presenter on, and back to the theme it came from.
    await page.keyboard.press('P');
    await expect(html).toHaveAttribute('data-theme', 'contrast');
    await page.keyboard.press('p');
    await expect(html).toHaveAttribute('data-theme', 'dark');

    // Not while typing: a field, then the editor.
    await page.getByTestId('trace-source').fill('');
    await page.getByTestId('trace-source').press('p');
    await page.getByTestId('trace-source').press('f');
    await expect(page.getByTestId('trace-source')).toHaveValue('pf');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const before = await app.editorText();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('#pk?');
    await expect.poll(() => app.editorText()).toBe(`${before}#pk?`);
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('shortcuts-overlay')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => app.editorText()).toBe(before);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 200 } });

    // F: zoomed in by hand, F brings the whole cluster back.
    const fitted = await zoomOf(page);
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(fitted * 1.2);
    await page.keyboard.press('f');
    await expect.poll(() => zoomOf(page)).toBeCloseTo(fitted, 2);

    // ← → step, K plays and pauses.
    await app.send('internet', 'http://example.com/api');
    const bar = page.getByTestId('playback-bar');
    await page.keyboard.press('k');
    await expect(bar).toHaveAttribute('data-status', 'paused');
    const current = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="trace-hop"]')].findIndex(
          (row) => row.getAttribute('data-current') === 'true',
        ),
      );
    const at = await current();
    await page.keyboard.press('ArrowRight');
    await expect.poll(current).toBe(at + 1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(current).toBe(at);
    await page.keyboard.press('K');
    await expect(bar).toHaveAttribute('data-status', /playing|finished/);

    // ?: the overlay lists every key; Escape closes it (and the page keeps its state).
    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts-overlay');
    await expect(overlay).toBeVisible();
    await expect(overlay.getByTestId('shortcut')).toHaveCount(6);
    for (const words of ['Back one hop', 'Next hop', 'Play or pause', 'Fit', 'Presenter mode'])
      await expect(overlay).toContainText(words);
    await page.screenshot({ path: `${SCREENSHOTS}/presenter-1280-keys.png` });
    await page.keyboard.press('Escape');
    await expect(overlay).toHaveCount(0);
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });
});
