/**
 * Measures one engine case in a fresh process (`node --expose-gc`), so heap figures are not
 * polluted by the other cases. Prints one JSON line on stdout.
 *
 * Usage: node --expose-gc scripts/bench/engine-worker.mjs BUNDLE.mjs CASE_JSON
 * CASE_JSON: { kind: 'cluster', pods, policies, uniqueLabels, runs }
 *          | { kind: 'file', path, runs, from?, to? }
 *          | { kind: 'yaml', bytes, runs } | { kind: 'alias-bomb', runs }
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

/** parse / analysis / simulate / matrix / trace, `runs` times; the first run is the cold one. */
function measureCluster(files, sample, runs) {
  const samples = [];
  let keep;
  for (let r = 0; r < runs; r++) {
    const parse = time(() => engine.parseManifests(files));
    // The stages of the façade after parsing (simulate.ts), timed from the parsed documents.
    const analysisOnly = time(() => {
      const normalized = engine.normalizeManifests(parse.value.documents);
      const built = engine.buildCluster(normalized.manifests, {});
      engine.validateManifests(parse.value.documents, normalized.manifests, built.cluster);
      return engine.buildGraph(built.cluster);
    });
    const analysis = time(() => engine.simulate(files, {}));
    const matrix = engine.computeMatrix ? time(() => engine.computeMatrix(analysis.value.cluster, {})) : undefined;
    const trace = sample ? time(() => engine.traceQueries(analysis.value.cluster, [sample])) : undefined;
    samples.push({
      parse: parse.ms,
      analysis: analysisOnly.ms,
      simulate: analysis.ms,
      matrix: matrix?.ms,
      trace: trace?.ms,
      recompute: analysisOnly.ms + (matrix?.ms ?? 0),
    });
    keep = { analysis: analysis.value, matrix: matrix?.value, trace: trace?.value?.[0] };
  }
  // Heap: one more recompute on its own (simulate + matrix, as the worker keeps them), after
  // dropping everything the timing runs held, so duplicates of the timing loop do not count.
  // (the last timing run stays alive: it is part of the baseline, not of the figure)
  const counts = countsOf(keep);
  gc();
  const baseline = heap();
  let peak = 0;
  const held = engine.simulate(files, {});
  peak = Math.max(peak, heap() - baseline);
  const heldMatrix = engine.computeMatrix ? engine.computeMatrix(held.cluster, {}) : undefined;
  peak = Math.max(peak, heap() - baseline);
  gc();
  const retained = heap() - baseline;
  void held; // keep both alive through the collection above
  void heldMatrix;
  const warm = samples.length > 1 ? samples.slice(1) : samples;
  const pick = (key) => median(warm.map((s) => s[key]));
  return {
    runs,
    cold: samples[0],
    median: {
      parse: pick('parse'),
      analysis: pick('analysis'),
      matrix: pick('matrix'),
      recompute: pick('recompute'),
      simulate: pick('simulate'),
      trace: pick('trace'),
    },
    heapPeakMB: peak / 1048576,
    heapRetainedMB: retained / 1048576,
    ...counts,
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

/** parseManifests only (budget B11/B12): time, and whether it refused with an error diagnostic. */
function measureParse(text, name, runs) {
  const files = [{ name, text }];
  const samples = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t = time(() => engine.parseManifests(files));
    samples.push(t.ms);
    result = t.value;
  }
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

let out;
switch (spec.kind) {
  case 'cluster': {
    const { yaml, stats, sample } = generateCluster(spec);
    out = { ...measureCluster([{ name: 'bench.yaml', text: yaml }], sample, spec.runs), generated: stats };
    break;
  }
  case 'file': {
    const text = readFileSync(spec.path, 'utf8');
    const sample = spec.from && spec.to ? { from: spec.from, to: spec.to } : undefined;
    out = { ...measureCluster([{ name: spec.path, text }], sample, spec.runs), generated: { bytes: Buffer.byteLength(text) } };
    break;
  }
  case 'yaml':
    out = measureParse(generateYamlOfSize(spec.bytes), 'bench.yaml', spec.runs);
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
