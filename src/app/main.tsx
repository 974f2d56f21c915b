// First: the requests the first paint waits for go out before the rest of the entry runs.
import { autosaveModule, engineClient } from './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import seedScenario from '../../scenarios/full-flow.yaml?raw';
import { AppShell, preloadLessonPanel } from './app-shell';
import { createAppController } from './app-controller';
import { openSharePayload } from './features/share/open-share-link';
import {
  explainFragmentProblems,
  parseFragment,
  type FragmentState,
} from './features/share/fragment';
import {
  applyLinkPacket,
  applyLinkView,
  takeOwnLink,
  reportLinkProblem,
} from './features/share/link-state';
import type { LessonLink } from './features/lessons/lesson-link';
import type { OpenLesson } from './store/lesson-slice';
import { installNetplayApi } from './netplay-api';
import { whenIdle } from './components/when-idle';
import { followEmbedFragment } from './features/embed/embed-mode';
import { createAppStore } from './store/app-store';
import { AppProvider } from './store/store-context';
import './styles.css';

// The link is the state: every key is read once here, checked, and applied below.
const openedLink = parseFragment(window.location.hash);
// The lesson code and the course (never in the entry chunk): at once for a lesson link (its text
// comes from them), else once the first graph is on screen and the page idle (end of start);
// evaluated with the YAML parser they bring, they took ~25 ms of a phone's first frame (B20).
let firstGraphShown = () => {};
const lessonModule = (
  openedLink.state.lesson !== undefined
    ? Promise.resolve()
    : new Promise<void>((resolve) => (firstGraphShown = resolve))
).then(() => import('./features/lessons/lesson-controller'));
// A lesson link shows the panel at once: fetch its code while the lesson's files load.
const lessonPanelLoaded =
  openedLink.state.lesson !== undefined ? preloadLessonPanel().catch(() => undefined) : undefined;

/** The lesson part of a link (its text is the link's `s`). */
function toLessonLink(state: FragmentState): LessonLink | undefined {
  if (state.lesson === undefined) return undefined;
  return { slug: state.lesson, step: state.step, payload: state.s };
}

interface InitialState {
  text: string;
  error?: string;
  fromLink: boolean;
  /** A lesson link's lesson, loaded before the store exists so the first analysis is its text. */
  lesson?: { open: OpenLesson; step: number };
  /** A lesson link that could not be opened: why (the panel shows it with the index). */
  lessonFailure?: string;
}

/** A lesson link: the lesson's start (or its `s=`), else the seed scenario and the reason. */
async function readLessonLink(link: LessonLink): Promise<InitialState> {
  const lessons = await lessonModule;
  const loaded = await lessons.loadLesson(lessons.courseFolders, link.slug);
  if (!loaded.ok) {
    return {
      text: seedScenario,
      fromLink: false,
      lessonFailure: lessons.toLessonFailure(link.slug, loaded.reason, loaded.error),
    };
  }
  const { text, error } = await lessons.resolveLessonText(loaded.open, link.payload);
  return {
    text,
    fromLink: true,
    lesson: { open: loaded.open, step: (link.step ?? 1) - 1 },
    ...(error ? { error } : {}),
  };
}

/** The text to open with: the share link's, else the seed scenario (with a message if the link is bad). */
async function readInitialText(link: FragmentState): Promise<InitialState> {
  const lesson = toLessonLink(link);
  if (lesson) return readLessonLink(lesson);
  if (link.s === undefined) return { text: seedScenario, fromLink: false };
  const decoded = await openSharePayload(link.s);
  if (decoded.ok) return { text: decoded.text, fromLink: true };
  return {
    text: seedScenario,
    error: `${decoded.error} The default scenario was loaded instead.`,
    fromLink: false,
  };
}

async function start() {
  // The engine's worker boots while a link's text is read (a lesson link loads its files first);
  // it was started in boot.ts.
  const client = engineClient;
  const initial = await readInitialText(openedLink.state);
  // Autosaved work: restored over a start, kept (with a way back) under a link's own text.
  const autosave = await autosaveModule;
  const saved = autosave?.prepareAutosave({
    hash: window.location.hash,
    opened: initial.text,
    lesson: initial.lesson?.open,
    playgroundStart: seedScenario,
  });
  if (saved) initial.text = saved.text;
  const store = createAppStore(initial.text);
  if (initial.error) store.getState().showBanner('error', initial.error);
  const problems = explainFragmentProblems(openedLink.problems);
  if (problems) reportLinkProblem(store, problems);
  // Before the first paint: the page opens in the link's grouping, tab and theme.
  applyLinkView(store, openedLink.state);
  const controller = createAppController(store, client, { defaultText: seedScenario });
  if (autosave && saved) autosave.startAutosave(store, controller, saved);
  const lessons = lessonModule.then((m) =>
    m.createLessonController(store, controller, {
      playgroundText: seedScenario,
      syncLocation: true,
    }),
  );
  if (initial.lesson) {
    const { open, step } = initial.lesson;
    void lessons.then((l) => l.enter(open, step, seedScenario));
  } else if (initial.lessonFailure) store.getState().lessonFailed(initial.lessonFailure);
  installNetplayApi(store, controller, lessons, { embed: openedLink.state.embed === true });

  /** A link pasted into this tab's address bar: its text or lesson, then the rest of its state. */
  const openChangedLink = async (link: FragmentState) => {
    applyLinkView(store, link);
    const lesson = toLessonLink(link);
    if (lesson) {
      if (!(await (await lessons).openLink(lesson))) return;
    } else if (link.s !== undefined) {
      const decoded = await openSharePayload(link.s);
      if (!decoded.ok) {
        reportLinkProblem(store, `${decoded.error} Your text was kept.`);
        return;
      }
      if (decoded.text !== store.getState().text) await controller.load(decoded.text, 'share');
    }
    await applyLinkPacket(store, controller, link);
  };
  window.addEventListener('hashchange', () => {
    // Share writes with replaceState (no event); should a hashchange still come for what we
    // wrote ourselves, it is what the page shows already.
    if (takeOwnLink(window.location.hash)) return;
    const { state, problems: changeProblems } = parseFragment(window.location.hash);
    const explained = explainFragmentProblems(changeProblems);
    if (explained) reportLinkProblem(store, explained);
    void openChangedLink(state);
  });

  // A lesson link: the panel renders with the first paint, its code and controller already here
  // (both come long before the lesson's files; otherwise it would show "Loading the lesson…"
  // and wait for React's throttled reveal).
  if (initial.lesson) await Promise.all([lessonPanelLoaded, lessons.catch(() => undefined)]);
  const root = createRoot(document.getElementById('root')!);
  // Embed mode (#embed=1): rendered again when the fragment's embed keys change.
  followEmbedFragment(store, controller, (embed) =>
    root.render(
      <StrictMode>
        <AppProvider store={store} controller={controller}>
          <AppShell embed={embed} />
        </AppProvider>
      </StrictMode>,
    ),
  );
  await controller.load(initial.text, initial.fromLink ? 'share' : 'default');
  await applyLinkPacket(store, controller, openedLink.state);
  // The lesson code (unless a lesson link brought it) and the course index (every lesson's file,
  // read and parsed) are not part of the first picture: on a slow phone they competed with the
  // graph. They load once the page is idle after it.
  whenIdle(() => {
    firstGraphShown();
    void lessons
      .then((l) => l.loadIndex())
      .catch(() => store.getState().showBanner('error', 'The lessons could not be loaded.'));
  }, 2000);
}

// The service worker only once the first graph is on screen: its precache never competes with it.
// Its starter is a lazy chunk too (B1: out of the entry, which must not grow).
void start()
  .catch((err: unknown) => {
    // A start that failed before its graph still lets the lesson code come (the Lessons button).
    firstGraphShown();
    throw err;
  })
  .finally(() =>
    import('./features/offline/start-service-worker')
      .then((m) => m.startServiceWorker())
      .catch(() => undefined),
  );
