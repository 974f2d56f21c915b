/**
 * The view slice: how the cluster is looked at (theme, grouping, labels on cards, the selected
 * object, which collapsed pod groups the user opened). It is part of what a share link may carry
 * later, so it holds plain strings and arrays only.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** `contrast` is the presenter look: high contrast, larger type, for projectors. */
export type Theme = 'light' | 'dark' | 'contrast';
/** `node`: the CNI view (pods in their node's box); `namespace`: the policy view. */
export type Grouping = 'node' | 'namespace';

export const THEMES: readonly Theme[] = ['light', 'dark', 'contrast'];
export const GROUPINGS: readonly Grouping[] = ['node', 'namespace'];

export interface ViewSlice {
  theme: Theme;
  grouping: Grouping;
  /** Show labels (pods) and ports (Services) on the cards themselves, not only on demand. */
  showLabels: boolean;
  /** The graph object whose details are open (a GraphNode id or a group id). */
  selectedId: string | undefined;
  /** Ids of collapsed pod groups (`pods/…`) the user expanded, oldest first. */
  expanded: readonly string[];
  setTheme: (theme: Theme) => void;
  setGrouping: (grouping: Grouping) => void;
  setShowLabels: (show: boolean) => void;
  select: (id: string | undefined) => void;
  toggleExpanded: (id: string) => void;
}

const THEME_KEY = 'netplay.theme';

/**
 * The theme to start with: the one the user picked last in this browser, else the system's
 * `prefers-color-scheme`. Guarded, so the store factory still runs in Node tests.
 */
export function readPreferredTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem(THEME_KEY);
    const known = THEMES.find((theme) => theme === saved);
    if (known) return known;
    if (globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
    if (globalThis.matchMedia?.('(prefers-contrast: more)').matches) return 'contrast';
  } catch {
    // Storage may be blocked (privacy modes, sandboxed embeds): fall back to light.
  }
  return 'light';
}

function rememberTheme(theme: Theme): void {
  try {
    globalThis.localStorage?.setItem(THEME_KEY, theme);
  } catch {
    // Not remembered: harmless.
  }
}

/** The slice, with the theme, grouping or labels to start with (default: the preferred ones). */
export const createViewSlice =
  (
    initial: Partial<Pick<ViewSlice, 'theme' | 'grouping' | 'showLabels'>> = {},
  ): StateCreator<AppState, [], [], ViewSlice> =>
  (set) => ({
    theme: initial.theme ?? readPreferredTheme(),
    grouping: initial.grouping ?? 'node',
    showLabels: initial.showLabels ?? false,
    selectedId: undefined,
    expanded: [],
    setTheme: (theme) => {
      rememberTheme(theme);
      set({ theme });
    },
    setGrouping: (grouping) => set({ grouping }),
    setShowLabels: (showLabels) => set({ showLabels }),
    select: (selectedId) => set({ selectedId }),
    toggleExpanded: (id) =>
      set((s) => ({
        expanded: s.expanded.includes(id)
          ? s.expanded.filter((e) => e !== id)
          : [...s.expanded, id],
      })),
  });
