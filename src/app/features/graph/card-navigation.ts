/**
 * Arrow-key navigation between the graph's cards (the graph is one Tab stop: a roving tabindex,
 * arrows move inside it). Pure: it reads boxes, so it is tested without a browser.
 *
 * Where a card "is": its centre; a box (node or namespace) is where its title is, near its top-left
 * corner, so arrows reach the box from the cards around its title and do not land on it from
 * the pods it holds.
 */

/** One card on screen (any units, the same for all). `container`: a box that holds cards. */
export interface CardBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly container?: boolean;
}

export type CardKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

const KEYS: ReadonlySet<string> = new Set<CardKey>([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
]);

export function isCardKey(key: string): key is CardKey {
  return KEYS.has(key);
}

/** How far inside a box's corner its anchor sits (its title row). */
const TITLE_INSET = 12;
/** Cards whose anchors are this close on the cross-axis count as one column (a tier). */
const COLUMN_SLACK = 8;

function anchor(card: CardBox): { x: number; y: number } {
  return card.container
    ? { x: card.x + TITLE_INSET, y: card.y + TITLE_INSET }
    : { x: card.x + card.width / 2, y: card.y + card.height / 2 };
}

/**
 * The cards in reading order for a left-to-right graph: tier by tier (left to right), top to
 * bottom within a tier.
 *
 * @example toCardOrder(cards)[0] // the Internet, leftmost
 */
export function toCardOrder(cards: readonly CardBox[]): string[] {
  return cards
    .map((card) => ({ id: card.id, at: anchor(card) }))
    .sort((a, b) =>
      Math.abs(a.at.x - b.at.x) > COLUMN_SLACK
        ? a.at.x - b.at.x
        : a.at.y - b.at.y || a.at.x - b.at.x,
    )
    .map((c) => c.id);
}

/**
 * The card an arrow (or Home/End) moves to from `fromId`: the nearest card in that direction,
 * where a step sideways counts twice a step forward (so → stays in the row when it can).
 * Undefined when there is none that way (focus stays). From an unknown id, any key gives the
 * first card.
 *
 * @example nextCardId(cards, 'service/default/web', 'ArrowRight') // a pod the Service selects
 */
export function nextCardId(
  cards: readonly CardBox[],
  fromId: string | undefined,
  key: CardKey,
): string | undefined {
  const order = toCardOrder(cards);
  const from = cards.find((c) => c.id === fromId);
  if (key === 'Home' || !from) return order[0];
  if (key === 'End') return order.at(-1);
  const start = anchor(from);
  const rank = new Map(order.map((id, i) => [id, i]));
  let best: { id: string; score: number } | undefined;
  for (const card of cards) {
    if (card.id === from.id) continue;
    const at = anchor(card);
    const dx = at.x - start.x;
    const dy = at.y - start.y;
    const [forward, sideways] =
      key === 'ArrowRight'
        ? [dx, dy]
        : key === 'ArrowLeft'
          ? [-dx, dy]
          : key === 'ArrowDown'
            ? [dy, dx]
            : [-dy, dx];
    if (forward < 1) continue;
    const score = forward + 2 * Math.abs(sideways);
    if (
      !best ||
      score < best.score ||
      (score === best.score && (rank.get(card.id) ?? 0) < (rank.get(best.id) ?? 0))
    )
      best = { id: card.id, score };
  }
  return best?.id;
}
