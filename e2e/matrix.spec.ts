import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, seedScenario } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** The seed without the NetworkPolicy documents named `names`. */
function withoutPolicies(...names: string[]): string {
  const docs = seedScenario.split(/^---\n/m);
  const kept = docs.filter(
    (doc) =>
      !(doc.includes('kind: NetworkPolicy') && names.some((n) => doc.includes(`name: ${n}\n`))),
  );
  expect(kept.length).toBe(docs.length - names.length);
  return kept.join('---\n');
}

function cell(page: Page, from: string, to: string, port = '8080/TCP') {
  return page.locator(
    `[data-testid="matrix-cell"][data-from="${from}"][data-to="${to}"][data-port="${port}"]`,
  );
}

async function openMatrix(page: Page, port = '8080/TCP') {
  await page.getByTestId('matrix-tab').click();
  await expect(page.getByTestId('matrix-view')).toBeVisible();
  await expect(page.getByTestId('matrix-view')).toHaveAttribute('data-status', 'ok');
  await page.locator(`[data-testid="matrix-port"][data-port="${port}"]`).click();
  await expect(page.locator(`[data-testid="matrix-port"][data-port="${port}"]`)).toHaveAttribute(
    'aria-checked',
    'true',
  );
}

test('the matrix of the seed: frontend reaches backend on 8080, the database does not', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await openMatrix(page);
  await expect(page.getByTestId('matrix-view')).toHaveAttribute('data-mode', 'pods');
  const allowed = cell(page, 'default/frontend-0', 'default/backend-0');
  await expect(allowed).toHaveAttribute('data-verdict', 'allow');
  await expect(allowed).toHaveAttribute('data-changed', 'no');
  await expect(allowed).toContainText('.');
  const denied = cell(page, 'default/database-0', 'default/backend-0');
  await expect(denied).toHaveAttribute('data-verdict', 'deny');
  await expect(denied).toContainText('X');
  // Every running pod is a row and a column, with a port picker for every port class.
  const pods = await page
    .locator('[data-testid="matrix-cell"][data-from="default/auth-0"]')
    .count();
  expect(await page.getByTestId('matrix-cell').count()).toBe(pods * pods);
  const ports = await page
    .locator('[data-testid="matrix-port"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-port')));
  expect(ports).toEqual(
    expect.arrayContaining(['53/TCP', '53/UDP', '80/TCP', '3306/TCP', '8080/TCP']),
  );
  await expect(page.getByTestId('matrix-legend')).toContainText('newly blocked');
  await page.getByTestId('matrix-view').screenshot({ path: `${SCREENSHOTS}/matrix-seed.png` });
});

test('editing the YAML marks the cells it changed: newly blocked, then newly allowed', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  await openMatrix(page);
  await expect(cell(page, 'default/frontend-0', 'default/backend-0')).toHaveAttribute(
    'data-verdict',
    'allow',
  );
  const setText = (text: string) =>
    page.evaluate((t) => window.__monaco!.editor.getModels()[0]!.setValue(t), text);

  // Without allow-frontend-to-backend, only the ingress controller may reach the backend.
  await setText(withoutPolicies('allow-frontend-to-backend'));
  const frontend = cell(page, 'default/frontend-0', 'default/backend-0');
  await expect(frontend).toHaveAttribute('data-changed', 'newly-blocked');
  await expect(frontend).toHaveAttribute('data-verdict', 'deny');
  await expect(cell(page, 'default/database-0', 'default/backend-0')).toHaveAttribute(
    'data-changed',
    'no',
  );
  await expect(
    cell(page, 'ingress-nginx/ingress-nginx-controller-0', 'default/backend-0'),
  ).toHaveAttribute('data-verdict', 'allow');

  // Without any ingress policy on the backend, it is open again: to the database too.
  await setText(withoutPolicies('allow-frontend-to-backend', 'allow-ingress-to-backend'));
  const database = cell(page, 'default/database-0', 'default/backend-0');
  await expect(database).toHaveAttribute('data-changed', 'newly-allowed');
  await expect(database).toHaveAttribute('data-verdict', 'allow');
  await expect(frontend).toHaveAttribute('data-changed', 'newly-allowed');
  // The controller could reach the backend before and still can: unchanged.
  await expect(
    cell(page, 'ingress-nginx/ingress-nginx-controller-0', 'default/backend-0'),
  ).toHaveAttribute('data-changed', 'no');
  await expect(page.locator('[data-testid="matrix-port"][data-port="8080/TCP"]')).toContainText(
    'changed',
  );
  await page.getByTestId('matrix-view').screenshot({ path: `${SCREENSHOTS}/matrix-changed.png` });
});

test('clicking a cell sends that packet and the trace panel answers', async ({ app, page }) => {
  await app.open();
  await openMatrix(page);
  await cell(page, 'default/database-0', 'default/backend-0').click();
  await expect(page.getByTestId('trace-source')).toHaveValue('pod/default/database-0');
  await expect(page.getByTestId('trace-destination')).toHaveValue('pod/default/backend-0:8080/TCP');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  await expect(page.locator('[data-testid="trace-hop"][data-verdict="drop"]')).toHaveCount(1);
  await expect(page.getByTestId('matrix-view')).toBeVisible();

  await cell(page, 'default/frontend-0', 'default/backend-0').click();
  await expect(page.getByTestId('trace-source')).toHaveValue('pod/default/frontend-0');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  await page.screenshot({ path: `${SCREENSHOTS}/matrix-click.png` });

  // Back to the graph: it was kept underneath.
  await page.getByTestId('graph-tab').click();
  await expect(page.getByTestId('matrix-view')).toHaveCount(0);
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
});

test('a 150-pod cluster is drawn per pod class, with a note, never one cell per pod pair', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  // 15 Deployments of 10 pods: pods of one Deployment share labels, so they share a class.
  const deployments = Array.from(
    { length: 15 },
    (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: 10
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata:
      labels: {app: app-${i}, tier: t${i % 3}}
    spec:
      containers:
        - name: c
          image: nginx
          ports: [{containerPort: 80}]
`,
  );
  const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: tier0-only
spec:
  podSelector: {matchLabels: {tier: t0}}
  ingress:
    - from: [{podSelector: {matchLabels: {tier: t0}}}]
`;
  await page.evaluate((text) => window.netplay!.load(text), [...deployments, policy].join('---\n'));
  await openMatrix(page, '80/TCP');
  const view = page.getByTestId('matrix-view');
  await expect(view).toHaveAttribute('data-mode', 'classes');
  await expect(page.getByTestId('matrix-notes')).toContainText('one row and column per pod class');
  const cells = await page.getByTestId('matrix-cell').count();
  expect(cells).toBeLessThanOrEqual(50 * 50);
  expect(cells).toBeGreaterThan(0);
  // The policy reads only `tier`: one class per tier, named after its first pod (app-0-0 for t0,
  // app-1-0 for t1, app-11-0 for t2). Tier t1 may not reach t0; t0 pods reach each other; t1
  // is not isolated.
  const classRow = page.locator('[data-testid="matrix-cell"][data-to="default/app-0-0"]');
  expect(await classRow.count()).toBeLessThan(10);
  await expect(cell(page, 'default/app-1-0', 'default/app-0-0', '80/TCP')).toHaveAttribute(
    'data-verdict',
    'deny',
  );
  await expect(cell(page, 'default/app-0-0', 'default/app-0-0', '80/TCP')).toHaveAttribute(
    'data-verdict',
    'allow',
  );
  await expect(cell(page, 'default/app-11-0', 'default/app-1-0', '80/TCP')).toHaveAttribute(
    'data-verdict',
    'allow',
  );
  await view.screenshot({ path: `${SCREENSHOTS}/matrix-classes.png` });
});
