import { describe, expect, it } from 'vitest';
import { formatSavedAt, resolveOpening } from './autosave-opening';
import type { AutosaveRead } from './autosave-storage';

const START = 'start';
const saved = (text: string): AutosaveRead => ({
  status: 'ok',
  entry: { version: 1, text, savedAt: 5 },
});

describe('resolveOpening', () => {
  it.each([
    // what the page opens, the stored entry, reload → the text, the notice
    ['nothing stored: the start', START, { status: 'none' } as const, false, START, undefined],
    ['work over the start: restored', START, saved('work'), false, 'work', 'restored'],
    ['work equal to what opens: no notice', 'work', saved('work'), false, 'work', undefined],
    [
      'a link with its own text: the link, with a way back',
      'link',
      saved('work'),
      false,
      'link',
      'link-opened',
    ],
    ['a reload of a link: the work', 'link', saved('work'), true, 'work', 'restored'],
    [
      'a corrupt entry: ignored, with a notice',
      START,
      { status: 'corrupt', reason: 'r' } as const,
      false,
      START,
      'corrupt',
    ],
  ] as const)('%s', (_, opened, stored, reload, text, notice) => {
    const result = resolveOpening({ opened, start: START, stored, reload });
    expect(result.text).toBe(text);
    expect(result.notice?.kind).toBe(notice);
  });

  it('Discard goes back to what the page opened; Go back to the work', () => {
    expect(
      resolveOpening({ opened: 'link', start: START, stored: saved('work'), reload: true }).notice,
    ).toEqual({ kind: 'restored', savedAt: 5, discardText: 'link' });
    expect(
      resolveOpening({ opened: 'link', start: START, stored: saved('work'), reload: false }).notice,
    ).toEqual({ kind: 'link-opened', savedAt: 5, savedText: 'work' });
  });
});

describe('formatSavedAt', () => {
  it('gives the time today and the day before that', () => {
    const saved = new Date(2026, 2, 2, 14, 5).getTime();
    expect(formatSavedAt(saved, new Date(2026, 2, 2, 16, 0).getTime(), 'en-GB')).toBe('14:05');
    expect(formatSavedAt(saved, new Date(2026, 2, 4, 9, 0).getTime(), 'en-GB')).toBe(
      '2 Mar, 14:05',
    );
  });
});
