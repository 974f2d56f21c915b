/**
 * Runs `task` when the page is idle, at the latest after `timeout` ms; where requestIdleCallback
 * is missing (Safari), after `fallbackDelay` ms. Returns a cancel function.
 *
 * @example useEffect(() => whenIdle(() => prepareShare(controller)), [controller]);
 */
export function whenIdle(
  task: () => void,
  timeout = 10_000,
  fallbackDelay = Math.min(timeout, 3000),
): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(task, fallbackDelay);
  return () => window.clearTimeout(id);
}
