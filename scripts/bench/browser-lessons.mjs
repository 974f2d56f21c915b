/**
 * Browser benchmarks of the lessons (budget B17 in the performance budgets), in headless Debian
 * Chromium at 1920×1080 against `vite preview` on its own port (NETPLAY_BENCH_LESSONS_PORT,
 * default 41741). Three interleaved rounds, medians; raw rounds go to bench-results/lessons.json.
 *
 *   B17  a lesson link (#lesson=<slug>) in a fresh page: DOMContentLoaded → the graph's cards and
 *        the lesson's checks both on screen: the end of the first frame that draws both (its rAF,
 *        then a user-blocking task, which runs once that frame's style, layout and paint are
 *        done), every lesson; the figure is the slowest lesson's median. Also kept, not budgeted:
 *        when both reached the DOM, and the start of the frame after (what this bench measured
 *        until round 8: it waited behind whatever the page ran after the paint, e.g. Monaco's
 *        800 KB chunk evaluating, which nobody waits for to see the lesson)
 *   B17  the lesson index: a click on "Lessons" → its 19 entries painted (the panel's code
 *        already loaded once, as after the first open), and the first open with its lazy load
 *   B1   the entry chunk's static graph holds no lesson code, Markdown renderer or lesson text
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.NETPLAY_BENCH_LESSONS_PORT) || 41741;
const BASE = `http://127.0.0.1:${PORT}/`;
const VIEWPORT = { width: 1920, height: 1080 };
const ROUNDS = Number(process.env.NETPLAY_BENCH_ROUNDS) || 3;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const round1 = (x) => (x === null ? null : Math.round(x * 10) / 10);

/** Lesson code that must stay out of the entry chunk (module ids as Rolldown records them). */
const LAZY_ONLY = [
  /features[\\/]lessons[\\/]lesson-(panel|markdown|controller|catalog|index)/,
  /node_modules[\\/]react-markdown/,
  /scenarios[\\/]lessons[\\/]/,
];

/** Which lesson modules the entry's static graph holds (needs bench-results/bundle-graph.json). */
function lessonModulesInEntry(root, resultsDir) {
  const manifestPath = join(root, 'dist', '.vite', 'manifest.json');
  const graphPath = join(resultsDir, 'bundle-graph.json');
  if (!existsSync(manifestPath) || !existsSync(graphPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const graph = JSON.parse(readFileSync(graphPath, 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const keys = new Set();
  const visit = (key) => {
    if (keys.has(key) || !manifest[key]) return;
    keys.add(key);
    for (const k of manifest[key].imports ?? []) visit(k);
  };
  visit(entryKey);
  const files = new Set([...keys].map((k) => manifest[k].file));
  return Object.entries(graph)
    .filter(([file]) => files.has(file))
    .flatMap(([, c]) => c.modules.filter((id) => LAZY_ONLY.some((re) => re.test(id))));
}

async function startPreview(root) {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, '.vite', 'manifest.json'))) {
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: root, encoding: 'utf8' },
    );
    if (r.status !== 0)
      throw new Error(`vite build failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  }
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--port',
      String(PORT),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`vite preview exited: ${stderr.trim().split('\n')[0] ?? child.exitCode}`);
    try {
      if ((await fetch(BASE)).ok) return child;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  child.kill();
  throw new Error(`vite preview did not answer on port ${PORT} within 30 s`);
}

/**
 * In the page, from the start: when the graph's cards and the lesson's checks are both in the DOM
 * (`seenAt`, the mutation that completed them), when the first frame that draws them has been
 * painted (`shownAt`: a task posted from that frame's rAF runs after its style, layout and paint;
 * user-blocking, so it runs before the page's own queued tasks), and the start of the frame after
 * (`nextFrameAt`, kept for comparison: it lands after whatever the page runs between frames).
 */
function watchLessonOnScreen() {
  window.__lessonBench = {};
  const afterThisFrame = (run) =>
    window.scheduler?.postTask
      ? window.scheduler.postTask(run, { priority: 'user-blocking' })
      : (() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = run;
          channel.port2.postMessage(undefined);
        })();
  const check = () => {
    const b = window.__lessonBench;
    if (b.seenAt !== undefined) return;
    const cards = document.querySelectorAll('.react-flow__node').length;
    const checks = document.querySelectorAll('[data-testid="lesson-check"]').length;
    if (cards > 0 && (checks > 0 || b.graphOnly)) {
      b.seenAt = performance.now();
      requestAnimationFrame(() => {
        afterThisFrame(() => (b.shownAt = performance.now()));
        requestAnimationFrame(() => (b.nextFrameAt = performance.now()));
      });
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
  });
}

/**
 * DOMContentLoaded → graph and checks on screen for `#lesson=<slug>`, in ms, with the two
 * comparison marks; no slug: the seed page's graph alone (the baseline).
 */
async function lessonLinkToScreen(context, slug) {
  const page = await context.newPage();
  await page.addInitScript(watchLessonOnScreen);
  if (!slug) await page.addInitScript(() => (window.__lessonBench.graphOnly = true));
  await page.goto(slug ? `${BASE}#lesson=${slug}` : BASE, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    () =>
      window.__lessonBench.shownAt !== undefined && window.__lessonBench.nextFrameAt !== undefined,
    null,
    { timeout: 30_000 },
  );
  const marks = await page.evaluate(() => {
    const b = window.__lessonBench;
    const origin = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
    return {
      shown: b.shownAt - origin,
      inDom: b.seenAt - origin,
      nextFrame: b.nextFrameAt - origin,
    };
  });
  await page.close();
  return marks;
}

/** A click on "Lessons" → the frame after every index entry is in the DOM, in ms. */
function clickToIndex(page, count) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const button = document.querySelector('[data-testid="lessons-button"]');
        const t0 = performance.now();
        const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('[data-testid="lesson-index-item"]').length >= count) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        button.click();
      }),
    count,
  );
}

async function indexTimes(context, count) {
  const page = await context.newPage();
  await page.goto(BASE, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    () => window.netplay !== undefined && document.querySelectorAll('.react-flow__node').length > 0,
    null,
    { timeout: 30_000 },
  );
  const first = await clickToIndex(page, count); // includes loading the panel's chunk
  await page.getByTestId('lessons-button').click(); // closes it
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-panel"]') === null);
  await sleep(200);
  const again = await clickToIndex(page, count);
  await page.close();
  return { first, again };
}

async function runLessonBench({ root, resultsDir, record }) {
  const say = (s) => console.log('  ' + s);
  const slugs = readdirSync(join(root, 'scenarios', 'lessons'))
    .sort()
    .map((f) => f.replace(/^\d+-/, ''));
  const result = {
    date: new Date().toISOString(),
    port: PORT,
    viewport: VIEWPORT,
    loadavgBefore: loadavg(),
    rounds: [],
    notes: [],
  };
  const inEntry = lessonModulesInEntry(root, resultsDir);
  if (inEntry === null)
    say(
      'entry graph: not checked (run the bundle bench first for bench-results/bundle-graph.json)',
    );
  else
    say(
      `entry graph: ${inEntry.length} lesson modules in it${inEntry.length ? `: ${inEntry.slice(0, 5).join(', ')}` : ' (panel, Markdown renderer, course texts all lazy)'}`,
    );
  record(
    'B17',
    'lesson code, Markdown renderer and texts in the entry graph',
    inEntry === null ? null : inEntry.length,
    0,
    '',
  );

  let preview;
  let browser;
  try {
    const { chromium } = await import('@playwright/test');
    preview = await startPreview(root);
    const executablePath = ['/usr/bin/chromium', process.env.NETPLAY_CHROMIUM].find(
      (p) => p && existsSync(p),
    );
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
      headless: true,
    });
    say(
      `Chromium ${browser.version()}, ${VIEWPORT.width}×${VIEWPORT.height}, vite preview on :${PORT}, ${slugs.length} lessons, ${ROUNDS} rounds`,
    );
    for (let r = 1; r <= ROUNDS; r++) {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      const round = { links: {}, inDom: {}, nextFrame: {}, index: null, seed: null };
      try {
        round.seed = (await lessonLinkToScreen(context, undefined)).shown;
      } catch (e) {
        result.notes.push(`round ${r}, seed: ${String(e?.message ?? e).split('\n')[0]}`);
      }
      // Interleaved: every lesson once per round, in a fresh page.
      for (const slug of slugs) {
        try {
          const marks = await lessonLinkToScreen(context, slug);
          round.links[slug] = marks.shown;
          round.inDom[slug] = marks.inDom;
          round.nextFrame[slug] = marks.nextFrame;
        } catch (e) {
          result.notes.push(`round ${r}, ${slug}: ${String(e?.message ?? e).split('\n')[0]}`);
        }
      }
      try {
        round.index = await indexTimes(context, slugs.length);
      } catch (e) {
        result.notes.push(`round ${r}, index: ${String(e?.message ?? e).split('\n')[0]}`);
      }
      await context.close();
      result.rounds.push(round);
      say(
        `round ${r}: links ${Object.values(round.links)
          .map((x) => x.toFixed(0))
          .join(
            ' ',
          )} ms; index first ${round.index?.first.toFixed(1) ?? 'n/a'} ms, again ${round.index?.again.toFixed(1) ?? 'n/a'} ms`,
      );
    }
  } catch (e) {
    result.notes.push(String(e?.message ?? e).split('\n')[0]);
    say(`could not measure: ${result.notes.at(-1)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    preview?.kill();
  }
  const perLesson = Object.fromEntries(
    slugs.map((slug) => [slug, median(result.rounds.map((r) => r.links[slug]))]),
  );
  const known = Object.entries(perLesson).filter(([, v]) => v !== null);
  const slowest = known.reduce((a, b) => (b[1] > a[1] ? b : a), ['', -Infinity]);
  const perLessonNextFrame = Object.fromEntries(
    slugs.map((slug) => [slug, median(result.rounds.map((r) => r.nextFrame[slug]))]),
  );
  const perLessonInDom = Object.fromEntries(
    slugs.map((slug) => [slug, median(result.rounds.map((r) => r.inDom[slug]))]),
  );
  const indexAgain = median(result.rounds.map((r) => r.index?.again));
  const indexFirst = median(result.rounds.map((r) => r.index?.first));
  const seed = median(result.rounds.map((r) => r.seed));
  result.medians = {
    perLesson,
    perLessonInDom,
    perLessonNextFrame,
    slowest,
    indexAgain,
    indexFirst,
    seed,
  };
  say(
    `baseline, same rounds: the seed page, DOMContentLoaded → graph on screen: ${round1(seed)} ms (B4)`,
  );
  say(
    `lesson link → graph and checks, median per lesson: ${known.map(([s, v]) => `${s} ${v.toFixed(0)}`).join(', ')} ms`,
  );
  const slowestOf = (medians) =>
    Object.entries(medians)
      .filter(([, v]) => v !== null)
      .reduce((a, b) => (b[1] > a[1] ? b : a), ['n/a', -Infinity]);
  const [inDomSlug, inDomMs] = slowestOf(perLessonInDom);
  const [nextSlug, nextMs] = slowestOf(perLessonNextFrame);
  say(
    `same page loads, slowest median: both in the DOM ${round1(inDomMs)} ms (${inDomSlug}); the frame after the paint starts ${round1(nextMs)} ms (${nextSlug}; not budgeted)`,
  );
  say(
    `lesson index: ${round1(indexAgain)} ms (first open, with its lazy chunk: ${round1(indexFirst)} ms)`,
  );
  record(
    'B17',
    `lesson link → graph and checks on screen (slowest: ${slowest[0] || 'n/a'})`,
    known.length ? round1(slowest[1]) : null,
    1000,
    'ms',
  );
  record('B17', `lesson index (${slugs.length} lessons) rendered`, round1(indexAgain), 50, 'ms');
  result.loadavgAfter = loadavg();
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'lessons.json'), JSON.stringify(result, null, 2));
  return [];
}

export const lessonBrowserBenchmark = { name: 'lessons (B17)', run: runLessonBench };
