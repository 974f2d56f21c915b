/**
 * Runs `task` when the page is idle, at the latest after `timeout` ms (a timer where
 * requestIdleCallback is missing). Returns a cancel function.
 *
 * @example useEffect(() => whenIdle(() => prepareShare(controller)), [controller]);
 */
export function whenIdle(task: () => void, timeout = 10_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(task, Math.min(timeout, 3000));
  return () => window.clearTimeout(id);
}
