/**
 * The engine's one door: the app, the engine client, the CLI and their tests import from here
 * only (lint enforces it), so a new kind plugs in behind this file without touching them.
 */
export * from './types';
export * from './refs';
export { analyseDocuments, simulate, traceQueries, type AnalysedDocuments } from './simulate';
export { createParseCache, parseManifests, MAX_INPUT_BYTES, type ParseCache } from './manifest/parse';
export { GRAPH_TIERS, type GraphTierName } from './graph/graph-tiers';
export { CNI_PLUGINS, CNI_PLUGIN_NAMES, cniPlugin, type CniPluginInfo, type CniOverlay } from './cni-plugins';
export { computeMatrix, matrixCell, toTruthTable, MATRIX_EXPAND_LIMIT } from './policy/matrix';
export { MAX_NODE_COUNT } from './cluster/nodes';
// The editor's questions (hover, code lenses, completions, quick fixes), answered from an analysis.
export * from './editor/types';
export { explainAt } from './editor/explain';
export { buildCodeLenses } from './editor/code-lens';
export { completeAt } from './editor/complete';
export { quickFixesAt } from './editor/quick-fixes';
export { mapLine, mapLineIn } from './editor/locate';
export { buildSpans } from './editor/outline';
// The per-pair evaluator: one connection's verdict with the rule that decided it.
export { evaluateConnection } from './policy/evaluate';
