/// <reference lib="webworker" />
/**
 * Decodes one share link off the main thread: base64url, then inflating under the size cap.
 * It answers one `DecodeResult` per message; the page ends it after the answer.
 */
import { decodeShareText } from './share-link';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const payload = event.data;
  if (typeof payload !== 'string') return;
  void decodeShareText(payload).then((result) => scope.postMessage(result));
});
