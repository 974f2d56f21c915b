/**
 * The client for the engine's Web Worker, with a watchdog: when the worker has not answered
 * for `timeoutMs`, it is terminated and replaced, every waiting call resolves as `timeout`, and
 * listeners hear `restarted`.
 */
import type { Analysis, Query, ReachabilityMatrix, SimulateOptions, Trace } from '../engine/types';
import type {
  EngineClient,
  EngineEvent,
  EngineOutcome,
  EngineRequest,
  EngineResponse,
} from './protocol';
import { createRequestTracker, STALE } from './request-tracker';

/** The part of `Worker` the client uses (so tests can pass a fake). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerClientOptions {
  createWorker: () => WorkerLike;
  /** The watchdog limit (3 s in the app). */
  timeoutMs?: number;
}

interface Pending {
  readonly type: EngineRequest['type'];
  readonly resolve: (outcome: EngineOutcome<unknown>) => void;
}

export function createWorkerClient({
  createWorker,
  timeoutMs = 3000,
}: WorkerClientOptions): EngineClient {
  const tracker = createRequestTracker();
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: EngineEvent) => void>();
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let worker: WorkerLike;
  let disposed = false;

  const emit = (event: EngineEvent) => listeners.forEach((listener) => listener(event));

  const settleAll = (outcome: EngineOutcome<never>) => {
    const waiting = [...pending.values()];
    pending.clear();
    waiting.forEach((p) => p.resolve(outcome));
  };

  const armWatchdog = () => {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = undefined;
    if (pending.size === 0 || disposed) return;
    watchdog = setTimeout(() => {
      const message = `The engine did not answer within ${timeoutMs / 1000} s and was restarted. Your text is kept.`;
      worker.terminate();
      settleAll({ status: 'timeout', message });
      worker = start();
      emit({ type: 'restarted', reason: message });
    }, timeoutMs);
  };

  const onResponse = (response: EngineResponse) => {
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    // Any answer (even to a request dropped as stale) proves the worker is alive.
    armWatchdog();
    if (!waiting) return;
    if (tracker.isStale(waiting.type, response.id)) return waiting.resolve(STALE);
    if (response.status === 'crash')
      return waiting.resolve({ status: 'crash', message: response.message });
    waiting.resolve({
      status: 'ok',
      value:
        response.type === 'simulate'
          ? response.analysis
          : response.type === 'matrix'
            ? response.matrix
            : response.traces,
    });
  };

  function start(): WorkerLike {
    const w = createWorker();
    w.onmessage = (event) => onResponse(event.data);
    w.onerror = (event) => {
      // The worker script itself failed (it did not load, or threw outside the handler).
      const detail =
        typeof event.message === 'string' && event.message ? event.message : 'worker error';
      settleAll({ status: 'crash', message: `The engine worker failed: ${detail}` });
      armWatchdog();
    };
    return w;
  }
  worker = start();

  const send = <T>(request: EngineRequest): Promise<EngineOutcome<T>> =>
    new Promise((resolve) => {
      if (disposed) return resolve(STALE);
      // An older request of the same type is now stale: answer it at once.
      for (const [id, p] of pending) {
        if (p.type === request.type) {
          pending.delete(id);
          p.resolve(STALE);
        }
      }
      pending.set(request.id, {
        type: request.type,
        resolve: resolve as (o: EngineOutcome<unknown>) => void,
      });
      worker.postMessage(request);
      if (watchdog === undefined) armWatchdog();
    });

  return {
    kind: 'worker',
    simulate(text: string, options?: SimulateOptions) {
      const id = tracker.issue('simulate');
      return send<Analysis>(
        options ? { id, type: 'simulate', text, options } : { id, type: 'simulate', text },
      );
    },
    trace(text: string, queries: readonly Query[], options?: SimulateOptions) {
      const id = tracker.issue('trace');
      return send<readonly Trace[]>(
        options
          ? { id, type: 'trace', text, queries, options }
          : { id, type: 'trace', text, queries },
      );
    },
    matrix(text: string, options?: SimulateOptions) {
      const id = tracker.issue('matrix');
      return send<ReachabilityMatrix>(
        options ? { id, type: 'matrix', text, options } : { id, type: 'matrix', text },
      );
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (watchdog !== undefined) clearTimeout(watchdog);
      worker.terminate();
      settleAll(STALE);
      listeners.clear();
    },
  };
}
