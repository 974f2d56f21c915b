/**
 * Offline and installable: after one visit the service worker has precached every built file
 * (app, Monaco and its workers, the engine worker, lessons), so a reload with the network off
 * opens the graph, sends a packet and loads the editor; the built dist/ works from a plain static
 * host under a sub-path with a strict Content-Security-Policy; a new version waits for the user's
 * Reload; the manifest and icons are served. The only spec that allows service workers.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { AppPage } from './app-page';
import { startStaticHost } from './static-host';

test.use({ serviceWorkers: 'allow' });
mkdirSync('test-results/screenshots', { recursive: true });

const DIST = new URL('../dist/', import.meta.url).pathname;
const SUB_PATH = '/kube-netplay/';
// What a careful host (and our own preview) sends: no inline script, no eval, workers from here.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; base-uri 'self'";

/** Every file the build wrote that a page may ask for (sw.js and the build manifest aside). */
function builtFiles(): string[] {
  const top = readdirSync(DIST, { withFileTypes: true })
    .filter((e) => e.isFile() && !/^(sw|workbox-[\w-]+)\.js$/.test(e.name))
    .map((e) => e.name);
  const assets = readdirSync(`${DIST}assets`).map((name) => `assets/${name}`);
  return [...top, ...assets].sort();
}

/**
 * Waits until the service worker is activated (its install step, the whole precache, succeeded)
 * and returns the paths in its precache, relative to the scope.
 */
async function waitForPrecache(page: Page): Promise<{ scope: string; cached: string[] }> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        }),
      );
    }
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      for (const request of await (await caches.open(name)).keys()) {
        cached.push(
          new URL(request.url).pathname.slice(new URL(registration.scope).pathname.length),
        );
      }
    }
    return { scope: registration.scope, cached: cached.sort() };
  });
}

/** From now on, any response the service worker did not give (the network is off). */
function watchNetwork(page: Page): string[] {
  const fromNetwork: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith('http') && !response.fromServiceWorker())
      fromNetwork.push(response.url());
  });
  return fromNetwork;
}

/** The journey that proves the page works: graph, a packet, the editor with both its workers. */
async function useTheApp(app: AppPage, page: Page) {
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  await app.waitForEditor();
  // A schema diagnostic comes from the YAML worker (a hostPort past 65535: only the schema
  // checks it); the engine worker answers the load.
  const text = (await app.editorText()).replace(
    'ports: [{containerPort: 8080}]',
    'ports: [{containerPort: 8080, hostPort: 70000}]',
  );
  await page.evaluate((t) => window.netplay!.load(t), text);
  await expect
    .poll(() =>
      page.evaluate(() => window.__monaco!.editor.getModelMarkers({ owner: 'yaml' }).length),
    )
    .toBe(1);
}

async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
}

test('after one visit the app opens and works with the network off', async ({
  app,
  page,
  context,
}) => {
  await app.open();
  const { cached } = await waitForPrecache(page);
  // Every built file is precached: the app, Monaco (JS, CSS, font, workers), the engine worker,
  // lazily loaded lessons, the manifest and icons.
  expect(cached).toEqual(builtFiles());

  const fromNetwork = watchNetwork(page);
  await goOffline(context, page);
  await useTheApp(app, page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(fromNetwork).toEqual([]);
});

test('dist/ works from a plain static host under a sub-path, with a strict CSP, and offline there', async ({
  app,
  page,
  context,
}) => {
  const host = await startStaticHost(DIST, SUB_PATH, { 'content-security-policy': STRICT_CSP });
  try {
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await app.open(host.url);
    await useTheApp(app, page);
    const { scope, cached } = await waitForPrecache(page);
    expect(scope).toBe(host.url);
    expect(cached).toEqual(builtFiles());
    // The manifest and icons resolve under the sub-path.
    const manifest = await page.evaluate(
      () => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href,
    );
    expect(manifest).toBe(`${host.url}manifest.webmanifest`);
    // A share link points at the sub-path, and opens there.
    const link = await page.evaluate(() => window.netplay!.shareLink());
    expect(link.startsWith(`${host.url}#`) || link.startsWith(`${host.url}index.html#`)).toBe(true);
    expect(failed).toEqual([]);
    expect(host.requests.every((path) => path.startsWith(SUB_PATH))).toBe(true);

    // The host goes away entirely (not only the emulated network).
    await host.close();
    const fromNetwork = watchNetwork(page);
    await goOffline(context, page);
    await expect(app.graphNode('service/default/backend-service')).toBeVisible();
    await app.send('internet', 'http://example.com/api');
    await page.goto(link);
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
    await expect(app.graphNode('service/default/backend-service')).toBeVisible();
    expect(fromNetwork).toEqual([]);
  } finally {
    await host.close();
  }
});

test('a new version waits for the user: the prompt, then Reload activates it', async ({
  app,
  page,
}) => {
  const host = await startStaticHost(DIST, SUB_PATH);
  try {
    await app.open(host.url);
    await waitForPrecache(page);
    await page.reload(); // now controlled by the service worker
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);

    // The host now serves a new build (a different sw.js); the page finds it.
    host.rewrite('sw.js', (sw) => `${sw}\n// the next version\n`);
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
    });
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update();
    });
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('A new version is ready');
    await page.screenshot({ path: 'test-results/screenshots/update-prompt.png' });
    // Nothing reloaded on its own: the new worker waits, the page keeps its state.
    expect(
      await page.evaluate(async () => ({
        sameDocument: (window as unknown as { beforeUpdate?: boolean }).beforeUpdate === true,
        waiting: (await navigator.serviceWorker.getRegistration())!.waiting !== null,
      })),
    ).toEqual({ sameDocument: true, waiting: true });

    // "Later" hides it; the new version still waits, and the next load asks again.
    await prompt.getByTestId('update-later').click();
    await expect(prompt).toHaveCount(0);
    await page.reload();
    await expect(prompt).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
    });

    await Promise.all([page.waitForEvent('load'), prompt.getByTestId('update-reload').click()]);
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
    expect(
      await page.evaluate(async () => ({
        sameDocument: (window as unknown as { beforeUpdate?: boolean }).beforeUpdate === true,
        waiting: (await navigator.serviceWorker.getRegistration())!.waiting !== null,
      })),
    ).toEqual({ sameDocument: false, waiting: false });
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  } finally {
    await host.close();
  }
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the web app manifest, favicon and icons are served', async ({ page, request }) => {
  const response = await request.get('manifest.webmanifest');
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    name: string;
    start_url: string;
    scope: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({
    name: 'kube-netplay',
    start_url: './',
    scope: './',
    display: 'standalone',
  });
  const pngs = manifest.icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => `${i.sizes}${i.purpose ? ' ' + i.purpose : ''}`).sort()).toEqual([
    '192x192',
    '512x512',
    '512x512 maskable',
  ]);
  for (const icon of pngs) {
    const png = await request.get(icon.src);
    expect(png.headers()['content-type']).toBe('image/png');
    expect(pngSize(await png.body())).toBe(icon.sizes);
  }
  // The page links the icons and the manifest, all relative (they work under any sub-path).
  await page.goto('./');
  const links = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLLinkElement>(
        'link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]',
      ),
    ].map((l) => [l.rel, l.getAttribute('href')!, l.href] as const),
  );
  expect(links.map(([rel]) => rel).sort()).toEqual([
    'apple-touch-icon',
    'icon',
    'icon',
    'manifest',
  ]);
  for (const [, attribute, href] of links) {
    expect(attribute.startsWith('./')).toBe(true);
    expect((await request.get(href)).ok()).toBe(true);
  }
  const svg = await request.get('favicon.svg');
  expect(svg.headers()['content-type']).toContain('image/svg+xml');
  expect(pngSize(await (await request.get('favicon.png')).body())).toBe('32x32');
  expect(readFileSync(`${DIST}index.html`, 'utf8')).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
});
