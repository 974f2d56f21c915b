/**
 * The lesson actions outside React: open a lesson (from the index, a link or `window.netplay`),
 * move between steps, reset, apply the solution, go back to the free playground, and tick a lesson
 * done when all its checks pass. Lazily loaded with the course; the entry chunk only reads links.
 */
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';
import { selectLessonComplete, type OpenLesson } from '../../store/lesson-slice';
import { openSharePayload } from '../share/open-share-link';
import { courseFolders, loadLesson, loadLessonIndex, type LessonFolder } from './lesson-catalog';
import type { LessonLink } from './lesson-link';

export interface LessonController {
  /**
   * Loads the course index into the store, once: later calls return the same promise. Not part
   * of the first picture, so the app calls it when idle after the first graph, and whatever
   * shows or needs the index calls it first.
   */
  loadIndex(): Promise<void>;
  /**
   * Opens a lesson at a 1-based step, with its start text or `payload` (an `s=` value). Resolves
   * after the engine has answered; an unknown or broken lesson shows the index with the reason
   * and resolves false (the text is left as it was).
   */
  open(slug: string, step?: number, payload?: string): Promise<boolean>;
  /** Opens what a lesson link asks for; the same lesson without `s=` only moves to the step. */
  openLink(link: LessonLink): Promise<boolean>;
  /**
   * Shows a lesson already loaded (the app start, which loaded it before the store existed);
   * `playground`: the text the playground goes back to (default: the text now).
   */
  enter(open: OpenLesson, step: number, playground?: string): void;
  /** Moves to a 0-based step of the open lesson. */
  goToStep(step: number): void;
  /** Back to the lesson's start: one undo step. */
  reset(): Promise<void>;
  /** Replaces the text with the solution: one undo step. */
  applySolution(): Promise<void>;
  /** The next lesson in the course after the open one. */
  nextSlug(): string | undefined;
  /** Back to the free playground (the text it had before the first lesson was opened). */
  leave(): Promise<void>;
  dispose(): void;
}

export interface LessonControllerOptions {
  /** The playground text when no lesson was opened from it (the app's default scenario). */
  readonly playgroundText: string;
  readonly folders?: readonly LessonFolder[];
  /** Keeps the address bar on the lesson and step shown (off in tests). */
  readonly syncLocation?: boolean;
}

/** The text a lesson link opens: its `s=` when readable, else the start and why. */
export async function resolveLessonText(
  open: OpenLesson,
  payload: string | undefined,
): Promise<{ text: string; error?: string }> {
  if (payload === undefined) return { text: open.start };
  const decoded = await openSharePayload(payload);
  if (decoded.ok) return { text: decoded.text };
  return {
    text: open.start,
    error: `${decoded.error} The lesson "${open.lesson.title}" was opened at its start instead.`,
  };
}

/** The message the panel shows when a lesson cannot be opened. */
export function toLessonFailure(slug: string, reason: 'unknown' | 'broken', error: string): string {
  return reason === 'unknown'
    ? `There is no lesson called "${slug.slice(0, 80)}". Pick one from the course below.`
    : `The lesson "${slug.slice(0, 80)}" could not be opened: ${error}`;
}

interface Pending {
  readonly promise: Promise<LessonController>;
  readonly resolve: (controller: LessonController) => void;
}
const controllers = new WeakMap<AppStore, Pending>();

function pendingFor(store: AppStore): Pending {
  let pending = controllers.get(store);
  if (!pending) {
    let settle: (controller: LessonController) => void = () => undefined;
    const promise = new Promise<LessonController>((r) => (settle = r));
    // Marked fulfilled as React's `use` marks the promises it has seen, so a panel rendered
    // after the controller exists reads it at once instead of showing "Loading the lesson…"
    // for a frame and waiting out React's throttled reveal (~300 ms on a lesson link).
    const resolve = (controller: LessonController) => {
      const marked = promise as Promise<LessonController> & {
        status?: 'fulfilled';
        value?: LessonController;
      };
      marked.status = 'fulfilled';
      marked.value = controller;
      settle(controller);
    };
    pending = { promise, resolve };
    controllers.set(store, pending);
  }
  return pending;
}

/**
 * The lesson controller of a store, once made (the panel finds it through the store it renders;
 * the same promise each time, so React's `use` can wait for it).
 */
export function whenLessonController(store: AppStore): Promise<LessonController> {
  return pendingFor(store).promise;
}

export function createLessonController(
  store: AppStore,
  controller: AppController,
  options: LessonControllerOptions,
): LessonController {
  const folders = options.folders ?? courseFolders;
  let playgroundText: string | undefined;
  /** Bumped per open: a slower open that finishes after a newer one is dropped. */
  let generation = 0;

  let indexLoad: Promise<void> | undefined;
  const loadIndex = () =>
    (indexLoad ??= loadLessonIndex(folders).then(({ index, errors }) =>
      store.getState().lessonIndexReady(index, errors),
    ));

  const writeLocation = () => {
    if (!options.syncLocation) return;
    const { lesson, lessonStep, lessonPanel } = store.getState();
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    let hash: string;
    if (lesson && lessonPanel === 'lesson') {
      const slug = lesson.lesson.slug;
      // A link's other keys (its s=, its view) stay while the learner moves within its lesson.
      if (params.get('lesson') !== slug) {
        for (const key of [...params.keys()]) params.delete(key);
        params.set('lesson', slug);
      }
      if (lessonStep > 0) params.set('step', String(lessonStep + 1));
      else params.delete('step');
      hash = `#${params.toString()}`;
    } else if (params.has('lesson')) {
      hash = '';
    } else return;
    if (hash === window.location.hash) return;
    window.history.replaceState(null, '', `${window.location.href.replace(/#.*$/, '')}${hash}`);
  };

  const enter = (open: OpenLesson, step: number, playground?: string) => {
    if (!store.getState().lesson) playgroundText = playground ?? store.getState().text;
    store.getState().lessonOpened(open, step);
    writeLocation();
  };

  const open = async (slug: string, step = 1, payload?: string): Promise<boolean> => {
    const mine = ++generation;
    const loaded = await loadLesson(folders, slug);
    if (mine !== generation) return false;
    if (!loaded.ok) {
      store.getState().lessonFailed(toLessonFailure(slug, loaded.reason, loaded.error));
      writeLocation();
      return false;
    }
    const { text, error } = await resolveLessonText(loaded.open, payload);
    if (mine !== generation) return false;
    if (error) store.getState().showBanner('error', error);
    enter(loaded.open, step - 1);
    await controller.load(text, payload === undefined ? 'api' : 'share');
    return true;
  };

  // All green on the text as it is now: tick the lesson (once; the index remembers it).
  const unsubscribe = store.subscribe((state) => {
    const slug = state.lesson?.lesson.slug;
    if (slug && !state.lessonsDone.includes(slug) && selectLessonComplete(state)) {
      state.lessonCompleted(slug);
    }
  });

  const api: LessonController = {
    loadIndex,
    open,
    async openLink(link) {
      const current = store.getState().lesson;
      if (current && current.lesson.slug === link.slug && link.payload === undefined) {
        // The same lesson: keep the learner's text, only move to the step.
        generation++;
        store.getState().lessonOpened(current, (link.step ?? 1) - 1);
        writeLocation();
        return true;
      }
      return open(link.slug, link.step, link.payload);
    },
    enter,
    goToStep(step) {
      store.getState().setLessonStep(step);
      writeLocation();
    },
    async reset() {
      const { lesson } = store.getState();
      if (lesson) await controller.load(lesson.start, 'api');
    },
    async applySolution() {
      const { lesson } = store.getState();
      if (!lesson) return;
      store.getState().setLessonSolutionShown(false);
      await controller.load(lesson.solution, 'api');
    },
    nextSlug() {
      const { lesson, lessonIndex } = store.getState();
      if (!lesson) return undefined;
      const at = lessonIndex.findIndex((m) => m.slug === lesson.lesson.slug);
      return at >= 0 ? lessonIndex[at + 1]?.slug : undefined;
    },
    async leave() {
      const hadLesson = store.getState().lesson !== undefined;
      generation++;
      store.getState().lessonsClosed();
      writeLocation();
      if (hadLesson) await controller.load(playgroundText ?? options.playgroundText, 'api');
      playgroundText = undefined;
    },
    dispose() {
      unsubscribe();
      controllers.delete(store);
    },
  };
  pendingFor(store).resolve(api);
  return api;
}

export { courseFolders, loadLesson };
