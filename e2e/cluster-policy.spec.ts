/**
 * The tier walk as a learner sees it: the lesson "Cluster policy tiers" opens with the platform's
 * cluster-tier shields on the shop's pods, a worker's packet to the database meets "[Admin] Pass"
 * then "[NetworkPolicy] drop" in the trace, the database's shield lights with the drop. Screenshots
 * at 1920×1080 and presenting at 1280×720 go to test-results/screenshots/cluster-policy-*.png
 * (look at them: the two steps readable, the shields told apart).
 */
import { mkdirSync } from 'node:fs';
import { test, expect } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

test.use({ viewport: { width: 1920, height: 1080 } });

test('Admin Pass → NetworkPolicy drop: both steps in the trace, the cluster shield on the graph, normal and presenting', async ({
  app,
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open('/#lesson=cluster-policy-tiers');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');

  // The platform's shields, apart from the shop's own NetworkPolicy shield.
  const db = app.graphNode('pod/shop/db');
  await expect(db).toBeVisible();
  await expect(db.locator('[data-testid="cluster-shield-badge"]')).toHaveText(['Admin', 'Baseline']);
  await expect(db.locator('[data-testid="shield-badge"][data-direction="ingress"]')).toBeVisible();
  await expect(
    app.graphNode('pod/default/legacy').locator('[data-testid="cluster-shield-badge"]'),
  ).toHaveCount(0);

  // Step 1's packet: the worker to the database.
  await page.getByTestId('lesson-packet').first().click();
  await expect(page.getByTestId('trace-destination')).toHaveValue('pod/shop/db:5432');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  const policyRows = page.locator('[data-testid="trace-hop"][data-kind="policy"]');
  await expect(policyRows).toHaveCount(2);
  await expect(policyRows.nth(0)).toHaveAttribute('data-verdict', 'pass');
  await expect(policyRows.nth(0).getByTestId('hop-tier')).toHaveText(
    "[Admin] platform-admin · rule 1 'shop-decides-inside' · Pass",
  );
  await expect(policyRows.nth(1)).toHaveAttribute('data-verdict', 'drop');
  await expect(policyRows.nth(1).getByTestId('hop-tier')).toHaveText(
    '[NetworkPolicy] shop/db-from-web · no rule admits · Deny',
  );
  // The drop is the packet's last hop, at the database, whose ingress shield lights.
  await expect(page.getByTestId('trace-hop').last()).toHaveAttribute('data-verdict', 'drop');
  await expect(db).toHaveAttribute('data-shield-lit', 'drop');
  await expect(page.getByTestId('trace-drop-policy')).toHaveText('shop/db-from-web');
  await page.screenshot({ path: `${SCREENSHOTS}/cluster-policy-1920.png` });
  await policyRows.nth(0).scrollIntoViewIfNeeded();
  await page.getByTestId('trace-panel').screenshot({ path: `${SCREENSHOTS}/cluster-policy-1920-trace.png` });

  // Presenting at 1280×720: the same two steps, the cluster shield still told apart.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('theme-toggle-contrast').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await page.getByTestId('lesson-packet').first().click();
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
    timeout: 30_000,
  });
  await expect(policyRows.nth(0).getByTestId('hop-tier')).toContainText('[Admin] platform-admin');
  // The lit shield on the database names the deciding policy; the worker keeps its cluster badges.
  await expect(db.locator('[data-testid="shield-badge"][data-lit="drop"]')).toContainText('db-from-web');
  await expect(
    app.graphNode('pod/shop/worker').locator('[data-testid="cluster-shield-badge"][data-tier="Admin"]'),
  ).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/cluster-policy-presenter-1280.png` });
});
