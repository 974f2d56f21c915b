/**
 * A stand-in for the engine's Web Worker, for tests: it runs the real worker server
 * (`createEngineServer`) one request at a time on later tasks, as a worker thread would, and
 * can be told to start slowly, to take its time, or to get stuck on some requests.
 */
import { createEngineServer } from './handler';
import type { EngineMessage, EngineRequest } from './protocol';
import type { WorkerLike } from './worker-client';

export interface FakeWorkerOptions {
  /** Requests the engine gets stuck on: the worker says it started them and never answers. */
  hang?: (request: EngineRequest) => boolean;
  /** How long (ms) the worker takes to load before it starts its first request. */
  startMs?: number;
  /** How long (ms) each request takes once started. */
  workMs?: number;
  /** How a posted message reaches the main thread (default: a timer, like a message event). */
  deliver?: (send: () => void) => void;
}

export type FakeWorker = WorkerLike & { terminated: boolean };

export function createFakeWorker({
  hang,
  startMs = 0,
  workMs = 1,
  deliver = (send) => setTimeout(send, 0),
}: FakeWorkerOptions = {}): FakeWorker {
  const queue: EngineRequest[] = [];
  let loaded = startMs === 0;
  let busy = false;

  const toMain = (message: EngineMessage) =>
    deliver(() => {
      if (!fake.terminated)
        fake.onmessage?.({ data: structuredClone(message) } as MessageEvent<EngineMessage>);
    });

  const serve = createEngineServer((message) => {
    if (message.status === 'started') return toMain(message);
    setTimeout(() => {
      if (fake.terminated) return;
      toMain(message);
      busy = false;
      next();
    }, workMs);
  });

  function next() {
    if (busy || !loaded || fake.terminated) return;
    const request = queue.shift();
    if (!request) return;
    busy = true;
    setTimeout(() => {
      if (fake.terminated) return;
      // Stuck: it started, and never answers nor takes the next request.
      if (hang?.(request)) return toMain({ id: request.id, status: 'started' });
      serve(request);
    }, 1);
  }

  const fake: FakeWorker = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(request) {
      queue.push(structuredClone(request));
      next();
    },
    terminate() {
      fake.terminated = true;
    },
  };
  if (!loaded)
    setTimeout(() => {
      loaded = true;
      next();
    }, startMs);
  return fake;
}
