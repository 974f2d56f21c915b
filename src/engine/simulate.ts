/**
 * The one façade the worker, the CLI, the tests and the benchmarks call.
 *
 * @example
 * const analysis = simulate([{ name: 'scenario.yaml', text }]);
 * const [trace] = traceQueries(analysis.cluster, [{ from: 'internet', to: 'http://example.com/api' }]);
 */
import type { Analysis, Cluster, InputFile, ManifestDocument, Query, SimulateOptions, Trace } from './types';
import { parseManifests, type ParseCache } from './manifest/parse';
import { normalizeManifests } from './manifest/normalize';
import { validateManifests } from './manifest/validate';
import { buildCluster } from './cluster/build-cluster';
import { buildGraph } from './graph/build-graph';
import { traceQuery } from './trace/trace';
import { runChecks } from './trace/checks';
import { buildSourceOutline } from './editor/outline';

/** An analysis with the parsed documents it came from (the worker keeps them for the editor's questions). */
export interface AnalysedDocuments {
  readonly analysis: Analysis;
  readonly documents: readonly ManifestDocument[];
}

/**
 * `simulate`, also handing back the parsed documents (with their field ranges): the worker's
 * session keeps them to answer the editor's hovers, completions and quick fixes.
 */
export function analyseDocuments(files: readonly InputFile[], options: SimulateOptions = {}, cache?: ParseCache): AnalysedDocuments {
  const parsed = parseManifests(files, cache);
  const normalized = normalizeManifests(parsed.documents);
  const built = buildCluster(normalized.manifests, options);
  const validation = validateManifests(parsed.documents, normalized.manifests, built.cluster);
  const analysis: Analysis = {
    cluster: built.cluster,
    graph: buildGraph(built.cluster),
    checks: runChecks(built.cluster),
    diagnostics: [
      ...parsed.diagnostics,
      ...normalized.diagnostics,
      ...built.diagnostics,
      ...validation,
    ],
    outline: buildSourceOutline(parsed.documents),
  };
  return { analysis, documents: parsed.documents };
}

/**
 * Text → cluster → graph, with every diagnostic. Never throws on user input. With a `cache`
 * (from `createParseCache`, one per editor or CLI run), only the YAML documents whose text
 * changed since the last call are parsed again; the result is the same.
 */
export function simulate(files: readonly InputFile[], options: SimulateOptions = {}, cache?: ParseCache): Analysis {
  return analyseDocuments(files, options, cache).analysis;
}

/** Answers each query on its own: a bad query gets a Trace with `error`, the others still answer. */
export function traceQueries(cluster: Cluster, queries: readonly Query[]): Trace[] {
  return queries.map((query) => traceQuery(cluster, query));
}
