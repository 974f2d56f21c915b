/**
 * The app's engine client: the Web Worker when the browser has one, else the in-process twin
 * (loaded lazily, so the engine stays out of the entry chunk either way).
 */
import type { EngineClient, EngineEvent } from './protocol';
import { createWorkerClient } from './worker-client';

export const ENGINE_TIMEOUT_MS = 3000;

function createLazyInProcessClient(reason: string): EngineClient {
  const loaded = import('./in-process-client').then((m) => m.createInProcessClient());
  const listeners = new Set<(event: EngineEvent) => void>();
  queueMicrotask(() => listeners.forEach((l) => l({ type: 'fallback', reason })));
  return {
    kind: 'in-process',
    call: async (type, params) => (await loaded).call(type, params),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      void loaded.then((c) => c.dispose());
    },
  };
}

export function createEngineClient(): EngineClient {
  if (typeof Worker === 'undefined')
    return createLazyInProcessClient('This browser has no Web Workers.');
  try {
    return createWorkerClient({
      createWorker: () =>
        new Worker(new URL('./engine.worker.ts', import.meta.url), {
          type: 'module',
          name: 'netplay-engine',
        }),
      timeoutMs: ENGINE_TIMEOUT_MS,
    });
  } catch (error) {
    return createLazyInProcessClient(`The engine worker could not start (${String(error)}).`);
  }
}
