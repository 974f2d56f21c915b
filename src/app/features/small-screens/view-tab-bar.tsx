/**
 * The bottom tab bar of the small-screen layout: Graph, YAML, Trace, Lesson, where a thumb
 * reaches. Each tab says in a word what is new behind it (the verdict, the problems, the checks),
 * so nothing needs to be opened to be noticed.
 */
import { useEffect, useRef, type JSX } from 'react';
import { useAppStore } from '../../store/store-context';
import { selectLessonChecks } from '../../store/lesson-slice';
import { selectProblems } from '../../store/problems-slice';
import { selectTrace } from '../../store/trace-slice';
import { COMPACT_VIEWS, compactViewStore, type CompactView } from './compact-layout';

function TraceMark() {
  const trace = useAppStore(selectTrace);
  const flight = useAppStore((s) => s.flight);
  if (!trace || trace.error || (flight !== 'arrived' && flight !== 'dropped')) return null;
  const allowed = flight === 'arrived';
  return (
    <span
      data-testid="compact-trace-mark"
      className={`compact-tab-mark ${allowed ? 'text-emerald-700' : 'text-red-700'}`}
    >
      {allowed ? '✓ arrived' : '✗ dropped'}
    </span>
  );
}

function ProblemsMark() {
  const { errors, warnings } = useAppStore(selectProblems);
  if (errors + warnings === 0) return null;
  return (
    <span className={`compact-tab-mark ${errors ? 'text-red-700' : 'text-amber-800'}`}>
      {errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : `${warnings} warn.`}
    </span>
  );
}

function ChecksMark() {
  const checks = useAppStore(selectLessonChecks);
  if (!checks || checks.length === 0) return null;
  const passing = checks.filter((c) => c.pass).length;
  return (
    <span data-testid="compact-checks-mark" className="compact-tab-mark text-slate-600">
      {passing}/{checks.length} ✓
    </span>
  );
}

const MARKS: Partial<Record<CompactView, () => JSX.Element | null>> = {
  trace: TraceMark,
  yaml: ProblemsMark,
  lesson: ChecksMark,
};

export function ViewTabBar({
  views,
  shown,
}: {
  views: readonly CompactView[];
  shown: CompactView;
}) {
  const lessonPanel = useAppStore((s) => s.lessonPanel);
  const showIndex = useAppStore((s) => s.showLessonIndex);
  // A packet sent from the lesson (its packet buttons) or the editor: the graph shows it fly,
  // with no details panel over it (on a phone it covers half the graph).
  const flightId = useAppStore((s) => s.flightId);
  const select = useAppStore((s) => s.select);
  const firstFlight = useRef(flightId);
  useEffect(() => {
    if (flightId === firstFlight.current) return;
    const { view, show } = compactViewStore.getState();
    if (view === 'lesson' || view === 'yaml') show('graph');
    select(undefined);
  }, [flightId, select]);
  // The lesson closed (its Playground button, the Lessons button): nothing left to show there.
  useEffect(() => {
    if (lessonPanel !== 'closed') return;
    const { view, show } = compactViewStore.getState();
    if (view === 'lesson') show('graph');
  }, [lessonPanel]);
  return (
    <nav aria-label="Views" className="compact-tab-bar" data-testid="compact-tab-bar">
      {COMPACT_VIEWS.filter((v) => views.includes(v.id)).map(({ id, label }) => {
        const Mark = MARKS[id];
        return (
          <button
            key={id}
            type="button"
            data-testid={`compact-tab-${id}`}
            aria-current={shown === id ? 'page' : undefined}
            onClick={() => {
              // No lesson open: the Lesson view is the course index.
              if (id === 'lesson' && lessonPanel === 'closed') showIndex();
              compactViewStore.getState().show(id);
              // The trace opens where the packet is (its list scrolled while it was hidden).
              if (id === 'trace')
                requestAnimationFrame(() =>
                  document
                    .querySelector('[data-testid="trace-hop"][data-current="true"]')
                    ?.scrollIntoView({ block: 'nearest' }),
                );
            }}
            className="compact-tab"
          >
            <span className="compact-tab-label">{label}</span>
            {Mark && <Mark />}
          </button>
        );
      })}
    </nav>
  );
}
