import { describe, expect, it } from 'vitest';
import { isCardKey, nextCardId, toCardOrder, type CardBox } from './card-navigation';

const card = (id: string, x: number, y: number, extra: Partial<CardBox> = {}): CardBox => ({
  id,
  x,
  y,
  width: 100,
  height: 40,
  ...extra,
});

// A small graph in tiers, as the layout draws it: internet → ingress → two Services → pods,
// the pods in two node boxes.
const cards: CardBox[] = [
  card('internet', 0, 200),
  card('ingress', 200, 200),
  card('svc/web', 400, 150),
  card('svc/db', 400, 260),
  card('node/node-1', 580, 80, { width: 160, height: 160, container: true }),
  card('pod/web-0', 610, 110),
  card('pod/web-1', 610, 170),
  card('node/node-2', 580, 260, { width: 160, height: 100, container: true }),
  card('pod/db-0', 610, 290),
];

describe('toCardOrder', () => {
  it('reads tier by tier, left to right, top to bottom in a tier', () => {
    expect(toCardOrder(cards)).toEqual([
      'internet',
      'ingress',
      'svc/web',
      'svc/db',
      'node/node-1',
      'node/node-2',
      'pod/web-0',
      'pod/web-1',
      'pod/db-0',
    ]);
  });
});

describe('nextCardId', () => {
  it.each([
    ['internet', 'ArrowRight', 'ingress'],
    ['ingress', 'ArrowLeft', 'internet'],
    ['ingress', 'ArrowRight', 'svc/web'],
    ['svc/web', 'ArrowDown', 'svc/db'],
    ['svc/db', 'ArrowUp', 'svc/web'],
    // The nearest row wins: web-1 is 20 below the Service, web-0 40 above.
    ['svc/web', 'ArrowRight', 'pod/web-1'],
    // A box's title sits between the Services and its pods.
    ['svc/db', 'ArrowRight', 'node/node-2'],
    ['node/node-2', 'ArrowRight', 'pod/db-0'],
    ['pod/db-0', 'ArrowLeft', 'node/node-2'],
    ['node/node-2', 'ArrowLeft', 'svc/db'],
    ['pod/web-0', 'ArrowDown', 'pod/web-1'],
    ['pod/web-1', 'ArrowUp', 'pod/web-0'],
    // Down runs through the pods, from one box into the next.
    ['pod/web-1', 'ArrowDown', 'pod/db-0'],
    ['node/node-2', 'ArrowDown', 'pod/db-0'],
    ['pod/web-0', 'ArrowUp', 'node/node-1'],
  ] as const)('from %s, %s goes to %s', (from, key, to) => {
    expect(nextCardId(cards, from, key)).toBe(to);
  });

  it('stays put (undefined) where nothing lies that way', () => {
    expect(nextCardId(cards, 'internet', 'ArrowLeft')).toBeUndefined();
    expect(nextCardId(cards, 'pod/db-0', 'ArrowDown')).toBeUndefined();
  });

  it('Home and End go to the first and last card in reading order', () => {
    expect(nextCardId(cards, 'svc/db', 'Home')).toBe('internet');
    expect(nextCardId(cards, 'internet', 'End')).toBe('pod/db-0');
  });

  it('from no card (or one that is gone), any key gives the first card', () => {
    expect(nextCardId(cards, undefined, 'ArrowDown')).toBe('internet');
    expect(nextCardId(cards, 'pod/gone', 'ArrowRight')).toBe('internet');
    expect(nextCardId([], 'x', 'Home')).toBeUndefined();
  });

  it('breaks a tie by reading order', () => {
    const tie = [card('a', 0, 100), card('b', 200, 50), card('c', 200, 150)];
    expect(nextCardId(tie, 'a', 'ArrowRight')).toBe('b');
  });
});

describe('isCardKey', () => {
  it('knows the arrows, Home and End, and nothing else', () => {
    expect(['ArrowUp', 'End', 'Tab', 'Enter', 'a'].map(isCardKey)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
