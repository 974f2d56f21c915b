/**
 * The autosaved editor text, one entry per place the learner writes: the free playground and
 * each lesson (by slug). Stored with a version so a later format can migrate it. Every call is
 * guarded: blocked storage (sandboxed frames, some private modes), a full quota and entries this
 * code did not write never throw.
 */

const KEY_PREFIX = 'netplay.autosave.';
export const AUTOSAVE_VERSION = 1;
/**
 * An entry longer than this (characters of JSON) is not read: the editor analyses at most 5 MiB,
 * so anything larger was not written by us and parsing it would stall the start.
 */
export const MAX_ENTRY_CHARS = 6 * 1024 * 1024;

/** Where the text was written: the playground, or a lesson by its slug. */
export type AutosaveContext =
  { readonly kind: 'playground' } | { readonly kind: 'lesson'; readonly slug: string };

export const PLAYGROUND: AutosaveContext = { kind: 'playground' };

export interface AutosaveEntry {
  readonly version: typeof AUTOSAVE_VERSION;
  readonly text: string;
  /** When it was saved (ms since the epoch). */
  readonly savedAt: number;
}

export type AutosaveRead =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly entry: AutosaveEntry }
  | { readonly status: 'corrupt'; readonly reason: string };

export type AutosaveWrite = 'saved' | 'quota' | 'blocked';

/**
 * The storage key of a context.
 *
 * @example autosaveKey({ kind: 'lesson', slug: 'nodeport' }) // 'netplay.autosave.lesson:nodeport'
 */
export function autosaveKey(context: AutosaveContext): string {
  return context.kind === 'playground'
    ? `${KEY_PREFIX}playground`
    : `${KEY_PREFIX}lesson:${context.slug}`;
}

export function sameContext(a: AutosaveContext, b: AutosaveContext): boolean {
  return (
    a.kind === b.kind && (a.kind === 'playground' || (b.kind === 'lesson' && a.slug === b.slug))
  );
}

function isEntry(value: unknown): value is AutosaveEntry {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    record.version === AUTOSAVE_VERSION &&
    typeof record.text === 'string' &&
    typeof record.savedAt === 'number' &&
    Number.isFinite(record.savedAt)
  );
}

/** The entry of a context: none, a good one, or why a stored one was ignored. */
export function readAutosave(
  storage: Pick<Storage, 'getItem'> | undefined,
  context: AutosaveContext,
): AutosaveRead {
  let raw: string | null | undefined;
  try {
    raw = storage?.getItem(autosaveKey(context));
  } catch {
    return { status: 'none' }; // blocked storage: nothing was kept
  }
  if (raw === null || raw === undefined) return { status: 'none' };
  if (raw.length > MAX_ENTRY_CHARS) return { status: 'corrupt', reason: 'it is too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { status: 'corrupt', reason: 'it is not valid JSON' };
  }
  if (!isEntry(parsed)) {
    const version = (parsed as { version?: unknown } | null)?.version;
    return {
      status: 'corrupt',
      reason:
        typeof version === 'number' && version !== AUTOSAVE_VERSION
          ? `it was written in format ${version}, this page reads format ${AUTOSAVE_VERSION}`
          : 'it does not have the expected shape',
    };
  }
  return { status: 'ok', entry: parsed };
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  // Chromium and WebKit say QuotaExceededError (code 22); old Firefox said NS_ERROR_DOM_QUOTA_REACHED.
  return (
    error.name === 'QuotaExceededError' ||
    error.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    error.code === 22
  );
}

/** Saves `text` for a context; says whether it was kept, or why not. Never throws. */
export function writeAutosave(
  storage: Pick<Storage, 'setItem'> | undefined,
  context: AutosaveContext,
  text: string,
  savedAt: number,
): AutosaveWrite {
  if (!storage) return 'blocked';
  const entry: AutosaveEntry = { version: AUTOSAVE_VERSION, text, savedAt };
  try {
    storage.setItem(autosaveKey(context), JSON.stringify(entry));
    return 'saved';
  } catch (error) {
    return isQuotaError(error) ? 'quota' : 'blocked';
  }
}

/** Forgets a context's entry (nothing unsaved: the text is the start again). Never throws. */
export function removeAutosave(
  storage: Pick<Storage, 'removeItem'> | undefined,
  context: AutosaveContext,
): void {
  try {
    storage?.removeItem(autosaveKey(context));
  } catch {
    // Blocked storage: there was nothing to forget.
  }
}
