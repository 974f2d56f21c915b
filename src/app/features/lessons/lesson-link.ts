/**
 * Lesson links: `#lesson=<slug>[&step=N][&s=<version>.<payload>]` (see docs/lessons.md and docs/share-links.md). Pure and tiny: it is
 * part of the entry chunk, so the app knows at start whether to open a lesson before it loads the
 * lesson code itself.
 */

export interface LessonLink {
  /** The slug as written in the link (checked against the course later). */
  readonly slug: string;
  /** The 1-based step, when the link names a whole number ≥ 1. */
  readonly step: number | undefined;
  /** The learner's edited text (`s=`), still encoded. */
  readonly payload: string | undefined;
}

/**
 * The lesson a URL fragment asks for, or undefined when it names none.
 *
 * @example readLessonFragment('#lesson=nodeport&step=2') // { slug: 'nodeport', step: 2, payload: undefined }
 */
export function readLessonFragment(hash: string): LessonLink | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const slug = params.get('lesson');
  if (slug === null) return undefined;
  const stepText = params.get('step');
  const step = stepText !== null && /^\d{1,4}$/.test(stepText) ? Number(stepText) : undefined;
  const payload = params.get('s');
  return {
    slug: slug.trim(),
    step: step !== undefined && step >= 1 ? step : undefined,
    payload: payload === null ? undefined : payload,
  };
}

/**
 * The fragment (without `#`) of a lesson at a 1-based step; the step is left out on step 1 and
 * the text only when the learner changed the lesson's start.
 *
 * @example toLessonFragment('nodeport', 2) // 'lesson=nodeport&step=2'
 */
export function toLessonFragment(slug: string, step: number, payload?: string): string {
  let fragment = `lesson=${encodeURIComponent(slug)}`;
  if (step > 1) fragment += `&step=${step}`;
  if (payload !== undefined) fragment += `&s=${payload}`;
  return fragment;
}

/** A full URL whose fragment opens a lesson (see `toLessonFragment`). */
export function toLessonUrl(base: string, slug: string, step: number, payload?: string): string {
  return `${base.replace(/#.*$/, '')}#${toLessonFragment(slug, step, payload)}`;
}
