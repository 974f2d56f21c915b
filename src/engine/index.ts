/**
 * The engine's one door: the app, the engine client, the CLI and their tests import from here
 * only (lint enforces it), so a new kind plugs in behind this file without touching them.
 */
export * from './types';
export * from './refs';
export { simulate, traceQueries } from './simulate';
export { createParseCache, parseManifests, MAX_INPUT_BYTES, type ParseCache } from './manifest/parse';
export { CNI_PLUGINS, CNI_PLUGIN_NAMES, cniPlugin, type CniPluginInfo, type CniOverlay } from './cni-plugins';
export { computeMatrix, matrixCell, toTruthTable, MATRIX_EXPAND_LIMIT } from './policy/matrix';
export { MAX_NODE_COUNT } from './cluster/nodes';
