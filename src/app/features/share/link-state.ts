/**
 * Applying a link's state to the app: the view keys at once (before the first paint on open),
 * the picked packet once the graph is shown (checked by the engine first), and `play`. The text
 * and the lesson are opened by the link-opening path (main.tsx), which then calls these.
 */
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';
import type { HttpExtras } from '../../store/trace-slice';
import { toStoreTheme, type FragmentState } from './fragment';

/** The fragment this page last wrote into its own address bar (Share). */
let ownHash: string | undefined;

/**
 * Puts `url` in the address bar without reopening it (replaceState fires no hashchange), and
 * remembers it, so a hashchange to this very fragment is known as ours and ignored.
 */
export function writeOwnLink(url: string): void {
  ownHash = new URL(url).hash;
  window.history.replaceState(null, '', url);
}

/**
 * For a hashchange: true when `hash` is the fragment this page wrote itself (nothing to apply).
 * Forgets it either way: once the user has opened another link, the same fragment pasted again
 * is theirs to apply.
 */
export function takeOwnLink(hash: string): boolean {
  const own = ownHash !== undefined && hash === ownHash;
  ownHash = undefined;
  return own;
}

/**
 * Shows a message about a link: appended to an error banner already up (a link can have
 * several problems, found at different moments), else a new error banner.
 */
export function reportLinkProblem(store: AppStore, message: string): void {
  const { banner, showBanner } = store.getState();
  if (banner?.kind !== 'error') showBanner('error', message);
  else if (!banner.message.includes(message)) showBanner('error', `${banner.message} ${message}`);
}

/** Grouping, tab, theme and editor as the link asks (keys it does not name stay as they are). */
export function applyLinkView(
  store: AppStore,
  state: Pick<FragmentState, 'view' | 'tab' | 'theme' | 'editor' | 'embed'>,
): void {
  // A link's theme is the sharer's choice for this page, not this browser's preferred theme:
  // set without remembering it (the toggle remembers what the user picks).
  if (state.theme !== undefined) store.setState({ theme: toStoreTheme(state.theme) });
  const actions = store.getState();
  if (state.view !== undefined) actions.setGrouping(state.view);
  if (state.tab !== undefined) actions.setMatrixOpen(state.tab === 'matrix');
  // After the theme: the editor's shown/hidden choice is kept per theme. In embed mode `editor`
  // is the frame's own (the shell reads it), not the user's choice for the full page.
  if (state.editor !== undefined && state.embed !== true) actions.setEditorHidden(!state.editor);
}

/**
 * The link's packet: `from`/`to` (and an HTTP packet's `via`, `method`, `headers`) fill From, To
 * and the HTTP fields when the engine can trace them on the text shown (else a banner says why
 * and the fields stay); `play` then sends it. Call it once the text is analysed.
 */
export async function applyLinkPacket(
  store: AppStore,
  controller: AppController,
  state: Pick<FragmentState, 'from' | 'to' | 'play' | 'via' | 'method' | 'headers'>,
): Promise<void> {
  const { via, method, headers } = state;
  if (state.from !== undefined || state.to !== undefined || via || method || headers) {
    const { source, destination } = store.getState();
    const from = state.from ?? source;
    const to = state.to ?? destination;
    let http: HttpExtras | undefined;
    if (via || method || headers) {
      const parsed = headers
        ? (await import('../trace/http-request')).parseHeaderText(headers)
        : undefined;
      if (parsed && !parsed.ok) {
        reportLinkProblem(store, `The link's headers were not used: ${parsed.message}.`);
        return;
      }
      http = {
        ...(via && { via }),
        ...(method && { method }),
        ...(parsed && { headers: parsed.headers }),
      };
    }
    const trace = await controller.checkPacket(from, to, http);
    // Unknown (the engine was busy with a newer request): the user has moved on; leave it.
    if (trace === undefined) return;
    if (trace.error !== undefined) {
      reportLinkProblem(store, `The link's packet was not picked: ${trace.error}.`);
      return;
    }
    store.getState().setSource(from);
    store.getState().setDestination(to);
    store.getState().setHttp(http);
  }
  if (state.play) await controller.send();
}
