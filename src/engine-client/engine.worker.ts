/// <reference lib="webworker" />
/** The engine's Web Worker: a thin wrapper around the protocol handler. */
import { createEngineServer } from './handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const serve = createEngineServer((message) => scope.postMessage(message));

scope.addEventListener('message', (event: MessageEvent<unknown>) => serve(event.data));
