/**
 * Autosave outside React: watches the store's text, saves it (debounced, off the typing path)
 * under the place it was written (the playground or the open lesson), restores it when a place
 * is opened at its start, and keeps a notice when a link replaced it. Loaded beside the app at
 * start (never in the entry chunk); main.tsx asks `prepareAutosave` for the first text.
 */
import type { AppController } from '../../app-controller';
import type { AppState, AppStore } from '../../store/app-store';
import type { OpenLesson } from '../../store/lesson-slice';
import { browserStorage } from '../lessons/lesson-progress';
import { resolveOpening, type AutosaveNotice } from './autosave-opening';
import { parseFragment } from '../share/fragment';
import {
  PLAYGROUND,
  readAutosave,
  removeAutosave,
  sameContext,
  writeAutosave,
  type AutosaveContext,
} from './autosave-storage';

/** How long typing must pause before the text is saved. */
export const AUTOSAVE_DELAY_MS = 800;

export interface Autosave {
  getNotice: () => AutosaveNotice | undefined;
  /** Called when the notice changes; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  /** "Discard" on the restored notice: forget the work, back to what the page opened. */
  discard(): Promise<void>;
  /** "Go back" on the link notice: the autosaved work replaces the link's text (one undo step). */
  goBack(): Promise<void>;
  dismiss(): void;
  /** Saves what is waiting for the typing pause now. */
  flush(): void;
  dispose(): void;
}

export interface AutosaveStart {
  /** The text to open with (the autosaved work when it was restored). */
  readonly text: string;
  /** Where that text is written (the playground, or the lesson the page opens). */
  readonly context: AutosaveContext;
  readonly notice: AutosaveNotice | undefined;
  /** Where entries are kept (undefined: the browser gives the page none). */
  readonly storage: Storage | undefined;
  /** The playground's start (the default scenario). */
  readonly playgroundStart: string;
}

export interface AutosaveOptions {
  readonly now?: () => number;
  readonly delayMs?: number;
}

/** Embed mode shows someone else's state in a frame: it neither restores nor saves. */
const isEmbed = (hash: string) => parseFragment(hash).state.embed === true;

function wasReloaded(): boolean {
  try {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return navigation?.type === 'reload' || navigation?.type === 'back_forward';
  } catch {
    return false;
  }
}

/**
 * The text the page opens with, given what it would open without autosave; undefined in embed
 * mode (no autosave there).
 */
export function prepareAutosave(input: {
  readonly hash: string;
  /** What the page opens without autosave. */
  readonly opened: string;
  /** The lesson the page opens, if any. */
  readonly lesson: OpenLesson | undefined;
  readonly playgroundStart: string;
  readonly storage?: Storage | undefined;
}): AutosaveStart | undefined {
  if (isEmbed(input.hash)) return undefined;
  const { lesson, playgroundStart } = input;
  const storage = 'storage' in input ? input.storage : browserStorage();
  const context: AutosaveContext = lesson
    ? { kind: 'lesson', slug: lesson.lesson.slug }
    : PLAYGROUND;
  const { text, notice } = resolveOpening({
    opened: input.opened,
    start: lesson?.start ?? playgroundStart,
    stored: readAutosave(storage, context),
    reload: wasReloaded(),
  });
  return { text, context, notice, storage, playgroundStart };
}

const autosaves = new WeakMap<AppStore, Autosave>();

/** The autosave of a store, once started (the notice finds it through the store it renders). */
export function autosaveOf(store: AppStore): Autosave | undefined {
  return autosaves.get(store);
}

const contextOf = (state: AppState): AutosaveContext =>
  state.lesson ? { kind: 'lesson', slug: state.lesson.lesson.slug } : PLAYGROUND;

export function startAutosave(
  store: AppStore,
  controller: Pick<AppController, 'load'>,
  start: AutosaveStart,
  options: AutosaveOptions = {},
): Autosave {
  const { storage, playgroundStart } = start;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  let context = start.context;
  let notice = start.notice;
  const listeners = new Set<() => void>();
  /** A place was switched to: its first text from outside is its opening. */
  let awaitingOpen = false;
  /** The text this module loaded itself (a restore, a discard): not the learner's edit. */
  let ownText: string | undefined;
  let pending: { context: AutosaveContext; text: string; start: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Warned once per failure: a full or blocked storage does not nag on every pause. */
  let warned: 'quota' | 'blocked' | undefined;

  const setNotice = (next: AutosaveNotice | undefined) => {
    notice = next;
    listeners.forEach((l) => l());
  };
  /** The start of the place being written: the lesson's start, or the default scenario. */
  const startOf = (state: AppState) => state.lesson?.start ?? playgroundStart;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const saving = pending;
    pending = undefined;
    if (!saving) return;
    // Back at the start: nothing unsaved (a reload opens the start without a notice).
    if (saving.text === saving.start) {
      removeAutosave(storage, saving.context);
      return;
    }
    const result = writeAutosave(storage, saving.context, saving.text, now());
    if (result === 'saved') {
      warned = undefined;
      if (notice?.kind === 'quota' || notice?.kind === 'blocked') setNotice(undefined);
    } else if (warned !== result) {
      warned = result;
      setNotice({ kind: result });
    }
  };

  const schedule = (text: string, state: AppState) => {
    pending = { context, text, start: startOf(state) };
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };

  const load = (text: string) => {
    ownText = text;
    // Not from inside the store's notification: the load sets the text again.
    return Promise.resolve().then(() => controller.load(text, 'api'));
  };

  /** A link, a lesson or the playground was opened: restore, or offer to go back. */
  const opened = (state: AppState) => {
    flush();
    const { text, notice: next } = resolveOpening({
      opened: state.text,
      start: startOf(state),
      stored: readAutosave(storage, context),
      reload: false,
    });
    if (next) setNotice(next);
    else if (notice?.kind === 'restored' || notice?.kind === 'link-opened') setNotice(undefined);
    if (text !== state.text) void load(text);
  };

  const unsubscribe = store.subscribe((state, prev) => {
    const slug = state.lesson?.lesson.slug;
    if (slug !== prev.lesson?.lesson.slug) {
      const next = contextOf(state);
      if (!sameContext(next, context)) {
        flush(); // the last edits belong to the place being left
        context = next;
        awaitingOpen = true;
        if (notice?.kind === 'restored' || notice?.kind === 'link-opened') setNotice(undefined);
      }
    }
    if (state.text === prev.text) return;
    if (ownText !== undefined) {
      const own = state.text === ownText;
      ownText = undefined;
      if (own) return;
    }
    if (state.origin === 'typing') {
      awaitingOpen = false;
      schedule(state.text, state);
    } else if (state.origin === 'share' || state.origin === 'default' || awaitingOpen) {
      awaitingOpen = false;
      opened(state);
    } else {
      // A reset, a solution, an opened file, window.netplay.load: the learner's own change.
      schedule(state.text, state);
    }
  });

  // Leaving the page: what waits for the typing pause is saved now.
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  const hasWindow = typeof window !== 'undefined';
  if (hasWindow) {
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
  }

  const autosave: Autosave = {
    getNotice: () => notice,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async discard() {
      if (notice?.kind !== 'restored') return;
      const { discardText } = notice;
      pending = undefined;
      removeAutosave(storage, context);
      setNotice(undefined);
      if (store.getState().text !== discardText) await load(discardText);
    },
    async goBack() {
      if (notice?.kind !== 'link-opened') return;
      const { savedText } = notice;
      setNotice(undefined);
      // Saved again as the learner's text (the same text: the entry is unchanged).
      await controller.load(savedText, 'api');
    },
    dismiss: () => setNotice(undefined),
    flush,
    dispose() {
      flush();
      unsubscribe();
      if (hasWindow) {
        window.removeEventListener('pagehide', flush);
        document.removeEventListener('visibilitychange', onHidden);
      }
      autosaves.delete(store);
    },
  };
  autosaves.set(store, autosave);
  return autosave;
}
