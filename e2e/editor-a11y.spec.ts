/**
 * The editor and the graph by keyboard, and what a screen reader hears: one marker per problem
 * (the status bar counts the same), leaving Monaco with Escape-Tab (no keyboard trap), the graph
 * as one Tab stop with arrow keys inside, the verdict announced after a drop, and axe after a
 * drop in every theme. Screenshots go to test-results/screenshots/a11y-*.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, holdChunk, seedScenario, seriousViolations } from './fixtures';
import type { AppPage } from './app-page';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** Every marker on the model, whoever owns it. */
function allMarkers(page: Page) {
  return page.evaluate(() =>
    window
      .__monaco!.editor.getModelMarkers({})
      .map((m) => ({ owner: m.owner, line: m.startLineNumber, severity: Number(m.severity) }))
      .sort((a, b) => a.line - b.line),
  );
}

/**
 * Exactly one marker on the syntax error's line (the engine's), one error in all, and the status
 * bar's counts equal to the markers the editor shows.
 */
async function expectOneMarkerAt(page: Page, line: number) {
  const markers = await allMarkers(page);
  expect(markers.filter((m) => m.line === line)).toEqual([{ owner: 'netplay', line, severity: 8 }]);
  const errors = markers.filter((m) => m.severity === 8).length;
  const warnings = markers.filter((m) => m.severity === 4).length;
  expect(errors).toBe(1);
  await expect(page.getByTestId('diagnostic-counts')).toHaveText(
    `${errors} error · ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`,
  );
}

/** The 1-based line of the first line of `text` that contains `pattern`. */
function lineIn(text: string, pattern: string): number {
  return text.split('\n').findIndex((l) => l.includes(pattern)) + 1;
}

/** The seed with a compact nested mapping (a YAML syntax error) in the frontend Deployment. */
const brokenName = seedScenario.replace('name: frontend\n', 'name: frontend: oops\n');

test('one syntax error shows one marker, and the status bar counts what the editor shows', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  const errorLine = lineIn(brokenName, 'name: frontend: oops');
  // A hostPort past 65535 in another document as well: only monaco-yaml's schema checks it.
  const withTypo = brokenName.replace(
    'ports: [{containerPort: 8080}]',
    'ports: [{containerPort: 8080, hostPort: 70000}]',
  );
  const typoLine = lineIn(withTypo, 'hostPort: 70000');
  await page.evaluate((t) => window.netplay!.load(t), withTypo);
  // The schema's marker shows that monaco-yaml has checked this text too.
  await expect
    .poll(async () => (await allMarkers(page)).filter((m) => m.owner === 'yaml'))
    .toEqual([{ owner: 'yaml', line: typoLine, severity: 4 }]);
  await expectOneMarkerAt(page, errorLine);

  // The hostPort fixed: monaco-yaml's marker goes, and the syntax error is still one marker.
  await page.evaluate((t) => window.netplay!.load(t), brokenName);
  await expect
    .poll(async () => (await allMarkers(page)).filter((m) => m.owner === 'yaml'))
    .toEqual([]);
  await expectOneMarkerAt(page, errorLine);
  await expect(page.getByTestId('status-message')).toContainText(
    `line ${errorLine}: YAML syntax error`,
  );
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-one-marker.png` });
});

const editorTextarea = (page: Page) => page.getByTestId('editor').locator('textarea');
const hint = (page: Page) => page.getByTestId('editor-keyboard-hint');
const focusInEditor = (page: Page) =>
  page.evaluate(() => !!document.activeElement?.closest('[data-testid="editor"]'));

/** Tabs from the top of the page until the editor has focus (at most `limit` presses). */
async function tabIntoEditor(page: Page, limit = 40) {
  await page.locator('body').focus();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await focusInEditor(page)) return;
  }
  throw new Error(`the editor was not reached in ${limit} Tabs`);
}

test('Tab into the editor, the hint shows, Escape then Tab leaves without changing the text', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  const before = await app.editorText();
  await tabIntoEditor(page);
  await expect(hint(page)).toBeVisible();
  await expect(hint(page)).toHaveAttribute('data-state', 'indents');
  await expect(hint(page)).toContainText('Esc then Tab');
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-editor-hint.png` });

  // Escape closes Monaco's own widgets first: the exit is not armed by it.
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.monaco-editor .suggest-widget.visible')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.monaco-editor .suggest-widget.visible')).toHaveCount(0);
  await expect(hint(page)).toHaveAttribute('data-state', 'indents');

  // A second Escape arms it; Tab then moves focus on, and Shift+Tab comes back.
  await page.keyboard.press('Escape');
  await expect(hint(page)).toHaveAttribute('data-state', 'armed');
  await page.keyboard.press('Tab');
  expect(await focusInEditor(page)).toBe(false);
  await expect(hint(page)).toBeHidden();
  expect(await app.editorText()).toBe(before);
  await page.keyboard.press('Shift+Tab');
  await expect(editorTextarea(page)).toBeFocused();
  // Armed no more: Tab indents again (then Ctrl+Z puts the text back).
  await page.keyboard.press('Tab');
  expect(await focusInEditor(page)).toBe(true);
  expect(await app.editorText()).not.toBe(before);
  await page.keyboard.press('Control+z');
  expect(await app.editorText()).toBe(before);

  // Ctrl+M: Tab moves focus; 60 Tabs leave the text as it was.
  await page.keyboard.press('Control+m');
  await expect(hint(page)).toHaveAttribute('data-state', 'moves');
  for (let i = 0; i < 60; i++) await page.keyboard.press('Tab');
  expect(await app.editorText()).toBe(before);
  expect(await app.storeText()).toBe(before);
});

async function focusedCard(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.classList.contains('react-flow__node') ? (el.dataset.id ?? null) : null;
  });
}

test('the graph is one Tab stop: arrows move between cards, Enter opens one, Tab goes on to Send', async ({
  app,
  page,
}) => {
  // The keyboard navigation's chunk is held back until a card has focus: Tab must still start
  // at the first card in reading order when that chunk arrives late (a slow machine).
  const releaseNavigation = await holdChunk(page, 'card-navigation');
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  const cards = page.locator('.react-flow__node:not(.react-flow__node-network)');
  expect(await cards.count()).toBeGreaterThan(15);
  await expect(page.locator('.react-flow__node[tabindex="0"]')).toHaveCount(1);

  // Tab from the Graph tab until a card has focus: the first one in reading order, the Internet.
  await page.getByTestId('graph-tab').focus();
  let card: string | null = null;
  for (let i = 0; i < 60 && !card; i++) {
    await page.keyboard.press('Tab');
    card = await focusedCard(page);
  }
  expect(card).not.toBeNull();
  releaseNavigation();
  await expect.poll(() => focusedCard(page)).toBe('internet');

  await page.keyboard.press('ArrowRight');
  const second = await focusedCard(page);
  expect(second).not.toBeNull();
  expect(second).not.toBe('internet');
  await page.keyboard.press('ArrowLeft');
  expect(await focusedCard(page)).toBe('internet');
  await page.keyboard.press('End');
  const last = await focusedCard(page);
  expect(last).toMatch(/^pod\//);
  await page.keyboard.press('ArrowUp');
  expect(await focusedCard(page)).not.toBe(last);
  await page.keyboard.press('Home');
  expect(await focusedCard(page)).toBe('internet');
  // Still one stop, and it follows the focus.
  await expect(page.locator('.react-flow__node[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('End');
  await expect(page.locator(`.react-flow__node[data-id="${last}"]`)).toHaveAttribute(
    'tabindex',
    '0',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/a11y-graph-focus.png` });

  // Tab leaves the graph: no other card on the way to Send.
  let presses = 0;
  for (; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    expect(await focusedCard(page)).toBeNull();
    if (await page.getByTestId('send-button').evaluate((el) => el === document.activeElement))
      break;
  }
  await expect(page.getByTestId('send-button')).toBeFocused();

  // Back on a card, Enter opens its details, as a click does.
  await page.locator('.react-flow__node[data-id="pod/default/backend-0"]').focus();
  expect(await focusedCard(page)).toBe('pod/default/backend-0');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await expect(page.getByTestId('details-panel')).toContainText('backend-0');
});

const INGRESS_POLICY = '# Lets the ingress controller in';

/** The seed without the allow-ingress-to-backend policy, so the Internet's /api request drops. */
function withoutIngressPolicy(text: string): string {
  const start = text.indexOf(INGRESS_POLICY);
  const end = text.indexOf('---\n', start) + 4;
  return text.slice(0, start) + text.slice(end);
}

async function dropOnePacket(app: AppPage, page: Page) {
  await app.open();
  await app.waitForEditor();
  await page.evaluate((t) => window.netplay!.load(t), withoutIngressPolicy(seedScenario));
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await page.evaluate(() => window.netplay!.playback.setSpeed(2));
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('trace-result')).toHaveAttribute('data-flight', 'dropped', {
    timeout: 30_000,
  });
}

test('when a packet is dropped, the live region names the verdict and the deciding policy', async ({
  app,
  page,
}) => {
  await dropOnePacket(app, page);
  const region = page.getByTestId('verdict-announcement');
  await expect(region).toHaveAttribute('role', 'status');
  await expect(region).toHaveText(
    /^Denied: dropped at networkpolicy\/default\/allow-frontend-to-backend by policy default\/allow-frontend-to-backend\. backend-0 is isolated for ingress .*no rule admits/,
  );

  // On a focused card the arrows move between cards; they do not step the packet.
  await expect(page.getByTestId('playback-status')).toHaveText(/^Finished/);
  const status = await page.getByTestId('playback-status').textContent();
  await page.locator('.react-flow__node[data-id="pod/default/backend-0"]').focus();
  await page.keyboard.press('ArrowLeft');
  expect(await focusedCard(page)).not.toBe('pod/default/backend-0');
  expect(await focusedCard(page)).not.toBeNull();
  await expect(page.getByTestId('playback-status')).toHaveText(status!);
});

test.describe('accessibility after a drop: no serious or critical axe violations', () => {
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    test(theme, async ({ app, page }) => {
      await dropOnePacket(app, page);
      await page.getByTestId(`theme-toggle-${theme}`).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByTestId('trace-fix')).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/a11y-drop-${theme}.png` });
      const results = await new AxeBuilder({ page }).analyze();
      writeFileSync(
        `test-results/axe-drop-${theme}.json`,
        JSON.stringify(
          results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            targets: v.nodes.map((n) => n.target.join(' ')),
            summary: v.nodes.map((n) => n.failureSummary),
          })),
          null,
          2,
        ),
      );
      expect(seriousViolations(results.violations)).toEqual([]);
    });
  }
});
