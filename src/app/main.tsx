import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import seedScenario from '../../scenarios/full-flow.yaml?raw';
import { createEngineClient } from '../engine-client/create-engine-client';
import { AppShell } from './app-shell';
import { createAppController } from './app-controller';
import { openSharePayload } from './features/share/open-share-link';
import { readShareFragment } from './features/share/share-link';
import { startServiceWorker } from './features/offline/start-service-worker';
import { installNetplayApi } from './netplay-api';
import { createAppStore } from './store/app-store';
import { AppProvider } from './store/store-context';
import './styles.css';

/** The text to open with: the share link's, else the seed scenario (with a message if the link is bad). */
async function readInitialText(): Promise<{ text: string; error?: string; fromLink: boolean }> {
  const payload = readShareFragment(window.location.hash);
  if (payload === undefined) return { text: seedScenario, fromLink: false };
  const decoded = await openSharePayload(payload);
  if (decoded.ok) return { text: decoded.text, fromLink: true };
  return {
    text: seedScenario,
    error: `${decoded.error} The default scenario was loaded instead.`,
    fromLink: false,
  };
}

async function start() {
  const initial = await readInitialText();
  const store = createAppStore(initial.text);
  if (initial.error) store.getState().showBanner('error', initial.error);
  const controller = createAppController(store, createEngineClient());
  installNetplayApi(store, controller);

  // A share link pasted into this tab's address bar.
  window.addEventListener('hashchange', () => {
    const payload = readShareFragment(window.location.hash);
    if (payload === undefined) return;
    void openSharePayload(payload).then((decoded) => {
      if (decoded.ok) {
        if (decoded.text !== store.getState().text) void controller.load(decoded.text, 'share');
      } else store.getState().showBanner('error', `${decoded.error} Your text was kept.`);
    });
  });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProvider store={store} controller={controller}>
        <AppShell />
      </AppProvider>
    </StrictMode>,
  );
  await controller.load(initial.text, initial.fromLink ? 'share' : 'default');
}

// The service worker only once the first graph is on screen: its precache never competes with it.
void start().finally(startServiceWorker);
