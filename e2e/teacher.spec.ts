/**
 * What a teacher hit, tried as one would: the packet follows a grouping switch, the view refits
 * when objects are added (not after a hand pan; always on a load), the details panel leaves its
 * object in sight and closes with Escape, and the CNI is chosen from the view as one undo step.
 * Each journey runs at a projector's 1280×720 and at 1920×1080, with screenshots.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, seedScenario } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const inside = (p: { x: number; y: number }, b: Box, slack = 2) =>
  p.x >= b.x - slack &&
  p.x <= b.x + b.width + slack &&
  p.y >= b.y - slack &&
  p.y <= b.y + b.height + slack;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every card and box of the graph lies inside the graph's pane (nothing cut off). */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return (
          r.left < pane.left - 1 ||
          r.top < pane.top - 1 ||
          r.right > pane.right + 1 ||
          r.bottom > pane.bottom + 1
        );
      })
      .map((n) => n.dataset.id ?? '?');
  });
}

const viewportTransform = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);

/** Appends `yaml` to the editor's text as typing would (one edit, the typing path). */
async function typeAtEnd(page: Page, yaml: string) {
  await page.evaluate((text) => {
    const editor = window.__monaco!.editor.getEditors()[0]!;
    const model = editor.getModel()!;
    const end = model.getFullModelRange().getEndPosition();
    editor.focus();
    editor.executeEdits('typing', [
      {
        range: {
          startLineNumber: end.lineNumber,
          startColumn: end.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        },
        text,
      },
    ]);
  }, yaml);
}

const deployment = (ns: string, name: string, replicas: number) => `
---
apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx}]}
`;

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  const tag = `${size.width}x${size.height}`;
  test.describe(`at ${tag}`, () => {
    test.use({ viewport: size });

    test('switching the grouping: the packet and its header card follow the new layout, at the same hop', async ({
      app,
      page,
    }) => {
      await app.open();
      await app.waitForEditor();
      await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
      await app.send('internet', 'http://example.com/api');
      const hops = await page.evaluate(() => window.netplay!.getTrace()!.hops.map((h) => h.at));
      // The ingress controller's pod: in the middle of the path, drawn in both groupings.
      const hop = hops.findIndex((at) => at.startsWith('pod/'));
      expect(hop).toBeGreaterThan(0);
      const at = hops[hop]!;
      await page.evaluate((h) => {
        window.netplay!.playback.pause();
        window.netplay!.playback.seekHop(h);
      }, hop);
      const packet = page.getByTestId('packet');
      await expect(packet).toHaveAttribute('data-hop', String(hop));
      const card = app.graphNode(at);
      await expect
        .poll(async () => inside(centre(await box(packet.locator('.packet-dot'))), await box(card)))
        .toBe(true);
      const before = await box(card);

      for (const grouping of ['namespace', 'node'] as const) {
        await page.getByTestId(`grouping-toggle-${grouping}`).click();
        await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', grouping);
        // The packet sits on its card in the new layout (the view refits meanwhile), same hop, paused.
        await expect
          .poll(
            async () => inside(centre(await box(packet.locator('.packet-dot'))), await box(card)),
            {
              timeout: 5000,
            },
          )
          .toBe(true);
        await expect(packet).toHaveAttribute('data-hop', String(hop));
        await expect(page.getByTestId('packet-header')).toBeVisible();
        const header = await box(page.getByTestId('packet-header'));
        const dot = centre(await box(packet.locator('.packet-dot')));
        // The header card rides with the packet (within a card's reach of it).
        expect(Math.abs(header.x + header.width / 2 - dot.x)).toBeLessThan(header.width);
        if (grouping === 'namespace') {
          const moved = await box(card);
          expect(Math.hypot(moved.x - before.x, moved.y - before.y)).toBeGreaterThan(20);
          await page.screenshot({ path: `${SCREENSHOTS}/teacher-grouping-${tag}.png` });
        }
      }
      // Still paused where it was: Play goes on from this hop, not from the start.
      await expect(packet).toHaveAttribute('data-hop', String(hop));
    });

    test('the view refits when an edit adds a row, not after a hand pan, and always on a load', async ({
      app,
      page,
    }) => {
      await app.open();
      await app.waitForEditor();
      await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
      await expect.poll(() => cutOff(page)).toEqual([]);

      // An edit that leaves the layout inside the view does not move it.
      const still = await viewportTransform(page);
      await typeAtEnd(page, '\n# a comment\n');
      await expect.poll(() => app.storeText()).toContain('# a comment');
      await page.waitForTimeout(600);
      expect(await viewportTransform(page)).toBe(still);

      // A new namespace with six pods: new rows, all on screen.
      await typeAtEnd(page, deployment('extra', 'worker', 6));
      await expect(app.graphNode('pod/extra/worker-5')).toBeVisible();
      await expect.poll(() => cutOff(page), { timeout: 5000 }).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/teacher-refit-${tag}.png` });

      // Panned by hand: the view is the teacher's; growth does not yank it back.
      const pane = await box(page.locator('.react-flow__pane'));
      await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height - 30);
      await page.mouse.down();
      await page.mouse.move(pane.x + pane.width / 2 + 120, pane.y + pane.height - 60, { steps: 6 });
      await page.mouse.up();
      const panned = await viewportTransform(page);
      await typeAtEnd(page, deployment('more', 'batch', 6));
      await expect(app.graphNode('pod/more/batch-5')).toBeAttached();
      await page.waitForTimeout(600);
      expect(await viewportTransform(page)).toBe(panned);

      // Loading another scenario refits whatever the hand did.
      await page.evaluate(
        (text) => window.netplay!.load(text),
        seedScenario + deployment('third', 'job', 8),
      );
      await expect(app.graphNode('pod/third/job-7')).toBeAttached();
      await expect.poll(() => cutOff(page), { timeout: 5000 }).toEqual([]);
    });

    test('the details panel leaves the pod it describes in sight, and Escape closes it', async ({
      app,
      page,
    }) => {
      await app.open();
      await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
      const panel = page.getByTestId('details-panel');
      const pods = await page
        .locator('[data-testid="graph-node"][data-id^="pod/"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
      expect(pods.length).toBeGreaterThan(3);
      let shot = false;
      for (const id of pods) {
        const card = app.graphNode(id);
        // From the keyboard: focus the card, Enter opens the details.
        await page.locator(`.react-flow__node[data-id="${id}"]`).focus();
        await page.keyboard.press('Enter');
        await expect(panel).toHaveAttribute('data-id', id);
        await expect
          .poll(async () => overlap(await box(panel), await box(card)), {
            message: `${id} under the panel`,
          })
          .toBe(false);
        const cardBox = await box(card);
        const pane = await box(page.locator('.react-flow'));
        expect(inside(centre(cardBox), pane), `${id} still on screen`).toBe(true);
        if (!shot) {
          await page.screenshot({ path: `${SCREENSHOTS}/teacher-details-${tag}.png` });
          shot = true;
        }
        await page.keyboard.press('Escape');
        await expect(panel).toHaveCount(0);
        await expect
          .poll(() =>
            page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.id),
          )
          .toBe(id);
      }
      // With the mouse: the click opens the panel and the pick menu; Escape closes the menu, then the panel.
      const last = pods.at(-1)!;
      await app.graphNode(last).click();
      await expect(panel).toHaveAttribute('data-id', last);
      await expect(page.getByTestId('pick-menu')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('pick-menu')).toHaveCount(0);
      await expect(panel).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(panel).toHaveCount(0);
      // The menu stays under its card while the view slides by itself; a hand zoom closes it.
      await app.graphNode(last).click();
      const menu = page.getByTestId('pick-menu');
      await expect(menu).toBeVisible();
      await expect
        .poll(async () => {
          const [m, c] = [await box(menu), await box(app.graphNode(last))];
          return Math.abs(m.x + m.width / 2 - (c.x + c.width / 2)) < 4 && m.y >= c.y + c.height;
        })
        .toBe(true);
      const pane = await box(page.locator('.react-flow__pane'));
      await page.mouse.move(pane.x + pane.width * 0.4, pane.y + pane.height * 0.5);
      await page.mouse.wheel(0, 120);
      await expect(menu).toHaveCount(0);
    });

    test('the CNI selector edits the Scenario document as one undo step', async ({ app, page }) => {
      await app.open();
      await app.waitForEditor();
      const select = page.getByTestId('cni-select');
      await expect(select).toHaveValue('calico');
      const original = await app.editorText();
      await select.selectOption('cilium');
      await expect.poll(() => app.editorText()).toMatch(/^cni: cilium$/m);
      expect(await app.storeText()).toBe(await app.editorText());
      await expect(select).toHaveValue('cilium');
      // Everything else untouched: one line differs.
      const changed = (await app.editorText())
        .split('\n')
        .filter((l, i) => l !== original.split('\n')[i]);
      expect(changed).toEqual(['cni: cilium']);
      await page.screenshot({ path: `${SCREENSHOTS}/teacher-cni-${tag}.png` });
      // One undo brings calico back.
      await page.evaluate(() => {
        const editor = window.__monaco!.editor.getEditors()[0]!;
        editor.focus();
        editor.trigger('test', 'undo', null);
      });
      await expect.poll(() => app.editorText()).toBe(original);
      await expect(select).toHaveValue('calico');

      // No Scenario document: the selector creates one.
      const withoutScenario = original.replace(/^apiVersion: netplay\.dev\/v1[\s\S]*?\n---\n/m, '');
      expect(withoutScenario).not.toContain('kind: Scenario');
      await page.evaluate((text) => window.netplay!.load(text), withoutScenario);
      await select.selectOption('weave');
      await expect
        .poll(() => app.editorText())
        .toContain('kind: Scenario\nmetadata: {name: scenario}\ncni: weave\n');
      await expect(select).toHaveValue('weave');
    });
  });
}
