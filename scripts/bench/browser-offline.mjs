/**
 * Offline reload → graph (budget B19 in the performance guide), in headless Chromium at
 * 1920×1080. A plain static server (like a teacher's host) serves a private copy of the build
 * under /kube-netplay/; each round opens a fresh context, waits until the service worker has
 * precached everything, then reloads twice, each time until the seed's graph is drawn:
 *   online   the network on, the page answered by the service worker (the baseline), then
 *   offline  `context.setOffline(true)` and the static server stopped (really no network).
 * Figures are from the navigation's start (the reload, including the service worker's answer)
 * to the first frame with the engine's answer and the graph's cards. Three interleaved rounds,
 * medians, the load average; results in bench-results/browser-offline.json.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  errorText,
  median,
  prepareBuild,
  round1,
} from './browser-app.mjs';

const PREFIX = '/kube-netplay/';
const VIEWPORT = { width: 1920, height: 1080 };
const ROUNDS = Number(process.env.NETPLAY_BENCH_ROUNDS) || 3;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};

/**
 * Serves `dir` under `prefix` on an ephemeral port, like any static host (no fallback);
 * `noCache` sends `cache-control: no-cache` (the offline bench's host, which a service worker
 * must revalidate against).
 */
export async function startStaticHost(dir, { prefix = PREFIX, noCache = true } = {}) {
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
      if (!path.startsWith(prefix)) return void res.writeHead(404).end();
      const file = normalize(path.slice(prefix.length) || 'index.html').replace(/^(\.\.\/)+/, '');
      try {
        const body = await readFile(join(dir, file));
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          ...(noCache ? { 'cache-control': 'no-cache' } : {}),
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Installed before any page script: the first frame with the engine's answer and cards drawn. */
function initProbe() {
  window.__offlineBench = { shownAt: undefined };
  const check = () => {
    const status = document
      .querySelector('[data-testid="engine-status"]')
      ?.getAttribute('data-status');
    if (status === 'ok' && document.querySelectorAll('.react-flow__node').length > 0)
      window.__offlineBench.shownAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Reloads and returns navigation start → graph drawn, and DOMContentLoaded → graph drawn (ms). */
async function reloadToGraph(page) {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__offlineBench?.shownAt !== undefined, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => {
    const shown = window.__offlineBench.shownAt;
    const nav = performance.getEntriesByType('navigation')[0];
    return { fromStart: shown, fromDcl: shown - nav.domContentLoadedEventStart };
  });
}

/** Waits until the service worker is activated, i.e. its install step (the precache) is done. */
function waitForPrecache(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker.state !== 'activated')
      await new Promise((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
  });
}

async function runOfflineBench({ root, resultsDir, record }) {
  const say = (s) => console.log('  ' + s);
  const result = { date: new Date().toISOString(), rounds: [], medians: {}, notes: [] };
  result.loadavgBefore = loadavg().map(round1);
  const finish = () => {
    for (const key of ['offlineReload', 'offlineReloadDcl', 'onlineReload', 'firstVisit'])
      result.medians[key] = median(result.rounds.map((r) => r[key]));
    record(
      'B19',
      'offline reload → graph (from navigation start)',
      round1(result.medians.offlineReload),
      1000,
      'ms',
    );
    result.loadavgAfter = loadavg().map(round1);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'browser-offline.json'), JSON.stringify(result, null, 2));
    return [];
  };

  let pw;
  try {
    pw = await import('@playwright/test');
  } catch {
    say('skipped: @playwright/test is not installed');
    return finish();
  }
  const executablePath = chromiumPath();
  if (!executablePath) {
    say('skipped: no Chromium (apt-get install chromium)');
    return finish();
  }
  let build;
  try {
    build = prepareBuild(root);
    say(build.how);
  } catch (e) {
    say(`skipped: ${errorText(e)}`);
    return finish();
  }
  let browser;
  try {
    browser = await pw.chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    say(
      `Chromium ${browser.version()}, ${VIEWPORT.width}×${VIEWPORT.height}, a static host under ${PREFIX}; load ${result.loadavgBefore.join(' ')}`,
    );
    for (let r = 1; r <= ROUNDS; r++) {
      const host = await startStaticHost(build.out);
      const context = await browser.newContext({
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        serviceWorkers: 'allow',
      });
      const m = { round: r, loadavg: loadavg().map(round1) };
      try {
        const page = await context.newPage();
        await page.addInitScript(initProbe);
        const started = performance.now();
        await page.goto(host.url);
        await page.waitForFunction(() => window.__offlineBench?.shownAt !== undefined, null, {
          timeout: 30_000,
        });
        m.firstVisit = await page.evaluate(() => window.__offlineBench.shownAt);
        await waitForPrecache(page);
        m.precacheMs = performance.now() - started;
        m.onlineReload = (await reloadToGraph(page)).fromStart;
        await host.close();
        await context.setOffline(true);
        let fromNetwork = 0;
        page.on('response', (response) => {
          if (response.url().startsWith('http') && !response.fromServiceWorker()) fromNetwork++;
        });
        const offline = await reloadToGraph(page);
        m.offlineReload = offline.fromStart;
        m.offlineReloadDcl = offline.fromDcl;
        if (fromNetwork > 0)
          throw new Error(`${fromNetwork} responses did not come from the service worker`);
      } catch (e) {
        say(`round ${r}: ${errorText(e)}`);
        result.notes.push(`round ${r}: ${errorText(e)}`);
      } finally {
        await context.close().catch(() => undefined);
        await host.close().catch(() => undefined);
      }
      result.rounds.push(m);
      const f = (x) => (typeof x === 'number' ? x.toFixed(0) : 'n/a');
      say(
        `round ${r}: load ${m.loadavg[0]}; first visit → graph ${f(m.firstVisit)} ms; precache done ${f(m.precacheMs)} ms after the visit began; reload (online, from the service worker) ${f(m.onlineReload)} ms; offline reload ${f(m.offlineReload)} ms (${f(m.offlineReloadDcl)} ms after DOMContentLoaded)`,
      );
    }
    const med = result.medians;
    finish();
    say('');
    say(
      `medians of ${ROUNDS} rounds: offline reload → graph ${round1(med.offlineReload)} ms (budget ≤ 1000), ${round1(med.offlineReloadDcl)} ms after DOMContentLoaded; online reload ${round1(med.onlineReload)} ms; first visit ${round1(med.firstVisit)} ms`,
    );
    say(`load average after ${result.loadavgAfter.join(' ')} (${cpus().length} cores)`);
    return [];
  } catch (e) {
    say(`offline bench stopped: ${errorText(e)}`);
    result.notes.push(errorText(e));
    return finish();
  } finally {
    await browser?.close().catch(() => undefined);
    rmSync(build.out, { recursive: true, force: true });
  }
}

export const offlineBrowserBenchmark = {
  name: 'offline reload in headless Chromium (B19)',
  run: runOfflineBench,
};
