/**
 * The graph as one composite widget: one Tab stop (a roving tabindex over the cards), arrow keys,
 * Home and End move between cards (`nextCardId`), Enter or Space opens a card (graph-view).
 * The DOM glue for card-navigation.ts: React Flow renders every node focusable; here all but
 * one card (and the buttons inside the others) leave the Tab order.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type * as CardNavigation from './card-navigation';
import type { CardBox, CardKey } from './card-navigation';

// The navigation itself loads after the first paint (it is only needed once a card has focus).
type Navigation = typeof CardNavigation;
let navigation: Navigation | undefined;
const loadNavigation = () =>
  import('./card-navigation').then((m) => {
    navigation = m;
    return m;
  });

const CARD_KEYS: ReadonlySet<string> = new Set<CardKey>([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
]);

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
    // No layout is read here (it runs on every change of the cards): the stop is the card last
    // focused, else the selected one, else the one that already is the stop, else the first in
    // the document. Reading order is applied when focus first arrives (onFocus).
    const apply = () => {
      const cards = cardElements(element);
      const ids = new Set(cards.map((c) => c.dataset.id));
      const current = cards.find((c) => c.tabIndex === 0)?.dataset.id;
      const stop =
        [active.current, preferred.current, current].find(
          (id) => id !== undefined && ids.has(id),
        ) ?? cards[0]?.dataset.id;
      for (const card of cards) {
        const on = card.dataset.id === stop;
        if (card.tabIndex !== (on ? 0 : -1)) card.tabIndex = on ? 0 : -1;
      }
      // The buttons inside the cards, in one query (one per card was most of a click, B15).
      for (const button of element.querySelectorAll<HTMLElement>(`${CARD} button`)) {
        const on = button.closest<HTMLElement>(CARD)?.dataset.id === stop;
        if (button.tabIndex !== (on ? 0 : -1)) button.tabIndex = on ? 0 : -1;
      }
      for (const other of element.querySelectorAll<HTMLElement>('.react-flow__node-network'))
        if (other.tabIndex !== -1) other.tabIndex = -1;
    };
    /** Moves focus from `card` to the first card in reading order; false when it stays. */
    const startAtHome = (card: HTMLElement, nav: Navigation): boolean => {
      const cards = cardElements(element);
      const home = nav.nextCardId(toBoxes(cards), undefined, 'Home');
      const first = cards.find((c) => c.dataset.id === home);
      if (!first || first === card || document.activeElement !== card) return false;
      active.current = home;
      apply();
      first.focus();
      return true;
    };
    const onFocus = (event: FocusEvent) => {
      const card = (event.target as HTMLElement).closest<HTMLElement>(CARD);
      if (!card || card.dataset.id === active.current) return;
      // Tabbed into the graph for the first time: start at the first card in reading order.
      const arriving = !active.current && !preferred.current && card.matches(':focus-visible');
      if (arriving && navigation && startAtHome(card, navigation)) return;
      active.current = card.dataset.id;
      apply();
      // The reading order comes with the navigation module: when it arrives after the focus
      // (a busy machine, a slow network), go there then, unless focus has moved on meanwhile.
      if (arriving && !navigation)
        void loadNavigation().then((nav) => {
          if (active.current === card.dataset.id) startAtHome(card, nav);
        });
    };
    // React Flow mounts node elements as the graph changes: give new ones their tabindex too.
    const observer = new MutationObserver(apply);
    const nodes = element.querySelector('.react-flow__nodes') ?? element;
    observer.observe(nodes, { childList: true, subtree: true });
    element.addEventListener('focusin', onFocus);
    apply();
    void loadNavigation();
    return () => {
      observer.disconnect();
      element.removeEventListener('focusin', onFocus);
    };
  }, [root]);

  return (event) => {
    const element = root.current;
    const from = (event.target as HTMLElement).closest<HTMLElement>(CARD);
    if (!element || !from || !CARD_KEYS.has(event.key) || event.target !== from) return false;
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    event.preventDefault();
    const key = event.key as CardKey;
    const move = ({ nextCardId }: Navigation) => {
      const cards = cardElements(element);
      const id = nextCardId(toBoxes(cards), from.dataset.id, key);
      const next = cards.find((c) => c.dataset.id === id);
      // Focus may have moved on while the navigation loaded: then the key is spent.
      if (!next || next === from || document.activeElement !== from) return;
      active.current = id;
      next.tabIndex = 0;
      from.tabIndex = -1;
      // React Flow's own focus handler pans a card that is off screen into view.
      next.focus();
    };
    if (navigation) move(navigation);
    else void loadNavigation().then(move);
    return true;
  };
}
