/**
 * Small screens (phones, tablets in portrait): below COMPACT_QUERY the panes become views the
 * user switches between with a bottom tab bar (Graph first), instead of columns side by side.
 * Which view shows is screen state, not document state: it is never in a link, and every
 * opening (a shared link, a lesson link, an embed) starts on the graph.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { createStore, useStore } from 'zustand';

/** Below this width the columns do not fit side by side (an editor needs ~340 px, the graph more). */
export const COMPACT_QUERY = '(max-width: 899.98px)';

export type CompactView = 'graph' | 'yaml' | 'trace' | 'lesson';

/** The tab bar's views, in order (the graph first: what a link is opened to see). */
export const COMPACT_VIEWS: readonly { id: CompactView; label: string }[] = [
  { id: 'graph', label: 'Graph' },
  { id: 'yaml', label: 'YAML' },
  { id: 'trace', label: 'Trace' },
  { id: 'lesson', label: 'Lesson' },
];

/**
 * The views this frame offers: an embed without `editor=1` has neither the YAML nor the lesson
 * (the lesson panel lives beside the editor), like its wide layout.
 *
 * @example toCompactViews({ editorAllowed: false }) // ['graph', 'trace']
 */
export function toCompactViews({ editorAllowed }: { editorAllowed: boolean }): CompactView[] {
  return COMPACT_VIEWS.map((v) => v.id).filter(
    (id) => editorAllowed || (id !== 'yaml' && id !== 'lesson'),
  );
}

/**
 * The view to show: the chosen one while it is offered, else the graph.
 *
 * @example toShownView('yaml', ['graph', 'trace']) // 'graph'
 */
export function toShownView(chosen: CompactView, offered: readonly CompactView[]): CompactView {
  return offered.includes(chosen) ? chosen : 'graph';
}

interface CompactViewState {
  /** Whether the app shell uses the small-screen layout now (the graph reads it). */
  active: boolean;
  view: CompactView;
  /** Set once the YAML view was opened: Monaco loads then (not with a phone's first paint). */
  yamlOpened: boolean;
  show: (view: CompactView) => void;
  setActive: (active: boolean) => void;
}

function subscribeTo(query: string) {
  return (onChange: () => void) => {
    if (typeof matchMedia !== 'function') return () => {};
    const list = matchMedia(query);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  };
}

const subscribeCompact = subscribeTo(COMPACT_QUERY);
// `matchMedia`, not `window.matchMedia`: the store reads it where there may be no window (Node).
const readCompact = () => typeof matchMedia === 'function' && matchMedia(COMPACT_QUERY).matches;

/**
 * One per page, outside the app store: it is not part of the state a link or autosave keeps.
 * `active` starts as the screen is (the app shell confirms it before the first paint): a phone's
 * graph then renders once in its first frame, not a second time when the shell's layout effect
 * switched it to compact (B20). An embed on a computer is corrected by that effect.
 */
export const compactViewStore = createStore<CompactViewState>((set) => ({
  active: readCompact(),
  view: 'graph',
  yamlOpened: false,
  show: (view) => set((s) => ({ view, yamlOpened: s.yamlOpened || view === 'yaml' })),
  setActive: (active) => set({ active }),
}));

export function useCompactView<T>(select: (state: CompactViewState) => T): T {
  return useStore(compactViewStore, select);
}

/** Whether the small-screen layout applies now (follows rotation and window resizes). */
export function useCompactLayout(): boolean {
  return useSyncExternalStore(subscribeCompact, readCompact, () => false);
}

/** Small screens: card titles at least this big on screen while the view follows the packet. */
export const SMALL_SCREEN_TEXT_PX = 12;

/** A finger is the pointer (a phone, a tablet even in its wide layout). */
export const TOUCH_QUERY = '(pointer: coarse)';
const subscribeTouch = subscribeTo(TOUCH_QUERY);
const readTouch = () => typeof matchMedia === 'function' && matchMedia(TOUCH_QUERY).matches;

/** Whether a finger is the pointer. */
export function useTouch(): boolean {
  return useSyncExternalStore(subscribeTouch, readTouch, () => false);
}

/**
 * Whether the graph follows the packet as presenting does: on a small screen or by touch the
 * whole cluster fitted is too small to read the packet's header card, and zooming the page is
 * not the answer.
 */
export function useFollowOnSmallScreens(): boolean {
  const compact = useCompactView((s) => s.active);
  return useTouch() || compact;
}

/**
 * The virtual keyboard: where `interactive-widget=resizes-content` is not honoured (iOS Safari),
 * the layout keeps its height under the keyboard; the visual viewport's height is then the room
 * that is really left, given to the page as `--app-height`. `data-keyboard` marks the keyboard
 * as open (the visual viewport much shorter than the screen), so the tab bar can step aside.
 */
export function useVisualViewportHeight(active: boolean): void {
  useEffect(() => {
    const viewport = window.visualViewport;
    const root = document.documentElement;
    if (!active || !viewport) return;
    const update = () => {
      // Times the scale: a page zoomed by the user has a smaller visual viewport, not less room.
      root.style.setProperty('--app-height', `${Math.round(viewport.height * viewport.scale)}px`);
      const keyboard = viewport.height < window.screen.height * 0.6 && isTyping();
      if (keyboard) root.dataset.keyboard = 'open';
      else delete root.dataset.keyboard;
    };
    // Not read at the start: with no keyboard yet `100dvh` (the CSS fallback) is that room, and
    // reading the visual viewport there forced a layout (and the root variable a restyle of the
    // whole page) in the middle of the first graph's render (B20).
    viewport.addEventListener('resize', update);
    return () => {
      viewport.removeEventListener('resize', update);
      root.style.removeProperty('--app-height');
      delete root.dataset.keyboard;
    };
  }, [active]);
}

/** Focus is in a text field (Monaco's hidden textarea included): a keyboard may be up. */
function isTyping(): boolean {
  const active = document.activeElement;
  return (
    active instanceof HTMLTextAreaElement ||
    (active instanceof HTMLInputElement && active.type !== 'checkbox' && active.type !== 'radio')
  );
}
