/**
 * The protocol handler: one request in, one response out. The worker wraps it, the
 * in-process client calls it directly, so both answer exactly alike.
 */
import type { Analysis, ReachabilityMatrix, SimulateOptions } from '../engine/types';
import { computeMatrix } from '../engine/policy/matrix';
import { simulate, traceQueries } from '../engine/simulate';
import { createParseCache } from '../engine/manifest/parse';
import { SCENARIO_FILE, type EngineRequest, type EngineResponse } from './protocol';

export type EngineHandler = (request: EngineRequest) => EngineResponse;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function sameOptions(a: SimulateOptions | undefined, b: SimulateOptions | undefined): boolean {
  return a?.cni === b?.cni && a?.nodes === b?.nodes;
}

/**
 * Makes a handler with a one-entry cache: the last analysed text, so a trace after a
 * simulate of the same text does not rebuild the cluster.
 *
 * @example
 * const handle = createEngineHandler();
 * handle({ id: 1, type: 'simulate', text }); // { id: 1, type: 'simulate', status: 'ok', analysis }
 */
export function createEngineHandler(): EngineHandler {
  let cached:
    { text: string; options: SimulateOptions | undefined; analysis: Analysis } | undefined;
  // The matrix of the cached analysis (reopening the matrix view does not recompute it).
  let cachedMatrix: { analysis: Analysis; matrix: ReachabilityMatrix } | undefined;
  // The YAML documents of the last text: a keystroke re-parses only the document it changed.
  const parseCache = createParseCache();

  const analyse = (text: string, options: SimulateOptions | undefined): Analysis => {
    if (cached && cached.text === text && sameOptions(cached.options, options))
      return cached.analysis;
    const analysis = simulate([{ name: SCENARIO_FILE, text }], options ?? {}, parseCache);
    cached = { text, options, analysis };
    return analysis;
  };

  return (request) => {
    try {
      if (request.type === 'simulate') {
        return {
          id: request.id,
          type: 'simulate',
          status: 'ok',
          analysis: analyse(request.text, request.options),
        };
      }
      const analysis = analyse(request.text, request.options);
      if (request.type === 'matrix') {
        if (cachedMatrix?.analysis !== analysis)
          cachedMatrix = { analysis, matrix: computeMatrix(analysis.cluster, {}) };
        return { id: request.id, type: 'matrix', status: 'ok', matrix: cachedMatrix.matrix };
      }
      return {
        id: request.id,
        type: 'trace',
        status: 'ok',
        traces: traceQueries(analysis.cluster, request.queries),
      };
    } catch (error) {
      // A throw in the engine is a bug; report it as a crash and keep going.
      return { id: request.id, type: request.type, status: 'crash', message: describeError(error) };
    }
  };
}
