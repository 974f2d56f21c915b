/**
 * Registers the Workbox service worker that vite-plugin-pwa generates (`sw.js`, beside
 * index.html, so its scope is wherever the app is hosted). On the first visit it precaches every
 * built file; later visits work with the network off. A new version installs in the background
 * and waits: the prompt asks, and only the user's "Reload" activates it and reloads the page.
 */
import { registerSW } from 'virtual:pwa-register';
import { activateUpdate } from './activate-update';
import { showUpdatePrompt } from './update-prompt';

/** How often a long-open tab (a class session) asks the host for a new version. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  let registered: ServiceWorkerRegistration | undefined;
  registerSW({
    immediate: true,
    onNeedRefresh() {
      // Reload: the waiting worker is told to take over, and the page reloads when it has (or
      // at once, or after a few seconds: see activateUpdate). Not the plugin's own update
      // function: it does nothing when the worker no longer waits (another tab activated it),
      // and the button then stayed at "Reloading…" for good.
      showUpdatePrompt(() =>
        activateUpdate({
          waiting: () => registered?.waiting,
          onControllerChange: (listener) =>
            navigator.serviceWorker.addEventListener('controllerchange', listener, { once: true }),
          reload: () => window.location.reload(),
          setTimeout: (run, ms) => window.setTimeout(run, ms),
        }),
      );
    },
    // The plugin would reload on the worker's takeover too: activateUpdate does, once.
    onNeedReload() {},
    onRegisteredSW(_url, registration) {
      registered = registration;
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      // The app works without it (only not offline); blocked in some browsers and test runners.
      console.warn('kube-netplay: offline support is unavailable:', error);
    },
  });
}
