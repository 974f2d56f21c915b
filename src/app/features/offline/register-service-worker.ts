/**
 * Registers the Workbox service worker that vite-plugin-pwa generates (`sw.js`, beside
 * index.html, so its scope is wherever the app is hosted). On the first visit it precaches every
 * built file; later visits work with the network off. A new version installs in the background
 * and waits: the prompt asks, and only the user's "Reload" activates it and reloads the page.
 */
import { registerSW } from 'virtual:pwa-register';
import { showUpdatePrompt } from './update-prompt';

/** How often a long-open tab (a class session) asks the host for a new version. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  const activateUpdate = registerSW({
    immediate: true,
    onNeedRefresh() {
      // Sends SKIP_WAITING to the waiting worker; the page reloads once it takes control.
      showUpdatePrompt(() => void activateUpdate(true));
    },
    onRegisteredSW(_url, registration) {
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
