/** `window.netplay`: a small automation API for demos and tests. */
import type { SuggestedFix, Trace } from '../engine';
import type { AppController, PlaybackControls } from './app-controller';
import { selectTrace, type AppStore } from './store/app-store';
import type { LessonController } from './features/lessons/lesson-controller';
import { selectLessonChecks, selectLessonComplete } from './store/lesson-slice';
import { selectEditorHidden } from './store/layout-slice';
import {
  LINK_TABS,
  LINK_THEMES,
  LINK_VIEWS,
  toLinkTheme,
  type LinkTab,
  type LinkTheme,
  type LinkView,
} from './features/share/fragment';
import { applyLinkView } from './features/share/link-state';

/** A lesson as `getLesson` reports it (1-based step). */
export interface LessonStatus {
  slug: string;
  step: number;
  steps: number;
  checks: readonly { name: string; pass: boolean; detail: string }[];
  complete: boolean;
}

/** How the page looks: the same keys (and words) as a link's fragment. */
export interface NetplayView {
  view: LinkView;
  tab: LinkTab;
  theme: LinkTheme;
  /** The editor is shown. */
  editor: boolean;
  /** The page was opened in embed mode (`#embed=1`); read-only. */
  embed: boolean;
}

export interface NetplayApi {
  /** The version of this API; grows only by adding. */
  readonly version: 1;
  /** Replaces the scenario text and waits for its analysis. */
  load(text: string): Promise<void>;
  /** Sends one packet and resolves with its trace. */
  send(from: string, to: string): Promise<Trace | undefined>;
  /**
   * Sends `n` packets at once (seeds 0..n-1, at most 50) and resolves with the first trace;
   * `stagger`: ms between departures (default Send 10's; the bench uses 0 to have all 50 flying).
   */
  sendMany(
    from: string,
    to: string,
    n: number,
    options?: { stagger?: number },
  ): Promise<Trace | undefined>;
  /** Applies a suggested fix (default: the current trace's) and sends the packet again. */
  applyFix(fix?: SuggestedFix): Promise<Trace | undefined>;
  /** Play, pause, step, jump to a hop, replay, speed. */
  playback: PlaybackControls;
  getTrace(): Trace | undefined;
  /** Every packet of the last send (ten after "Send 10"). */
  getTraces(): readonly Trace[];
  getText(): string;
  shareLink(): Promise<string>;
  /**
   * The course, in order, with the lessons done in this browser (empty for the few milliseconds
   * before the course index has loaded; `openLesson` waits for it).
   */
  listLessons(): readonly { slug: string; title: string; section: string; done: boolean }[];
  /** Opens a lesson's start at a 1-based step; rejects for an unknown or broken lesson. */
  openLesson(slug: string, step?: number): Promise<void>;
  /** The open lesson with its checks on the newest analysis (undefined in the playground). */
  getLesson(): LessonStatus | undefined;
  /** Grouping, tab, theme, editor shown, embed mode. */
  getView(): NetplayView;
  /**
   * Changes any of grouping, tab, theme and editor (the others stay); throws a TypeError naming
   * the key for a value that is not one of the allowed ones, and then changes nothing.
   */
  setView(view: Partial<Omit<NetplayView, 'embed'>>): void;
}

export interface NetplayApiOptions {
  /** The page is in embed mode (from its link; it does not change while the page is open). */
  embed?: boolean;
}

function checkOneOf<T extends string>(key: string, value: unknown, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new TypeError(`netplay.setView: ${key} must be one of ${allowed.join(', ')}`);
  return found;
}

declare global {
  interface Window {
    netplay?: NetplayApi;
  }
}

export function installNetplayApi(
  store: AppStore,
  controller: AppController,
  lessons: Promise<LessonController>,
  options: NetplayApiOptions = {},
): NetplayApi {
  const api: NetplayApi = {
    version: 1,
    load: (text) => controller.load(text, 'api'),
    send: (from, to) => controller.send(from, to),
    sendMany: (from, to, n, options) =>
      controller.send(from, to, {
        count: n,
        ...(options?.stagger !== undefined ? { stagger: options.stagger } : {}),
      }),
    applyFix: async (fix) => {
      const chosen = fix ?? selectTrace(store.getState())?.hops.find((h) => h.fix)?.fix;
      return chosen ? controller.applyFix(chosen) : undefined;
    },
    playback: controller.playback,
    getTrace: () => selectTrace(store.getState()),
    getTraces: () => store.getState().traces,
    getText: () => store.getState().text,
    shareLink: () => controller.shareLink(),
    listLessons: () => {
      const { lessonIndex, lessonsDone } = store.getState();
      return lessonIndex.map(({ slug, title, section }) => ({
        slug,
        title,
        section,
        done: lessonsDone.includes(slug),
      }));
    },
    openLesson: async (slug, step) => {
      const controller = await lessons;
      await controller.loadIndex();
      const opened = await controller.open(slug, step);
      if (!opened) throw new Error(store.getState().lessonNotice ?? `Lesson "${slug}" not opened.`);
    },
    getLesson: () => {
      const state = store.getState();
      const { lesson } = state;
      if (!lesson) return undefined;
      return {
        slug: lesson.lesson.slug,
        step: state.lessonStep + 1,
        steps: lesson.lesson.steps.length,
        checks: (selectLessonChecks(state) ?? []).map((c) => ({
          name: c.check.name ?? `${c.check.from} → ${c.check.to}`,
          pass: c.pass,
          detail: c.why,
        })),
        complete: selectLessonComplete(state),
      };
    },
    getView: () => {
      const state = store.getState();
      return {
        view: state.grouping,
        tab: state.matrixOpen ? 'matrix' : 'graph',
        theme: toLinkTheme(state.theme),
        editor: !selectEditorHidden(state),
        embed: options.embed === true,
      };
    },
    setView: (view) => {
      // Scripts are not type-checked: every value is checked before anything changes.
      const given = (view ?? {}) as Record<string, unknown>;
      const checked: Parameters<typeof applyLinkView>[1] = {
        ...(given.view !== undefined ? { view: checkOneOf('view', given.view, LINK_VIEWS) } : {}),
        ...(given.tab !== undefined ? { tab: checkOneOf('tab', given.tab, LINK_TABS) } : {}),
        ...(given.theme !== undefined
          ? { theme: checkOneOf('theme', given.theme, LINK_THEMES) }
          : {}),
      };
      if (given.editor !== undefined && typeof given.editor !== 'boolean')
        throw new TypeError('netplay.setView: editor must be true or false');
      applyLinkView(store, {
        ...checked,
        ...(typeof given.editor === 'boolean' ? { editor: given.editor } : {}),
      });
    },
  };
  window.netplay = api;
  return api;
}
