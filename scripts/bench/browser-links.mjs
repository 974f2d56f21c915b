/**
 * Full-state links and the Share dialog's QR code (budget B19 in the performance guide; B4 for
 * the graph on screen). Headless Chromium at 1920×1080 against a private copy of the build on a
 * plain static server (an ephemeral port). Three interleaved rounds, medians, the load average;
 * raw rounds in bench-results/browser-links.json.
 *
 *   B19  a full-state link in a fresh page, DOMContentLoaded → the first frame with the graph's
 *        cards drawn in the link's grouping and theme: a playground link (edited text `s=2.`,
 *        packet, namespace grouping, dark theme, play=1) and a lesson link (lesson, step, packet,
 *        grouping, presenter theme); beside them the seed page (the baseline) and the moment the
 *        link's packet has its trace on screen
 *   B19  the QR code: `toQrCode` alone (Node, bundled with esbuild) on a lesson link, a 1,000-byte
 *        link and a link at a QR code's capacity (2,953 bytes); and in the page, a click on Share
 *        → the QR code drawn (first: with the dialog's lazy chunk; again: the chunk loaded)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  errorText,
  median,
  prepareBuild,
  round1,
  round2,
} from './browser-app.mjs';
import { startStaticHost } from './browser-offline.mjs';

const VIEWPORT = { width: 1920, height: 1080 };
const ROUNDS = Number(process.env.NETPLAY_BENCH_ROUNDS) || 3;
// ---------------------------------------------------------------------------------------------
// the QR code alone, in Node

async function qrInNode(root) {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'netplay-qr-bench-'));
  try {
    const outfile = join(dir, 'qr.mjs');
    await esbuild.build({
      entryPoints: [join(root, 'src/app/features/share/share-qr.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'silent',
    });
    const { toQrCode, QR_MAX_BYTES } = await import(pathToFileURL(outfile).href);
    const base = 'http://127.0.0.1:41730/#';
    const cases = [
      [
        'lesson link',
        `${base}lesson=and-vs-or&step=2&from=pod/shop/web&to=service/data/db:5432&view=namespace&theme=dark`,
      ],
      ['1,000-byte link', `${base}s=2.${'x'.repeat(1000 - base.length - 4)}`],
      [
        `${QR_MAX_BYTES.toLocaleString('en')}-byte link (capacity)`,
        `${base}s=2.${'x'.repeat(QR_MAX_BYTES - base.length - 4)}`,
      ],
    ];
    return cases.map(([name, url]) => {
      const t0 = performance.now();
      const first = toQrCode(url);
      const cold = performance.now() - t0;
      if (!first.ok) throw new Error(`${name}: ${first.reason}`);
      const runs = [];
      for (let i = 0; i < 21; i++) {
        const t = performance.now();
        toQrCode(url);
        runs.push(performance.now() - t);
      }
      return { name, bytes: url.length, modules: first.size, cold, warm: median(runs) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// in the page

/** Installed before any page script: frames where the graph (in the expected look) and the trace appear. */
function initProbe(expected) {
  window.__linkBench = { graphAt: undefined, traceAt: undefined };
  const check = () => {
    const b = window.__linkBench;
    const now = performance.now();
    if (b.graphAt === undefined) {
      const ok =
        document.querySelector('[data-testid="engine-status"]')?.getAttribute('data-status') ===
          'ok' &&
        document.querySelectorAll('.react-flow__node').length > 0 &&
        (!expected.theme || document.documentElement.dataset.theme === expected.theme) &&
        (!expected.grouping ||
          document.querySelector('[data-testid="grouping-toggle"]')?.getAttribute('data-value') ===
            expected.grouping);
      if (ok) b.graphAt = now;
    }
    if (
      b.traceAt === undefined &&
      expected.trace &&
      document.querySelector('[data-testid="trace-verdict"]')
    )
      b.traceAt = now;
    if (b.graphAt === undefined || (expected.trace && b.traceAt === undefined))
      requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Opens `url` in a fresh page: DOMContentLoaded → graph in the link's look (and → its trace). */
async function linkToScreen(context, url, expected) {
  const page = await context.newPage();
  await page.addInitScript(initProbe, expected);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    (trace) =>
      window.__linkBench.graphAt !== undefined &&
      (!trace || window.__linkBench.traceAt !== undefined),
    expected.trace ?? false,
    { timeout: 30_000 },
  );
  const times = await page.evaluate(() => {
    const dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
    const b = window.__linkBench;
    return { graph: b.graphAt - dcl, trace: b.traceAt === undefined ? undefined : b.traceAt - dcl };
  });
  return { page, times };
}

/** A click on Share → the frame after the QR code is in the DOM (ms); the dialog is closed after. */
async function shareToQr(page) {
  const ms = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[data-testid="share-qr"]')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        document.querySelector('[data-testid="share-button"]').click();
      }),
  );
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="share-dialog"]'));
  return ms;
}

/** The two full-state links, made by the app itself (so they are what Share writes). */
async function makeLinks(context, base) {
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction(
    () => window.netplay !== undefined && window.netplay.getText().length > 0,
  );
  const playground = await page.evaluate(async () => {
    const api = window.netplay;
    await api.load(
      `${api.getText()}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shared-by-teacher\n`,
    );
    await api.send('deployment/default/frontend', 'service/default/backend-service:8080');
    api.setView({ view: 'namespace', theme: 'dark' });
    return (await api.shareLink()).replace('#', '#play=1&');
  });
  const lesson = await page.evaluate(async () => {
    const api = window.netplay;
    await api.openLesson('and-vs-or', 2);
    await api.send('pod/shop/web', 'service/data/db:5432');
    api.setView({ view: 'namespace', theme: 'presenter' });
    return api.shareLink();
  });
  await page.close();
  return { playground, lesson };
}

async function runLinksBench({ root, resultsDir, record }) {
  const say = (s) => console.log('  ' + s);
  const result = {
    date: new Date().toISOString(),
    loadavgBefore: loadavg().map(round1),
    qr: [],
    rounds: [],
    notes: [],
  };
  const finish = () => {
    const med = (key) => median(result.rounds.map((r) => r[key]));
    result.medians = Object.fromEntries(
      ['seed', 'playground', 'playgroundTrace', 'lesson', 'lessonTrace', 'qrFirst', 'qrAgain'].map(
        (k) => [k, med(k)],
      ),
    );
    const capacity = result.qr.at(-1);
    record(
      'B19',
      "QR code of a link at a QR code's capacity (toQrCode, warm)",
      round2(capacity?.warm),
      50,
      'ms',
    );
    record(
      'B19',
      'Share click → QR code drawn (the dialog loaded before)',
      round1(result.medians.qrAgain),
      50,
      'ms',
    );
    record(
      'B19',
      'full-state playground link → graph in its look (from DOMContentLoaded)',
      round1(result.medians.playground),
      1000,
      'ms',
    );
    record(
      'B19',
      'full-state lesson link → graph in its look (from DOMContentLoaded)',
      round1(result.medians.lesson),
      1000,
      'ms',
    );
    result.loadavgAfter = loadavg().map(round1);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'browser-links.json'), JSON.stringify(result, null, 2));
    return [];
  };

  try {
    result.qr = await qrInNode(root);
    for (const q of result.qr)
      say(
        `toQrCode, ${q.name} (${q.bytes} bytes, ${q.modules}×${q.modules} modules): first ${q.cold.toFixed(2)} ms, warm median ${q.warm.toFixed(2)} ms`,
      );
  } catch (e) {
    say(`QR in Node: ${errorText(e)}`);
    result.notes.push(`QR in Node: ${errorText(e)}`);
  }

  let pw;
  try {
    pw = await import('@playwright/test');
  } catch {
    say('browser part skipped: @playwright/test is not installed');
    return finish();
  }
  const executablePath = chromiumPath();
  if (!executablePath) {
    say('browser part skipped: no Chromium (apt-get install chromium)');
    return finish();
  }
  let build;
  try {
    build = prepareBuild(root);
    say(build.how);
  } catch (e) {
    say(`browser part skipped: ${errorText(e)}`);
    return finish();
  }
  let browser;
  let host;
  try {
    host = await startStaticHost(build.out, { prefix: '/', noCache: false });
    browser = await pw.chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    const options = { viewport: VIEWPORT, deviceScaleFactor: 1, serviceWorkers: 'block' };
    const setup = await browser.newContext(options);
    const links = await makeLinks(setup, host.url);
    await setup.close();
    result.links = links;
    say(
      `Chromium ${browser.version()}, ${VIEWPORT.width}×${VIEWPORT.height}; load ${result.loadavgBefore.join(' ')}`,
    );
    say(
      `playground link: ${links.playground.length} characters; lesson link: ${links.lesson.length} characters`,
    );
    for (let r = 1; r <= ROUNDS; r++) {
      const m = { round: r, loadavg: loadavg().map(round1) };
      const context = await browser.newContext(options);
      try {
        const seed = await linkToScreen(context, host.url, {});
        m.seed = seed.times.graph;
        await seed.page.close();
        const playground = await linkToScreen(context, links.playground, {
          theme: 'dark',
          grouping: 'namespace',
          trace: true,
        });
        m.playground = playground.times.graph;
        m.playgroundTrace = playground.times.trace;
        m.qrFirst = await shareToQr(playground.page);
        m.qrAgain = await shareToQr(playground.page);
        await playground.page.close();
        const lesson = await linkToScreen(context, links.lesson, {
          theme: 'contrast',
          grouping: 'namespace',
        });
        m.lesson = lesson.times.graph;
        await lesson.page.close();
      } catch (e) {
        say(`round ${r}: ${errorText(e)}`);
        result.notes.push(`round ${r}: ${errorText(e)}`);
      } finally {
        await context.close().catch(() => undefined);
      }
      result.rounds.push(m);
      const f = (x) => (typeof x === 'number' ? x.toFixed(0) : 'n/a');
      say(
        `round ${r}: load ${m.loadavg[0]}; seed → graph ${f(m.seed)} ms; playground link → graph ${f(m.playground)} ms, → trace ${f(m.playgroundTrace)} ms; lesson link → graph ${f(m.lesson)} ms; Share → QR first ${f(m.qrFirst)} ms, again ${f(m.qrAgain)} ms`,
      );
    }
    finish();
    const med = result.medians;
    say('');
    say(
      `medians of ${ROUNDS} rounds (from DOMContentLoaded): seed page → graph ${round1(med.seed)} ms (baseline); playground link → graph ${round1(med.playground)} ms, → its packet's trace ${round1(med.playgroundTrace)} ms; lesson link → graph ${round1(med.lesson)} ms (budget ≤ 1000)`,
    );
    say(
      `Share click → QR drawn: first ${round1(med.qrFirst)} ms (with the dialog's lazy chunk), again ${round1(med.qrAgain)} ms (budget ≤ 50)`,
    );
    say(`load average after ${result.loadavgAfter.join(' ')} (${cpus().length} cores)`);
    return [];
  } catch (e) {
    say(`links bench stopped: ${errorText(e)}`);
    result.notes.push(errorText(e));
    return finish();
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    rmSync(build.out, { recursive: true, force: true });
  }
}

export const linksBrowserBenchmark = {
  name: 'full-state links and the QR code (B19)',
  run: runLinksBench,
};

// `node scripts/bench/browser-links.mjs`: this benchmark alone (its budgets printed at the end).
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('../..', import.meta.url).pathname;
  const rows = [];
  const record = (id, what, value, budget, unit) => rows.push({ id, what, value, budget, unit });
  await runLinksBench({ root, resultsDir: join(root, 'bench-results'), record });
  for (const r of rows)
    console.log(
      `  ${r.id} ${r.what}: ${r.value ?? 'n/a'} ${r.unit} (budget ≤ ${r.budget}) ${typeof r.value === 'number' && r.value <= r.budget ? 'PASS' : 'OVER'}`,
    );
}
