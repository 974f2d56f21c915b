import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../../engine';
import {
  createRateLimiter,
  MAX_ENDPOINT_CHARS,
  MAX_LOAD_TEXT_CHARS,
  toEmbedRequest,
} from './embed-messages';

describe('embed requests', () => {
  it('takes the two shapes of the contract, with an optional id', () => {
    expect(toEmbedRequest({ type: 'netplay:load', text: 'kind: Pod' })).toEqual({
      type: 'netplay:load',
      text: 'kind: Pod',
    });
    expect(toEmbedRequest({ type: 'netplay:load', text: '' })).toEqual({
      type: 'netplay:load',
      text: '',
    });
    expect(
      toEmbedRequest({ type: 'netplay:send', from: ' frontend ', to: 'backend:8080', id: 7 }),
    ).toEqual({ type: 'netplay:send', from: 'frontend', to: 'backend:8080', id: 7 });
    expect(toEmbedRequest({ type: 'netplay:send', from: 'a', to: 'b', id: 'q-1' })).toMatchObject({
      id: 'q-1',
    });
  });

  it('ignores keys it does not know (a newer parent may add some)', () => {
    expect(toEmbedRequest({ type: 'netplay:load', text: 'x', theme: 'dark' })).toEqual({
      type: 'netplay:load',
      text: 'x',
    });
  });

  it('drops structured-clone objects that are not plain (null prototype is plain)', () => {
    const bare = Object.assign(Object.create(null) as object, { type: 'netplay:load', text: 'x' });
    expect(toEmbedRequest(bare)).toEqual({ type: 'netplay:load', text: 'x' });
    expect(toEmbedRequest(new Map([['type', 'netplay:load']]))).toBeUndefined();
    expect(toEmbedRequest(new Date(0))).toBeUndefined();
  });

  const huge = 'x'.repeat(MAX_LOAD_TEXT_CHARS + 1);
  const long = 'p'.repeat(MAX_ENDPOINT_CHARS + 1);
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'netplay:load'],
    ['a JSON string', JSON.stringify({ type: 'netplay:load', text: 'x' })],
    ['a number', 42],
    ['an array', [{ type: 'netplay:load', text: 'x' }]],
    ['no type', { text: 'x' }],
    ['an unknown type', { type: 'netplay:eval', text: 'alert(1)' }],
    ['a reply type', { type: 'netplay:trace', trace: {} }],
    ['a type of the wrong case', { type: 'NETPLAY:LOAD', text: 'x' }],
    ['a nested request', { type: 'netplay:load', text: { type: 'netplay:load', text: 'x' } }],
    ['a wrapped request', { data: { type: 'netplay:load', text: 'x' } }],
    ['text as an array', { type: 'netplay:load', text: ['x'] }],
    ['text as a number', { type: 'netplay:load', text: 1 }],
    ['no text', { type: 'netplay:load' }],
    ['a text over the engine limit', { type: 'netplay:load', text: huge }],
    ['from missing', { type: 'netplay:send', to: 'b' }],
    ['from empty', { type: 'netplay:send', from: '  ', to: 'b' }],
    ['to as an object', { type: 'netplay:send', from: 'a', to: { pod: 'b' } }],
    ['an endpoint too long', { type: 'netplay:send', from: long, to: 'b' }],
    ['an id that is an object', { type: 'netplay:send', from: 'a', to: 'b', id: {} }],
    ['an id that is NaN', { type: 'netplay:send', from: 'a', to: 'b', id: Number.NaN }],
    ['an id too long', { type: 'netplay:send', from: 'a', to: 'b', id: 'i'.repeat(201) }],
  ])('ignores %s', (_, message) => {
    expect(toEmbedRequest(message)).toBeUndefined();
  });

  it('never reads a getter or an inherited key', () => {
    let read = false;
    const sneaky = {
      type: 'netplay:load',
      get text() {
        read = true;
        return 'x';
      },
    };
    expect(toEmbedRequest(sneaky)).toBeUndefined();
    expect(read).toBe(false);
    const inherited = Object.create({ type: 'netplay:load', text: 'x' }) as object;
    expect(toEmbedRequest(inherited)).toBeUndefined();
  });

  it('refuses texts the engine would refuse anyway (the same limit as a paste)', () => {
    expect(MAX_LOAD_TEXT_CHARS).toBe(MAX_INPUT_BYTES);
    expect(
      toEmbedRequest({ type: 'netplay:load', text: 'x'.repeat(MAX_LOAD_TEXT_CHARS) }),
    ).toBeDefined();
  });
});

describe('the rate limiter', () => {
  it('takes a burst, then refills at the given rate', () => {
    const limiter = createRateLimiter({ burst: 3, perSecond: 2 });
    expect([0, 0, 0, 0].map((t) => limiter.take(t))).toEqual([true, true, true, false]);
    expect(limiter.take(400)).toBe(false); // 0.8 of a token
    expect(limiter.take(500)).toBe(true); // 1 token after 500 ms
    expect(limiter.take(500)).toBe(false);
    // A long pause refills to the burst, not beyond.
    expect([10_000, 10_000, 10_000, 10_000].map((t) => limiter.take(t))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('takes at most burst + rate × time out of a flood of 5,000', () => {
    const limiter = createRateLimiter({ burst: 20, perSecond: 10 });
    // 5,000 messages over one second.
    let taken = 0;
    for (let i = 0; i < 5000; i++) if (limiter.take(i / 5)) taken++;
    expect(taken).toBeLessThanOrEqual(30);
    expect(taken).toBeGreaterThanOrEqual(29);
  });

  it('is not fooled by a clock going backwards or a bad time', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1 });
    expect(limiter.take(5000)).toBe(true);
    expect(limiter.take(0)).toBe(false);
    expect(limiter.take(Number.NaN)).toBe(false);
    expect(limiter.take(Number.POSITIVE_INFINITY)).toBe(false);
    expect(limiter.take(6000)).toBe(true);
  });
});
