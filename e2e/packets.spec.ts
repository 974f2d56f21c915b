/**
 * "See the packet": picking endpoints, the flight hop by hop with its header card, playback
 * controls synchronised with the event list, a drop lighting up the policy in the editor, the
 * suggested fix applied as one undoable edit, and "Send 10" showing load balancing.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, holdChunk, seedScenario } from './fixtures';
import type { AppPage } from './app-page';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const POLICY_START = '# Lets the ingress controller in';

/** The seed without the allow-ingress-to-backend policy (its comment up to the next `---`). */
function withoutIngressPolicy(text: string): string {
  const start = text.indexOf(POLICY_START);
  const end = text.indexOf('---\n', start) + 4;
  return text.slice(0, start) + text.slice(end);
}

async function openFast(app: AppPage, page: Page) {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  // Twice as fast: the journeys wait for whole flights.
  await page.evaluate(() => window.netplay!.playback.setSpeed(2));
}

const packet = (page: Page) => page.getByTestId('packet');

/** A close-up screenshot around one graph object (its badges and the packet's labels). */
async function closeUp(page: Page, target: Locator, name: string) {
  const box = (await target.boundingBox())!;
  await page.screenshot({
    path: `${SCREENSHOTS}/packets-${name}.png`,
    clip: { x: Math.max(0, box.x - 260), y: Math.max(0, box.y - 60), width: 520, height: 180 },
  });
}
const currentRow = (page: Page) => page.locator('[data-testid="trace-hop"][data-current="true"]');
const currentIndex = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="trace-hop"]')].findIndex(
      (row) => row.getAttribute('data-current') === 'true',
    ),
  );
const packetTransform = (page: Page) =>
  packet(page).evaluate((el) => getComputedStyle(el).transform);

test('Internet → http://example.com/api reaches a backend pod, the event list follows the packet', async ({
  app,
  page,
}) => {
  await openFast(app, page);
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  const kinds = await app
    .hops()
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
  // Internet → LB → node → controller pod → ingress → service → backend pod.
  expect(kinds[0]).toBe('client');
  expect(kinds).toEqual(
    expect.arrayContaining(['loadbalancer', 'node', 'ingress-controller', 'ingress', 'service']),
  );
  expect(kinds.at(-1)).toBe('pod');
  await expect(app.hops().last()).toHaveAttribute('data-ref', /^pod\/default\/backend-\d$/);
  // The rewrites are spelled out in the rows: the NodePort DNAT and the SNAT to the node.
  await expect(page.getByTestId('hop-rewrite').first()).toContainText('DNAT');
  // Mid-flight, a row is marked as the packet's hop and the header card shows addresses.
  await expect(currentRow(page)).toHaveCount(1);
  await expect(page.getByTestId('packet-header')).toContainText('→');
  await expect(packet(page)).toHaveAttribute('data-state', 'arrived', { timeout: 30_000 });
  await expect(page.getByTestId('playback-bar')).toHaveAttribute('data-status', 'finished');
  expect(await currentIndex(page)).toBe(kinds.length - 1);
  await expect(page.getByTestId('packet-header')).toContainText(/:8080 TCP/);
  await page.screenshot({ path: `${SCREENSHOTS}/packets-arrived.png` });
});

test('a packet paused mid-flight shows its header card on a curved leg', async ({ app, page }) => {
  await openFast(app, page);
  await page.evaluate(() => window.netplay!.playback.setSpeed(1));
  await app.send('internet', 'http://example.com/api');
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="packet"]')?.getAttribute('data-hop')) >= 1,
  );
  await page.getByTestId('play-toggle').click();
  await expect(page.getByTestId('playback-bar')).toHaveAttribute('data-status', 'paused');
  const at = await packetTransform(page);
  await page.waitForTimeout(400);
  // Paused means paused: the packet stays put.
  expect(await packetTransform(page)).toBe(at);
  await expect(page.getByTestId('playback-status')).toContainText('Paused');
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/packets-paused.png` });
  await page.getByTestId('play-toggle').click();
  await expect(page.getByTestId('playback-bar')).toHaveAttribute('data-status', /playing|finished/);
});

test('without allow-ingress-to-backend the packet drops at the backend pod; the policy lights up in the editor; step back and forward', async ({
  app,
  page,
}) => {
  await openFast(app, page);
  await app.waitForEditor();
  const broken = withoutIngressPolicy(seedScenario);
  await page.evaluate((text) => window.netplay!.load(text), broken);
  await expect.poll(() => app.editorText()).toBe(broken);
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  await expect(page.getByTestId('trace-drop-policy')).toContainText('allow-frontend-to-backend');
  const drop = page.locator('[data-testid="trace-hop"][data-verdict="drop"]');
  await expect(drop).toHaveCount(1);
  await expect(drop).toHaveAttribute('data-kind', 'policy');
  await expect(packet(page)).toHaveAttribute('data-state', 'dropped', { timeout: 30_000 });
  await expect(page.getByTestId('packet-drop-label')).toContainText('allow-frontend-to-backend');
  await expect(drop).toHaveAttribute('data-current', 'true');
  // The graph lights the deciding pod's ingress shield: ✗, "denied" and the policy name.
  const litDrop = page.locator('[data-testid="shield-badge"][data-lit="drop"]');
  await expect(litDrop).toHaveCount(1);
  await expect(litDrop).toHaveAttribute('data-direction', 'ingress');
  await expect(litDrop).toContainText('ingress denied');
  await expect(litDrop.getByTestId('shield-policy')).toContainText('allow-frontend-to-backend');
  await expect(page.locator('[data-testid="graph-node"][data-shield-lit="drop"]')).toHaveAttribute(
    'data-id',
    /^pod\/default\/backend-\d$/,
  );
  await closeUp(
    page,
    page.locator('[data-testid="graph-node"][data-shield-lit="drop"]'),
    'shield-drop',
  );

  // The editor lights the policy's document and its ingress rules: exactly those lines.
  const editor = page.getByTestId('editor');
  await expect(editor).toHaveAttribute(
    'data-highlight-policies',
    'default/allow-frontend-to-backend:drop',
  );
  const docStart = (await app.lineOf('name: allow-frontend-to-backend')) - 3;
  const lines = broken.split('\n');
  const docEnd = lines.indexOf('---', docStart); // 0-based index of the separator = last line (1-based)
  await expect(editor).toHaveAttribute('data-highlight-documents', `${docStart}-${docEnd}`);
  const ingress = lines.indexOf('  ingress:', docStart) + 1;
  await expect(editor).toHaveAttribute('data-highlight-rules', `${ingress}-${docEnd}`);
  const decorated = await page.evaluate(() =>
    window
      .__monaco!.editor.getModels()[0]!
      .getAllDecorations()
      .filter((d) => d.options.className?.includes('netplay-policy-rule'))
      .map((d) => [d.range.startLineNumber, d.range.endLineNumber]),
  );
  expect(decorated).toEqual([[ingress, docEnd]]);
  await expect(page.locator('.view-lines .netplay-policy-note').first()).toContainText(
    'no rule admits',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/packets-dropped.png` });

  // Step back: the current row and the packet move back one hop; forward again: back at the drop.
  const dropIndex = await currentIndex(page);
  const atDrop = await packetTransform(page);
  await page.getByTestId('step-back').click();
  await expect.poll(() => currentIndex(page)).toBe(dropIndex - 1);
  await page.getByTestId('step-back').click();
  await expect.poll(() => currentIndex(page)).toBe(dropIndex - 2);
  await expect(page.getByTestId('playback-bar')).toHaveAttribute('data-status', 'paused');
  await expect(packet(page)).toHaveAttribute('data-state', 'flying');
  expect(await packetTransform(page)).not.toBe(atDrop);
  await expect(page.getByTestId('packet-drop-label')).toHaveText('');
  // Before the drop, the shield is not lit.
  await expect(litDrop).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/packets-stepped-back.png` });
  await page.getByTestId('step-forward').click();
  await page.getByTestId('step-forward').click();
  await expect.poll(() => currentIndex(page)).toBe(dropIndex);
  await expect(packet(page)).toHaveAttribute('data-state', 'dropped');
  // A click on a row jumps there.
  await app.hops().nth(1).click();
  await expect.poll(() => currentIndex(page)).toBe(1);
  // Presenters step with the keyboard.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => currentIndex(page)).toBe(2);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => currentIndex(page)).toBe(1);
});

test('Apply fix edits the policy as one undoable edit, the packet then passes; Ctrl+Z restores the text', async ({
  app,
  page,
}) => {
  await openFast(app, page);
  await app.waitForEditor();
  const broken = withoutIngressPolicy(seedScenario);
  await page.evaluate((text) => window.netplay!.load(text), broken);
  await expect.poll(() => app.editorText()).toBe(broken);
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  await expect(page.getByTestId('trace-fix')).toContainText('allow-frontend-to-backend');
  await page.getByTestId('fix-apply').click();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  const fixed = await app.editorText();
  expect(fixed).not.toBe(broken);
  expect(fixed).toContain('app.kubernetes.io/name: ingress-nginx');
  expect(await app.storeText()).toBe(fixed);
  await expect(packet(page)).toHaveAttribute('data-state', 'arrived', { timeout: 30_000 });
  await expect(page.getByTestId('editor')).toHaveAttribute(
    'data-highlight-policies',
    'default/allow-frontend-to-backend:pass',
  );
  // The next send cleared the red shield; the pass lights it softly with ✓ and the policy.
  await expect(page.locator('[data-testid="shield-badge"][data-lit="drop"]')).toHaveCount(0);
  const litPass = page.locator('[data-testid="shield-badge"][data-lit="pass"]');
  await expect(litPass).toHaveCount(1);
  await expect(litPass).toContainText('ingress allowed');
  await expect(litPass).toContainText('allow-frontend-to-backend');
  await closeUp(
    page,
    page.locator('[data-testid="graph-node"][data-shield-lit="pass"]'),
    'shield-pass',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/packets-fixed.png` });
  // One Ctrl+Z undoes the whole fix.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.editorText()).toBe(broken);
  await expect.poll(() => app.storeText()).toBe(broken);
});

test('Send 10 spreads the packets over both backend pods; with ClientIP affinity they all go to one', async ({
  app,
  page,
}) => {
  await openFast(app, page);
  await page.getByTestId('trace-source').fill('pod/default/frontend-0');
  await page.getByTestId('trace-destination').fill('service/default/backend-service:8080');
  await page.getByTestId('send-many-button').click();
  const spread = page.getByTestId('packet-spread');
  await expect(spread).toContainText('10 packets');
  await expect(spread.locator('[data-target="default/backend-0"]')).toHaveCount(1);
  await expect(spread.locator('[data-target="default/backend-1"]')).toHaveCount(1);
  await expect(page.getByTestId('packet-more')).toHaveCount(9);
  expect(await page.evaluate(() => window.netplay!.getTraces().length)).toBe(10);
  // Mid-flight: several packets on screen at once.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="packet-more"]')].filter(
        (el) => (el as HTMLElement).style.visibility === 'visible',
      ).length >= 3,
  );
  await page.getByTestId('play-toggle').click();
  // Every packet's path is drawn: the followed one bold, the others dotted.
  await expect(page.locator('[data-on-path="true"]').first()).toBeAttached();
  expect(await page.locator('[data-on-path="other"]').count()).toBeGreaterThan(0);
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/packets-send10.png` });

  // The event list follows a chosen packet; its dot carries the header card.
  const select = page.getByTestId('packet-select');
  await expect(select.locator('option')).toHaveCount(10);
  const traces = await page.evaluate(() =>
    window.netplay!.getTraces().map((t) => t.hops.at(-1)?.ref),
  );
  const other = traces.findIndex((ref) => ref !== traces[0]);
  expect(other).toBeGreaterThan(0);
  await expect(select.locator('option').nth(other)).toContainText(
    `packet ${other + 1} ✓ ${traces[other]!.replace('pod/', '')}`,
  );
  await select.selectOption(String(other));
  await expect(app.hops().last()).toHaveAttribute('data-ref', traces[other]!);
  await expect(packet(page)).toHaveAttribute('data-index', String(other));
  await expect(page.getByTestId('packet-header')).toHaveCount(1);
  await expect(packet(page)).toHaveAttribute('data-state', 'arrived', { timeout: 30_000 });
  await expect(page.getByTestId('packet-header')).toContainText(/:8080 TCP/);
  await page.screenshot({ path: `${SCREENSHOTS}/packets-send10-selected.png` });

  const sticky = seedScenario.replace(
    'selector: {app: backend}\n',
    'selector: {app: backend}\n  sessionAffinity: ClientIP\n',
  );
  expect(sticky).not.toBe(seedScenario);
  await page.evaluate((text) => window.netplay!.load(text), sticky);
  await page.getByTestId('send-many-button').click();
  await expect(spread.locator('[data-count="10"]')).toHaveCount(1);
  await expect(spread).toContainText('same place');
});

test('source and destination picked by clicking graph nodes', async ({ app, page }) => {
  await openFast(app, page);
  await app.graphNode('pod/default/frontend-0').click();
  await expect(page.getByTestId('pick-menu')).toHaveAttribute('data-id', 'pod/default/frontend-0');
  await page.screenshot({ path: `${SCREENSHOTS}/packets-pick-menu.png` });
  await page.getByTestId('pick-source').click();
  await expect(page.getByTestId('pick-menu')).toHaveCount(0);
  await expect(page.getByTestId('trace-source')).toHaveValue('pod/default/frontend-0');
  await app.graphNode('service/default/backend-service').click();
  // A Service is not a client: the menu says so instead of offering it as a source.
  await expect(page.getByTestId('pick-source')).toBeDisabled();
  await page.getByTestId('pick-destination').click();
  await expect(page.getByTestId('trace-destination')).toHaveValue(
    'service/default/backend-service:8080',
  );
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  await expect(app.hops().first()).toHaveAttribute('data-ref', 'pod/default/frontend-0');
  await expect(packet(page)).toHaveAttribute('data-state', 'arrived', { timeout: 30_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/packets-picked.png` });
});

test('a card clicked while the pick menu is loading, or in the moment it mounts, opens the menu', async ({
  app,
  page,
}) => {
  // The menu lives in the lazy packet layer: hold its code back to click before and as it arrives.
  const release = await holdChunk(page, 'packet-layer');
  await app.open();
  const card = app.graphNode('pod/default/frontend-0');
  await expect(card).toBeVisible();
  await card.click();
  await expect(page.getByTestId('pick-menu')).toHaveCount(0);
  // As the layer mounts (its first packet element is in the DOM, its effects not yet run), a click
  // on another card: the menu must open on that one.
  await page.evaluate(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="packet"]')) return;
      observer.disconnect();
      document
        .querySelector('[data-testid="graph-node"][data-id="pod/default/backend-0"]')!
        .dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }).observe(document.body, { childList: true, subtree: true });
  });
  release();
  await expect(page.getByTestId('pick-menu')).toHaveAttribute('data-id', 'pod/default/backend-0');
  await page.getByTestId('pick-source').click();
  await expect(page.getByTestId('trace-source')).toHaveValue('pod/default/backend-0');
});

test('bad input: a pod that is not in the YAML, and Send pressed twice fast', async ({
  app,
  page,
}) => {
  await openFast(app, page);
  await page.getByTestId('trace-source').fill('pod/default/gone-0');
  await page.getByTestId('trace-destination').fill('service/default/backend-service:8080');
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('trace-error')).toContainText('gone-0');
  await expect(packet(page)).toHaveAttribute('data-state', 'idle');
  // Twice, fast, through the API (the button is disabled while the engine works): both answer.
  const verdicts = await page.evaluate(async () => {
    const a = window.netplay!.send('internet', 'http://example.com/api');
    const b = window.netplay!.send('internet', 'http://example.com/auth');
    return [(await a)?.to, (await b)?.to];
  });
  expect(verdicts[1]).toBe('http://example.com/auth');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  expect(await page.evaluate(() => window.netplay!.getTrace()?.to)).toBe('http://example.com/auth');
});
