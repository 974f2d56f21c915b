/**
 * The client for the engine's Web Worker, with a watchdog that times the engine where it runs.
 *
 * The worker says when it starts each request (`started`); the clock runs from there, so a
 * worker that is slow to load (a cold start under CPU load) is not taken for a hung engine (it
 * has the longer `startTimeoutMs`). The clock only counts time in which the main thread was free
 * to hear the worker: it advances in small ticks, each worth at most two ticks however late it
 * fires, so a main thread busy for seconds cannot turn a queued answer into a timeout.
 *
 * When the limit is reached the worker is terminated and replaced, and every waiting request is
 * sent again to the new worker. The request the engine was stuck on is retried once; stuck a
 * second time, it resolves `timeout` and listeners hear `restarted` with `retrying: false`.
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
  /** How long the engine may work on one request, from when the worker started it (3 s in the app). */
  timeoutMs?: number;
  /** How long a waiting request may go unstarted (a worker loading its script); default 5 × timeoutMs. */
  startTimeoutMs?: number;
  /** The clock, in ms (tests pass a fake one). */
  now?: () => number;
}

interface Pending {
  readonly type: EngineRequestType;
  readonly request: EngineRequest;
  readonly resolve: (outcome: EngineOutcome<unknown>) => void;
  /** Sent again once already, after the engine got stuck on it. */
  retried: boolean;
}

export function createWorkerClient({
  createWorker,
  timeoutMs = 3000,
  startTimeoutMs = 5 * timeoutMs,
  now = () => performance.now(),
}: WorkerClientOptions): EngineClient {
  const tracker = createRequestTracker();
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: EngineEvent) => void>();
  const tickMs = Math.max(1, Math.min(250, timeoutMs / 10));
  let worker: WorkerLike;
  let disposed = false;
  /** The request the worker said it started and has not answered yet. */
  let working: number | undefined;
  /** Time the worker has been silent while the main thread could have heard it. */
  let silentMs = 0;
  let lastTick = now();
  let ticker: ReturnType<typeof setTimeout> | undefined;

  const emit = (event: EngineEvent) => listeners.forEach((listener) => listener(event));

  const settleAll = (outcome: EngineOutcome<never>) => {
    const waiting = [...pending.values()];
    pending.clear();
    waiting.forEach((p) => p.resolve(outcome));
  };

  const watching = () => !disposed && (working !== undefined || pending.size > 0);

  const heard = () => {
    silentMs = 0;
    lastTick = now();
  };

  const keepWatching = () => {
    if (ticker === undefined && watching()) ticker = setTimeout(tick, tickMs);
  };

  function tick() {
    ticker = undefined;
    if (!watching()) return;
    const at = now();
    // A late tick means the main thread was busy: that time does not count against the engine.
    silentMs += Math.min(Math.max(0, at - lastTick), 2 * tickMs);
    lastTick = at;
    if (silentMs >= (working !== undefined ? timeoutMs : startTimeoutMs)) restart();
    keepWatching();
  }

  function restart() {
    const stuck = working;
    const message =
      stuck !== undefined
        ? `The engine did not answer within ${timeoutMs / 1000} s and was restarted. Your text is kept.`
        : `The engine did not start within ${startTimeoutMs / 1000} s and was restarted. Your text is kept.`;
    // Blame the request the engine was working on; when none had started, every waiting one.
    const blamed = (id: number) => (stuck !== undefined ? id === stuck : true);
    worker.terminate();
    worker = start();
    working = undefined;
    heard();
    let gaveUp = false;
    for (const [id, p] of [...pending]) {
      if (blamed(id)) {
        if (p.retried) {
          pending.delete(id);
          p.resolve({ status: 'timeout', message });
          gaveUp = true;
          continue;
        }
        p.retried = true;
      }
      worker.postMessage(p.request);
    }
    emit({ type: 'restarted', reason: message, retrying: !gaveUp });
  }

  const onMessage = (message: EngineMessage) => {
    heard();
    if (message.status === 'started') {
      working = message.id;
      return keepWatching();
    }
    if (working === message.id) working = undefined;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (!waiting) return;
    if (tracker.isStale(waiting.type, message.id)) return waiting.resolve(STALE);
    if (message.status === 'crash')
      return waiting.resolve({ status: 'crash', message: message.message });
    waiting.resolve({ status: 'ok', value: message.result });
  };

  function start(): WorkerLike {
    const w = createWorker();
    w.onmessage = (event) => {
      if (w === worker) onMessage(event.data);
    };
    w.onerror = (event) => {
      if (w !== worker) return;
      // The worker script itself failed (it did not load, or threw outside the handler): answer
      // every waiting request, and give the next one a fresh worker.
      const detail =
        typeof event.message === 'string' && event.message ? event.message : 'worker error';
      settleAll({ status: 'crash', message: `The engine worker failed: ${detail}` });
      w.terminate();
      working = undefined;
      worker = start();
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
        if (!watching()) heard();
        const request: EngineRequest = { id, type, params };
        // The answer to `id` is the result of a `type` request: the worker pairs them by id.
        pending.set(id, {
          type,
          request,
          resolve: resolve as (o: EngineOutcome<unknown>) => void,
          retried: false,
        });
        worker.postMessage(request);
        keepWatching();
      }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (ticker !== undefined) clearTimeout(ticker);
      worker.terminate();
      settleAll(STALE);
      listeners.clear();
    },
  };
}
