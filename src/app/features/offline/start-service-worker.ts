import { whenIdle } from '../../components/when-idle';

/**
 * Offline support, step one: in the built app only, once the page has loaded (main.tsx calls this
 * after the first graph is drawn) and the browser is idle, load the registration module. The dev
 * server has no service worker (edits are never hidden behind a cache), and next to nothing of
 * this is in the initial bundle.
 */
export function startServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    const run = () =>
      void import('./register-service-worker')
        .then((m) => m.registerServiceWorker())
        // Without it the app still works, only not offline (e.g. the chunk failed to download).
        .catch(() => undefined);
    whenIdle(run, 2000, 200);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
