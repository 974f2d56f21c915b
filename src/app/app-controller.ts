/**
 * The app's actions outside React: wires the editor text to the engine bridge and the store,
 * sends packets, makes share links. `window.netplay` is a thin view of it.
 */
import type { ReachabilityMatrix, Trace } from '../engine/types';
import { createEngineBridge } from '../engine-client/bridge';
import type { EngineClient, EngineOutcome } from '../engine-client/protocol';
import type { AppStore } from './store/app-store';
import { encodeShareText, toShareUrl } from './features/share/share-link';

/** Links longer than this are hard to paste in chats (B13). */
const LONG_LINK = 8000;
const TOO_LONG_LINK = 32000;

export interface AppController {
  /** A keystroke in the editor (debounced by the bridge). */
  textTyped(text: string): void;
  /** Replaces the text (automation, share links) and analyses it at once. */
  load(text: string, origin?: 'api' | 'share' | 'default'): Promise<void>;
  /** Sends one packet and starts its flight; resolves with the trace (undefined on engine failure). */
  send(from?: string, to?: string): Promise<Trace | undefined>;
  /** The reachability matrix of `text` (the matrix view; `stale` when a newer one was asked for). */
  matrix(text: string): Promise<EngineOutcome<ReachabilityMatrix>>;
  /** The share URL of the current text. */
  shareLink(): Promise<string>;
  /** Puts the share URL in the address bar and on the clipboard. */
  share(): Promise<string>;
  dispose(): void;
}

export function createAppController(store: AppStore, client: EngineClient): AppController {
  const bridge = createEngineBridge({
    client,
    onPending: () => store.getState().simulationPending(),
    onSimulated: (text, outcome) => {
      // An answer for a text the user has already changed again is still the newest answer.
      store.getState().simulationFinished(text, outcome);
    },
  });
  const unsubscribe = client.onEvent((event) => {
    if (event.type === 'restarted') store.getState().showBanner('error', event.reason);
  });

  const shareLink = async () =>
    toShareUrl(window.location.href, await encodeShareText(store.getState().text));

  return {
    textTyped(text) {
      store.getState().setText(text, 'typing');
      bridge.textChanged(text);
    },
    async load(text, origin = 'api') {
      store.getState().setText(text, origin);
      await bridge.simulateNow(text);
    },
    async send(from, to) {
      const state = store.getState();
      if (from !== undefined) state.setSource(from);
      if (to !== undefined) state.setDestination(to);
      const { source, destination, lastGoodText, text } = store.getState();
      store.getState().traceStarted();
      const outcome = await bridge.trace(lastGoodText ?? text, [
        { from: source.trim(), to: destination.trim() },
      ]);
      if (outcome.status === 'stale') return undefined;
      store.getState().traceFinished(outcome);
      const { trace } = store.getState();
      if (outcome.status === 'ok' && trace && !trace.error && trace.hops.length > 0)
        store.getState().startFlight();
      return outcome.status === 'ok' ? outcome.value[0] : undefined;
    },
    matrix: (text) => bridge.matrix(text),
    shareLink,
    async share() {
      const url = await shareLink();
      window.history.replaceState(null, '', url);
      const length = new URL(url).hash.length;
      try {
        await navigator.clipboard.writeText(url);
        if (length > TOO_LONG_LINK) {
          store
            .getState()
            .showBanner(
              'error',
              `This link is ${length.toLocaleString('en')} characters long: too long for most chats. Export the YAML as a file instead.`,
            );
        } else if (length > LONG_LINK) {
          store
            .getState()
            .showBanner(
              'info',
              `Link copied, but it is ${length.toLocaleString('en')} characters long: some chats cut long links.`,
            );
        } else {
          store.getState().showBanner('info', 'Link copied to the clipboard.');
        }
      } catch {
        store
          .getState()
          .showBanner('info', 'The link is in the address bar (the clipboard was not available).');
      }
      return url;
    },
    dispose() {
      unsubscribe();
      bridge.dispose();
    },
  };
}
