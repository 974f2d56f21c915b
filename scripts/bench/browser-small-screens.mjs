/**
 * Browser benchmark of a shared link opened on a phone (budgets B20 in docs/performance.md):
 * headless Debian Chromium emulating a mid-range phone (390×844, touch, `isMobile`, the CPU
 * slowed 4× with CDP Emulation.setCPUThrottlingRate) against `vite preview` on its own port
 * (NETPLAY_BENCH_SMALL_PORT, else NETPLAY_BENCH_PORT, else 41745). Three rounds, each in a fresh
 * context (a first visit: nothing cached), medians, the load average; raw rounds go to
 * bench-results/small-screens.json.
 *
 *   B20 link → graph: a share link of the seed with its packet (s, from, to), from navigation
 *       start to the first animation frame with the graph's cards in the page (≤ 2.0 s)
 *   B20 flight: the packet sent by a tap on Send; the median frame while it flies (≥ 50 fps)
 *   B20 tap → pick: a touch on a card to the frame that shows its pick menu (≤ 100 ms),
 *       the median of three cards per round
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  errorText,
  median,
  prepareBuild,
  quantile,
  round1,
  startPreview,
} from './browser-app.mjs';

const PORT =
  Number(process.env.NETPLAY_BENCH_SMALL_PORT) || Number(process.env.NETPLAY_BENCH_PORT) || 41745;
const BASE = `http://127.0.0.1:${PORT}/`;
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  hasTouch: true,
  isMobile: true,
  serviceWorkers: 'block',
};
const CPU_SLOWDOWN = 4;
const ROUNDS = Number(process.env.NETPLAY_BENCH_ROUNDS) || 3;
const CARDS = ['internet', 'ingress/default/webapp-ingress', 'service/default/backend-service'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/** In the page from its first script: the time of the first frame with graph cards in it. */
function watchFirstGraph() {
  const tick = () => {
    if (document.querySelector('[data-testid="graph-node"]')) {
      window.__smallBench = { graphAt: performance.now() };
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** In the page: times from the next touch to the frame in which the pick menu is there. */
function armPickTimer() {
  const state = { touchAt: undefined, shownAt: undefined };
  window.__pickTimer = state;
  document.addEventListener(
    'touchstart',
    (event) => {
      state.touchAt = event.timeStamp;
      const tick = () => {
        if (document.querySelector('[data-testid="pick-menu"]')) state.shownAt = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    { once: true, capture: true, passive: true },
  );
}

/** In the page: every frame's delta while the packet flies (until it arrives or is dropped). */
function recordFlightFrames() {
  const deltas = [];
  let last;
  let flew = false;
  const state = { deltas, done: false };
  window.__flightFrames = state;
  const frame = (t) => {
    const flight = document.querySelector('[data-testid="trace-result"]')?.dataset.flight;
    if (flight === 'flying') {
      flew = true;
      if (last !== undefined) deltas.push(t - last);
      last = t;
    } else if (flew) {
      state.done = true;
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function tapCentre(page, locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('nothing to tap');
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

async function oneRound(browser, link) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(watchFirstGraph);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  try {
    await page.goto(link, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__smallBench?.graphAt !== undefined, null, {
      timeout: 60_000,
    });
    const linkToGraph = await page.evaluate(() => window.__smallBench.graphAt);
    const ready = await page.evaluate(() => ({
      from: document.querySelector('[data-testid="trace-source"]')?.value,
      to: document.querySelector('[data-testid="trace-destination"]')?.value,
      compact: document.querySelector('[data-compact-view]')?.getAttribute('data-compact-view'),
    }));
    await sleep(1500);

    // Taps on cards: the pick menu's first frame.
    const picks = [];
    for (const id of CARDS) {
      await page.evaluate(armPickTimer);
      await tapCentre(page, page.locator(`[data-testid="graph-node"][data-id="${id}"]`));
      await page.waitForFunction(() => window.__pickTimer.shownAt !== undefined, null, {
        timeout: 10_000,
      });
      picks.push(
        await page.evaluate(() => window.__pickTimer.shownAt - window.__pickTimer.touchAt),
      );
      await page.keyboard.press('Escape');
      await sleep(400);
    }

    // A tap on Send: the frames of the flight.
    await page.evaluate(recordFlightFrames);
    await tapCentre(page, page.getByTestId('send-button'));
    await page.waitForFunction(() => window.__flightFrames.done, null, { timeout: 60_000 });
    const flight = await page.evaluate(() => window.__flightFrames.deltas);
    return { linkToGraph, ready, picks, flight };
  } finally {
    await context.close();
  }
}

export async function runSmallScreensBench({ root, resultsDir, record }) {
  const { chromium } = await import('@playwright/test');
  const executablePath = chromiumPath();
  const seed = readFileSync(join(root, 'scenarios/full-flow.yaml'));
  const link = `${BASE}#s=1.${deflateRawSync(seed).toString('base64url')}&from=internet&to=${encodeURIComponent('http://example.com/api')}`;
  const { out } = prepareBuild(root);
  const rounds = [];
  const errors = [];
  const loadBefore = loadavg().map((x) => x.toFixed(2));
  let server;
  try {
    server = await startPreview(root, out, PORT);
    const browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
    });
    try {
      for (let r = 0; r < ROUNDS; r++) {
        try {
          rounds.push(await oneRound(browser, link));
        } catch (e) {
          errors.push(errorText(e));
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    server?.kill();
    rmSync(out, { recursive: true, force: true });
  }
  const loadAfter = loadavg().map((x) => x.toFixed(2));
  const flightFrame = rounds.map((r) => median(r.flight));
  const med = {
    linkToGraph: median(rounds.map((r) => r.linkToGraph)),
    pick: median(rounds.map((r) => median(r.picks))),
    pickWorst: Math.max(...rounds.flatMap((r) => r.picks)),
    flightFrame: median(flightFrame),
    flightP95: median(rounds.map((r) => quantile(r.flight, 0.95))),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'small-screens.json'),
    JSON.stringify(
      {
        device: PHONE,
        cpuSlowdown: CPU_SLOWDOWN,
        loadBefore,
        loadAfter,
        rounds,
        errors,
        medians: med,
      },
      null,
      2,
    ),
  );
  record?.(
    'B20',
    'phone 390×844, CPU 4× slower: link → graph on screen (≤ 2.0 s)',
    round1(med.linkToGraph),
    2000,
    'ms',
  );
  record?.(
    'B20',
    'phone, CPU 4× slower: packet flight, median frame (≥ 50 fps)',
    round1(med.flightFrame),
    20,
    'ms',
  );
  record?.(
    'B20',
    'phone, CPU 4× slower: tap on a card → pick menu (≤ 100 ms)',
    round1(med.pick),
    100,
    'ms',
  );
  const fps = (frame) => (frame ? round1(1000 / frame) : null);
  const ready = rounds[0]?.ready;
  return [
    `small-screens bench: Chromium as a phone (390×844, touch, CPU ${CPU_SLOWDOWN}× slower), ${rounds.length} of ${ROUNDS} rounds; opened on the ${ready?.compact ?? '?'} view with ${ready?.from ?? '?'} → ${ready?.to ?? '?'}; load ${loadBefore.join(' ')} → ${loadAfter.join(' ')}`,
    `B20 link → graph: ${round1(med.linkToGraph)} ms median (budget ≤ 2000); rounds ${rounds.map((r) => round1(r.linkToGraph)).join(' / ')} ms`,
    `B20 flight: ${fps(med.flightFrame)} fps median (budget ≥ 50), p95 frame ${round1(med.flightP95)} ms; rounds ${flightFrame.map(fps).join(' / ')} fps`,
    `B20 tap → pick menu: ${round1(med.pick)} ms median (budget ≤ 100), worst ${round1(med.pickWorst)} ms; rounds ${rounds.map((r) => r.picks.map(round1).join(', ')).join(' / ')} ms`,
    ...errors.map((e) => `small-screens bench: a round failed: ${e}`),
  ];
}

export const smallScreensBrowserBenchmark = { name: 'small-screens', run: runSmallScreensBench };

// `node scripts/bench/browser-small-screens.mjs`: this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('../..', import.meta.url).pathname;
  const lines = await runSmallScreensBench({ root, resultsDir: join(root, 'bench-results') });
  for (const line of lines) console.log(line);
}
