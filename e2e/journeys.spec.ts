import { mkdirSync } from 'node:fs';
import { test, expect, seedScenario, watchPage } from './fixtures';
import { AppPage } from './app-page';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

test('opens on the full-flow scenario with its cluster drawn', async ({ app, page }) => {
  await app.open();
  await expect(app.graphNode('ingress/default/webapp-ingress')).toBeVisible();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await expect(app.graphNode('internet')).toBeVisible();
  // The engine adds the ingress controller the seed's Ingress needs, and the graph says so.
  const controller = app.graphNode('pod/ingress-nginx/ingress-nginx-controller-0');
  await expect(controller).toBeVisible();
  await expect(controller).toHaveAttribute('data-implicit', 'true');
  await expect(controller).toContainText('implicit');
  // Pods sit in their node's box, labelled with the node IP and podCIDR.
  await expect(app.nodeGroup('node/node-1')).toContainText('192.168.0.11');
  await expect(app.nodeGroup('node/node-1')).toContainText('10.244.0.0/24');
  // A packet is ready to send: Internet → http://example.com/api.
  await expect(page.getByTestId('trace-source')).toHaveValue('internet');
  await expect(page.getByTestId('trace-destination')).toHaveValue('http://example.com/api');
  await app.waitForEditor();
  expect(await app.editorText()).toBe(seedScenario);
  await page.screenshot({ path: `${SCREENSHOTS}/default-scenario.png` });
});

test('typing in the editor changes the graph: backend replicas 2 → 3 adds backend-2', async ({
  app,
}) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-1')).toBeVisible();
  await expect(app.graphNode('pod/default/backend-2')).toHaveCount(0);
  const line = (await app.lineOf('name: backend', 0)) + 2; // `replicas: 2` of the backend Deployment
  expect((await app.editorText()).split('\n')[line - 1]).toContain('replicas: 2');
  await app.selectOnLine(line, '2');
  await app.page.keyboard.type('3');
  await expect(app.graphNode('pod/default/backend-2')).toBeVisible();
  expect(await app.storeText()).toContain('replicas: 3');
});

test('a packet from the Internet to http://example.com/api reaches the backend, hop by hop', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await app.send();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  await expect(page.getByTestId('trace-verdict')).toContainText(/default\/backend-\d/);
  const hops = app.hops();
  expect(await hops.count()).toBeGreaterThan(3);
  await expect(hops.first()).toBeVisible();
  await expect(page.locator('[data-testid="trace-hop"][data-verdict="drop"]')).toHaveCount(0);
  await expect(
    page.locator('[data-testid="trace-hop"][data-ref="ingress/default/webapp-ingress"]'),
  ).toHaveCount(1);
  await expect(
    page.locator('[data-testid="trace-hop"][data-ref^="pod/default/backend-"]').first(),
  ).toBeVisible();
  // The packet flies along highlighted edges and arrives.
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', {
    timeout: 30_000,
  });
  expect(await page.locator('[data-on-path="true"]').count()).toBeGreaterThan(0);
});

test('after deleting allow-ingress-to-backend, the same packet is dropped and the policy named', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  // Select the whole policy document, from its comment to the next `---`, and delete it.
  const start = await app.lineOf('# Lets the ingress controller in');
  const lines = (await app.editorText()).split('\n');
  const end = lines.indexOf('---', start) + 1; // the separator after it (1-based)
  expect(end).toBeGreaterThan(start);
  await app.select(start, 1, end + 1, 1);
  await page.keyboard.press('Delete');
  await expect.poll(() => app.storeText()).not.toContain('allow-ingress-to-backend');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
  await app.send();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  await expect(page.getByTestId('trace-drop-policy')).toContainText('allow-frontend-to-backend');
  await expect(page.locator('[data-testid="trace-hop"][data-verdict="drop"]')).toHaveCount(1);
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'dropped', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('packet-drop-label')).toContainText('allow-frontend-to-backend');
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/packet-dropped.png` });
  await page.screenshot({ path: `${SCREENSHOTS}/trace-dropped.png` });
});

test('a packet in flight (paused half-way) for the screenshot', async ({ app, page }) => {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await page.getByTestId('send-button').click();
  // Pause every animation once the packet has passed a few hops.
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="packet"]')?.getAttribute('data-hop')) >= 3,
  );
  await page.evaluate(() => document.getAnimations().forEach((a) => a.pause()));
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'flying');
  await expect(page.getByTestId('packet-header')).toContainText('→');
  await page.getByTestId('graph').screenshot({ path: `${SCREENSHOTS}/packet-in-flight.png` });
});

test('a share link opened in a new page restores the text exactly', async ({
  app,
  page,
  context,
}) => {
  await app.open();
  await app.waitForEditor();
  const edited = `${seedScenario}---\n# shared note: café ☸ \u2014 "quotes" & <tags>\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n`;
  await page.evaluate((text) => window.netplay!.load(text), edited);
  await expect.poll(() => app.editorText()).toBe(edited);
  await page.getByTestId('share-button').click();
  await expect(page).toHaveURL(/#s=2\./);
  const url = page.url();
  expect(url).toBe(await page.evaluate(() => window.netplay!.shareLink()));

  const other = await context.newPage();
  const problems = watchPage(other);
  const second = new AppPage(other);
  await second.open(url);
  await second.waitForEditor();
  expect(await second.editorText()).toBe(edited);
  expect(await second.storeText()).toBe(edited);
  await expect(other.locator('[data-testid="banner"][data-kind="error"]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test.describe('a corrupt share link shows a message and the default scenario', () => {
  for (const [name, fragment] of [
    ['bad base64', '#s=1.%%%not-base64'],
    ['bad deflate', '#s=1.AAAAAAAAAAAA'],
    ['bad base64 (format 2)', '#s=2.%%%not-base64'],
    ['bad deflate (format 2)', '#s=2.AAAAAAAAAAAA'],
    ['unknown version', '#s=7.abc'],
  ] as const) {
    test(name, async ({ app, page }) => {
      await app.open(`/${fragment}`);
      await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'error');
      await expect(page.getByTestId('banner')).toContainText('default scenario');
      await expect(app.graphNode('service/default/backend-service')).toBeVisible();
      expect(await app.storeText()).toBe(seedScenario);
    });
  }
});

test('a YAML syntax error is marked at its line, the last good graph stays, the text is kept', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/frontend-0')).toBeVisible();
  const line = await app.lineOf('name: frontend', 0);
  await app.selectOnLine(line, 'frontend');
  // One edit, not one keystroke at a time: typed, every prefix (`name: fro`, ...) is valid YAML
  // that renames the Deployment, and a stall mid-word longer than the engine's debounce (a busy
  // machine) gets that prefix analysed, so the last good graph is fro-0's, not frontend-0's.
  // This test is about the syntax error; typing itself is covered by the replicas test above.
  // (No brackets: Monaco would auto-close them.) A compact nested mapping is a syntax error.
  await page.keyboard.insertText('frontend: oops');
  await expect.poll(() => app.storeText()).toContain('name: frontend: oops');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'held');
  await expect(page.getByTestId('status-message')).toContainText(/YAML/i);
  await expect
    .poll(async () =>
      (await app.markers()).some((m) => m.severity === 8 && Math.abs(m.line - line) <= 1),
    )
    .toBe(true);
  // The graph still shows what the last good text described.
  await expect(app.graphNode('pod/default/frontend-0')).toBeVisible();
  await expect(app.graphNode('ingress/default/webapp-ingress')).toBeVisible();
  expect(await app.storeText()).toContain('name: frontend: oops');
  expect(await app.editorText()).toContain('name: frontend: oops');
  await page.screenshot({ path: `${SCREENSHOTS}/yaml-error.png` });
});

test('an empty document shows an empty-state message', async ({ app, page }) => {
  await app.open();
  await page.evaluate(() => window.netplay!.load(''));
  await expect(page.getByTestId('graph-empty')).toBeVisible();
});

test('an unknown kind is a quiet note, not an error', async ({ app, page }) => {
  await app.open();
  await page.evaluate(
    (seed) =>
      window.netplay!.load(
        `${seed}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n`,
      ),
    seedScenario,
  );
  await expect(page.getByTestId('status-notes')).toContainText('ConfigMap');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
});

test('a 5 MB paste is refused with a message and the page stays responsive', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await page.evaluate(() => {
    const big = `# padding\n${'x'.repeat(5.5 * 1024 * 1024)}\n`;
    void window.netplay!.load(big);
  });
  await expect(page.getByTestId('status-message')).toContainText('MB', { timeout: 30_000 });
  // The last good graph stays, and the page still answers.
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
});

test('the editor checks Kubernetes fields against a schema (no schema is fetched)', async ({
  app,
  page,
}) => {
  await app.open();
  await app.waitForEditor();
  // A hostPort past 65535: the schema's check (the engine does not read hostPort's range; where
  // the engine reports a field itself, its marker is the one shown: merge-problems.ts).
  const line = await app.lineOf('containerPort: 8080');
  const text = (await app.editorText()).replace(
    'ports: [{containerPort: 8080}]',
    'ports: [{containerPort: 8080, hostPort: 70000}]',
  );
  await page.evaluate((t) => window.netplay!.load(t), text);
  await expect
    .poll(() =>
      page.evaluate(() =>
        window
          .__monaco!.editor.getModelMarkers({ owner: 'yaml' })
          .map((m) => `${m.startLineNumber}: ${m.message}`),
      ),
    )
    .toEqual([expect.stringMatching(new RegExp(`^${line}: .*65535`))]);
});

test('with reduced motion the packet jumps hop to hop and still arrives', async ({ app, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  const trace = await page.evaluate(() =>
    window.netplay!.send('internet', 'http://example.com/api'),
  );
  expect(trace?.verdict).toBe('allow');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', {
    timeout: 30_000,
  });
  // Every move was a jump, never a glide: wherever two neighbouring keyframes of any animation
  // put the packet in different places, they stand at the same moment (a step, no interpolation).
  const glides = await page.evaluate(() =>
    document.getAnimations().flatMap((a) => {
      const frames = (a.effect as KeyframeEffect).getKeyframes();
      return frames.slice(1).flatMap((frame, i) => {
        const before = frames[i]!;
        const moved =
          typeof frame['transform'] === 'string' &&
          typeof before['transform'] === 'string' &&
          frame['transform'] !== before['transform'];
        return moved && frame.computedOffset - before.computedOffset > 1e-6
          ? [`${String(before['transform'])} -> ${String(frame['transform'])}`]
          : [];
      });
    }),
  );
  expect(glides).toEqual([]);
});
