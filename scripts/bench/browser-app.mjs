/**
 * Browser benchmarks of the app (budgets B4-B9, B15 in docs/performance.md), in
 * headless Debian Chromium at 1920×1080 against `vite preview` on port 41740 (never 41730, the
 * e2e port). Three interleaved rounds, medians, the load average before and after; raw rounds
 * and medians go to bench-results/browser.json. A figure that cannot be measured is printed
 * with the reason and recorded as n/a: one failing probe never ends the bench.
 *
 * Probes (each round, in this order):
 *   B4  seed and 300-pod scenario (opened through its share link): DOMContentLoaded → graph drawn
 *   B4  edit → updated graph: `netplay.load` of the text plus one bare Pod → its card drawn
 *       (includes replacing the editor's model; no typing debounce)
 *   B8  the 300-pod page idle, no packets (the baseline of B6)
 *   B6  the same page with 50 packets flying (`netplay.sendMany`): rAF frames, CDP TaskDuration
 *       busy share, Chromium process-tree CPU from /proc
 *   B7  panning (mouse drags on the empty pane) while 50 packets fly: rAF frames, long tasks
 *   B15 click on a graph card → its outline drawn (next frame), keystroke in the editor → frame
 *   B9  2,000 pods (40 Deployments × 50): cards and edges in the DOM, click → outline
 *   B5  a fresh page (seed + one invalid Service, via share link): editor painted, first
 *       diagnostic, longest task before it
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCluster } from './generate.mjs';
import { manyPods } from './many-pods.mjs';

// NETPLAY_BENCH_PORT: another port, when several people bench on one machine.
const PORT = Number(process.env.NETPLAY_BENCH_PORT) || 41740;
// NETPLAY_BENCH_ONLY=packets: only the 300-pod page (B4 300 pods, B8, B6, B7, B15 click).
const ONLY_PACKETS = process.env.NETPLAY_BENCH_ONLY === 'packets';
const BASE = `http://127.0.0.1:${PORT}/`;
const VIEWPORT = { width: 1920, height: 1080 };
const ROUNDS = Number(process.env.NETPLAY_BENCH_ROUNDS) || 3;
const WINDOW_MS = 3000;
// No service worker here: these are first visits (scripts/bench/browser-offline.mjs measures one).
const CONTEXT_OPTIONS = { viewport: VIEWPORT, deviceScaleFactor: 1, serviceWorkers: 'block' };
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ---------------------------------------------------------------------------------------------
// small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Figure helpers, shared by the other browser benches.
export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))] : null;
};
export const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
export const round2 = (x) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);
export const errorText = (e) =>
  String(e?.message ?? e)
    .split('\n')[0]
    .slice(0, 160);

export function chromiumPath() {
  return [process.env.NETPLAY_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
}

function newestMtime(root, paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') walk(join(p, name));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return newest;
}

/** Whether `dir` holds a complete build: index.html and every asset it names. */
function completeBuild(dir) {
  const index = join(dir, 'index.html');
  if (!existsSync(index) || !existsSync(join(dir, '.vite', 'manifest.json'))) return false;
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].every((m) =>
    existsSync(join(dir, m[1])),
  );
}

/**
 * A private copy of the build to serve (other people's e2e runs rebuild dist/ at any moment):
 * dist/ copied when it is complete and newer than the sources, else a fresh build into it.
 */
export function prepareBuild(root) {
  const out = mkdtempSync(join(tmpdir(), 'netplay-browser-bench-'));
  const dist = join(root, 'dist');
  const manifest = join(dist, '.vite', 'manifest.json');
  const sources = newestMtime(root, ['src', 'index.html', 'public', 'scenarios/full-flow.yaml']);
  if (existsSync(manifest) && statSync(manifest).mtimeMs > sources && completeBuild(dist)) {
    cpSync(dist, out, { recursive: true });
    if (completeBuild(out)) return { out, how: 'serving a copy of dist/ (newer than the sources)' };
  }
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      out,
      '--emptyOutDir',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`vite build failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  }
  return { out, how: 'built the app into a private directory' };
}

/** `vite preview` of a build on `port` (default: this bench's), once it answers. */
export async function startPreview(root, outDir, port = PORT) {
  const base = `http://127.0.0.1:${port}/`;
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--outDir',
      outDir,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`vite preview exited: ${stderr.trim().split('\n')[0] ?? child.exitCode}`);
    try {
      const res = await fetch(base);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  child.kill();
  throw new Error(`vite preview did not answer on port ${port} within 30 s`);
}

// ---------------------------------------------------------------------------------------------
// CPU of the Chromium process tree (our descendants whose command line is Chromium)

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

function readProcs() {
  const procs = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // rest[0] = state (field 3): ppid is field 4, utime 14, stime 15.
      procs.push({
        pid: Number(name),
        ppid: Number(rest[1]),
        ticks: Number(rest[11]) + Number(rest[12]),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return procs;
}

/** CPU ticks of every Chromium process below this Node process. */
function chromiumTicks(exe) {
  const procs = readProcs();
  const children = new Map();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let ticks = 0;
  let count = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    stack.push(...(children.get(p.pid) ?? []));
    let cmd;
    try {
      cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (/chrom/i.test(cmd) || cmd.startsWith(exe)) {
      ticks += p.ticks;
      count++;
    }
  }
  return { ticks, count };
}

// ---------------------------------------------------------------------------------------------
// in-page probes

/** Installed before any page script: long tasks, and a per-frame check for "graph drawn". */
function initProbes() {
  window.__bench = { longTasks: [], shownAt: undefined, threshold: Infinity };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task API
  }
  const check = () => {
    const b = window.__bench;
    if (b.shownAt === undefined) {
      const status = document
        .querySelector('[data-testid="engine-status"]')
        ?.getAttribute('data-status');
      const cards = document.querySelectorAll('.react-flow__node').length;
      if (status === 'ok' && cards >= b.threshold) b.shownAt = performance.now();
      else requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

/** Frame deltas over `ms` (the first, partial one dropped), and packets in flight every ~15 frames. */
function framesFor(ms) {
  return new Promise((resolve) => {
    const deltas = [];
    const flying = [];
    let last;
    const start = performance.now();
    const frame = (t) => {
      if (last !== undefined) deltas.push(t - last);
      last = t;
      if (deltas.length % 15 === 0)
        flying.push(document.querySelectorAll('.packet[data-state="flying"]').length);
      if (t - start < ms) requestAnimationFrame(frame);
      else resolve({ deltas, flying });
    };
    requestAnimationFrame(frame);
  });
}

function frameStats(deltas) {
  if (!deltas?.length) return { fps: null, frame: null, p95: null, over33: null, frames: 0 };
  return {
    fps: 1000 / median(deltas),
    frame: median(deltas),
    p95: quantile(deltas, 0.95),
    over33: deltas.filter((d) => d > 33.4).length,
    frames: deltas.length,
  };
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? null;
}

/** Runs `during` while sampling frames, main-thread busy share and Chromium CPU for WINDOW_MS. */
async function measureWindow(page, cdp, exe, during) {
  const pageT0 = await page.evaluate(() => performance.now());
  const t0 = performance.now();
  const cpu0 = chromiumTicks(exe);
  const task0 = await taskSeconds(cdp);
  const frames = page.evaluate(framesFor, WINDOW_MS);
  if (during) await during();
  const { deltas, flying } = await frames;
  const task1 = await taskSeconds(cdp);
  const cpu1 = chromiumTicks(exe);
  const wall = (performance.now() - t0) / 1000;
  const longTasks = await page.evaluate(
    (since) => window.__bench.longTasks.filter((t) => t.start >= since).map((t) => t.duration),
    pageT0,
  );
  return {
    ...frameStats(deltas),
    busy: task0 === null || task1 === null ? null : (100 * (task1 - task0)) / wall,
    cores: (cpu1.ticks - cpu0.ticks) / CLK_TCK / wall,
    processes: cpu1.count,
    longestTask: longTasks.length ? Math.max(...longTasks) : 0,
    flyingMax: flying.length ? Math.max(...flying) : 0,
    flyingMedian: median(flying),
  };
}

/** Main-thread busy share (%) over `ms` with no frame probe running in the page. */
async function busyWithoutProbe(cdp, ms = WINDOW_MS) {
  const t0 = performance.now();
  const task0 = await taskSeconds(cdp);
  await sleep(ms);
  const task1 = await taskSeconds(cdp);
  const wall = (performance.now() - t0) / 1000;
  return task0 === null || task1 === null ? null : (100 * (task1 - task0)) / wall;
}

/**
 * Waits until the page's main thread has settled (under 3 % busy in three half-seconds in a row,
 * at most 15 s) and returns the wait in ms. After `netplay.load` of the 300-pod text the editor
 * goes on for seconds (tokenizing in idle callbacks, the YAML worker's answers): a baseline taken
 * then is the editor's work, not the idle page the packets are compared with.
 */
async function settledMainThread(cdp) {
  const t0 = performance.now();
  let quietWindows = 0;
  while (performance.now() - t0 < 15_000) {
    const busy = await busyWithoutProbe(cdp, 500);
    if (busy === null) return null;
    quietWindows = busy < 3 ? quietWindows + 1 : 0;
    if (quietWindows === 3) return performance.now() - t0;
  }
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// scenarios

const BARE_POD = (name) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
  labels: {app: ${name}}
spec:
  containers:
    - name: c
      image: nginx
      ports: [{containerPort: 80}]
`;

const INVALID_SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: bench-invalid
spec:
  selector: {app: frontend}
  ports:
    - port: 70000
`;

async function openApp(context, url) {
  const page = await context.newPage();
  await page.addInitScript(initProbes);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.netplay !== undefined, null, { timeout: 30_000 });
  return page;
}

/** Waits for the engine's answer and a stable card count; returns it (throws when the engine failed). */
async function settledCards(page, timeout = 60_000) {
  const handle = await page.waitForFunction(
    () => {
      const s = document
        .querySelector('[data-testid="engine-status"]')
        ?.getAttribute('data-status');
      return s && s !== 'pending' && s !== 'idle' ? s : undefined;
    },
    null,
    { timeout },
  );
  const status = await handle.jsonValue();
  if (status !== 'ok')
    throw new Error(
      `the engine answered "${status}" (${await page.evaluate(() => document.querySelector('[data-testid="banner"]')?.textContent ?? 'no banner')})`,
    );
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const n = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    if (n === last && n > 0) return n;
    last = n;
    await sleep(250);
  }
  return last;
}

/** DOMContentLoaded → graph drawn (the init probe's frame), for a page opened on `url`. */
async function graphOnScreen(context, url, threshold) {
  const page = await context.newPage();
  await page.addInitScript(initProbes);
  await page.addInitScript((n) => {
    window.__bench.threshold = n;
  }, threshold);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__bench.shownAt !== undefined, null, { timeout: 30_000 });
  const ms = await page.evaluate(
    () =>
      window.__bench.shownAt -
      performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
  );
  return { page, ms };
}

/** `netplay.load` of `text` → the card `id` drawn, in ms (frame resolution). */
async function editToGraph(page, text, id) {
  return page.evaluate(
    ({ text, id }) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const selector = `[data-testid="graph-node"][data-id="${CSS.escape(id)}"]`;
        void window.netplay.load(text);
        const check = () => {
          if (document.querySelector(selector)) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 20_000)
            reject(new Error(`${id} was not drawn within 20 s`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { text, id },
  );
}

/** A packet for the 50: Internet → the first URL served through an Ingress, else a Service. */
async function pickPacket(page) {
  return page.evaluate(() => {
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
}

async function flyPackets(page, packet, n) {
  if (!(await page.evaluate(() => typeof window.netplay.sendMany === 'function')))
    throw new Error('window.netplay.sendMany is missing');
  // All n leave together (stagger 0): "Send 10"'s 260 ms stagger would keep only ~15 of 50 in the air.
  await page.evaluate(({ from, to, n }) => window.netplay.sendMany(from, to, n, { stagger: 0 }), {
    ...packet,
    n,
  });
  await page.waitForFunction(
    (n) => document.querySelectorAll('.packet[data-state="flying"]').length >= n,
    Math.min(n, 10),
    { timeout: 15_000 },
  );
}

const flyingCount = (page) =>
  page.evaluate(() => document.querySelectorAll('.packet[data-state="flying"]').length);

/** A point on the empty pane of the graph (so a drag pans instead of moving a card). */
async function panePoint(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="graph"]')?.getBoundingClientRect();
    if (!box) return undefined;
    for (let y = box.top + 40; y < box.bottom - 40; y += 23)
      for (let x = box.left + 40; x < box.right - 40; x += 37) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    return undefined;
  });
}

async function pan(page, start) {
  const path = [
    [160, 0],
    [160, 120],
    [0, 120],
    [0, 0],
  ];
  const end = performance.now() + WINDOW_MS - 150;
  while (performance.now() < end) {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (const [dx, dy] of path) await page.mouse.move(start.x + dx, start.y + dy, { steps: 8 });
    await page.mouse.up();
  }
}

/**
 * Resolves once the graph's viewport transform has stayed the same for `quietMs`. A load fits
 * the view with a 350 ms glide that starts two frames after the cards are drawn (later on a
 * busy machine), so a card picked before it ends is somewhere else by the time it is clicked.
 */
async function stillViewport(page, quietMs = 400, timeout = 10_000) {
  await page.evaluate(
    ({ quietMs, timeout }) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const transform = () => document.querySelector('.react-flow__viewport')?.style.transform;
        let last = transform();
        let since = t0;
        const check = (now) => {
          const current = transform();
          if (current !== last) [last, since] = [current, now];
          if (now - since >= quietMs) resolve();
          else if (now - t0 > timeout)
            reject(new Error(`the view still moved after ${timeout} ms`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { quietMs, timeout },
  );
}

/**
 * Click a card → its outline drawn: ms from the click event to the frame that shows it. The card
 * is picked once the view stands still (what a user aims at), and a click that lands elsewhere
 * is reported as such, never as a slow highlight.
 */
async function clickToHighlight(page, selector) {
  await stillViewport(page);
  const target = await page.evaluate((sel) => {
    const box = document.querySelector('[data-testid="graph"]').getBoundingClientRect();
    const cards = [...document.querySelectorAll(sel)].filter((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(12, r.height / 2);
      return (
        r.width > 10 &&
        x > box.left + 10 &&
        x < box.right - 10 &&
        y > box.top + 10 &&
        y < box.bottom - 10 &&
        el.contains(document.elementFromPoint(x, y))
      );
    });
    const el = cards[Math.floor(cards.length / 2)];
    if (!el) return undefined;
    const r = el.getBoundingClientRect();
    window.__bench.clickTarget = el;
    return {
      x: r.left + r.width / 2,
      y: r.top + Math.min(12, r.height / 2),
      id: el.getAttribute('data-id'),
    };
  }, selector);
  if (!target) throw new Error('no card on screen to click');
  const waiting = page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const el = window.__bench.clickTarget;
        const outlined = () => {
          const s = getComputedStyle(el);
          return (
            (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
            el.closest('.react-flow__node')?.classList.contains('selected')
          );
        };
        const was = outlined();
        window.addEventListener(
          'click',
          (event) => {
            const t0 = event.timeStamp;
            if (!el.contains(event.target)) {
              const hit = event.target.closest?.('[data-id]')?.getAttribute('data-id');
              reject(
                new Error(
                  `the click landed on ${hit ?? event.target.className?.baseVal ?? event.target.className}, not on ${el.getAttribute('data-id')}`,
                ),
              );
              return;
            }
            const check = () => {
              if (outlined() !== was) resolve(performance.now() - t0);
              else if (performance.now() - t0 > 5000) reject(new Error('no highlight within 5 s'));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          },
          { capture: true, once: true },
        );
      }),
  );
  await sleep(50);
  await page.mouse.click(target.x, target.y);
  return waiting;
}

/** Keystrokes at the end of the editor text → the next frame, per key. */
async function keystrokes(page) {
  await page.waitForFunction(() => window.__monaco?.editor.getEditors().length === 1, null, {
    timeout: 30_000,
  });
  await page.evaluate(() => {
    const editor = window.__monaco.editor.getEditors()[0];
    const model = editor.getModel();
    const line = model.getLineCount();
    editor.setPosition({ lineNumber: line, column: model.getLineMaxColumn(line) });
    editor.focus();
    window.__bench.keys = [];
    window.addEventListener(
      'keydown',
      (event) => {
        const t0 = event.timeStamp;
        requestAnimationFrame(() => window.__bench.keys.push(performance.now() - t0));
      },
      { capture: true },
    );
  });
  await page.keyboard.press('Enter');
  await page.keyboard.type('# a comment typed by the bench', { delay: 70 });
  await sleep(400);
  return page.evaluate(() => window.__bench.keys);
}

/** Fresh page: editor painted and first diagnostic (ms from navigation start), longest task. */
async function editorOpen(context, url) {
  const page = await context.newPage();
  await page.addInitScript(initProbes);
  await page.addInitScript(() => {
    const check = () => {
      const b = window.__bench;
      if (
        b.editorAt === undefined &&
        document.querySelector('.monaco-editor .view-lines .view-line')
      )
        b.editorAt = performance.now();
      if (
        b.diagnosticAt === undefined &&
        window.__monaco?.editor.getModelMarkers({ owner: 'netplay' }).length > 0
      )
        b.diagnosticAt = performance.now();
      if (b.editorAt === undefined || b.diagnosticAt === undefined) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    () => window.__bench.editorAt !== undefined && window.__bench.diagnosticAt !== undefined,
    null,
    { timeout: 30_000 },
  );
  const r = await page.evaluate(() => ({
    paint: window.__bench.editorAt,
    diagnostic: window.__bench.diagnosticAt,
    longestTask: Math.max(
      0,
      ...window.__bench.longTasks
        .filter((t) => t.start < window.__bench.diagnosticAt)
        .map((t) => t.duration),
    ),
  }));
  await page.close();
  return r;
}

// ---------------------------------------------------------------------------------------------
// the benchmark

async function runAppBench({ root, resultsDir, record }) {
  const say = (s) => console.log('  ' + s);
  const budgets = [
    ['B4', 'seed: DOMContentLoaded → graph on screen', 'seedLoad', 1000, 'ms'],
    ['B4', '300 pods (share link): DOMContentLoaded → graph on screen', 'bigLoad', 1000, 'ms'],
    ['B4', 'seed: edit → updated graph', 'seedEdit', 100, 'ms'],
    ['B4', '300 pods: edit → updated graph', 'bigEdit', 500, 'ms'],
    ['B6', '50 packets, 300 pods: median frame (≥ 58 fps)', 'b6Frame', 1000 / 58, 'ms'],
    ['B6', '50 packets, 300 pods: p95 frame', 'b6P95', 17.5, 'ms'],
    ['B6', '50 packets, 300 pods: main thread busy', 'b6Busy', 20, '%'],
    ['B6', '50 packets, 300 pods: Chromium CPU', 'b6Cores', 0.6, 'cores'],
    ['B8', 'packet layer overhead: Chromium CPU', 'b8Cores', 0.4, 'cores'],
    ['B8', 'packet layer overhead: main thread busy', 'b8Busy', 15, 'points'],
    ['B7', 'panning while 50 packets fly: median frame (≥ 50 fps)', 'b7Frame', 1000 / 50, 'ms'],
    ['B7', 'panning while 50 packets fly: longest task', 'b7Long', 100, 'ms'],
    ['B15', 'click → highlight (300 pods)', 'click', 100, 'ms'],
    ['B15', 'keystroke → frame, p50', 'keyP50', 20, 'ms'],
    ['B15', 'keystroke → frame, max', 'keyMax', 50, 'ms'],
    ['B9', '2,000 pods: cards rendered', 'b9Cards', 2000, ''],
    ['B9', '2,000 pods: click → highlight', 'b9Click', 100, 'ms'],
    ['B5', 'editor painted after open', 'b5Paint', 2500, 'ms'],
    ['B5', 'first diagnostic after open', 'b5Diag', 3000, 'ms'],
    ['B5', 'longest task before the first diagnostic', 'b5Long', 1200, 'ms'],
  ];
  const result = {
    date: new Date().toISOString(),
    port: PORT,
    viewport: VIEWPORT,
    rounds: [],
    medians: {},
    notes: [],
    loadavgBefore: loadavg().map(round2),
  };
  const finish = (medians) => {
    for (const [id, what, key, budget, unit] of budgets) {
      const value = medians?.[key] ?? null;
      record(id, what, value === null ? null : round1(value), round1(budget), unit);
    }
    result.loadavgAfter = loadavg().map(round2);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, 'browser.json'),
      JSON.stringify(
        {
          ...result,
          budgets: budgets.map(([id, what, key, budget, unit]) => ({
            id,
            what,
            key,
            budget,
            unit,
            value: medians?.[key] ?? null,
          })),
        },
        null,
        2,
      ),
    );
    // Already printed as it went (a run takes minutes): nothing more for the hook to print.
    return [];
  };

  const exe = chromiumPath();
  let pw;
  try {
    pw = await import('@playwright/test');
  } catch {
    say('skipped: @playwright/test is not installed');
    return finish(undefined);
  }
  const executablePath =
    exe ?? (existsSync(pw.chromium.executablePath()) ? pw.chromium.executablePath() : undefined);
  if (!executablePath) {
    say('skipped: no Chromium (apt-get install chromium, or npx playwright install chromium)');
    return finish(undefined);
  }
  let build;
  try {
    build = prepareBuild(root);
    say(build.how);
  } catch (e) {
    say(`skipped: ${errorText(e)}`);
    return finish(undefined);
  }
  let preview;
  let browser;
  try {
    preview = await startPreview(root, build.out);
    const launch = () =>
      pw.chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    browser = await launch();
    say(
      `Chromium ${browser.version()} (${executablePath}), ${VIEWPORT.width}×${VIEWPORT.height}, vite preview on :${PORT}; load ${result.loadavgBefore.join(' ')}`,
    );
    let context = await browser.newContext(CONTEXT_OPTIONS);

    // Preparation: the scenarios, their share links and their drawn card counts.
    const seed = readFileSync(join(root, 'scenarios/full-flow.yaml'), 'utf8');
    const big = generateCluster({ pods: 300, seed: 1 }).yaml;
    const huge = manyPods(2000);
    const prep = await openApp(context, BASE);
    const seedCards = await settledCards(prep);
    await prep.evaluate((t) => window.netplay.load(t), big);
    const bigCards = await settledCards(prep);
    const bigLink = await prep.evaluate(() => window.netplay.shareLink());
    await prep.evaluate((t) => window.netplay.load(t), seed + INVALID_SERVICE);
    const invalidLink = await prep.evaluate(() => window.netplay.shareLink());
    await prep.close();
    await context.close();
    say(
      `scenarios: seed ${seedCards} cards; 300 pods ${bigCards} cards (${(big.length / 1024).toFixed(0)} KiB YAML, link ${bigLink.length.toLocaleString('en')} chars); 2,000 pods in 40 Deployments, ${(huge.length / 1024).toFixed(0)} KiB YAML (loaded with netplay.load)`,
    );

    for (let r = 1; r <= ROUNDS; r++) {
      // A fresh context per round; a new browser if the last one went away (crash, killed).
      if (preview.exitCode !== null || preview.signalCode !== null) {
        say(
          `  vite preview is gone (${preview.signalCode ?? `exit ${preview.exitCode}`}): starting it again for round ${r}`,
        );
        preview = await startPreview(root, build.out);
      }
      if (!browser.isConnected()) {
        say(`  Chromium is gone: launching it again for round ${r}`);
        browser = await launch();
      }
      context = await browser.newContext(CONTEXT_OPTIONS);
      const m = {};
      // A probe that hangs (a page stuck in a long task, a lost browser) fails after its limit;
      // closing the round's context then ends whatever it still waits for.
      const probe = async (name, fn, limitMs = 90_000) => {
        let timer;
        try {
          await Promise.race([
            fn(),
            new Promise((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`no result within ${limitMs / 1000} s`)),
                limitMs,
              );
            }),
          ]);
        } catch (e) {
          const why = `round ${r}, ${name}: ${errorText(e)}`;
          result.notes.push(why);
          say(`  could not measure ${why}`);
        } finally {
          clearTimeout(timer);
        }
      };
      // B4 seed (page opened on the default scenario), then an edit.
      if (!ONLY_PACKETS)
        await probe(
          'B4 seed',
          async () => {
            const { page, ms } = await graphOnScreen(context, BASE, seedCards);
            m.seedLoad = ms;
            await settledCards(page);
            await page.waitForFunction(
              () => window.__monaco?.editor.getEditors().length === 1,
              null,
              {
                timeout: 30_000,
              },
            );
            m.seedEdit = await editToGraph(
              page,
              seed + BARE_POD(`bench-edit-${r}`),
              `pod/default/bench-edit-${r}`,
            );
            await probe('B15 keystroke', async () => {
              await settledCards(page);
              const keys = await keystrokes(page);
              m.keyP50 = median(keys);
              m.keyMax = keys.length ? Math.max(...keys) : null;
            });
            await page.close();
          },
          180_000,
        );
      // B4 300 pods through its share link, an edit, then B8/B6/B7/B15 on that page.
      await probe(
        'B4 300 pods',
        async () => {
          const { page, ms } = await graphOnScreen(context, bigLink, bigCards);
          m.bigLoad = ms;
          const cdp = await context.newCDPSession(page);
          await cdp.send('Performance.enable');
          await settledCards(page);
          await page.waitForFunction(
            () => window.__monaco?.editor.getEditors().length === 1,
            null,
            {
              timeout: 30_000,
            },
          );
          await probe('B4 300-pod edit', async () => {
            m.bigEdit = await editToGraph(
              page,
              big + BARE_POD(`bench-edit-${r}`),
              `pod/default/bench-edit-${r}`,
            );
            await settledCards(page);
          });
          await sleep(500);
          await probe('B8 baseline', async () => {
            m.settleMs = await settledMainThread(cdp);
            const idle = await measureWindow(page, cdp, executablePath);
            m.idleFps = idle.fps;
            m.idleBusy = idle.busy;
            m.idleCores = idle.cores;
          });
          // Panning the same page without packets: what B7 would be if the packets cost nothing.
          await probe('B7 baseline', async () => {
            const start = await panePoint(page);
            if (!start) throw new Error('no empty pane point to drag');
            const w = await measureWindow(page, cdp, executablePath, () => pan(page, start));
            m.panIdleFps = w.fps;
            m.panIdleBusy = w.busy;
          });
          const packet = await pickPacket(page);
          m.packet = packet;
          await probe('B6 50 packets', async () => {
            if (!packet?.to) throw new Error('no destination to send packets to');
            await flyPackets(page, packet, 50);
            const flyingAtStart = await flyingCount(page);
            const w = await measureWindow(page, cdp, executablePath);
            Object.assign(m, {
              b6Fps: w.fps,
              b6Frame: w.frame,
              b6P95: w.p95,
              b6Over33: w.over33,
              b6Busy: w.busy,
              b6Cores: w.cores,
              b6Processes: w.processes,
              flyingAtStart,
              flyingMax: w.flyingMax,
              flyingMedian: w.flyingMedian,
            });
            if (m.idleCores !== undefined) m.b8Cores = w.cores - m.idleCores;
            if (m.idleBusy !== undefined && m.idleBusy !== null && w.busy !== null)
              m.b8Busy = w.busy - m.idleBusy;
          });
          // The same, with nothing in the page asking for frames: the rAF frame probe above makes
          // Blink run a main-thread frame every vsync, and each such frame ticks every running
          // packet animation there. Without it the animations stay on the compositor. Reported
          // beside B6/B8 (the budgets are judged with the probe, as before).
          await probe('B6 without the frame probe', async () => {
            if (!packet?.to) throw new Error('no destination to send packets to');
            const quietIdle = await busyWithoutProbe(cdp);
            await flyPackets(page, packet, 50);
            m.b6QuietBusy = await busyWithoutProbe(cdp);
            m.b8QuietBusy =
              m.b6QuietBusy === null || quietIdle === null ? null : m.b6QuietBusy - quietIdle;
            m.idleQuietBusy = quietIdle;
          });
          await probe('B7 panning', async () => {
            const start = await panePoint(page);
            if (!start) throw new Error('no empty pane point to drag');
            await flyPackets(page, packet, 50);
            const w = await measureWindow(page, cdp, executablePath, () => pan(page, start));
            Object.assign(m, {
              b7Fps: w.fps,
              b7Frame: w.frame,
              b7P95: w.p95,
              b7Long: w.longestTask,
              b7Busy: w.busy,
              b7Cores: w.cores,
              b7FlyingMedian: w.flyingMedian,
            });
          });
          await probe('B15 click', async () => {
            await page
              .waitForFunction(
                () => document.querySelectorAll('.packet[data-state="flying"]').length === 0,
                null,
                { timeout: 30_000 },
              )
              .catch(() => undefined);
            m.click = await clickToHighlight(page, '[data-testid="graph-node"]');
          });
          await page.close();
        },
        300_000,
      );
      // B9: 2,000 pods.
      if (!ONLY_PACKETS)
        await probe(
          'B9 2,000 pods',
          async () => {
            const page = await openApp(context, BASE);
            await settledCards(page);
            const t0 = performance.now();
            await page.evaluate((t) => window.netplay.load(t), huge);
            const cards = await settledCards(page, 120_000);
            m.b9LoadMs = performance.now() - t0;
            m.b9Cards = cards;
            m.b9Edges = await page.evaluate(
              () => document.querySelectorAll('.react-flow__edge').length,
            );
            m.b9Elements = await page.evaluate(() => document.querySelectorAll('*').length);
            m.b9Click = await clickToHighlight(
              page,
              '[data-testid="graph-node"], [data-testid="pod-group"]',
            );
            await page.close();
          },
          180_000,
        );
      // B5: the editor on a fresh page with a diagnostic to show.
      if (!ONLY_PACKETS)
        await probe('B5 editor', async () => {
          const e = await editorOpen(context, invalidLink);
          Object.assign(m, { b5Paint: e.paint, b5Diag: e.diagnostic, b5Long: e.longestTask });
        });
      result.rounds.push({ round: r, loadavg: loadavg().map(round2), ...m });
      const f = (x, d = 0) => (typeof x === 'number' ? x.toFixed(d) : 'n/a');
      say(
        `round ${r}: load ${loadavg()[0].toFixed(2)}; B4 ${f(m.seedLoad)} / ${f(m.bigLoad)} ms, edit ${f(m.seedEdit)} / ${f(m.bigEdit)} ms; B6 ${f(m.b6Fps, 1)} fps p95 ${f(m.b6P95, 1)} ms busy ${f(m.b6Busy)}% ${f(m.b6Cores, 2)} cores (flying: ${m.flyingAtStart ?? '?'} at start, median ${m.flyingMedian ?? '?'}, max ${m.flyingMax ?? '?'}); idle ${f(m.idleCores, 2)} cores ${f(m.idleBusy)}% busy (main thread settled ${f(m.settleMs)} ms after the edit); B7 ${f(m.b7Fps, 1)} fps p95 ${f(m.b7P95, 1)} ms busy ${f(m.b7Busy)}% (without packets ${f(m.panIdleFps, 1)} fps, ${f(m.panIdleBusy)}%); B15 ${f(m.click)} ms; B9 ${m.b9Cards ?? 'n/a'} cards`,
      );
      await context.close().catch(() => undefined);
    }
    return report();
  } catch (e) {
    say(`browser bench stopped: ${errorText(e)}`);
    result.notes.push(errorText(e));
    return report();
  } finally {
    await browser?.close().catch(() => undefined);
    preview?.kill();
    rmSync(build.out, { recursive: true, force: true });
  }

  /** The medians of the rounds measured, beside their budgets. */
  function report() {
    const keys = [...new Set(result.rounds.flatMap((r) => Object.keys(r)))].filter(
      (k) => k !== 'round' && k !== 'packet' && k !== 'loadavg',
    );
    for (const k of keys) result.medians[k] = median(result.rounds.map((r) => r[k]));
    const med = result.medians;
    const rows = budgets.map(([id, what, key, budget, unit]) => {
      const v = med[key];
      const verdict = v === null || v === undefined ? 'N/A' : v <= budget ? 'PASS' : 'OVER';
      const shown =
        v === null || v === undefined
          ? 'n/a'
          : `${round1(v)}${unit ? ' ' + unit : ''}${/Frame$/.test(key) ? ` (${round1(1000 / v)} fps)` : ''}`;
      return [id, what, shown, `≤ ${round1(budget)}${unit ? ' ' + unit : ''}`, verdict];
    });
    const widths = [0, 1, 2, 3, 4].map((c) =>
      Math.max(
        ...rows.map((row) => String(row[c]).length),
        ['id', `figure (median of ${result.rounds.length} rounds)`, 'value', 'budget', ''][c]
          .length,
      ),
    );
    const fmtRow = (row) =>
      row
        .map((cell, c) =>
          c === 2 || c === 3 ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]),
        )
        .join('  ');
    say('');
    say(fmtRow(['id', `figure (median of ${result.rounds.length} rounds)`, 'value', 'budget', '']));
    for (const row of rows) say(fmtRow(row));
    say(
      `extra: idle page ${round1(med.idleFps)} fps, ${round2(med.idleCores)} cores, ${round1(med.idleBusy)}% busy; without the frame probe: idle ${round1(med.idleQuietBusy)}% busy, 50 packets ${round1(med.b6QuietBusy)}% busy (+${round1(med.b8QuietBusy)} points); B6 frames over 33 ms ${med.b6Over33 ?? 'n/a'}; B7 p95 ${round1(med.b7P95)} ms, ${round1(med.b7Busy)}% busy; panning without packets ${round1(med.panIdleFps)} fps, ${round1(med.panIdleBusy)}% busy; B9 ${med.b9Edges ?? 'n/a'} edges, ${med.b9Elements ?? 'n/a'} DOM elements, load→drawn ${round1(med.b9LoadMs)} ms`,
    );
    say(
      `load average before ${result.loadavgBefore.join(' ')}, after ${loadavg().map(round2).join(' ')} (${cpus().length} cores): browser figures on a loaded machine are pessimistic`,
    );
    return finish(med);
  }
}

export const appBrowserBenchmark = {
  name: 'app in headless Chromium (B4-B9, B15)',
  run: runAppBench,
};
