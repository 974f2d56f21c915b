/**
 * A request through a Gateway, as a learner sends it: the full flow's Gateway twin, a listener
 * host × route path picked from the To list (the HTTP fields fill in), Send, and the packet goes
 * Internet → Gateway → route rule → Service → pod; then a redirect the Gateway answers, whose
 * answer flies back to the client. Screenshots at 1920×1080 in test-results/screenshots/gateway-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { AppPage } from './app-page';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const twin = readFileSync(new URL('../scenarios/full-flow-gateway.yaml', import.meta.url), 'utf8');
const GATEWAY = 'gateway/infra/web-gateway';
const ROUTE = 'httproute/default/webapp-route';

async function openTwin(app: AppPage, page: Page) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await page.evaluate((t) => window.netplay!.load(t), twin);
  await expect(app.graphNode(GATEWAY)).toBeVisible();
  await page.evaluate(() => window.netplay!.playback.setSpeed(2));
}

/** Picks the To list's entry for `url` through the twin's Gateway. */
async function pickGatewayUrl(page: Page, url: string) {
  await page
    .getByTestId('trace-destination-pick')
    .selectOption({ label: `${url}  (infra/web-gateway › default/webapp-route)` });
  await expect(page.getByTestId('trace-destination')).toHaveValue(url);
  await expect(page.getByTestId('trace-via')).toHaveValue(GATEWAY);
}

test('a Gateway host × path picked from the list goes Internet → Gateway → route → Service → pod', async ({
  app,
  page,
}) => {
  await openTwin(app, page);
  await page.getByTestId('trace-source').fill('internet');
  await pickGatewayUrl(page, 'http://example.com/api');
  await expect(page.getByTestId('trace-method')).toHaveValue('');
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  await expect(page.getByTestId('trace-verdict')).toContainText('HTTP 200');
  const kinds = await app
    .hops()
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
  expect(kinds[0]).toBe('client');
  // In that order: the Gateway, its route rule, the Service, the backend pod.
  const order = ['gateway', 'route', 'service', 'pod'].map((k) => kinds.indexOf(k));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(order.every((i) => i > 0)).toBe(true);
  await expect(app.hops().last()).toHaveAttribute('data-ref', /^pod\/default\/backend-\d$/);

  // The route hop: the rule that won, the rule it beat, and the request.
  const route = page.locator(`[data-testid="trace-hop"][data-kind="route"]`);
  await expect(route).toHaveAttribute('data-ref', ROUTE);
  await expect(route.locator('[data-kind="won"]')).toContainText('rule 1 wins');
  await expect(route.locator('[data-kind="beat"]')).toContainText('rule 0 (PathPrefix /)');
  await expect(route.getByTestId('hop-request')).toHaveText('GET example.com /api');

  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', {
    timeout: 30_000,
  });
  await page.screenshot({ path: `${SCREENSHOTS}/gateway-arrived.png` });
  // Back at the route hop, the packet's card shows the request the Gateway routed.
  await route.locator('button').click();
  await expect(page.getByTestId('packet-header')).toContainText('GET example.com /api');
  await page.screenshot({ path: `${SCREENSHOTS}/gateway-route-hop.png` });
});

test('a redirect is answered by the Gateway and the answer flies back to the client', async ({
  app,
  page,
}) => {
  await openTwin(app, page);
  await page.getByTestId('trace-source').fill('internet');
  await pickGatewayUrl(page, 'http://example.com/login');
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('trace-redirect')).toContainText(
    'Answered by the Gateway: 302 → http://example.com/auth',
  );
  await expect(app.hops().last()).toHaveAttribute('data-kind', 'route');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-returning', 'true', {
    timeout: 30_000,
  });
  await page.screenshot({ path: `${SCREENSHOTS}/gateway-redirect-returning.png` });
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('trace-result')).toHaveAttribute('data-flight', 'arrived');
  // The answer ended where the request started: at the Internet client.
  const packetBox = (await page.getByTestId('packet').locator('.packet-dot').boundingBox())!;
  const clientBox = (await app.graphNode('internet').boundingBox())!;
  expect(packetBox.x + packetBox.width / 2).toBeGreaterThan(clientBox.x - 1);
  expect(packetBox.x + packetBox.width / 2).toBeLessThan(clientBox.x + clientBox.width + 1);
  await page.screenshot({ path: `${SCREENSHOTS}/gateway-redirect-arrived.png` });
});

const API_V2 = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api-v2}
spec:
  parentRefs: [{name: web-gateway, namespace: infra}]
  hostnames: [example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}, method: POST, headers: [{name: Version, value: two}]}]
    backendRefs: [{name: backend-service, port: 8080}]
`;

test('a rule that needs a method and a header: the pick fills them in; without the header another rule wins', async ({
  app,
  page,
}) => {
  await openTwin(app, page);
  await page.evaluate((t) => window.netplay!.load(t), `${twin}${API_V2}`);
  await expect(app.graphNode('httproute/default/api-v2')).toBeVisible();
  await page.getByTestId('trace-source').fill('internet');
  await page.getByTestId('trace-destination-pick').selectOption({
    label: 'http://example.com/api  (infra/web-gateway › default/api-v2; POST, Version: two)',
  });
  await expect(page.getByTestId('trace-method')).toHaveValue('POST');
  await expect(page.getByTestId('trace-headers')).toHaveValue('Version: two');
  await page.getByTestId('send-button').click();
  const won = page.locator('[data-testid="trace-hop"][data-kind="route"] [data-kind="won"]');
  await expect(won).toContainText('httproute/default/api-v2 rule 0 wins');
  await expect(
    page.locator('[data-testid="trace-hop"][data-kind="route"]').getByTestId('hop-request'),
  ).toHaveText('POST example.com /api');
  await page.screenshot({ path: `${SCREENSHOTS}/gateway-method-header.png` });
  // Without the header the request no longer matches api-v2: the plain /api rule takes it.
  await page.getByTestId('trace-headers').fill('');
  await page.getByTestId('send-button').click();
  await expect(won).toContainText('httproute/default/webapp-route rule 1 wins');
});

test('behind the Gateway a NetworkPolicy drops the request: the packet bursts at the backend and the policy is named', async ({
  app,
  page,
}) => {
  await openTwin(app, page);
  // Without the policy that lets the Gateway's data plane in, backend pods admit only frontend.
  const start = twin.indexOf('# Lets the Gateway');
  const end = twin.indexOf('---', twin.indexOf('name: allow-gateway-to-backend'));
  expect(start).toBeGreaterThan(0);
  await page.evaluate((t) => window.netplay!.load(t), twin.slice(0, start) + twin.slice(end + 4));
  await expect(app.graphNode('networkpolicy/default/allow-gateway-to-backend')).toHaveCount(0);
  await page.getByTestId('trace-source').fill('internet');
  await pickGatewayUrl(page, 'http://example.com/api');
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  // The Gateway and its route passed; the backend's policy dropped the proxied request.
  await expect(page.locator('[data-testid="trace-hop"][data-kind="gateway"]')).toHaveAttribute(
    'data-verdict',
    'pass',
  );
  await expect(page.locator('[data-testid="trace-hop"][data-kind="route"]')).toHaveAttribute(
    'data-verdict',
    'pass',
  );
  const drop = app.hops().last();
  await expect(drop).toHaveAttribute('data-verdict', 'drop');
  await expect(drop).toHaveAttribute('data-ref', 'networkpolicy/default/allow-frontend-to-backend');
  await expect(drop).toContainText('infra/web-gateway-envoy-0');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('packet-drop-label')).toContainText(
    'dropped by policy default/allow-frontend-to-backend',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/gateway-policy-drop.png` });
});
