/**
 * The course on disk: every folder under `scenarios/lessons/` with its `lesson.md`, `start.yaml`
 * and `solution.yaml`, each file its own lazily loaded chunk (nothing of the course is in the entry
 * chunk). The index reads every `lesson.md`; a lesson's YAML is fetched when it is opened.
 */
import type { OpenLesson } from '../../store/lesson-slice';
import { lessonSlug, parseLessonFile, type LessonMeta } from './lesson-file';

type TextLoader = () => Promise<string>;

/** One lesson folder: its slug and how to load each of its files (absent: the file is missing). */
export interface LessonFolder {
  readonly folder: string;
  readonly slug: string;
  readonly lesson: TextLoader | undefined;
  readonly start: TextLoader | undefined;
  readonly solution: TextLoader | undefined;
}

const FILE_PATTERN = /\/lessons\/([^/]+)\/(lesson\.md|start\.yaml|solution\.yaml)$/;

/**
 * Groups file loaders (keyed by path, as `import.meta.glob` gives them) into lesson folders, in
 * folder-name order.
 *
 * @example toLessonFolders({ '/scenarios/lessons/03-nodeport/lesson.md': load })[0].slug // 'nodeport'
 */
export function toLessonFolders(files: Readonly<Record<string, TextLoader>>): LessonFolder[] {
  const byFolder = new Map<string, Record<string, TextLoader>>();
  for (const [path, load] of Object.entries(files)) {
    const match = FILE_PATTERN.exec(path);
    if (!match?.[1] || !match[2]) continue;
    const entry = byFolder.get(match[1]) ?? {};
    entry[match[2]] = load;
    byFolder.set(match[1], entry);
  }
  return [...byFolder.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, loaders]) => ({
      folder,
      slug: lessonSlug(folder),
      lesson: loaders['lesson.md'],
      start: loaders['start.yaml'],
      solution: loaders['solution.yaml'],
    }));
}

/** The course shipped with the app. */
export const courseFolders: readonly LessonFolder[] = toLessonFolders({
  ...import.meta.glob<string>('/scenarios/lessons/*/lesson.md', {
    query: '?raw',
    import: 'default',
  }),
  ...import.meta.glob<string>('/scenarios/lessons/*/start.yaml', {
    query: '?raw',
    import: 'default',
  }),
  ...import.meta.glob<string>('/scenarios/lessons/*/solution.yaml', {
    query: '?raw',
    import: 'default',
  }),
});

async function readText(load: TextLoader | undefined, name: string): Promise<string> {
  if (!load) throw new Error(`${name} is missing`);
  try {
    return await load();
  } catch {
    throw new Error(`${name} could not be loaded`);
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Every lesson's front matter, and one message per lesson that could not be read. Never throws. */
export async function loadLessonIndex(
  folders: readonly LessonFolder[],
): Promise<{ index: LessonMeta[]; errors: string[] }> {
  const results = await Promise.all(
    folders.map(async (folder) => {
      try {
        const parsed = parseLessonFile(
          folder.folder,
          await readText(folder.lesson, `${folder.slug}/lesson.md`),
        );
        return parsed.ok ? { meta: parsed.lesson } : { error: parsed.error };
      } catch (error) {
        return { error: errorText(error) };
      }
    }),
  );
  const index: LessonMeta[] = [];
  const errors: string[] = [];
  for (const result of results) {
    if ('meta' in result && result.meta) {
      const { slug, title, section, order, minutes, goals } = result.meta;
      index.push({ slug, title, section, order, minutes, goals });
    } else if ('error' in result && result.error) errors.push(result.error);
  }
  return { index, errors };
}

export type LessonLoad =
  | { readonly ok: true; readonly open: OpenLesson }
  | { readonly ok: false; readonly reason: 'unknown' | 'broken'; readonly error: string };

/** A lesson with its texts, or why it cannot be opened. Never throws. */
export async function loadLesson(
  folders: readonly LessonFolder[],
  slug: string,
): Promise<LessonLoad> {
  const folder = folders.find((f) => f.slug === slug);
  if (!folder)
    return { ok: false, reason: 'unknown', error: `There is no lesson called "${slug}".` };
  try {
    const [text, start, solution] = await Promise.all([
      readText(folder.lesson, `${slug}/lesson.md`),
      readText(folder.start, `${slug}/start.yaml`),
      readText(folder.solution, `${slug}/solution.yaml`),
    ]);
    const parsed = parseLessonFile(folder.folder, text);
    if (!parsed.ok) return { ok: false, reason: 'broken', error: parsed.error };
    return { ok: true, open: { lesson: parsed.lesson, start, solution } };
  } catch (error) {
    return { ok: false, reason: 'broken', error: errorText(error) };
  }
}
