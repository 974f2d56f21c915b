/**
 * Switching embed mode on and off: the shell is rendered with the fragment's embed keys at open
 * and again whenever they change (a parent page may change only the frame's fragment, which does
 * not reload it); the postMessage bridge loads, as a chunk of its own, only while embedded.
 */
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';
import { readEmbedFragment, type EmbedOptions } from './embed-fragment';

export function followEmbedFragment(
  store: AppStore,
  controller: AppController,
  render: (embed: EmbedOptions) => void,
): void {
  const win = window;
  let current = readEmbedFragment(win.location.hash);
  let bridge: Promise<(() => void) | undefined> | undefined;
  const apply = () => {
    render(current);
    if (current.embed && !bridge) {
      bridge = import('./embed-bridge')
        .then((m) => m.startEmbedBridge(store, controller, win))
        .catch(() => {
          bridge = undefined;
          store
            .getState()
            .showBanner('error', 'The embed bridge could not be loaded: reload the page.');
          return undefined;
        });
    } else if (!current.embed && bridge) {
      void bridge.then((stop) => stop?.());
      bridge = undefined;
    }
  };
  apply();
  win.addEventListener('hashchange', () => {
    const next = readEmbedFragment(win.location.hash);
    if (next.embed === current.embed && next.editor === current.editor) return;
    current = next;
    apply();
  });
}
