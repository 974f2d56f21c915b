/**
 * Graph journeys: the two groupings (the CNI view by node, the policy view by namespace), the
 * details of a pod on click, labels on demand, the themes, a Gateway with its HTTPRoute beside the
 * Ingress path, and an axe-core check of the main screen in every theme. Screenshots go to test-results/screenshots/graph-*.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedScenario, seriousViolations, test, expect } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const groupBox = (page: Page, id: string) =>
  page.locator(`[data-testid="group-box"][data-id="${id}"]`);

test('by node: node boxes show node IP, podCIDR and bridge; the node network links them', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'node');
  const node1 = groupBox(page, 'node/node-1');
  await expect(node1).toContainText('192.168.0.11');
  await expect(node1).toContainText('podCIDR 10.244.0.0/24');
  // The seed runs Calico: no bridge, and BGP routes between nodes.
  await expect(node1).toContainText('cali* veths');
  await expect(page.getByTestId('node-network')).toHaveAttribute('data-mode', 'underlay');
  const link = page.locator('[data-testid="node-link"][data-id="node/node-1"]');
  await expect(link).toContainText('BGP route 10.244.0.0/24');
  await expect(link).toContainText('via 192.168.0.11');
  // The ingress controller sits in its own column and says where it runs.
  await expect(app.graphNode('pod/ingress-nginx/ingress-nginx-controller-0')).toContainText(
    /on node-\d/,
  );
  // Every pod card carries its full name as a tooltip (cards truncate long names).
  await expect(app.graphNode('pod/default/backend-0')).toHaveAttribute(
    'title',
    /Pod: default\/backend-0/,
  );
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/graph-by-node.png` });
});

test('switching to "By namespace" draws namespace boxes with their labels', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await page.getByTestId('grouping-toggle-namespace').click();
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'namespace');
  const defaultBox = groupBox(page, 'namespace/default');
  await expect(defaultBox).toBeVisible();
  await expect(defaultBox).toContainText('kubernetes.io/metadata.name=default');
  await expect(groupBox(page, 'namespace/kube-system')).toBeVisible();
  // Pods moved into their namespace's box, and say which node runs them.
  await expect(app.graphNode('pod/default/backend-0')).toContainText(/10\.244\.\d+\.\d+ · node-\d/);
  await expect(groupBox(page, 'node/node-1')).toHaveCount(0);
  await expect(page.getByTestId('node-network')).toHaveCount(0);
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/graph-by-namespace.png` });
  // And back: the node boxes return.
  await page.getByTestId('grouping-toggle-node').click();
  await expect(groupBox(page, 'node/node-1')).toBeVisible();
});

const GATEWAY = `---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: example}
spec: {controllerName: example.com/gateway}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop}
spec:
  gatewayClassName: example
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: shop.example.com}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop}
spec:
  parentRefs: [{name: shop}]
  rules:
  - backendRefs: [{name: frontend-service, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: backend-service, port: 8080}]
`;

test('a Gateway and its HTTPRoute sit beside the Ingress path, with their edges and details', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await page.evaluate((t) => window.netplay!.load(t), `${seedScenario}${GATEWAY}`);
  const gateway = app.graphNode('gateway/default/shop');
  const route = app.graphNode('httproute/default/shop');
  await expect(gateway).toContainText('HTTP 80 shop.example.com');
  await expect(route).toContainText('shop');
  // The engine added the data plane: its load balancer is dashed and marked implicit.
  await expect(app.graphNode('loadbalancer/default/shop-example')).toHaveAttribute(
    'data-implicit',
    'true',
  );
  const edge = (id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);
  await expect(edge('loadbalancer/default/shop-example->gateway/default/shop')).toHaveCount(1);
  await expect(edge('gateway/default/shop->httproute/default/shop')).toHaveCount(1);
  await expect(edge('httproute/default/shop->service/default/frontend-service')).toHaveCount(1);
  await expect(edge('httproute/default/shop->service/default/backend-service')).toHaveCount(1);
  // The Ingress path is still there.
  await expect(app.graphNode('ingress/default/webapp-ingress')).toBeVisible();
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/graph-gateway.png` });

  await route.click();
  const details = page.getByTestId('details-panel');
  await expect(details).toContainText('HTTPRoute');
  await expect(details.locator('[data-testid="details-row"][data-key="rule 1"]')).toContainText(
    'PathPrefix /api → backend-service:8080',
  );
  await expect(details.locator('[data-testid="details-row"][data-key="attached"]')).toContainText(
    'gateway/default/shop (http)',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/graph-gateway-details.png` });
});

test('clicking a pod shows its IP, labels, ports and the policies isolating it', async ({
  app,
  page,
}) => {
  await app.open();
  const pod = app.graphNode('pod/default/backend-0');
  await expect(pod).toBeVisible();
  await pod.click();
  const panel = page.getByTestId('details-panel');
  await expect(panel).toHaveAttribute('data-id', 'pod/default/backend-0');
  await expect(panel.locator('[data-testid="details-row"][data-key="IP"]')).toContainText(
    /10\.244\.\d+\.\d+/,
  );
  await expect(panel.getByTestId('label-chip')).toContainText(['app=backend']);
  await expect(panel.locator('[data-testid="details-row"][data-key="ports"]')).toContainText(
    '8080',
  );
  // The seed isolates the backend for ingress: the panel says so in words, per direction.
  await expect(
    panel.locator('[data-testid="details-direction"][data-direction="ingress"]'),
  ).toHaveAttribute('data-isolated', 'true');
  await expect(
    panel.locator('[data-testid="details-direction"][data-direction="ingress"]'),
  ).toContainText('isolated by default/');
  // The card has its shield badge with the word.
  await expect(pod.locator('[data-testid="shield-badge"][data-direction="ingress"]')).toContainText(
    'ingress',
  );
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/graph-details.png` });
  // The selected card is outlined by rules that never change: a click marks the card (a new
  // style sheet per click restyled every card of a large graph).
  const sheets = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.react-flow style')].map((s) => s.textContent).join('\n'),
    );
  const outline = (id: string) =>
    page.evaluate(
      (id) =>
        getComputedStyle(document.querySelector(`[data-testid="graph-node"][data-id="${id}"]`)!)
          .outlineStyle,
      id,
    );
  expect(await outline('pod/default/backend-0')).toBe('solid');
  const rules = await sheets();

  // A Service: ClusterIP and ports.
  await app.graphNode('service/default/backend-service').click();
  await expect(panel).toHaveAttribute('data-id', 'service/default/backend-service');
  expect(await outline('service/default/backend-service')).toBe('solid');
  expect(await outline('pod/default/backend-0')).toBe('none');
  expect(await sheets()).toBe(rules);
  await expect(panel.locator('[data-testid="details-row"][data-key="ClusterIP"]')).toContainText(
    /10\.9\d\./,
  );
  await page.getByTestId('details-close').click();
  await expect(panel).toHaveCount(0);

  // From the keyboard: focus a card and press Enter.
  await page.locator('.react-flow__node[data-id="pod/default/frontend-0"]').focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-id', 'pod/default/frontend-0');
});

test('"Delete pod" puts the pod in the Scenario\'s deletedPods as one undo step; its Deployment replaces it', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  const before = await app.editorText();
  // From the keyboard (a click also opens the packet pick menu over the panel).
  await page.locator('.react-flow__node[data-id="pod/default/backend-0"]').focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('details-panel');
  await expect(panel).toHaveAttribute('data-id', 'pod/default/backend-0');
  await panel.getByTestId('details-delete-pod').click();
  await expect(app.graphNode('pod/default/backend-2')).toBeVisible();
  await expect(app.graphNode('pod/default/backend-0')).toHaveCount(0);
  expect(await app.editorText()).toContain('deletedPods: [default/backend-0]');
  expect(await app.storeText()).toBe(await app.editorText());
  // One Ctrl+Z in the editor takes it back.
  await page.getByTestId('editor').locator('.monaco-editor textarea').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.editorText()).toBe(before);
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
});

test('labels on demand: the toggle puts pod labels on the cards', async ({ app, page }) => {
  await app.open();
  const pod = app.graphNode('pod/default/frontend-0');
  await expect(pod).toBeVisible();
  await expect(pod.getByTestId('graph-node-extra')).toHaveCount(0);
  await page.getByTestId('labels-toggle').click();
  await expect(pod.getByTestId('graph-node-extra')).toContainText('app=frontend');
});

test('the dark theme switches the page, the graph and the editor', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  await app.waitForEditor();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-toggle-dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-value', 'dark');
  // Panels turn dark: the graph's background is a dark colour.
  const background = await page
    .getByTestId('graph')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r! + g! + b!).toBeLessThan(3 * 80);
  await expect(page.locator('.react-flow')).toHaveClass(/dark/);
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  await page.screenshot({ path: `${SCREENSHOTS}/graph-dark.png` });
  // The choice is kept for the next visit.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle-contrast').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/graph-presenter.png` });
});

test('presenter mode: the editor folds away (a strip brings it back), the graph fills the screen, the keys are shown', async ({
  app,
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  // A projector's screen.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open();
  await app.waitForEditor();
  const main = page.locator('main');
  await expect(main).toHaveAttribute('data-editor', 'shown');
  const narrow = (await page.getByTestId('graph').boundingBox())!.width;
  // The header toggle hides and shows the editor in any theme.
  await page.getByTestId('editor-toggle').click();
  await expect(main).toHaveAttribute('data-editor', 'hidden');
  await expect(page.getByTestId('editor')).toBeHidden();
  await page.getByTestId('editor-toggle').click();
  await expect(page.getByTestId('editor')).toBeVisible();
  // Presenting hides it by default; the graph gets the width, and is fitted larger.
  const zoomBefore = await page.evaluate(
    () => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
  );
  await page.getByTestId('theme-toggle-contrast').click();
  await expect(main).toHaveAttribute('data-editor', 'hidden');
  await expect(page.getByTestId('editor-restore')).toBeVisible();
  expect((await page.getByTestId('graph').boundingBox())!.width).toBeGreaterThan(narrow * 1.3);
  const scale = (t: string) => Number(t.match(/matrix\(([\d.]+)/)?.[1] ?? 1);
  // Fitted again to the new pane, and no smaller than beside the editor (at fit it is bound by
  // the height, which presenting gives more of).
  await expect
    .poll(async () =>
      scale(
        await page.evaluate(
          () => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform,
        ),
      ),
    )
    .toBeGreaterThan(scale(zoomBefore));
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('trace-verdict')).toBeVisible();
  await expect(page.getByTestId('key-hint')).toContainText('step');
  await expect(page.getByTestId('key-hint')).toContainText('play/pause');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', {
    timeout: 30_000,
  });
  await page.screenshot({ path: `${SCREENSHOTS}/graph-presenter-layout.png` });
  // One click brings the editor back, with the text intact.
  await page.getByTestId('editor-restore').click();
  await expect(main).toHaveAttribute('data-editor', 'shown');
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect.poll(() => app.editorText()).toBe(await app.storeText());
});

test('a folded "×N" card opens its details: the workload, the count and every pod', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  const many = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: default}',
    'spec:',
    '  replicas: 520',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}',
    '',
  ].join('\n');
  await page.evaluate((text) => window.netplay!.load(text), many);
  const cards = page.locator('[data-testid="pod-group"][data-scope="workload"]');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  const card = cards.first();
  const count = Number(await card.getAttribute('data-count'));
  expect(count).toBeGreaterThan(1);
  const id = (await card.getAttribute('data-id'))!;
  await card.click({ position: { x: 20, y: 20 } });
  const details = page.getByTestId('details-panel');
  await expect(details).toHaveAttribute('data-id', id);
  await expect(details).toHaveAttribute('data-group', 'true');
  await expect(details.locator('[data-testid="details-row"][data-key="workload"]')).toContainText(
    'deployment/default/web',
  );
  await expect(details.locator('[data-testid="details-row"][data-key="pods"]')).toContainText(
    String(count),
  );
  await expect(details.getByTestId('group-member')).toHaveCount(count);
  await expect(details.getByTestId('group-member').first()).toContainText(/^web-\d+10\.244\./);
  await expect(details.getByTestId('group-member').first()).toHaveAttribute(
    'data-id',
    /^pod\/default\/web-\d+$/,
  );
  await page.screenshot({ path: `${SCREENSHOTS}/graph-group-details.png` });
  await details.getByTestId('details-expand').click();
  await expect(page.locator(`[data-testid="pod-group"][data-id="${id}"]`)).toHaveCount(0);
});

test('a first visit follows prefers-color-scheme: dark', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test.describe('accessibility: no serious or critical axe violations on the main screen', () => {
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    test(theme, async ({ app, page }) => {
      await app.open();
      await app.waitForEditor();
      await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
      await page.getByTestId(`theme-toggle-${theme}`).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await app.graphNode('pod/default/backend-0').click();
      await expect(page.getByTestId('details-panel')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      // Every finding (any impact) is kept for the report; only serious and critical fail.
      writeFileSync(
        `test-results/axe-${theme}.json`,
        JSON.stringify(
          results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((n) => n.target.join(' ')),
          })),
          null,
          2,
        ),
      );
      const bad = seriousViolations(results.violations);
      expect(bad).toEqual([]);
    });
  }
});
