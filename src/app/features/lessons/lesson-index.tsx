/** The course index: lessons by section in course order, each ticked once its checks all passed. */
import { useMemo } from 'react';
import type { LessonMeta } from './lesson-file';

/** Lessons grouped by section, sections in the order their first lesson comes in the course. */
export function toLessonSections(
  index: readonly LessonMeta[],
): { section: string; lessons: LessonMeta[] }[] {
  const sections: { section: string; lessons: LessonMeta[] }[] = [];
  for (const lesson of index) {
    const group = sections.find((s) => s.section === lesson.section);
    if (group) group.lessons.push(lesson);
    else sections.push({ section: lesson.section, lessons: [lesson] });
  }
  return sections;
}

const sectionTitle = (section: string) =>
  section === 'trap' ? 'Traps that catch everyone' : section;

export function LessonIndex({
  index,
  done,
  current,
  errors,
  onOpen,
}: {
  index: readonly LessonMeta[];
  done: readonly string[];
  current: string | undefined;
  errors: readonly string[];
  onOpen: (slug: string) => void;
}) {
  const sections = useMemo(() => toLessonSections(index), [index]);
  return (
    <nav aria-label="Lessons" data-testid="lesson-index" className="flex flex-col gap-3">
      {sections.map(({ section, lessons }) => (
        <section key={section} aria-label={sectionTitle(section)}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {sectionTitle(section)}
          </h3>
          <ol className="flex flex-col gap-0.5">
            {lessons.map((lesson) => {
              const ticked = done.includes(lesson.slug);
              return (
                <li key={lesson.slug}>
                  <button
                    type="button"
                    data-testid="lesson-index-item"
                    data-slug={lesson.slug}
                    data-done={ticked}
                    aria-current={lesson.slug === current ? 'true' : undefined}
                    onClick={() => onOpen(lesson.slug)}
                    className={`flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm hover:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400 ${lesson.slug === current ? 'bg-blue-50 font-semibold' : ''}`}
                  >
                    <span
                      aria-hidden="true"
                      className={`flex h-4 w-4 shrink-0 items-center justify-center rounded-full border text-[10px] font-bold ${ticked ? 'border-emerald-600 bg-emerald-600 text-white' : 'border-slate-400 text-transparent'}`}
                    >
                      ✓
                    </span>
                    <span className="w-5 shrink-0 text-right tabular-nums text-slate-600">
                      {lesson.order}.
                    </span>
                    <span className="min-w-0 flex-1 truncate text-slate-900">{lesson.title}</span>
                    {ticked && <span className="sr-only">(done)</span>}
                    <span className="shrink-0 text-xs text-slate-600">{lesson.minutes} min</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {errors.length > 0 && (
        <section aria-label="Lessons that could not be read" className="text-sm text-red-800">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide">Could not be read</h3>
          <ul className="list-disc pl-5" data-testid="lesson-index-errors">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </section>
      )}
    </nav>
  );
}
