/**
 * Measures one engine case in a fresh process (`node --expose-gc`), so heap figures are not
 * polluted by the other cases. Prints one JSON line on stdout.
 *
 * Usage: node --expose-gc scripts/bench/engine-worker.mjs BUNDLE.mjs CASE_JSON
 * CASE_JSON: { kind: 'cluster', pods, policies, clusterPolicies?, uniqueLabels, runs, warmup?, interleaved? }
 *          | { kind: 'file', path, runs, from?, to?, warmup?, interleaved? }
 *          | { kind: 'yaml', bytes, runs } | { kind: 'yaml-edit', bytes, runs }
 *          | { kind: 'alias-bomb', runs } | { kind: 'deep', runs } | { kind: 'oversize', runs }
 * A cluster case first runs `warmup` keystrokes untimed, then times the keystrokes in a loop of
 * their own and the cold figures after (the default), or the cold
 * parse, analysis and simulate between two keystroke recomputes (`interleaved: true`, the method
 * before, to compare; docs/performance.md).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { aliasBomb, generateCluster, generateYamlOfSize } from './generate.mjs';

const [bundlePath, caseJson] = process.argv.slice(2);
const spec = JSON.parse(caseJson);
const engine = await import(pathToFileURL(bundlePath).href);

const gc = globalThis.gc ?? (() => {});
const heap = () => process.memoryUsage().heapUsed;

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function time(fn) {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function countErrors(diagnostics) {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

/**
 * The text after a keystroke in run `r`: one or two comment lines added in the middle document,
 * so that document is parsed again and the ranges of every document below it move (parse memo).
 */
function editedText(text, r) {
  const at = text.indexOf('\n---\n', Math.floor(text.length / 2));
  const cut = at === -1 ? text.length : at + 5;
  return `${text.slice(0, cut)}${`# edit ${r}\n`.repeat((r % 2) + 1)}${text.slice(cut)}`;
}

/**
 * The text after a keystroke that changes a value in run `r`: a pod label (`version`) of a
 * Deployment's template a third of the way down, so pods change their labels and every stage
 * after parsing sees it. Undefined when the text has no such label.
 */
function valueEditedText(text, r) {
  const workload = text.indexOf('kind: Deployment', Math.floor(text.length / 3));
  const template = workload === -1 ? -1 : text.indexOf('template:', workload);
  const at = template === -1 ? -1 : text.indexOf('version: "', template);
  if (at === -1) return undefined;
  const eol = text.indexOf('\n', at);
  return `${text.slice(0, at)}version: "edited-${r % 2}"${text.slice(eol)}`;
}

/**
 * The recompute of budget B10 as the app does it on a keystroke: `simulate` on the edited text
 * (the per-document memo re-parses only the edited document) + the matrix, then one trace;
 * and the cold figures: parse (no cache), analysis (the stages after parsing, from parsed
 * documents) and simulate (cold, parse included). `interleaved`: per run, one
 * keystroke then the cold figures. Otherwise (the default) the keystrokes follow one another in a loop of
 * their own, as in the app's worker, and the cold figures come in a loop after: the cold work's
 * garbage (hundreds of MB at 5,000 pods) is then not collected during a timed recompute, but
 * its warming of the JIT does not help the keystrokes either (docs/performance.md).
 * Then, either way, the same keystroke loop with a value edit (a pod label changed).
 * Each loop `runs` times; the first run of each is left out of the medians (without a warm-up, the cold one).
 */
function measureCluster(files, sample, runs, clusterPolicyObjects = [], interleaved = false, warmup = 0) {
  const samples = [];
  let injected = false;
  /**
   * The cluster the matrix reads: when the generated cluster policies are in the YAML but the
   * reader did not read them (a build without the policy.networking.k8s.io reader), the same
   * policies are put on the cluster, in walk order, so the tier walk is measured anyway.
   */
  const withClusterPolicies = (cluster) => {
    if (clusterPolicyObjects.length === 0 || cluster.clusterPolicies.length > 0 || !engine.sortClusterPolicies) return cluster;
    injected = true;
    return { ...cluster, clusterPolicies: engine.sortClusterPolicies(clusterPolicyObjects) };
  };
  let keep;
  // The app's worker holds one parse cache; warm it with the text before the first edit.
  const cache = engine.createParseCache();
  engine.parseManifests(files, cache);
  /** One keystroke: simulate through the parse cache, the matrix, one trace. */
  const keystroke = (edited) => {
    const analysis = time(() => engine.simulate(edited, {}, cache));
    const matrixCluster = withClusterPolicies(analysis.value.cluster);
    const matrix = engine.computeMatrix ? time(() => engine.computeMatrix(matrixCluster, {})) : undefined;
    const trace = sample ? time(() => engine.traceQueries(analysis.value.cluster, [sample])) : undefined;
    return { analysis, matrix, trace };
  };
  // The app's worker has analysed the text before the keystrokes that count, and has a warm JIT
  // after the first few: `warmup` keystrokes (comment and label edits in turn) run untimed first.
  // Their times are kept (`warmupMs`): the first keystrokes after opening a large text cost more.
  const warmupMs = [];
  for (let w = 0; w < warmup; w++) {
    const k = keystroke(files.map((f) => ({ name: f.name, text: (w % 2 === 1 && valueEditedText(f.text, w)) || editedText(f.text, 1000 + w) })));
    warmupMs.push(k.analysis.ms + (k.matrix?.ms ?? 0));
  }
  if (warmup > 0) engine.parseManifests(files, cache);
  /** The cold figures: the whole text parsed without the cache, the stages after it, the façade. */
  const coldRun = () => {
    const parse = time(() => engine.parseManifests(files));
    // The stages of the façade after parsing (simulate.ts), timed from the parsed documents.
    const analysisOnly = time(() => {
      const normalized = engine.normalizeManifests(parse.value.documents);
      const built = engine.buildCluster(normalized.manifests, {});
      engine.validateManifests(parse.value.documents, normalized.manifests, built.cluster);
      return engine.buildGraph(built.cluster);
    });
    const simulateCold = time(() => engine.simulate(files, {}));
    return { parse: parse.ms, analysis: analysisOnly.ms, simulate: simulateCold.ms };
  };
  const record = (k, cold) => {
    samples.push({
      ...cold,
      edit: k.analysis.ms,
      matrix: k.matrix?.ms,
      trace: k.trace?.ms,
      recompute: k.analysis.ms + (k.matrix?.ms ?? 0),
    });
    keep = { analysis: k.analysis.value, matrix: k.matrix?.value, trace: k.trace?.value?.[0] };
  };
  if (interleaved) {
    for (let r = 0; r < runs; r++) {
      const edited = files.map((f) => ({ name: f.name, text: editedText(f.text, r) }));
      const k = keystroke(edited);
      const cold = coldRun();
      // The parse cache keeps only the last call's documents: warmed again with the edited text.
      engine.parseManifests(edited, cache);
      record(k, cold);
    }
  } else {
    const keystrokes = [];
    for (let r = 0; r < runs; r++) keystrokes.push(keystroke(files.map((f) => ({ name: f.name, text: editedText(f.text, r) }))));
    // Only the last keystroke's result stays alive through the cold loop (the app keeps one).
    for (let r = 0; r < runs - 1; r++) keystrokes[r] = { analysis: { ms: keystrokes[r].analysis.ms }, matrix: keystrokes[r].matrix && { ms: keystrokes[r].matrix.ms }, trace: keystrokes[r].trace && { ms: keystrokes[r].trace.ms } };
    const colds = [];
    for (let r = 0; r < runs; r++) colds.push(coldRun());
    for (let r = 0; r < runs; r++) record(keystrokes[r], colds[r]);
  }
  // A value edit: the same keystroke loop with a pod label changed (the cache holds the last edit).
  const valueEdits = [];
  if (files.every((f) => valueEditedText(f.text, 0) !== undefined)) {
    for (let r = 0; r < runs; r++) {
      const k = keystroke(files.map((f) => ({ name: f.name, text: valueEditedText(f.text, r) })));
      valueEdits.push(k.analysis.ms + (k.matrix?.ms ?? 0));
    }
    // The heap figure below starts from the cache the comment edits left.
    engine.parseManifests(files.map((f) => ({ name: f.name, text: editedText(f.text, runs - 1) })), cache);
  }
  // Heap: one more recompute on its own (simulate + matrix, as the worker keeps them), after
  // dropping everything the timing runs held, so duplicates of the timing loop do not count.
  // (the last timing run stays alive: it is part of the baseline, not of the figure)
  const counts = countsOf(keep);
  gc();
  const baseline = heap();
  let peak = 0;
  const held = engine.simulate(files.map((f) => ({ name: f.name, text: editedText(f.text, runs) })), {}, cache);
  peak = Math.max(peak, heap() - baseline);
  const heldMatrix = engine.computeMatrix ? engine.computeMatrix(withClusterPolicies(held.cluster), {}) : undefined;
  peak = Math.max(peak, heap() - baseline);
  gc();
  const retained = heap() - baseline;
  void held; // keep both alive through the collection above
  void heldMatrix;
  // One trace as a Send asks for it: on the analysis the worker holds, in a task of its own (not
  // right after a recompute, whose garbage is the recompute's cost). A shallow copy of the cluster
  // each time, so the per-cluster indexes (attached routes, policies by name) are built again as
  // for the first Send after a keystroke.
  const traceSamples = [];
  if (sample) {
    for (let r = 0; r < Math.max(runs, 11); r++) traceSamples.push(time(() => engine.traceQueries({ ...held.cluster }, [sample])).ms);
  }
  const warm = samples.length > 1 ? samples.slice(1) : samples;
  const pick = (key) => median(warm.map((s) => s[key]));
  return {
    runs,
    method: interleaved ? 'interleaved' : 'keystrokes apart',
    cold: samples[0],
    median: {
      parse: pick('parse'),
      analysis: pick('analysis'),
      matrix: pick('matrix'),
      recompute: pick('recompute'),
      recomputeValueEdit: median(valueEdits.length > 1 ? valueEdits.slice(1) : valueEdits),
      edit: pick('edit'),
      simulate: pick('simulate'),
      // The trace's own loop (above); `traceAfterKeystroke` is the same trace timed right after each recompute.
      trace: sample ? median(traceSamples.slice(1)) : null,
      traceAfterKeystroke: pick('trace'),
    },
    warmup,
    warmupMs,
    heapPeakMB: peak / 1048576,
    heapRetainedMB: retained / 1048576,
    ...counts,
    clusterPolicies: { generated: clusterPolicyObjects.length, read: keep.analysis.cluster.clusterPolicies?.length ?? 0, injected },
  };
}

function countsOf(keep) {
  const cluster = keep.analysis.cluster;
  return {
    counts: {
      pods: cluster.pods.length,
      services: cluster.services.length,
      policies: cluster.networkPolicies.length,
      portClasses: keep.matrix?.ports?.length ?? null,
      podClasses: keep.matrix?.podClasses ? new Set(keep.matrix.podClasses).size : null,
      errors: countErrors(keep.analysis.diagnostics),
    },
    trace: keep.trace ? { from: keep.trace.from, to: keep.trace.to, verdict: keep.trace.verdict, error: keep.trace.error ?? null } : null,
  };
}

/** The figures of one parse case: its timings (median of the warm runs) and what it read. */
function parseFigures(runs, text, samples, result) {
  return {
    runs,
    bytes: Buffer.byteLength(text),
    cold: samples[0],
    median: median(samples.length > 1 ? samples.slice(1) : samples),
    max: Math.max(...samples),
    documents: result.documents.length,
    errors: countErrors(result.diagnostics),
    firstError: result.diagnostics.find((d) => d.severity === 'error')?.message ?? null,
  };
}

/** parseManifests only (budget B11/B12): time, and whether it refused with an error diagnostic. */
function measureParse(text, name, runs) {
  const files = [{ name, text }];
  const samples = [];
  let result;
  for (let r = 0; r < runs; r++) {
    // No parse cache: every run parses every document.
    const t = time(() => engine.parseManifests(files));
    samples.push(t.ms);
    result = t.value;
  }
  return parseFigures(runs, text, samples, result);
}

/**
 * B11's keystroke: a parse cache holds the text, then one line is added to the middle
 * document; only that document is parsed again (the ones below it move). `runs` edits.
 */
function measureEdit(text, runs) {
  const cache = engine.createParseCache();
  engine.parseManifests([{ name: 'bench.yaml', text }], cache);
  const samples = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const edited = [{ name: 'bench.yaml', text: editedText(text, r) }];
    const t = time(() => engine.parseManifests(edited, cache));
    samples.push(t.ms);
    result = t.value;
  }
  return parseFigures(runs, text, samples, result);
}

let out;
switch (spec.kind) {
  case 'cluster': {
    const { yaml, stats, sample, clusterPolicyObjects } = generateCluster(spec);
    out = { ...measureCluster([{ name: 'bench.yaml', text: yaml }], sample, spec.runs, clusterPolicyObjects, spec.interleaved === true, spec.warmup ?? 0), generated: stats };
    break;
  }
  case 'file': {
    const text = readFileSync(spec.path, 'utf8');
    const sample = spec.from && spec.to ? { from: spec.from, to: spec.to } : undefined;
    out = { ...measureCluster([{ name: spec.path, text }], sample, spec.runs, [], spec.interleaved === true, spec.warmup ?? 0), generated: { bytes: Buffer.byteLength(text) } };
    break;
  }
  case 'yaml': {
    const text = generateYamlOfSize(spec.bytes);
    out = measureParse(text, 'bench.yaml', spec.runs);
    // The same text through the library alone (its syntax tree, no walk, no ranges), as a yardstick.
    if (engine.parseYamlLibraryOnly) {
      const samples = [];
      for (let r = 0; r < spec.runs; r++) samples.push(time(() => engine.parseYamlLibraryOnly(text, { merge: true, prettyErrors: false })).ms);
      out.libraryMedian = median(samples.length > 1 ? samples.slice(1) : samples);
    }
    break;
  }
  case 'yaml-edit':
    out = measureEdit(generateYamlOfSize(spec.bytes), spec.runs);
    break;
  case 'deep':
    // 20 KB of brackets inside one field: refused as a syntax error, before the library recurses.
    out = measureParse(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'deep.yaml', spec.runs);
    break;
  case 'oversize': {
    // Just over 5 MB: must be refused with a message, quickly.
    const unit = generateYamlOfSize(1_000_000);
    let text = unit;
    while (Buffer.byteLength(text) <= 5 * 1024 * 1024) text += '---\n' + unit;
    out = measureParse(text, 'huge.yaml', spec.runs);
    break;
  }
  case 'alias-bomb':
    out = measureParse(aliasBomb(), 'bomb.yaml', spec.runs);
    break;
  default:
    throw new Error(`unknown case kind ${spec.kind}`);
}
process.stdout.write(JSON.stringify(out) + '\n');
