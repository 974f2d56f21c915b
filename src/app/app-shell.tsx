import { lazyComponent } from './components/lazy-component';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Icon } from './components/icons';
import { StatusBar } from './components/status-bar';
import { GraphView } from './features/graph/graph-view';
import { ClusterTabs, MatrixPanel } from './features/matrix/matrix-tabs';
import { TracePanel } from './features/trace/trace-panel';
import { ThemeSync, ThemeToggle } from './features/view/view-controls';
import { useAppStore } from './store/store-context';
import { EditorRestoreStrip, EditorToggle } from './features/editor/editor-toggle';
import { selectEditorHidden } from './store/layout-slice';
import type { EmbedOptions } from './features/embed/embed-fragment';
import { ShareButton } from './features/share/share-button';
import { FileDropZone } from './features/files/file-drop-zone';
import {
  compactViewStore,
  toCompactViews,
  toShownView,
  useCompactLayout,
  useCompactView,
  useTouch,
  useVisualViewportHeight,
} from './features/small-screens/compact-layout';
import { ViewTabBar } from './features/small-screens/view-tab-bar';
import './features/small-screens/small-screens.css';

// Monaco is loaded after the graph paints (budget B2: no Monaco module in the entry chunk).
const EditorPane = lazy(() =>
  import('./features/editor/editor-pane').then((m) => ({ default: m.EditorPane })),
);

// The lesson panel, its Markdown renderer and the course load only when a lesson or the index is open.
const lessonPanel = lazyComponent(() =>
  import('./features/lessons/lesson-panel').then((m) => m.LessonPanel),
);
const LessonPanel = lessonPanel.Component;
/** A lesson link's panel is on screen with the first graph: main.tsx loads it before rendering. */
export const preloadLessonPanel = lessonPanel.preload;

// Embed mode's header (with "Open in kube-netplay") loads only in a frame opened with embed=1.
const EmbedHeader = lazy(() =>
  import('./features/embed/embed-header').then((m) => ({ default: m.EmbedHeader })),
);

// Open, Download and the drop target: a moment after the first paint, not in the entry chunk.
const FileControls = lazy(() =>
  import('./features/files/file-controls').then((m) => ({ default: m.FileControls })),
);

// The phone's YAML view tools (the problems as a list) load with that view only.
const YamlViewTools = lazy(() =>
  import('./features/small-screens/yaml-view-tools').then((m) => ({ default: m.YamlViewTools })),
);

// The autosave notice comes with the autosave module, which loads beside the app at start.
const AutosaveNotice = lazy(() =>
  import('./features/autosave/autosave-notice').then((m) => ({ default: m.AutosaveNotice })),
);

/** Opens the course index (or closes it when no lesson is open). */
function LessonsButton() {
  const panel = useAppStore((s) => s.lessonPanel);
  const inLesson = useAppStore((s) => s.lesson !== undefined);
  const showIndex = useAppStore((s) => s.showLessonIndex);
  const close = useAppStore((s) => s.lessonsClosed);
  const open = panel !== 'closed';
  return (
    <button
      type="button"
      data-testid="lessons-button"
      aria-pressed={open}
      title={open && !inLesson ? 'Close the lessons' : 'The course: lessons you run, break and fix'}
      onClick={() => {
        if (open && !inLesson && panel === 'index') return close();
        showIndex();
        // A small screen shows one view at a time: this one.
        compactViewStore.getState().show('lesson');
      }}
      className="flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-300 aria-pressed:border-blue-400 aria-pressed:bg-blue-50"
    >
      Lessons
    </button>
  );
}

const STATUS_TEXT = {
  idle: ['Starting…', 'bg-slate-100 text-slate-700'],
  pending: ['Analysing…', 'bg-blue-100 text-blue-800'],
  ok: ['Up to date', 'bg-emerald-100 text-emerald-800'],
  held: ['YAML error: showing last good graph', 'bg-amber-100 text-amber-900'],
  crash: ['Engine error', 'bg-red-100 text-red-800'],
  timeout: ['Engine restarted', 'bg-red-100 text-red-800'],
} as const;

function EngineStatus() {
  const status = useAppStore((s) => s.status);
  const [label, tone] = STATUS_TEXT[status];
  return (
    <span
      data-testid="engine-status"
      data-status={status}
      className={`ml-auto rounded-full px-2.5 py-0.5 text-xs font-semibold ${tone}`}
    >
      {label}
    </span>
  );
}

function Header({ compact }: { compact: boolean }) {
  // Narrow screens: the actions fold into a menu (CSS decides when: `.app-header-actions`).
  const [menuOpen, setMenuOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const away = (event: PointerEvent) => {
      if (!header.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [menuOpen]);
  return (
    <header
      ref={header}
      className="app-header relative flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4"
    >
      <h1 className="shrink-0 text-lg font-bold tracking-tight text-slate-900">
        kube<span className="text-blue-700">-netplay</span>
      </h1>
      {/* Only on wide screens: at 1280 px the header's buttons need the room. */}
      <span className="app-tagline hidden text-sm text-slate-500 2xl:inline">
        Kubernetes networking playground
      </span>
      <EngineStatus />
      <button
        type="button"
        className="app-menu-button"
        data-testid="header-menu-button"
        aria-expanded={menuOpen}
        aria-controls="app-header-actions"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        <span aria-hidden="true">☰</span> Menu
      </button>
      <div
        id="app-header-actions"
        className="app-header-actions"
        data-open={menuOpen ? 'true' : undefined}
        data-testid="header-actions"
        // A choice made in the menu closes it (the dialog or panel it opened takes over).
        onClick={(event) => {
          if (menuOpen && (event.target as Element).closest('button, a')) setMenuOpen(false);
        }}
      >
        <LessonsButton />
        <Suspense fallback={null}>
          <FileControls />
        </Suspense>
        <FileDropZone />
        {/* Small screens switch views with the tab bar; the YAML is one of them. */}
        {!compact && <EditorToggle />}
        <ThemeToggle />
        <ShareButton />
      </div>
      <ThemeSync />
    </header>
  );
}

function Banner() {
  const banner = useAppStore((s) => s.banner);
  const dismiss = useAppStore((s) => s.dismissBanner);
  if (!banner) return null;
  const error = banner.kind === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid="banner"
      data-kind={banner.kind}
      className={`flex items-center gap-3 px-4 py-2 text-sm ${error ? 'bg-red-600 text-white' : 'bg-blue-50 text-blue-900'}`}
    >
      <Icon name={error ? 'cross' : 'check'} size={16} strokeWidth={3} />
      <span className="flex-1">{banner.message}</span>
      <button
        type="button"
        onClick={dismiss}
        className="rounded px-2 font-semibold underline"
        data-testid="banner-dismiss"
      >
        Dismiss
      </button>
    </div>
  );
}

function GraphOverlay() {
  const lastGood = useAppStore((s) => s.lastGood);
  const status = useAppStore((s) => s.status);
  const message = useAppStore((s) => s.engineMessage);
  const blank = useAppStore((s) => !/^\s*[^\s#]/m.test(s.text));
  let text: string | undefined;
  let testId = 'graph-empty';
  if (blank) text = 'This scenario is empty. Type or paste Kubernetes manifests in the editor.';
  else if (!lastGood && (status === 'crash' || status === 'timeout')) {
    text = `The engine could not analyse this text: ${message ?? 'unknown error'}. Your text is kept.`;
    testId = 'engine-error';
  } else if (!lastGood) text = 'Analysing…';
  if (!text) return null;
  return (
    <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center p-8">
      <p
        data-testid={testId}
        className="max-w-md rounded-lg border border-slate-200 bg-white/95 px-5 py-4 text-center text-slate-700 shadow"
      >
        {text}
      </p>
    </div>
  );
}

/**
 * The app. `embed` (a link with embed=1) frames it for a slide or a course page: a slim header,
 * and the editor (with the lesson panel) only when the link says editor=1; without it Monaco is
 * not even loaded.
 */
export function AppShell({ embed }: { embed?: EmbedOptions | undefined } = {}) {
  const embedded = embed?.embed === true;
  // Hidden, the editor stays mounted (its undo history and the Monaco model survive).
  const userEditorHidden = useAppStore(selectEditorHidden);
  const editorHidden = embedded ? embed.editor !== true : userEditorHidden;
  // Presenting: the trace gets the room to show the verdict and the current hop without
  // scrolling; the graph follows the packet at a readable zoom in the rest.
  const presenting = useAppStore((s) => s.theme === 'contrast');
  const lessonPanel = useAppStore((s) => s.lessonPanel);
  // Small screens: one view at a time (compact-layout.ts); the same elements, placed by CSS.
  // An embed in a slide on a computer keeps its wide layout, however small its frame; on a
  // phone (a finger) it switches views like the app.
  const touch = useTouch();
  const compact = useCompactLayout() && (!embedded || touch);
  useLayoutEffect(() => compactViewStore.getState().setActive(compact), [compact]);
  const views = toCompactViews({ editorAllowed: !(embedded && embed.editor !== true) });
  const shown = toShownView(
    useCompactView((s) => s.view),
    views,
  );
  const yamlOpened = useCompactView((s) => s.yamlOpened);
  useVisualViewportHeight(compact);
  const lessonOpen = compact
    ? shown === 'lesson' && lessonPanel !== 'closed'
    : lessonPanel !== 'closed' && !(embedded && editorHidden);
  const editorShown = compact ? shown === 'yaml' : !editorHidden;
  // A phone opens on the graph: Monaco loads when the YAML view is first opened.
  const editorMounted = compact
    ? yamlOpened && views.includes('yaml')
    : !(embedded && editorHidden);
  // A lesson widens the left column a little; the graph keeps most of the width.
  const columns = editorHidden
    ? embedded
      ? 'grid-cols-[minmax(0,1fr)]'
      : lessonOpen
        ? 'grid-cols-[auto_minmax(320px,30%)_minmax(0,1fr)]'
        : 'grid-cols-[auto_minmax(0,1fr)]'
    : lessonOpen
      ? 'grid-cols-[minmax(380px,36%)_minmax(0,1fr)]'
      : 'grid-cols-[minmax(340px,30%)_minmax(0,1fr)]';
  return (
    <div
      data-embed={embedded ? 'true' : undefined}
      data-compact-view={compact ? shown : undefined}
      className={`app-shell flex h-full flex-col bg-slate-100 text-slate-900 ${embedded ? 'embed' : ''}`}
    >
      {embedded ? (
        <>
          <ThemeSync />
          <Suspense fallback={<div className="h-9 shrink-0 border-b border-slate-200 bg-white" />}>
            <EmbedHeader status={<EngineStatus />} />
          </Suspense>
        </>
      ) : (
        <Header compact={compact} />
      )}
      <Banner />
      <Suspense fallback={null}>
        <AutosaveNotice />
      </Suspense>
      <main
        data-editor={editorShown ? 'shown' : 'hidden'}
        data-lesson-panel={lessonPanel}
        className={`app-main grid min-h-0 flex-1 ${columns}`}
      >
        {editorHidden && !embedded && !compact && <EditorRestoreStrip />}
        <div
          hidden={!editorShown && !lessonOpen}
          className={`app-side grid min-h-0 min-w-0 grid-cols-[minmax(0,1fr)] border-r border-slate-200 bg-white ${lessonOpen && editorShown ? 'grid-rows-[minmax(0,3fr)_minmax(0,2fr)]' : 'grid-rows-[minmax(0,1fr)]'}`}
        >
          {lessonOpen && (
            <aside aria-label="Lesson" className="min-h-0 min-w-0 border-b border-slate-200">
              <Suspense
                fallback={
                  <div data-testid="lesson-loading" className="p-4 text-sm text-slate-500">
                    Loading the lesson…
                  </div>
                }
              >
                <LessonPanel />
              </Suspense>
            </aside>
          )}
          <section
            aria-label="Manifests"
            hidden={!editorShown}
            className="app-editor flex min-h-0 min-w-0 flex-col bg-white"
          >
            {compact && shown === 'yaml' && (
              <Suspense fallback={null}>
                <YamlViewTools />
              </Suspense>
            )}
            <div className="min-h-0 flex-1">
              <Suspense
                fallback={
                  <div data-testid="editor-loading" className="p-4 text-sm text-slate-500">
                    Loading the editor…
                  </div>
                }
              >
                {editorMounted ? <EditorPane /> : null}
              </Suspense>
            </div>
          </section>
        </div>
        <div
          className={`app-cluster grid min-h-0 ${presenting ? 'grid-rows-[auto_minmax(0,1fr)_minmax(264px,26%)]' : 'grid-rows-[auto_minmax(0,1fr)_minmax(190px,32%)]'}`}
        >
          <ClusterTabs />
          <section aria-label="Cluster" className="relative min-h-0 bg-white" data-testid="graph">
            <GraphView />
            <GraphOverlay />
            <MatrixPanel />
          </section>
          <div className="app-trace min-h-0 border-t border-slate-200 bg-white">
            <TracePanel />
          </div>
        </div>
      </main>
      {embedded && editorHidden ? null : <StatusBar />}
      {compact && <ViewTabBar views={views} shown={shown} />}
    </div>
  );
}
