/**
 * The lesson panel beside the graph (lazily loaded with the course): the index, or the open lesson
 * with its step, packet buttons, hints one at a time, and its checks (✓ or ✗ with the reason)
 * from the newest analysis. All green: it says so (aria-live), ticks the lesson and offers the
 * next one. Reset and Apply solution are one undo step each; the solution is always shown as a
 * diff first.
 */
import { lazy, Suspense, use, useEffect, type ReactNode } from 'react';
import type { CheckResult } from '../../../engine';
import { useAppStore, useAppStoreApi, useController } from '../../store/store-context';
import { selectLessonChecks, selectLessonComplete } from '../../store/lesson-slice';
import type { LessonPacket } from './lesson-file';
import { whenLessonController, type LessonController } from './lesson-controller';
import { LessonIndex } from './lesson-index';
import { LessonMarkdown } from './lesson-markdown';
import './lesson-panel.css';

// Monaco's diff editor loads only when the learner asks for the solution.
const NO_CHECKS: readonly CheckResult[] = [];

const SolutionDiff = lazy(() =>
  import('./solution-diff').then((m) => ({ default: m.SolutionDiff })),
);

const SMALL_BUTTON =
  'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400 disabled:cursor-not-allowed disabled:opacity-50';

const BUTTON =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400 disabled:cursor-not-allowed disabled:opacity-50';

function PanelHeader({ children }: { children: ReactNode }) {
  return (
    <div className="flex shrink-0 items-center gap-2 border-b border-slate-200 px-3 py-1.5">
      {children}
    </div>
  );
}

function IndexView({ lessons }: { lessons: LessonController }) {
  // Shown before the app's idle load of the course: it loads now.
  useEffect(() => void lessons.loadIndex().catch(() => undefined), [lessons]);
  const index = useAppStore((s) => s.lessonIndex);
  const loaded = useAppStore((s) => s.lessonIndexLoaded);
  const done = useAppStore((s) => s.lessonsDone);
  const errors = useAppStore((s) => s.lessonIndexErrors);
  const notice = useAppStore((s) => s.lessonNotice);
  const open = useAppStore((s) => s.lesson);
  const reopen = useAppStore((s) => s.lessonOpened);
  const step = useAppStore((s) => s.lessonStep);
  return (
    <>
      <PanelHeader>
        <h2 className="flex-1 text-base font-bold text-slate-900">
          Lessons{' '}
          <span className="text-sm font-normal text-slate-600">
            {done.filter((d) => index.some((l) => l.slug === d)).length} of {index.length} done
          </span>
        </h2>
        {open && (
          <button type="button" className={BUTTON} onClick={() => reopen(open, step)}>
            Back to the lesson
          </button>
        )}
        <button
          type="button"
          data-testid="lesson-playground"
          className={BUTTON}
          onClick={() => void lessons.leave()}
        >
          Playground
        </button>
      </PanelHeader>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-2">
        {notice && (
          <p
            role="alert"
            data-testid="lesson-notice"
            className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          >
            {notice}
          </p>
        )}
        {!loaded ? (
          <p className="text-sm text-slate-600">Loading the course…</p>
        ) : (
          <LessonIndex
            index={index}
            done={done}
            current={open?.lesson.slug}
            errors={errors}
            onOpen={(slug) => void lessons.open(slug)}
          />
        )}
      </div>
    </>
  );
}

function CheckRow({ result }: { result: CheckResult }) {
  const name = result.check.name ?? `${result.check.from} → ${result.check.to}`;
  return (
    <li
      data-testid="lesson-check"
      data-pass={result.pass}
      className="flex gap-2 py-0.5 text-sm leading-snug"
    >
      <span
        aria-hidden="true"
        className={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[11px] font-bold text-white ${result.pass ? 'bg-emerald-600' : 'bg-red-600'}`}
      >
        {result.pass ? '✓' : '✗'}
      </span>
      <span className="min-w-0 flex-1">
        <span className="sr-only">{result.pass ? 'Passes: ' : 'Fails: '}</span>
        <span className="font-semibold text-slate-900">{name}</span>
        {/* A failing check says why in full (it is the learner's clue); a passing one in a line. */}
        <span
          className={`block text-[13px] ${result.pass ? 'truncate text-slate-500' : 'line-clamp-3 text-red-800'}`}
          title={result.why}
          data-testid="lesson-check-why"
        >
          {result.why}
        </span>
      </span>
    </li>
  );
}

function ChecksView({ lessons, children }: { lessons: LessonController; children: ReactNode }) {
  const checks = useAppStore(selectLessonChecks) ?? NO_CHECKS;
  const complete = useAppStore(selectLessonComplete);
  const status = useAppStore((s) => s.status);
  const index = useAppStore((s) => s.lessonIndex);
  const passing = checks.filter((c) => c.pass).length;
  // The next lesson's title comes from the course index.
  useEffect(() => {
    if (complete) void lessons.loadIndex().catch(() => undefined);
  }, [complete, lessons]);
  const next = complete ? lessons.nextSlug() : undefined;
  const nextTitle = index.find((l) => l.slug === next)?.title;
  return (
    <section
      aria-label="Checks"
      data-testid="lesson-checks"
      data-complete={complete}
      className="flex max-h-[42%] shrink-0 flex-col border-t border-slate-200 px-3 py-1.5"
    >
      <div className="flex items-center gap-2">
        <h3 className="flex min-w-0 flex-1 items-baseline gap-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
          Checks
          <span
            className="font-normal normal-case tracking-normal"
            data-testid="lesson-check-count"
          >
            {passing} of {checks.length} pass
          </span>
          {status === 'pending' && (
            <span className="font-normal normal-case tracking-normal text-slate-500">
              · checking…
            </span>
          )}
        </h3>
        <div className="flex shrink-0 gap-1.5">{children}</div>
      </div>
      {status === 'held' && (
        <p className="text-sm text-amber-900">
          The YAML cannot be read as it is: the checks run again once it can.
        </p>
      )}
      {checks.length === 0 && status !== 'held' && status !== 'pending' && (
        <p className="text-sm text-amber-900" data-testid="lesson-no-checks">
          This text has no checks: the Scenario document that holds them was removed. Reset brings
          it back.
        </p>
      )}
      <ul className="min-h-0 flex-1 overflow-y-auto" tabIndex={0} aria-label="Check results">
        {checks.map((result, i) => (
          <CheckRow key={`${i}:${result.check.name ?? ''}`} result={result} />
        ))}
      </ul>
      <div role="status" aria-live="polite" data-testid="lesson-complete">
        {complete && (
          <div className="mt-1 flex flex-wrap items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
            <span className="flex-1 font-semibold">
              All {checks.length} checks pass: lesson complete.
            </span>
            {next ? (
              <button
                type="button"
                data-testid="lesson-next-lesson"
                className="rounded-md bg-emerald-700 px-2.5 py-1 text-sm font-semibold text-white hover:bg-emerald-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-400"
                onClick={() => void lessons.open(next)}
              >
                Next: {nextTitle ?? next} →
              </button>
            ) : (
              <span>That was the last lesson of the course.</span>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function LessonView({ lessons }: { lessons: LessonController }) {
  const controller = useController();
  const open = useAppStore((s) => s.lesson);
  const stepIndex = useAppStore((s) => s.lessonStep);
  const hintsShown = useAppStore((s) => s.lessonHints);
  const revealHint = useAppStore((s) => s.revealLessonHint);
  const showIndex = useAppStore((s) => s.showLessonIndex);
  const solutionShown = useAppStore((s) => s.lessonSolutionShown);
  const setSolutionShown = useAppStore((s) => s.setLessonSolutionShown);
  const text = useAppStore((s) => s.text);
  const done = useAppStore((s) => (open ? s.lessonsDone.includes(open.lesson.slug) : false));
  if (!open) return null;
  const { lesson } = open;
  const step = lesson.steps[stepIndex];
  if (!step) return null;
  const count = lesson.steps.length;
  const send = (packet: LessonPacket) => void controller.send(packet.from, packet.to);
  return (
    <>
      <PanelHeader>
        <button
          type="button"
          data-testid="lesson-course"
          className={BUTTON}
          onClick={showIndex}
          title="All lessons"
        >
          ‹ Lessons
        </button>
        <h2
          className="min-w-0 flex-1 truncate text-base font-bold text-slate-900"
          data-testid="lesson-title"
          data-slug={lesson.slug}
          title={lesson.title}
        >
          {lesson.title}
          {done && (
            <span className="ml-1.5 text-emerald-700" title="Done">
              ✓<span className="sr-only"> done</span>
            </span>
          )}
        </h2>
        <button
          type="button"
          data-testid="lesson-playground"
          className={BUTTON}
          onClick={() => void lessons.leave()}
          title="Leave the lesson for the free playground"
        >
          Playground
        </button>
      </PanelHeader>
      <div className="flex shrink-0 items-center gap-2 border-b border-slate-100 px-3 py-1.5">
        <button
          type="button"
          data-testid="lesson-prev"
          aria-label="Previous step"
          className={BUTTON}
          disabled={stepIndex === 0}
          onClick={() => lessons.goToStep(stepIndex - 1)}
        >
          ‹
        </button>
        <h3
          className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900"
          data-testid="lesson-step"
        >
          <span className="font-normal text-slate-600">
            Step {stepIndex + 1} of {count}:
          </span>{' '}
          {step.title}
        </h3>
        <button
          type="button"
          data-testid="lesson-next"
          aria-label="Next step"
          className={BUTTON}
          disabled={stepIndex >= count - 1}
          onClick={() => lessons.goToStep(stepIndex + 1)}
        >
          ›
        </button>
      </div>
      <div
        className="min-h-24 flex-1 overflow-y-auto px-3 py-2"
        data-testid="lesson-body"
        tabIndex={0}
        aria-label="Step text"
      >
        {stepIndex === 0 && lesson.intro && <LessonMarkdown text={lesson.intro} />}
        <LessonMarkdown text={step.body} packets={step.packets} onSend={send} />
        {step.hints.length > 0 && (
          <div className="mt-2" data-testid="lesson-hints">
            <ol className="flex flex-col gap-1">
              {step.hints.slice(0, hintsShown).map((hint, i) => (
                <li
                  key={i}
                  data-testid="lesson-hint"
                  className="rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-950"
                >
                  <span className="font-semibold">Hint {i + 1}: </span>
                  <LessonMarkdown text={hint} />
                </li>
              ))}
            </ol>
            {hintsShown < step.hints.length && (
              <button
                type="button"
                data-testid="lesson-hint-button"
                className={`${BUTTON} mt-1`}
                onClick={revealHint}
              >
                {hintsShown === 0 ? 'Show a hint' : 'Show another hint'} ({hintsShown + 1} of{' '}
                {step.hints.length})
              </button>
            )}
          </div>
        )}
        {stepIndex < count - 1 && (
          <button
            type="button"
            className={`${BUTTON} mt-3`}
            onClick={() => lessons.goToStep(stepIndex + 1)}
          >
            Next step: {lesson.steps[stepIndex + 1]?.title} ›
          </button>
        )}
      </div>
      <ChecksView lessons={lessons}>
        <button
          type="button"
          data-testid="lesson-reset"
          className={SMALL_BUTTON}
          disabled={text === open.start}
          onClick={() => void lessons.reset()}
          title="Back to the lesson's start (Ctrl+Z in the editor brings your text back)"
        >
          Reset
        </button>
        <button
          type="button"
          data-testid="lesson-show-solution"
          className={SMALL_BUTTON}
          onClick={() => setSolutionShown(true)}
          title="Compare your text with the solution (nothing changes until you apply it)"
        >
          Show solution
        </button>
      </ChecksView>
      {solutionShown && (
        <Suspense
          fallback={
            <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 text-white">
              Loading the diff…
            </div>
          }
        >
          <SolutionDiff
            original={text}
            solution={open.solution}
            title={lesson.title}
            onApply={() => void lessons.applySolution()}
            onClose={() => setSolutionShown(false)}
          />
        </Suspense>
      )}
    </>
  );
}

export function LessonPanel() {
  const store = useAppStoreApi();
  const lessons = use(whenLessonController(store));
  const view = useAppStore((s) => s.lessonPanel);
  return (
    <div
      className="flex h-full min-h-0 flex-col bg-white"
      data-testid="lesson-panel"
      data-view={view}
    >
      {view === 'lesson' ? <LessonView lessons={lessons} /> : <IndexView lessons={lessons} />}
    </div>
  );
}
