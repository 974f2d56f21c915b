/**
 * The graph as one composite widget: one Tab stop (a roving tabindex over the cards), arrow keys,
 * Home and End move between cards (`nextCardId`), Enter or Space opens a card (graph-view).
 * The DOM glue for card-navigation.ts: React Flow renders every node focusable; here all but
 * one card (and the buttons inside the others) leave the Tab order.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { isCardKey, nextCardId, type CardBox } from './card-navigation';

/** Every card a keyboard user can open (the underlay network box is a picture, not a card). */
const CARD = '.react-flow__node:not(.react-flow__node-network)';

function cardElements(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CARD)].filter((el) => el.dataset.id);
}

function toBoxes(cards: readonly HTMLElement[]): CardBox[] {
  return cards.map((el) => {
    const r = el.getBoundingClientRect();
    return {
      id: el.dataset.id!,
      x: r.left,
      y: r.top,
      width: r.width,
      height: r.height,
      container: el.classList.contains('react-flow__node-groupBox'),
    };
  });
}

/**
 * Keeps exactly one card in the Tab order (the last one focused, else the selected one, else the
 * first in reading order) and returns the key handler for arrows, Home and End (true when it
 * handled the key).
 */
export function useCardFocus(
  root: RefObject<HTMLElement | null>,
  selectedId: string | undefined,
): (event: KeyboardEvent) => boolean {
  const active = useRef<string | undefined>(undefined);
  const preferred = useRef(selectedId);
  preferred.current = selectedId;

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const apply = () => {
      const cards = cardElements(element);
      const ids = new Set(cards.map((c) => c.dataset.id));
      const stop =
        [active.current, preferred.current].find((id) => id !== undefined && ids.has(id)) ??
        nextCardId(toBoxes(cards), undefined, 'Home');
      for (const card of cards) {
        const on = card.dataset.id === stop;
        if (card.tabIndex !== (on ? 0 : -1)) card.tabIndex = on ? 0 : -1;
        for (const button of card.querySelectorAll<HTMLElement>('button'))
          button.tabIndex = on ? 0 : -1;
      }
      for (const other of element.querySelectorAll<HTMLElement>('.react-flow__node-network'))
        other.tabIndex = -1;
    };
    const onFocus = (event: FocusEvent) => {
      const card = (event.target as HTMLElement).closest<HTMLElement>(CARD);
      if (!card || card.dataset.id === active.current) return;
      active.current = card.dataset.id;
      apply();
    };
    // React Flow mounts node elements as the graph changes: give new ones their tabindex too.
    const observer = new MutationObserver(apply);
    const nodes = element.querySelector('.react-flow__nodes') ?? element;
    observer.observe(nodes, { childList: true, subtree: true });
    element.addEventListener('focusin', onFocus);
    apply();
    return () => {
      observer.disconnect();
      element.removeEventListener('focusin', onFocus);
    };
  }, [root]);

  return (event) => {
    const element = root.current;
    const from = (event.target as HTMLElement).closest<HTMLElement>(CARD);
    if (!element || !from || !isCardKey(event.key) || event.target !== from) return false;
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const cards = cardElements(element);
    const id = nextCardId(toBoxes(cards), from.dataset.id, event.key);
    event.preventDefault();
    const next = cards.find((c) => c.dataset.id === id);
    if (next && next !== from) {
      active.current = id;
      next.tabIndex = 0;
      from.tabIndex = -1;
      // React Flow's own focus handler pans a card that is off screen into view.
      next.focus();
    }
    return true;
  };
}
