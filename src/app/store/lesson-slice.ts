/**
 * The lesson slice: the course index, the learner's progress (kept in the browser), and the lesson
 * open in the panel with its step, the hints revealed and whether the solution diff is shown. The
 * checks are not stored here: they come with every analysis (`analysis.checks`), so the panel
 * reads them from the simulation slice and they can never disagree with the graph.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { CheckResult } from '../../engine';
import type { Lesson, LessonMeta } from '../features/lessons/lesson-file';
import {
  browserStorage,
  readLessonProgress,
  writeLessonProgress,
} from '../features/lessons/lesson-progress';
import type { AppState } from './app-store';

/** A lesson with its two scenario texts, as loaded from its folder. */
export interface OpenLesson {
  readonly lesson: Lesson;
  /** `start.yaml`: what the lesson opens and what Reset goes back to. */
  readonly start: string;
  /** `solution.yaml`: what Show solution compares the learner's text with. */
  readonly solution: string;
}

/** `index`: the course index; `lesson`: the open lesson; `closed`: the free playground. */
export type LessonPanelView = 'closed' | 'index' | 'lesson';

export interface LessonSlice {
  /** Every readable lesson, in course order (empty until the index has loaded). */
  lessonIndex: readonly LessonMeta[];
  lessonIndexLoaded: boolean;
  /** Lesson files that could not be read, one message each (the index still lists the rest). */
  lessonIndexErrors: readonly string[];
  /** Slugs of the lessons whose checks all passed once, in this browser. */
  lessonsDone: readonly string[];
  lessonPanel: LessonPanelView;
  lesson: OpenLesson | undefined;
  /** The step shown, 0-based. */
  lessonStep: number;
  /** How many of the step's hints are revealed. */
  lessonHints: number;
  /** Why the panel shows the index instead of a lesson (an unknown slug, a broken lesson). */
  lessonNotice: string | undefined;
  lessonSolutionShown: boolean;
  lessonIndexReady: (index: readonly LessonMeta[], errors: readonly string[]) => void;
  /** Opens `lesson` at a 0-based step (clamped to its steps). */
  lessonOpened: (lesson: OpenLesson, step: number) => void;
  /** A lesson could not be opened: the index is shown with `message` (the open lesson stays). */
  lessonFailed: (message: string) => void;
  setLessonStep: (step: number) => void;
  revealLessonHint: () => void;
  setLessonSolutionShown: (shown: boolean) => void;
  /** Ticks a lesson in the index (and remembers it in this browser). */
  lessonCompleted: (slug: string) => void;
  showLessonIndex: () => void;
  /** Back to the free playground: no lesson, no panel. */
  lessonsClosed: () => void;
}

const clampStep = (lesson: Lesson, step: number) =>
  Math.max(0, Math.min(lesson.steps.length - 1, Math.trunc(step) || 0));

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set) => ({
  lessonIndex: [],
  lessonIndexLoaded: false,
  lessonIndexErrors: [],
  lessonsDone: readLessonProgress(browserStorage()),
  lessonPanel: 'closed',
  lesson: undefined,
  lessonStep: 0,
  lessonHints: 0,
  lessonNotice: undefined,
  lessonSolutionShown: false,
  lessonIndexReady: (index, errors) =>
    set({
      lessonIndex: [...index].sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug)),
      lessonIndexErrors: errors,
      lessonIndexLoaded: true,
    }),
  lessonOpened: (lesson, step) =>
    set({
      lesson,
      lessonPanel: 'lesson',
      lessonStep: clampStep(lesson.lesson, step),
      lessonHints: 0,
      lessonNotice: undefined,
      lessonSolutionShown: false,
    }),
  // The lesson open before (if any) stays open behind the index: nothing the learner had is lost.
  lessonFailed: (message) =>
    set({
      lessonPanel: 'index',
      lessonNotice: message,
      lessonSolutionShown: false,
    }),
  setLessonStep: (step) =>
    set((s) => (s.lesson ? { lessonStep: clampStep(s.lesson.lesson, step), lessonHints: 0 } : s)),
  revealLessonHint: () =>
    set((s) => {
      const hints = s.lesson?.lesson.steps[s.lessonStep]?.hints.length ?? 0;
      return { lessonHints: Math.min(hints, s.lessonHints + 1) };
    }),
  setLessonSolutionShown: (lessonSolutionShown) => set({ lessonSolutionShown }),
  lessonCompleted: (slug) =>
    set((s) => {
      // Unchanged state: no store notification (a subscriber ticking on every change stops here).
      if (s.lessonsDone.includes(slug)) return s;
      const lessonsDone = [...s.lessonsDone, slug];
      writeLessonProgress(browserStorage(), lessonsDone);
      return { lessonsDone };
    }),
  showLessonIndex: () => set({ lessonPanel: 'index', lessonSolutionShown: false }),
  lessonsClosed: () =>
    set({
      lesson: undefined,
      lessonPanel: 'closed',
      lessonNotice: undefined,
      lessonSolutionShown: false,
    }),
});

const NO_CHECKS: readonly CheckResult[] = [];

/**
 * The open lesson's checks, from the newest analysis (undefined when no lesson is open). The same
 * empty list each time there are none, so React's store subscription sees no change.
 */
export function selectLessonChecks(state: AppState): readonly CheckResult[] | undefined {
  return state.lesson ? (state.analysis?.checks ?? NO_CHECKS) : undefined;
}

/**
 * True when a lesson is open and every one of its checks passes on the text as it is now (not on
 * an older text still shown while the newest is analysed, nor on a text that could not be read).
 */
export function selectLessonComplete(state: AppState): boolean {
  const checks = selectLessonChecks(state);
  return (
    checks !== undefined &&
    checks.length > 0 &&
    checks.every((c) => c.pass) &&
    state.status === 'ok' &&
    state.lastGoodText === state.text
  );
}
