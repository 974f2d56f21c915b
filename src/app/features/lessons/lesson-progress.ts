/**
 * Lesson progress kept in this browser: the slugs of the lessons whose checks all passed. Stored
 * with a version so a later format can migrate it; unreadable storage reads as no progress.
 */

const PROGRESS_KEY = 'netplay.lessons.progress';
const PROGRESS_VERSION = 1;

interface StoredProgress {
  readonly version: typeof PROGRESS_VERSION;
  readonly done: readonly string[];
}

function isStoredProgress(value: unknown): value is StoredProgress {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    record.version === PROGRESS_VERSION &&
    Array.isArray(record.done) &&
    record.done.every((slug) => typeof slug === 'string')
  );
}

/** The slugs done so far (empty when nothing is stored, storage is blocked or the data is bad). */
export function readLessonProgress(storage: Pick<Storage, 'getItem'> | undefined): string[] {
  try {
    const raw = storage?.getItem(PROGRESS_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return isStoredProgress(parsed) ? [...new Set(parsed.done)] : [];
  } catch {
    return [];
  }
}

/** Saves the slugs done; a blocked or full storage only means progress is not remembered. */
export function writeLessonProgress(
  storage: Pick<Storage, 'setItem'> | undefined,
  done: readonly string[],
): void {
  try {
    const value: StoredProgress = { version: PROGRESS_VERSION, done };
    storage?.setItem(PROGRESS_KEY, JSON.stringify(value));
  } catch {
    // Not remembered: harmless.
  }
}

/** The browser's storage when there is one (guarded: Node tests and sandboxed frames have none). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
