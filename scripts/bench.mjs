#!/usr/bin/env node
/**
 * `npm run bench`: measures what docs/performance.md budgets, prints each figure
 * beside its budget, writes the same as JSON under bench-results/, and ends with one
 * PASS/OVER line per budget.
 *
 *   npm run bench                      engine + bundle + browser
 *   npm run bench -- --engine-only     engine only (bench-results/engine.json)
 *   npm run bench -- --bundle-only     bundle only (bench-results/bundle.json)
 *   npm run bench -- --no-build        reuse dist/ when it is newer than the sources
 *   npm run bench -- --quick           engine sizes up to 1,000 pods, fewer runs
 *   npm run bench -- --yaml-only       the YAML cases of the engine only (B11, B12)
 *   npm run bench -- --runs N          runs per engine case (median of the warm ones)
 *   npm run bench -- --no-browser      skip the browser benchmarks (scripts/bench/browser*.mjs)
 *   npm run bench -- --browser-only    the browser benchmarks only (bench-results/browser.json)
 *   npm run bench -- --editor-only     the editor's hover, completion and code lens (E1-E3)
 *   npm run bench -- --strict          exit 1 when any budget is OVER
 *   npm run bench -- --interleaved     the cluster cases' cold parse, analysis and simulate timed between
 *                                      two keystrokes (the method before; to compare). By default the
 *                                      keystrokes are timed in a loop of their own, the cold figures after
 *
 * ENGINE (B10-B12): the engine (src/engine) is bundled with esbuild into one temporary .mjs
 * (fast and reproducible: the same code every case runs), then each case runs in its own
 * `node --expose-gc` process (scripts/bench/engine-worker.mjs), so heap figures stay apart.
 * "recompute" (budget B10, the engine's full recompute) is what a keystroke costs in the app:
 * `simulate` on the whole text after a one-document edit (with a parse cache, as the app's worker
 * holds one, only the document whose text changed is parsed again and the ranges of those below
 * it move), plus the full matrix
 * over every port class. Beside it, timed in the same runs: `parse` (cold, the whole text, budget
 * B11 per size), `analysis` (normalize → build the cluster → validate → graph from parsed
 * documents), `simulate` cold (parse included) and one trace; and, in a loop after, the
 * recompute after a keystroke that changes a pod label. No timing goes into a test.
 *
 * BUNDLE (B1-B3): a production `vite build` with the project's config plus one recording
 * plugin that keeps each chunk's modules and imports (bench-results/bundle-graph.json), then
 * dist/.vite/manifest.json gives the entry's static import graph.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BROWSER_BENCHMARKS } from './bench/browser.mjs';
import { runEditorBench } from './bench/editor.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench-results');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const runsArg = args.indexOf('--runs') !== -1 ? Number(args[args.indexOf('--runs') + 1]) : undefined;
const KiB = 1024;

/** Every budget line of the run: { id, what, value, unit, budget, pass }. */
const summary = [];

function record(id, what, value, budget, unit) {
  const pass = value === null || value === undefined ? null : value <= budget;
  summary.push({ id, what, value, budget, unit, pass });
  return pass;
}

function fmt(value, unit) {
  if (value === null || value === undefined) return 'n/a';
  if (unit === 'ms') return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  if (unit === 'KiB') return `${value.toFixed(1)} KiB`;
  return `${value}${unit ? ' ' + unit : ''}`;
}

function table(headers, rows) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function machine() {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', loadavg: loadavg().map((x) => Math.round(x * 100) / 100) };
}

// ---------------------------------------------------------------------------------------------
// ENGINE

/** Bundles the engine façade (+ computeMatrix, parseManifests) into one .mjs; undefined exports when a module is missing. */
async function bundleEngine(dir) {
  const esbuild = await import('esbuild');
  const has = (p) => existsSync(join(root, p));
  const lines = [
    `export { simulate, traceQueries } from ${JSON.stringify(join(root, 'src/engine/simulate.ts'))};`,
    `export { parseManifests, createParseCache } from ${JSON.stringify(join(root, 'src/engine/manifest/parse.ts'))};`,
    // The library on its own, to tell its time from the engine's walk over its tree (B11).
    `export { parseAllDocuments as parseYamlLibraryOnly } from 'yaml';`,
    // The stages after parsing, to time a recompute from parsed documents (budget B10).
    `export { normalizeManifests } from ${JSON.stringify(join(root, 'src/engine/manifest/normalize.ts'))};`,
    `export { validateManifests } from ${JSON.stringify(join(root, 'src/engine/manifest/validate.ts'))};`,
    `export { buildCluster } from ${JSON.stringify(join(root, 'src/engine/cluster/build-cluster.ts'))};`,
    `export { buildGraph } from ${JSON.stringify(join(root, 'src/engine/graph/build-graph.ts'))};`,
  ];
  if (has('src/engine/cluster/cluster-policies.ts')) {
    lines.push(`export { sortClusterPolicies } from ${JSON.stringify(join(root, 'src/engine/cluster/cluster-policies.ts'))};`);
  }
  if (has('src/engine/policy/matrix.ts')) {
    lines.push(`export { computeMatrix } from ${JSON.stringify(join(root, 'src/engine/policy/matrix.ts'))};`);
  }
  const outfile = join(dir, 'engine.mjs');
  await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    // `yaml` ships CommonJS for Node: give the ESM bundle a `require` for its internals.
    banner: { js: "import { createRequire as __netplayCreateRequire } from 'node:module'; const require = __netplayCreateRequire(import.meta.url);" },
  });
  return outfile;
}

function runCase(bundle, spec) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'scripts/bench/engine-worker.mjs'), bundle, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  if (r.status !== 0) {
    const message = (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').find((l) => /Error|error/.test(l)) ?? r.stderr.trim().split('\n')[0];
    return { failed: message ?? `exit ${r.status}` };
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** B10: the full recompute budget for a cluster case (issue 11: tighter with cluster policies). */
function recomputeBudget(c) {
  if (c.uniqueLabels) return 3000;
  if (c.clusterPolicies) return c.pods <= 1000 ? 60 : 300;
  if (c.gateways) return 100;
  if (c.pods <= 50) return 5;
  if (c.pods <= 1000) return 100;
  return 500;
}

export async function runEngineBench({ quick = false, runs, yamlOnly = false, interleaved = false } = {}) {
  console.log('\nENGINE (B10-B12): median of the warm runs, each case in its own process\n');
  if (interleaved) console.log('  --interleaved: the cold parse, analysis and simulate timed between two keystrokes\n');
  const dir = mkdtempSync(join(tmpdir(), 'netplay-bench-'));
  const result = { machine: machine(), date: new Date().toISOString(), cases: [], yaml: [], errors: [] };
  try {
    let bundle;
    try {
      bundle = await bundleEngine(dir);
    } catch (err) {
      const message = `cannot bundle the engine: ${String(err?.message ?? err).split('\n')[0]}`;
      console.log(message);
      result.errors.push(message);
      return result;
    }
    const n = (k) => runs ?? (quick ? Math.min(k, 3) : k);
    const clusterCases = yamlOnly ? [] : [
      // Small cases get more runs: a run takes well under a millisecond once the JIT has warmed up
      // (as in the app's worker after a few keystrokes), and 15 runs in a fresh process mostly time the warm-up.
      { name: 'seed scenario (full-flow.yaml)', kind: 'file', path: join(root, 'scenarios/full-flow.yaml'), from: 'internet', to: 'http://example.com/api/users', pods: 0, runs: n(61) },
      { name: '10 pods', kind: 'cluster', pods: 10, runs: n(61) },
      { name: '100 pods', kind: 'cluster', pods: 100, runs: n(21) },
      // 15 keystrokes at 1,000 pods: a keystroke's time varies by a third from one to the next
      // (the collector), and the median of 6 moved by 15 ms between two runs of one build.
      { name: '1,000 pods / 200 policies', kind: 'cluster', pods: 1000, policies: 200, runs: n(15) },
      { name: '1,000 / 200 + 20 cluster policies', kind: 'cluster', pods: 1000, policies: 200, clusterPolicies: 20, runs: n(15) },
      { name: '1,000 / 200 + 5 Gateways, 100 HTTPRoutes × 10 rules', kind: 'cluster', pods: 1000, policies: 200, gateways: 5, httpRoutes: 100, runs: n(15) },
      ...(quick
        ? []
        : [
            { name: '5,000 pods / 1,000 policies', kind: 'cluster', pods: 5000, policies: 1000, runs: n(7) },
            { name: '5,000 / 1,000 + 100 cluster policies', kind: 'cluster', pods: 5000, policies: 1000, clusterPolicies: 100, runs: n(7) },
            { name: '5,000 pods, unique label sets', kind: 'cluster', pods: 5000, policies: 1000, uniqueLabels: true, runs: n(3) },
          ]),
    ];
    // Untimed keystrokes before the timed ones, per cluster case (engine-worker.mjs): the app's
    // worker has analysed the text and warmed its JIT before the keystrokes a user waits on.
    const WARMUP_KEYSTROKES = 8;
    for (const c of clusterCases) c.warmup = WARMUP_KEYSTROKES;
    const rows = [];
    for (const c of clusterCases) {
      process.stdout.write(`  ${c.name} ...`);
      const m = runCase(bundle, { ...c, interleaved });
      process.stdout.write(m.failed ? ` failed: ${m.failed}\n` : ' done\n');
      const pods = m.counts?.pods ?? c.pods;
      const budget = recomputeBudget({ ...c, pods: c.kind === 'file' ? 10 : c.pods });
      const entry = { ...c, ...m, budgetMs: budget, heapBudgetMB: 64 };
      result.cases.push(entry);
      if (m.failed) {
        rows.push([c.name, '-', 'failed', '', '', '', '', '', '', '', '', '', '']);
        record('B10', `${c.name}: recompute`, null, budget, 'ms');
        continue;
      }
      const med = m.median;
      rows.push([
        c.name,
        pods,
        fmt(med.parse, 'ms'),
        fmt(med.analysis, 'ms'),
        fmt(med.simulate, 'ms'),
        fmt(med.edit, 'ms'),
        fmt(med.matrix, 'ms'),
        fmt(med.recompute, 'ms'),
        `≤ ${budget} ms`,
        fmt(med.recomputeValueEdit, 'ms'),
        fmt(med.trace, 'ms'),
        fmt(m.heapPeakMB, 'MB'),
        '≤ 64 MB',
      ]);
      record('B10', `${c.name}: recompute (simulate after an edit + matrix${med.matrix === null ? ', matrix missing' : ''})`, med.recompute, budget, 'ms');
      if (med.recomputeValueEdit !== null && med.recomputeValueEdit !== undefined) {
        record('B10', `${c.name}: recompute after a pod label edit`, med.recomputeValueEdit, budget, 'ms');
      }
      record('B10', `${c.name}: heap`, m.heapPeakMB, 64, 'MB');
      // Issue 12: one HTTP request through a Gateway's listener and routes.
      if (c.gateways) record('B10', `${c.name}: one HTTP trace through a Gateway`, med.trace, 2, 'ms');
    }
    if (!yamlOnly) console.log('\n' + table(['case', 'pods', 'parse cold', 'analysis', 'simulate cold', 'simulate edit', 'matrix', 'recompute', 'budget', 'label edit', 'trace', 'heap peak', 'budget'], rows));
    if (!yamlOnly) {
      console.log('  parse cold = parseManifests on the whole text, no parse cache (B11 per size below);');
      console.log('  analysis = normalize + build cluster + validate + graph from parsed documents; simulate cold = the façade, parse included;');
      console.log('  simulate edit = the façade after a keystroke (lines added in the middle document: it is re-parsed, the ones below move);');
      console.log(`  every keystroke figure comes after ${WARMUP_KEYSTROKES} untimed keystrokes (the worker's JIT warm, as in the app after the first edits);`);
      console.log('  recompute = simulate edit + matrix (B10, the full recompute the app runs per keystroke), the keystrokes in a');
      console.log('  loop of their own, the cold figures after them (--interleaved: between two keystrokes); label edit = the recompute after');
      console.log('  a keystroke that changes a pod label of a Deployment (every stage after parsing sees it), timed after the other');
      console.log('  loops, so on a warmer JIT than the recompute column; heap peak = largest heapUsed');
      console.log('  sampled after a step of one recompute, above the baseline; trace = one trace in a loop of its own on the');
      console.log('  last analysis (a fresh copy of its cluster each time, so its per-cluster indexes are built again), as a Send asks for it');
      for (const e of result.cases) {
        if (!e.clusterPolicies?.generated) continue;
        const how = e.clusterPolicies.injected
          ? 'the reader did not read them: the same objects were put on the cluster for the matrix'
          : `${e.clusterPolicies.read} read from the YAML`;
        console.log(`  ${e.name}: ${e.clusterPolicies.generated} ClusterNetworkPolicies (Admin and Baseline tiers), ${how}`);
      }
    }

    const yamlCases = [
      // 21 runs: in a fresh process the first ten or so parses of 100 KB still time the JIT warming up `yaml`.
      { name: 'YAML 100 KB with positions', kind: 'yaml', bytes: 100_000, budget: 100, runs: n(21), expect: 'parse' },
      { name: 'YAML 100 KB: one document edited', kind: 'yaml-edit', bytes: 100_000, budget: 5, runs: n(41), expect: 'parse' },
      { name: 'YAML 1 MB with positions', kind: 'yaml', bytes: 1_000_000, budget: 1000, runs: n(3), expect: 'parse' },
      { name: 'YAML nested 10,000 deep (20 KB)', kind: 'deep', budget: 300, runs: n(5), expect: 'refuse' },
      { name: 'YAML > 5 MB', kind: 'oversize', budget: 1000, runs: 1, expect: 'refuse' },
      { name: 'alias bomb (< 1 KB)', kind: 'alias-bomb', budget: 300, runs: n(5), expect: 'refuse' },
    ];
    const yrows = [];
    for (const c of yamlCases) {
      process.stdout.write(`  ${c.name} ...`);
      const m = runCase(bundle, c);
      process.stdout.write(m.failed ? ` failed: ${m.failed}\n` : ' done\n');
      result.yaml.push({ ...c, ...m });
      const id = c.kind === 'alias-bomb' || c.kind === 'deep' ? 'B12' : 'B11';
      if (m.failed) {
        yrows.push([c.name, '-', 'failed', '', '']);
        record(id, c.name, null, c.budget, 'ms');
        continue;
      }
      const refused = m.errors > 0;
      const ok = c.expect === 'refuse' ? refused : m.errors === 0;
      const value = c.expect === 'refuse' ? m.max : m.median;
      const library = m.libraryMedian === undefined ? '' : `; the library alone ${fmt(m.libraryMedian, 'ms')}`;
      yrows.push([c.name, `${(m.bytes / 1024).toFixed(0)} KiB`, fmt(value, 'ms'), `≤ ${c.budget} ms`, c.expect === 'refuse' ? (refused ? `refused: ${String(m.firstError).slice(0, 60)}…` : 'NOT REFUSED') : `${m.documents} documents${m.errors ? `, ${m.errors} errors` : ''}${library}`]);
      record(id, `${c.name}: time`, value, c.budget, 'ms');
      if (!ok) summary.push({ id, what: `${c.name}: ${c.expect === 'refuse' ? 'refused with a message' : 'parsed without errors'}`, value: 0, budget: 1, unit: '', pass: false });
    }
    console.log('\n' + table(['YAML', 'size', 'time', 'budget', 'result'], yrows));
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// BUNDLE

/** The newest mtime under the paths the production build reads. */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') walk(join(p, name));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json']) walk(join(root, p));
  return newest;
}

/** Runs `vite build` with a plugin recording each chunk's modules; writes bench-results/bundle-graph.json. */
async function viteBuild() {
  const { build } = await import('vite');
  const graph = {};
  const recorder = {
    name: 'netplay-bench-recorder',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        graph[fileName] = {
          isEntry: item.isEntry,
          isDynamicEntry: item.isDynamicEntry,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          modules: item.moduleIds ?? Object.keys(item.modules ?? {}),
          css: [...(item.viteMetadata?.importedCss ?? [])],
          assets: [...(item.viteMetadata?.importedAssets ?? [])],
        };
      }
    },
  };
  await build({ root, logLevel: 'warn', plugins: [recorder] });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'bundle-graph.json'), JSON.stringify(graph, null, 1));
  return graph;
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const isMonacoModule = (id) => /[\\/]node_modules[\\/](monaco-editor|monaco-yaml|monaco-worker-manager|monaco-languageserver-types|monaco-marker-data-provider)[\\/]/.test(id);

export async function runBundleBench({ noBuild = false } = {}) {
  console.log('\nBUNDLE (B1-B3): production build, gzip -9\n');
  const dist = join(root, 'dist');
  const manifestPath = join(dist, '.vite', 'manifest.json');
  const graphPath = join(resultsDir, 'bundle-graph.json');
  const result = { machine: machine(), date: new Date().toISOString(), built: false, errors: [] };
  let graph;
  const fresh = existsSync(manifestPath) && existsSync(graphPath) && statSync(manifestPath).mtimeMs > newestSource();
  if (noBuild && fresh) {
    console.log('  --no-build: dist/ is newer than the sources, reusing it');
    graph = JSON.parse(readFileSync(graphPath, 'utf8'));
  } else {
    if (noBuild) console.log('  --no-build: dist/ is missing or older than the sources: building anyway');
    try {
      const t0 = performance.now();
      graph = await viteBuild();
      result.built = true;
      result.buildSeconds = (performance.now() - t0) / 1000;
    } catch (err) {
      const message = `vite build failed: ${String(err?.message ?? err).split('\n')[0]}`;
      console.log('  ' + message);
      result.errors.push(message);
      record('B1', 'initial JS (gzip)', null, 160, 'KiB');
      record('B2', 'Monaco modules in the entry graph', null, 0, '');
      record('B3', 'editor payload (gzip)', null, 1450, 'KiB');
      return result;
    }
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (entryKey === undefined) {
    result.errors.push('no entry in dist/.vite/manifest.json');
    return result;
  }

  // B1: the entry chunk and its static imports (transitively), JS and CSS apart.
  const staticKeys = new Set();
  const visit = (key) => {
    if (staticKeys.has(key) || !manifest[key]) return;
    staticKeys.add(key);
    for (const k of manifest[key].imports ?? []) visit(k);
  };
  visit(entryKey);
  const entryFiles = [...staticKeys].map((k) => manifest[k].file);
  const entryCss = [...new Set([...staticKeys].flatMap((k) => manifest[k].css ?? []))];
  const b1js = entryFiles.reduce((sum, f) => sum + gz(join(dist, f)), 0) / KiB;
  const b1css = entryCss.reduce((sum, f) => sum + gz(join(dist, f)), 0) / KiB;

  // B2: Monaco modules in the entry graph (from the recorded module lists).
  const entryChunkFiles = new Set(entryFiles);
  const monacoInEntry = Object.entries(graph)
    .filter(([file]) => entryChunkFiles.has(file))
    .flatMap(([, c]) => c.modules.filter(isMonacoModule));

  // B3: chunks reached only through dynamic imports that carry Monaco, their static closure,
  // their CSS and fonts, and the editor/YAML workers.
  const lazy = new Set();
  const addClosure = (file) => {
    if (lazy.has(file) || entryChunkFiles.has(file) || !graph[file]) return;
    lazy.add(file);
    for (const f of graph[file].imports) addClosure(f);
  };
  for (const [file, c] of Object.entries(graph)) {
    if (!entryChunkFiles.has(file) && c.modules.some(isMonacoModule)) addClosure(file);
  }
  const lazyCss = new Set([...lazy].flatMap((f) => graph[f].css));
  const assetsDir = join(dist, 'assets');
  const allAssets = existsSync(assetsDir) ? readdirSync(assetsDir).map((f) => `assets/${f}`) : [];
  // Fonts the editor's CSS or chunks refer to (Monaco's codicon), not the app's own.
  const lazyText = [...lazy, ...lazyCss].map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  const fonts = allAssets.filter((f) => /\.(ttf|woff2?)$/.test(f) && lazyText.includes(f.slice('assets/'.length)));
  const workers = allAssets.filter((f) => /(editor|yaml)\.worker.*\.js$/.test(f) && !lazy.has(f));
  const editorFiles = [...lazy, ...lazyCss, ...fonts, ...workers];
  const b3 = editorFiles.reduce((sum, f) => sum + gz(join(dist, f)), 0) / KiB;

  Object.assign(result, {
    entry: entryKey,
    b1: { jsGzipKiB: b1js, cssGzipKiB: b1css, files: entryFiles, css: entryCss },
    b2: { monacoModules: monacoInEntry.length, sample: monacoInEntry.slice(0, 10).map((m) => relative(root, m)) },
    b3: { gzipKiB: b3, files: editorFiles },
  });
  console.log(
    table(
      ['budget', 'figure', 'limit'],
      [
        ['B1 initial JS (entry + static imports)', fmt(b1js, 'KiB'), '≤ 160 KiB'],
        ['B1 initial CSS', fmt(b1css, 'KiB'), '≤ 15 KiB'],
        ['B2 Monaco modules in the entry graph', String(monacoInEntry.length), '0'],
        ['B3 editor payload (JS, CSS, font, workers)', fmt(b3, 'KiB'), '≤ 1,450 KiB'],
      ],
    ),
  );
  if (lazy.size === 0) console.log('  note: no lazily loaded chunk carries Monaco yet (is the editor wired?)');
  record('B1', 'initial JS (gzip)', b1js, 160, 'KiB');
  record('B1', 'initial CSS (gzip)', b1css, 15, 'KiB');
  record('B2', 'Monaco modules in the entry graph', monacoInEntry.length, 0, '');
  record('B3', 'editor payload (gzip)', lazy.size === 0 ? null : b3, 1450, 'KiB');
  return result;
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const browserOnly = flag('--browser-only');
  const yamlOnly = flag('--yaml-only');
  const engineOnly = flag('--engine-only') || yamlOnly;
  const bundleOnly = flag('--bundle-only');
  console.log(`kube-netplay bench — node ${process.version}, ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  mkdirSync(resultsDir, { recursive: true });
  if (!bundleOnly && !browserOnly && !flag('--editor-only')) {
    const engine = await runEngineBench({ quick: flag('--quick'), runs: runsArg, yamlOnly, interleaved: flag('--interleaved') });
    writeFileSync(join(resultsDir, 'engine.json'), JSON.stringify({ ...engine, summary: summary.filter((s) => /^B1[0-2]$/.test(s.id)) }, null, 2));
  }
  if ((!bundleOnly && !browserOnly && !yamlOnly) || flag('--editor-only')) {
    // The editor's questions to the engine (hover, completion, code lenses): E1-E3.
    console.log('\nEDITOR (E1-E3): the worker\'s handler on the 300-pod scenario');
    for (const line of await runEditorBench({ root, record })) console.log('  ' + line);
  }
  if (flag('--editor-only')) return printSummary();
  if (!engineOnly && !browserOnly) {
    const bundle = await runBundleBench({ noBuild: flag('--no-build') });
    writeFileSync(join(resultsDir, 'bundle.json'), JSON.stringify({ ...bundle, summary: summary.filter((s) => /^B[1-3]$/.test(s.id)) }, null, 2));
  }
  if (browserOnly || (!engineOnly && !bundleOnly && !flag('--no-browser'))) {
    // The hook for browser benchmarks (B4-B9, B15, B16): each entry of BROWSER_BENCHMARKS.
    for (const bench of BROWSER_BENCHMARKS) {
      console.log(`\nBROWSER: ${bench.name}`);
      for (const line of await bench.run({ root, resultsDir, record })) console.log('  ' + line);
    }
    if (BROWSER_BENCHMARKS.length === 0) console.log('\nBROWSER: no browser benchmarks yet (scripts/bench/browser.mjs)');
  }

  printSummary();
}

function printSummary() {
  console.log('\nSUMMARY');
  for (const s of summary) {
    const verdict = s.pass === null ? 'N/A ' : s.pass ? 'PASS' : 'OVER';
    const budget = `${s.budget.toLocaleString('en-US')}${s.unit ? ' ' + s.unit : ''}`;
    console.log(`${verdict} ${s.id.padEnd(3)} ${s.what}: ${fmt(s.value, s.unit)} (budget ≤ ${budget})`);
  }
  const over = summary.filter((s) => s.pass === false).length;
  console.log(`\n${summary.length - over} within budget or not measured, ${over} over; results in ${relative(process.cwd(), resultsDir) || '.'}/`);
  if (flag('--strict') && over > 0) process.exitCode = 1;
}

await main();
