/**
 * The engine on the main thread, behind the same interface as the worker client: the fallback
 * when Web Workers are unavailable, and the client the contract tests run against.
 */
import type { Analysis, Query, ReachabilityMatrix, SimulateOptions, Trace } from '../engine/types';
import { createEngineHandler } from './handler';
import type { EngineClient, EngineEvent, EngineOutcome, EngineRequest } from './protocol';
import { createRequestTracker, STALE } from './request-tracker';

export function createInProcessClient(): EngineClient {
  const handle = createEngineHandler();
  const tracker = createRequestTracker();
  const listeners = new Set<(event: EngineEvent) => void>();
  let disposed = false;

  // Runs on a later task, like a worker would: a request overtaken before it starts never runs.
  const run = <T>(
    request: EngineRequest,
    pick: (r: ReturnType<typeof handle>) => T,
  ): Promise<EngineOutcome<T>> =>
    new Promise((resolve) => {
      setTimeout(() => {
        if (disposed || tracker.isStale(request.type, request.id)) return resolve(STALE);
        const response = handle(request);
        if (tracker.isStale(request.type, request.id)) return resolve(STALE);
        if (response.status === 'crash')
          return resolve({ status: 'crash', message: response.message });
        resolve({ status: 'ok', value: pick(response) });
      }, 0);
    });

  return {
    kind: 'in-process',
    simulate(text: string, options?: SimulateOptions): Promise<EngineOutcome<Analysis>> {
      const id = tracker.issue('simulate');
      const request: EngineRequest = options
        ? { id, type: 'simulate', text, options }
        : { id, type: 'simulate', text };
      return run(request, (r) => (r as Extract<typeof r, { analysis: Analysis }>).analysis);
    },
    trace(
      text: string,
      queries: readonly Query[],
      options?: SimulateOptions,
    ): Promise<EngineOutcome<readonly Trace[]>> {
      const id = tracker.issue('trace');
      const request: EngineRequest = options
        ? { id, type: 'trace', text, queries, options }
        : { id, type: 'trace', text, queries };
      return run(request, (r) => (r as Extract<typeof r, { traces: readonly Trace[] }>).traces);
    },
    matrix(text: string, options?: SimulateOptions): Promise<EngineOutcome<ReachabilityMatrix>> {
      const id = tracker.issue('matrix');
      const request: EngineRequest = options
        ? { id, type: 'matrix', text, options }
        : { id, type: 'matrix', text };
      return run(request, (r) => (r as Extract<typeof r, { matrix: ReachabilityMatrix }>).matrix);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
}
