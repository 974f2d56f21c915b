/**
 * What the page opens when autosaved work exists: pure decisions over plain data, so every case
 * is a table row in the tests. The rule: a link never silently replaces the learner's work.
 *
 * - The page opens a start (the default scenario, a lesson without `s=`): the work is restored,
 *   and the notice offers Discard (back to that start).
 * - The page opens a link that carries its own text: the link's text is shown, and the notice
 *   offers to go back to the work (kept in storage until the learner edits).
 * - A reload of the same tab is the learner's own page: the work is restored either way.
 */
import type { AutosaveRead } from './autosave-storage';

/** The notice above the app; the controller carries out its action. */
export type AutosaveNotice =
  | {
      readonly kind: 'restored';
      readonly savedAt: number;
      /** The text Discard goes back to. */
      readonly discardText: string;
    }
  | {
      readonly kind: 'link-opened';
      readonly savedAt: number;
      /** The autosaved work "Go back" restores. */
      readonly savedText: string;
    }
  | { readonly kind: 'corrupt'; readonly reason: string }
  | { readonly kind: 'quota' }
  | { readonly kind: 'blocked' };

export interface OpeningInput {
  /** What the page would open without autosave (a link's text, a lesson's start, the default). */
  readonly opened: string;
  /** The start of the place opened: the lesson's start text, or the default scenario. */
  readonly start: string;
  /** The context's stored entry. */
  readonly stored: AutosaveRead;
  /** The tab was reloaded (or reached with back/forward): the learner's own page. */
  readonly reload: boolean;
}

export interface Opening {
  readonly text: string;
  readonly notice: AutosaveNotice | undefined;
}

/**
 * The text to open and the notice to show.
 *
 * @example
 * resolveOpening({ opened: seed, start: seed, stored: { status: 'ok', entry }, reload: false })
 * // { text: entry.text, notice: { kind: 'restored', savedAt: entry.savedAt, discardText: seed } }
 */
export function resolveOpening({ opened, start, stored, reload }: OpeningInput): Opening {
  if (stored.status === 'corrupt')
    return { text: opened, notice: { kind: 'corrupt', reason: stored.reason } };
  if (stored.status === 'none' || stored.entry.text === opened)
    return { text: opened, notice: undefined };
  const { text, savedAt } = stored.entry;
  if (opened === start || reload)
    return { text, notice: { kind: 'restored', savedAt, discardText: opened } };
  return { text: opened, notice: { kind: 'link-opened', savedAt, savedText: text } };
}

/**
 * When the work was saved, as the notice says it: the time today, else the day and the time.
 *
 * @example formatSavedAt(Date.parse('2026-03-02T14:05:00'), Date.parse('2026-03-02T16:00:00')) // '14:05'
 */
export function formatSavedAt(savedAt: number, now: number, locale?: string): string {
  const saved = new Date(savedAt);
  const time = saved.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (saved.toDateString() === new Date(now).toDateString()) return time;
  const day = saved.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  return `${day}, ${time}`;
}
