/**
 * The user pressed "Reload" on "A new version is ready": let the waiting service worker take
 * over, then reload, so the page comes back on the new version. The reload never hangs on the
 * worker: if nothing waits any more (another tab already activated it) the page reloads at once,
 * and if the new worker has not taken control within `limitMs` it reloads anyway (the new
 * version then serves the next navigation).
 */
export interface UpdateHost {
  /** The registration's waiting worker, if one waits. */
  waiting(): { postMessage(message: unknown): void } | null | undefined;
  /** Calls `listener` once when another worker takes control of this page. */
  onControllerChange(listener: () => void): void;
  reload(): void;
  setTimeout(run: () => void, ms: number): unknown;
}

/** What Workbox's service worker listens for to stop waiting. */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

export function activateUpdate(host: UpdateHost, limitMs = 4000): void {
  let reloaded = false;
  const reload = () => {
    if (reloaded) return;
    reloaded = true;
    host.reload();
  };
  const waiting = host.waiting();
  if (!waiting) {
    reload();
    return;
  }
  host.onControllerChange(reload);
  host.setTimeout(reload, limitMs);
  waiting.postMessage(SKIP_WAITING);
}
