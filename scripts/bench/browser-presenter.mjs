/**
 * Browser benchmark of presenter mode (budget B19's zoom-to-path in the performance budgets):
 * headless Debian Chromium at a projector's 1280×720 against `vite preview` on its own port
 * (NETPLAY_BENCH_PRESENTER_PORT, default 41743). Three interleaved rounds, medians, the load
 * average; raw rounds go to bench-results/presenter.json.
 *
 *   B19  zoom-to-path: presenter mode on the 300-pod scenario, a packet sent; the view glides to
 *        the packet's path (one animated setViewport). The frames measured are those during
 *        which the viewport's transform changed (the animation itself), from rAF timestamps
 *   B19  fit: F on the same page (the whole cluster, one animated setViewport), the same way
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  median,
  prepareBuild,
  quantile,
  round1,
  startPreview,
} from './browser-app.mjs';
import { generateCluster } from './generate.mjs';

const PORT = Number(process.env.NETPLAY_BENCH_PRESENTER_PORT) || 41743;
const BASE = `http://127.0.0.1:${PORT}/`;
const VIEWPORT = { width: 1280, height: 720 };
const ROUNDS = Number(process.env.NETPLAY_BENCH_ROUNDS) || 3;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/**
 * In the page: starts recording rAF frames and the viewport's transform; `stop()` returns the
 * frame deltas of the frames in which the transform changed (the animation's frames).
 */
function recordViewportFrames() {
  const viewport = document.querySelector('.react-flow__viewport');
  const moving = [];
  let last;
  let lastTransform = viewport.style.transform;
  let running = true;
  const frame = (t) => {
    const transform = viewport.style.transform;
    if (last !== undefined && transform !== lastTransform) moving.push(t - last);
    last = t;
    lastTransform = transform;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__presenterBench = {
    stop: () => {
      running = false;
      return moving;
    },
  };
}

/** The animation frames of one viewport move started by `act`, after it settles. */
async function animationFrames(page, act) {
  await page.evaluate(recordViewportFrames);
  await act();
  await sleep(1500);
  return page.evaluate(() => window.__presenterBench.stop());
}

async function oneRound(browser, text) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
  });
  await context.addInitScript(() => localStorage.setItem('netplay.theme', 'contrast'));
  const page = await context.newPage();
  try {
    await page.goto(BASE, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.netplay !== undefined, null, { timeout: 30_000 });
    await page.evaluate((t) => window.netplay.load(t), text);
    await page.waitForFunction(
      () => document.querySelectorAll('.react-flow__node').length > 300,
      null,
      {
        timeout: 60_000,
      },
    );
    await sleep(1500);
    const cards = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    const packet = await page.evaluate(() => {
      const values = [
        ...document.querySelectorAll('[data-testid="trace-destination-pick"] option'),
      ].map((o) => o.value);
      const to =
        values.find((v) => /^https?:/.test(v)) ?? values.find((v) => v.startsWith('service/'));
      const pods = [...document.querySelectorAll('[data-testid="trace-source-pick"] option')]
        .map((o) => o.value)
        .filter((v) => v.startsWith('pod/'));
      return to && /^https?:/.test(to) ? { from: 'internet', to } : { from: pods[0], to };
    });
    if (!packet.to) throw new Error('no destination to send to');
    const zoomTo = await animationFrames(page, () =>
      page.evaluate(({ from, to }) => void window.netplay.send(from, to), packet),
    );
    await page.evaluate(() => window.netplay.playback.pause());
    const fit = await animationFrames(page, () => page.keyboard.press('f'));
    return { cards, packet, zoomTo, fit };
  } finally {
    await context.close();
  }
}

export async function runPresenterBench({ root, resultsDir, record }) {
  const { chromium } = await import('@playwright/test');
  const executablePath = chromiumPath();
  const { out } = prepareBuild(root);
  const server = await startPreview(root, out, PORT);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
  const text = generateCluster({ pods: 300, seed: 1 }).yaml;
  const rounds = [];
  const loadBefore = loadavg().map((x) => x.toFixed(2));
  try {
    for (let r = 0; r < ROUNDS; r++) rounds.push(await oneRound(browser, text));
  } finally {
    await browser.close();
    server.kill();
    rmSync(out, { recursive: true, force: true });
  }
  const stats = (deltas) => ({
    fps: deltas.length ? 1000 / median(deltas) : null,
    p95: quantile(deltas, 0.95),
    frames: deltas.length,
  });
  const zoomTo = rounds.map((r) => stats(r.zoomTo));
  const fit = rounds.map((r) => stats(r.fit));
  const med = {
    zoomFps: median(zoomTo.map((s) => s.fps)),
    zoomP95: median(zoomTo.map((s) => s.p95)),
    zoomFrames: median(zoomTo.map((s) => s.frames)),
    fitFps: median(fit.map((s) => s.fps)),
    fitP95: median(fit.map((s) => s.p95)),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'presenter.json'),
    JSON.stringify(
      { viewport: VIEWPORT, loadBefore, loadAfter: loadavg(), rounds, medians: med },
      null,
      2,
    ),
  );
  record?.(
    'B19',
    'zoom-to-path animation, 300 pods, presenter at 1280×720: median frame (≥ 58 fps)',
    med.zoomFps ? round1(1000 / med.zoomFps) : null,
    round1(1000 / 58),
    'ms',
  );
  return [
    `presenter bench: Chromium at ${VIEWPORT.width}×${VIEWPORT.height}, ${rounds[0]?.cards ?? '?'} graph nodes, packet ${rounds[0]?.packet.from} → ${rounds[0]?.packet.to}; load ${loadBefore.join(' ')} → ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
    `B19 zoom-to-path: ${round1(med.zoomFps)} fps median (budget ≥ 58), p95 frame ${round1(med.zoomP95)} ms, ${med.zoomFrames} animation frames; rounds ${zoomTo.map((s) => round1(s.fps)).join(' / ')} fps`,
    `    fit (F): ${round1(med.fitFps)} fps median, p95 frame ${round1(med.fitP95)} ms; rounds ${fit.map((s) => round1(s.fps)).join(' / ')} fps`,
  ];
}

export const presenterBrowserBenchmark = { name: 'presenter', run: runPresenterBench };

// `node scripts/bench/browser-presenter.mjs`: this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('../..', import.meta.url).pathname;
  const lines = await runPresenterBench({ root, resultsDir: join(root, 'bench-results') });
  for (const line of lines) console.log(line);
}
