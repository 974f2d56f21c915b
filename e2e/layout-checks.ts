/** Layout measurements the presenter and small-screen journeys share. */
import type { Page } from '@playwright/test';

/**
 * Whether `inner` is shown whole: inside the visible part of `outer` (its box cut by every
 * ancestor between them that clips: a scrolling or clipping wrapper can hide a box that is
 * inside the panel), and not cutting its own text.
 */
export function shownWhole(page: Page, inner: string, outer: string) {
  return page.evaluate(
    ([inner, outer]) => {
      const el = document.querySelector<HTMLElement>(inner)!;
      const panel = document.querySelector(outer)!;
      const box = el.getBoundingClientRect();
      let top = -Infinity;
      let bottom = Infinity;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (a === panel || style.overflowY !== 'visible') {
          const r = a.getBoundingClientRect();
          top = Math.max(top, r.top);
          bottom = Math.min(bottom, r.bottom);
        }
        if (a === panel) break;
      }
      return {
        inside: box.height > 0 && box.top >= top - 1 && box.bottom <= bottom + 1,
        textWhole: el.scrollHeight <= el.clientHeight + 1,
      };
    },
    [inner, outer] as const,
  );
}
