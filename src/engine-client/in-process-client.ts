/**
 * The engine on the main thread, behind the same interface as the worker client: the fallback
 * when Web Workers are unavailable, and the client the contract tests run against.
 */
import { createEngineHandler } from './handler';
import type {
  EngineClient,
  EngineEvent,
  EngineOutcome,
  EngineParams,
  EngineRequestType,
  EngineResult,
} from './protocol';
import { createRequestTracker, STALE } from './request-tracker';

export function createInProcessClient(): EngineClient {
  const handle = createEngineHandler();
  const tracker = createRequestTracker();
  const listeners = new Set<(event: EngineEvent) => void>();
  let disposed = false;

  return {
    kind: 'in-process',
    // Runs on a later task, like a worker would: a request overtaken before it starts never runs.
    call: <K extends EngineRequestType>(type: K, params: EngineParams<K>) =>
      new Promise<EngineOutcome<EngineResult<K>>>((resolve) => {
        const id = tracker.issue(type);
        setTimeout(() => {
          if (disposed || tracker.isStale(type, id)) return resolve(STALE);
          const response = handle({ id, type, params });
          if (tracker.isStale(type, id)) return resolve(STALE);
          if (response.status === 'crash')
            return resolve({ status: 'crash', message: response.message });
          resolve({ status: 'ok', value: response.result });
        }, 0);
      }),
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
