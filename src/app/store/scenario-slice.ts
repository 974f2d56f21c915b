/** The scenario slice: the editor text, where it came from, and a revision for outside edits. */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

export interface ScenarioSlice {
  text: string;
  /** Where the text last came from (the editor replaces its model only for non-typing origins). */
  origin: 'default' | 'share' | 'typing' | 'api';
  /** Bumped when the text is replaced from outside the editor. */
  revision: number;
  /**
   * The text an outside load (a file, `window.netplay.load`) replaced: an editor that mounts
   * after it starts from this text, so Ctrl+Z can still bring it back.
   */
  replacedText: string | undefined;
  setText: (text: string, origin: ScenarioSlice['origin']) => void;
}

export const createScenarioSlice =
  (initialText: string): StateCreator<AppState, [], [], ScenarioSlice> =>
  (set) => ({
    text: initialText,
    origin: 'default',
    revision: 0,
    replacedText: undefined,
    setText: (text, origin) =>
      set((s) => ({
        text,
        origin,
        revision: origin === 'typing' ? s.revision : s.revision + 1,
        replacedText: origin === 'api' ? s.text : undefined,
      })),
  });
