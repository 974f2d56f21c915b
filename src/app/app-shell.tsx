import { lazy, Suspense } from 'react';
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

// Monaco is loaded after the graph paints (budget B2: no Monaco module in the entry chunk).
const EditorPane = lazy(() =>
  import('./features/editor/editor-pane').then((m) => ({ default: m.EditorPane })),
);

// The lesson panel, its Markdown renderer and the course load only when a lesson or the index is open.
const LessonPanel = lazy(() =>
  import('./features/lessons/lesson-panel').then((m) => ({ default: m.LessonPanel })),
);

// Embed mode's header (with "Open in kube-netplay") loads only in a frame opened with embed=1.
const EmbedHeader = lazy(() =>
  import('./features/embed/embed-header').then((m) => ({ default: m.EmbedHeader })),
);

// Open, Download and the drop target: a moment after the first paint, not in the entry chunk.
const FileControls = lazy(() =>
  import('./features/files/file-controls').then((m) => ({ default: m.FileControls })),
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
      onClick={() => (open && !inLesson && panel === 'index' ? close() : showIndex())}
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

function Header() {
  return (
    <header className="app-header flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
      <h1 className="text-lg font-bold tracking-tight text-slate-900">
        kube<span className="text-blue-700">-netplay</span>
      </h1>
      {/* Only on wide screens: at 1280 px the header's buttons need the room. */}
      <span className="app-tagline hidden text-sm text-slate-500 2xl:inline">
        Kubernetes networking playground
      </span>
      <EngineStatus />
      <LessonsButton />
      <Suspense fallback={null}>
        <FileControls />
      </Suspense>
      <EditorToggle />
      <ThemeToggle />
      <ThemeSync />
      <ShareButton />
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
  const lessonOpen = lessonPanel !== 'closed' && !(embedded && editorHidden);
  // A lesson widens the left column a little; the graph keeps most of the width.
  const columns = editorHidden
    ? embedded
      ? 'grid-cols-[minmax(0,1fr)]'
      : lessonOpen
        ? 'grid-cols-[auto_minmax(320px,30%)_1fr]'
        : 'grid-cols-[auto_1fr]'
    : lessonOpen
      ? 'grid-cols-[minmax(380px,36%)_1fr]'
      : 'grid-cols-[minmax(340px,30%)_1fr]';
  return (
    <div
      data-embed={embedded ? 'true' : undefined}
      className={`flex h-full flex-col bg-slate-100 text-slate-900 ${embedded ? 'embed' : ''}`}
    >
      {embedded ? (
        <>
          <ThemeSync />
          <Suspense fallback={<div className="h-9 shrink-0 border-b border-slate-200 bg-white" />}>
            <EmbedHeader status={<EngineStatus />} />
          </Suspense>
        </>
      ) : (
        <Header />
      )}
      <Banner />
      <Suspense fallback={null}>
        <AutosaveNotice />
      </Suspense>
      <main
        data-editor={editorHidden ? 'hidden' : 'shown'}
        data-lesson-panel={lessonPanel}
        className={`grid min-h-0 flex-1 ${columns}`}
      >
        {editorHidden && !embedded && <EditorRestoreStrip />}
        <div
          hidden={editorHidden && !lessonOpen}
          className={`grid min-h-0 min-w-0 grid-cols-[minmax(0,1fr)] border-r border-slate-200 bg-white ${lessonOpen && !editorHidden ? 'grid-rows-[minmax(0,3fr)_minmax(0,2fr)]' : 'grid-rows-[minmax(0,1fr)]'}`}
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
            hidden={editorHidden}
            className="min-h-0 min-w-0 bg-white"
          >
            <Suspense
              fallback={
                <div data-testid="editor-loading" className="p-4 text-sm text-slate-500">
                  Loading the editor…
                </div>
              }
            >
              {embedded && editorHidden ? null : <EditorPane />}
            </Suspense>
          </section>
        </div>
        <div
          className={`grid min-h-0 ${presenting ? 'grid-rows-[auto_minmax(0,1fr)_minmax(264px,26%)]' : 'grid-rows-[auto_minmax(0,1fr)_minmax(190px,32%)]'}`}
        >
          <ClusterTabs />
          <section aria-label="Cluster" className="relative min-h-0 bg-white" data-testid="graph">
            <GraphView />
            <GraphOverlay />
            <MatrixPanel />
          </section>
          <div className="min-h-0 border-t border-slate-200 bg-white">
            <TracePanel />
          </div>
        </div>
      </main>
      {embedded && editorHidden ? null : <StatusBar />}
    </div>
  );
}
