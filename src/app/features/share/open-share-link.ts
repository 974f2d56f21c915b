/**
 * Opening a share link without blocking the page: the length is judged here (a hostile link of
 * megabytes is refused at once, nothing decoded), a longer link is decoded in a small module
 * worker, and a short one (or any, where no worker can start: an old browser, a test in Node)
 * here, in pieces.
 */
import { checkSharePayloadLength, decodeShareText, type DecodeResult } from './share-link';

/** The worker answers well within this (B14: ≤ 50 ms for 100 KB); past it, the link is given up. */
const DECODE_TIMEOUT_MS = 10_000;

/**
 * Links up to this long are decoded here, not in a worker. Starting the worker (a thread, its
 * script fetched and compiled) took longer than decoding such a link, and the page waited for it
 * before its first paint (B20: ~100 ms on a phone). Its inflating is bounded all the same: at
 * most ~6 KB of compressed bytes, fed a piece at a time and stopped at the 1 MiB cap.
 * The links the app makes of a typical scenario are well under it (the seed's is ~600).
 */
export const DECODE_HERE_MAX_CHARS = 8_192;

export type StartDecodeWorker = () => Worker;

const startWorker: StartDecodeWorker = () =>
  new Worker(new URL('./share-decode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'netplay-share-decode',
  });

/**
 * The text of a share payload (`2.…`, or an older `1.…`), or why it cannot be opened. Never throws.
 *
 * @example
 * const decoded = await openSharePayload(readShareFragment(location.hash) ?? '');
 */
export function openSharePayload(
  payload: string,
  start: StartDecodeWorker | undefined = typeof Worker === 'undefined' ? undefined : startWorker,
): Promise<DecodeResult> {
  const tooLong = checkSharePayloadLength(payload);
  if (tooLong) return Promise.resolve(tooLong);
  if (start === undefined || payload.length <= DECODE_HERE_MAX_CHARS)
    return decodeShareText(payload);
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return decodeShareText(payload);
  }
  return new Promise<DecodeResult>((resolve) => {
    let settled = false;
    const finish = (result: DecodeResult | Promise<DecodeResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: 'This link could not be decoded in time, so it was not opened.',
        }),
      DECODE_TIMEOUT_MS,
    );
    worker.addEventListener('message', (event: MessageEvent<DecodeResult>) => finish(event.data));
    // The worker could not load (blocked, missing): decode here instead.
    worker.addEventListener('error', () => finish(decodeShareText(payload)));
    worker.postMessage(payload);
  });
}
