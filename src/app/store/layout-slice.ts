/**
 * The layout slice: whether the editor column is shown. Presenting (the `contrast` theme) hides
 * it by default so the graph and the trace fill the projector; the user's own choice is kept per
 * theme, so going back to light or dark brings the editor back as it was.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';
import type { Theme } from './view-slice';

export interface LayoutSlice {
  /** The user's choice per theme (absent: the theme's default). */
  editorHiddenByTheme: Readonly<Partial<Record<Theme, boolean>>>;
  /** Hides or shows the editor in the current theme. */
  setEditorHidden: (hidden: boolean) => void;
}

/**
 * Whether the editor is hidden now: the user's choice for this theme, else hidden only when
 * presenting.
 *
 * @example selectEditorHidden({ theme: 'contrast', editorHiddenByTheme: {} }) // true
 */
export function selectEditorHidden(state: {
  readonly theme: Theme;
  readonly editorHiddenByTheme: Readonly<Partial<Record<Theme, boolean>>>;
}): boolean {
  return state.editorHiddenByTheme[state.theme] ?? state.theme === 'contrast';
}

export const createLayoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set) => ({
  editorHiddenByTheme: {},
  setEditorHidden: (hidden) =>
    set((s) => ({ editorHiddenByTheme: { ...s.editorHiddenByTheme, [s.theme]: hidden } })),
});
