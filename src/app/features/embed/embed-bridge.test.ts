import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../engine';
import {
  createEmbedQueue,
  EMBED_BURST,
  listenForEmbedRequests,
  MAX_WAITING,
  type EmbedTarget,
  type EmbedWindow,
} from './embed-bridge';
import { createRateLimiter, type EmbedReply } from './embed-messages';

/** A target that records calls; each send resolves only when the test says so. */
function fakeTarget() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const target: EmbedTarget = {
    load: (text) => {
      calls.push(`load ${text}`);
      return Promise.resolve();
    },
    send: (from, to) => {
      calls.push(`send ${from} ${to}`);
      return new Promise<Trace | undefined>((resolve) =>
        pending.push(() =>
          resolve(from === 'nowhere' ? undefined : ({ from, to, hops: [] } as unknown as Trace)),
        ),
      );
    },
    sendFailure: () => 'no such pod',
  };
  const releaseAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { target, calls, releaseAll };
}

const unlimited = () => createRateLimiter({ burst: 1e9, perSecond: 1e9 });

describe('the embed request queue', () => {
  it('runs requests in order and answers each once', async () => {
    const { target, calls, releaseAll } = fakeTarget();
    const queue = createEmbedQueue(target, unlimited());
    const replies: EmbedReply[] = [];
    queue.accept({ type: 'netplay:load', text: 'A', id: 1 }, (r) => replies.push(r), 0);
    queue.accept({ type: 'netplay:send', from: 'a', to: 'b', id: 2 }, (r) => replies.push(r), 0);
    queue.accept({ type: 'netplay:load', text: 'B' }, (r) => replies.push(r), 1);
    queue.accept({ type: 'netplay:send', from: 'nowhere', to: 'b' }, (r) => replies.push(r), 1);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await releaseAll();
    }
    await queue.idle();
    expect(calls).toEqual(['load A', 'send a b', 'load B', 'send nowhere b']);
    expect(replies).toEqual([
      { type: 'netplay:loaded', id: 1 },
      { type: 'netplay:trace', trace: { from: 'a', to: 'b', hops: [] }, id: 2 },
      { type: 'netplay:loaded' },
      { type: 'netplay:error', message: 'no such pod' },
    ]);
  });

  it('coalesces a burst of the same request into the newest', async () => {
    const { target, calls, releaseAll } = fakeTarget();
    const queue = createEmbedQueue(target, unlimited());
    const replies: EmbedReply[] = [];
    for (let i = 0; i < 1000; i++) {
      queue.accept(
        { type: 'netplay:send', from: `p${i}`, to: 'b', id: i },
        (r) => replies.push(r),
        0,
      );
    }
    await releaseAll();
    await queue.idle();
    await releaseAll();
    await queue.idle();
    // The first ran at once, the newest ran next; the 998 in between were replaced.
    expect(calls).toEqual(['send p0 b', 'send p999 b']);
    expect(replies.filter((r) => r.type === 'netplay:trace').map((r) => r.id)).toEqual([0, 999]);
    expect(replies.filter((r) => r.type === 'netplay:error')).toHaveLength(998);
  });

  it('refuses requests beyond the waiting limit', async () => {
    const { target, calls, releaseAll } = fakeTarget();
    const queue = createEmbedQueue(target, unlimited());
    const replies: EmbedReply[] = [];
    // Alternating types: the first send runs, the next 16 wait; once the queue is full, each
    // load (its tail is a send) is refused and each send replaces the send at the tail.
    for (let i = 0; i < 40; i++) {
      queue.accept(
        i % 2
          ? { type: 'netplay:load', text: `t${i}` }
          : { type: 'netplay:send', from: `p${i}`, to: 'b' },
        (r) => replies.push(r),
        0,
      );
    }
    expect(
      replies.filter(
        (r) => r.type === 'netplay:error' && r.message.startsWith('Too many requests'),
      ),
    ).toHaveLength((40 - 1 - MAX_WAITING + 1) / 2);
    for (let i = 0; i < 40; i++) {
      await releaseAll();
      await new Promise((r) => setTimeout(r, 0));
    }
    await queue.idle();
    expect(calls).toHaveLength(1 + MAX_WAITING);
  });

  it('drops what the rate limit refuses and says so once per run of drops', async () => {
    const { target, calls, releaseAll } = fakeTarget();
    const queue = createEmbedQueue(target);
    const replies: EmbedReply[] = [];
    for (let i = 0; i < 5000; i++) {
      queue.accept({ type: 'netplay:load', text: `t${i}` }, (r) => replies.push(r), 0);
    }
    await releaseAll();
    await queue.idle();
    const limited = replies.filter(
      (r) => r.type === 'netplay:error' && r.message.startsWith('Too many messages'),
    );
    expect(limited).toHaveLength(1);
    // Of the burst taken, the first ran and the newest taken ran after it.
    expect(calls).toEqual(['load t0', `load t${EMBED_BURST - 1}`]);
  });
});

/** A fake window: `post` delivers a message as if from `source`. */
function fakeWindow() {
  let listener: ((event: MessageEvent) => void) | undefined;
  const parentPosts: { message: unknown; origin: string }[] = [];
  const parent = {
    postMessage: (message: unknown, options: { targetOrigin: string }) =>
      parentPosts.push({ message, origin: options.targetOrigin }),
  };
  const win: EmbedWindow = {
    parent,
    addEventListener: (_, l) => (listener = l),
    removeEventListener: (_, l) => {
      if (listener === l) listener = undefined;
    },
  };
  const post = (data: unknown, source: unknown, origin = 'https://course.example') =>
    listener?.({ data, source, origin } as unknown as MessageEvent);
  return { win, parent, parentPosts, post, listening: () => listener !== undefined };
}

describe('listening for the parent', () => {
  it('answers the parent at its origin, and only the parent', async () => {
    const { target } = fakeTarget();
    const queue = createEmbedQueue(target, unlimited());
    const { win, parent, parentPosts, post, listening } = fakeWindow();
    const stop = listenForEmbedRequests(win, queue, () => 0);
    post({ type: 'netplay:load', text: 'A' }, parent);
    post({ type: 'netplay:load', text: 'B' }, { postMessage: () => undefined }); // a sibling
    post({ type: 'netplay:load', text: 'C' }, null);
    post({ type: 'netplay:load', text: { nested: 'D' } }, parent); // bad shape
    post({ type: 'netplay:load', text: 'E' }, parent, 'null'); // runs, but cannot be answered
    await queue.idle();
    expect(parentPosts).toEqual([
      { message: { type: 'netplay:ready' }, origin: '*' },
      { message: { type: 'netplay:loaded' }, origin: 'https://course.example' },
    ]);
    stop();
    expect(listening()).toBe(false);
  });

  it('ignores messages when the page is not in a frame', async () => {
    const { target, calls } = fakeTarget();
    const queue = createEmbedQueue(target, unlimited());
    let listener: ((event: MessageEvent) => void) | undefined;
    const win: EmbedWindow = {
      get parent() {
        return win;
      },
      addEventListener: (_, l) => (listener = l),
      removeEventListener: () => undefined,
    };
    listenForEmbedRequests(win, queue, () => 0);
    listener?.({ data: { type: 'netplay:load', text: 'A' }, source: win, origin: 'x' } as never);
    await queue.idle();
    expect(calls).toEqual([]);
  });
});
