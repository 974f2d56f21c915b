/// <reference lib="webworker" />
/** The engine's Web Worker: a thin wrapper around the protocol handler. */
import { createEngineHandler } from './handler';
import { isEngineRequest, type EngineResponse } from './protocol';

const handle = createEngineHandler();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isEngineRequest(request)) return;
  let response: EngineResponse = handle(request);
  try {
    scope.postMessage(response);
  } catch (error) {
    // Not cloneable (a bug in the engine's output): still answer, as a crash.
    response = {
      id: request.id,
      type: request.type,
      status: 'crash',
      message: `answer could not be sent: ${String(error)}`,
    };
    scope.postMessage(response);
  }
});
