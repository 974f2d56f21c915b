/**
 * The client for the engine's Web Worker, with a watchdog: when the worker has not answered
 * for `timeoutMs`, it is terminated and replaced, every waiting call resolves as `timeout`, and
 * listeners hear `restarted`.
 */
import type {
  EngineClient,
  EngineEvent,
  EngineMessage,
  EngineOutcome,
  EngineParams,
  EngineRequest,
  EngineRequestType,
  EngineResult,
} from './protocol';
import { createRequestTracker, STALE } from './request-tracker';

/** The part of `Worker` the client uses (so tests can pass a fake). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<EngineMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerClientOptions {
  createWorker: () => WorkerLike;
  /** The watchdog limit (3 s in the app). */
  timeoutMs?: number;
}

interface Pending {
  readonly type: EngineRequestType;
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
      emit({ type: 'restarted', reason: message, retrying: false });
    }, timeoutMs);
  };

  const onMessage = (message: EngineMessage) => {
    if (message.status === 'started') return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    // Any answer (even to a request dropped as stale) proves the worker is alive.
    armWatchdog();
    if (!waiting) return;
    if (tracker.isStale(waiting.type, message.id)) return waiting.resolve(STALE);
    if (message.status === 'crash')
      return waiting.resolve({ status: 'crash', message: message.message });
    waiting.resolve({ status: 'ok', value: message.result });
  };

  function start(): WorkerLike {
    const w = createWorker();
    w.onmessage = (event) => onMessage(event.data);
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

  return {
    kind: 'worker',
    call: <K extends EngineRequestType>(type: K, params: EngineParams<K>) =>
      new Promise<EngineOutcome<EngineResult<K>>>((resolve) => {
        if (disposed) return resolve(STALE);
        const id = tracker.issue(type);
        // An older request of the same type is now stale: answer it at once.
        for (const [otherId, p] of pending) {
          if (p.type === type) {
            pending.delete(otherId);
            p.resolve(STALE);
          }
        }
        // The answer to `id` is the result of a `type` request: the worker pairs them by id.
        pending.set(id, { type, resolve: resolve as (o: EngineOutcome<unknown>) => void });
        worker.postMessage({ id, type, params });
        if (watchdog === undefined) armWatchdog();
      }),
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
