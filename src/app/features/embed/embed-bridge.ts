/**
 * Embed mode's postMessage bridge (docs/embed.md), loaded only when the page is opened with
 * `#embed=1`. It takes requests from the parent window only, checks their shape
 * (embed-messages.ts), rate-limits them, runs them one at a time against the app controller and
 * posts the answer back to the sender's origin.
 */
import type { Trace } from '../../../engine';
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';
import {
  createRateLimiter,
  toEmbedRequest,
  type EmbedReply,
  type EmbedRequest,
  type RateLimiter,
} from './embed-messages';

/** Requests accepted at once, then per second on average (a slide deck sends a handful). */
export const EMBED_BURST = 20;
export const EMBED_PER_SECOND = 10;
/** Requests waiting to run; more are refused (with the rate limit, only a slow engine fills it). */
export const MAX_WAITING = 16;

/** What the queue needs from the app: the controller's load and send, and why a send failed. */
export interface EmbedTarget {
  load(text: string): Promise<void>;
  send(from: string, to: string): Promise<Trace | undefined>;
  /** Why the last send gave no trace (the trace panel's message), if known. */
  sendFailure(): string | undefined;
}

export type Reply = (reply: EmbedReply) => void;

interface Waiting {
  request: EmbedRequest;
  reply: Reply;
}

const withId = (request: EmbedRequest) => (request.id === undefined ? {} : { id: request.id });

export interface EmbedQueue {
  /** Takes a checked request at `now` (ms); answers through `reply`, once, when it has run. */
  accept(request: EmbedRequest, reply: Reply, now: number): void;
  /** Resolves when nothing is running or waiting (tests). */
  idle(): Promise<void>;
}

/**
 * Runs requests in order, one at a time. A request arriving while another of the same type
 * waits just behind it replaces that one (the replaced one is answered with `netplay:error`), so
 * a burst of loads or sends costs one run, not hundreds. Requests over the rate limit are
 * dropped; the first of each run of drops is answered, so the sender learns why.
 */
export function createEmbedQueue(
  target: EmbedTarget,
  limiter: RateLimiter = createRateLimiter({ burst: EMBED_BURST, perSecond: EMBED_PER_SECOND }),
): EmbedQueue {
  const waiting: Waiting[] = [];
  let running: Promise<void> | undefined;
  let dropping = false;

  const run = async ({ request, reply }: Waiting): Promise<void> => {
    try {
      if (request.type === 'netplay:load') {
        await target.load(request.text);
        reply({ type: 'netplay:loaded', ...withId(request) });
        return;
      }
      const trace = await target.send(request.from, request.to);
      reply(
        trace
          ? { type: 'netplay:trace', trace, ...withId(request) }
          : {
              type: 'netplay:error',
              message: target.sendFailure() ?? 'The packet could not be traced.',
              ...withId(request),
            },
      );
    } catch (error) {
      reply({
        type: 'netplay:error',
        message: error instanceof Error ? error.message : 'The request failed.',
        ...withId(request),
      });
    }
  };

  const drain = async () => {
    for (let next = waiting.shift(); next; next = waiting.shift()) await run(next);
    running = undefined;
  };

  return {
    accept(request, reply, now) {
      if (!limiter.take(now)) {
        if (!dropping) {
          reply({
            type: 'netplay:error',
            message: `Too many messages: at most ${EMBED_PER_SECOND} requests a second are taken; the others are dropped.`,
            ...withId(request),
          });
        }
        dropping = true;
        return;
      }
      dropping = false;
      const last = waiting.at(-1);
      if (last && last.request.type === request.type) {
        last.reply({
          type: 'netplay:error',
          message: `Replaced by a newer ${request.type} before it ran.`,
          ...withId(last.request),
        });
        waiting[waiting.length - 1] = { request, reply };
      } else if (waiting.length >= MAX_WAITING) {
        reply({
          type: 'netplay:error',
          message: 'Too many requests waiting: this one was dropped.',
          ...withId(request),
        });
        return;
      } else waiting.push({ request, reply });
      running ??= drain();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}

function isMessageTarget(value: unknown): value is Pick<Window, 'postMessage'> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { postMessage?: unknown }).postMessage === 'function'
  );
}

/** The parts of `window` the bridge uses (a fake in tests). */
export interface EmbedWindow {
  readonly parent: unknown;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Listens for the parent's requests, then posts `{type: 'netplay:ready'}` to the parent; returns
 * the function that stops listening. Messages from
 * any other window (the page itself, a popup, a sibling frame) and of any other shape are
 * ignored without a reply. Replies go to `event.source` at `event.origin` only; a sender with an
 * opaque origin (`"null"`, e.g. a sandboxed frame or a file:// page) cannot be addressed, so its
 * requests run but get no reply.
 */
export function listenForEmbedRequests(
  win: EmbedWindow,
  queue: EmbedQueue,
  now: () => number = () => performance.now(),
): () => void {
  const onMessage = (event: MessageEvent) => {
    if (event.source === null || event.source !== win.parent || win.parent === win) return;
    const request = toEmbedRequest(event.data);
    if (!request) return;
    const source = event.source;
    const origin = event.origin;
    const reply: Reply = (message) => {
      if (!origin || origin === 'null') return;
      try {
        source.postMessage(message, { targetOrigin: origin });
      } catch {
        // The parent navigated away or closed: nobody is left to answer.
      }
    };
    queue.accept(request, reply, now());
  };
  win.addEventListener('message', onMessage);
  // Tell the parent it can post now (an iframe's load event may come before the app listens).
  // The message holds no state, so any origin may see it.
  if (win.parent !== win && isMessageTarget(win.parent)) {
    try {
      win.parent.postMessage({ type: 'netplay:ready' } satisfies EmbedReply, { targetOrigin: '*' });
    } catch {
      // No parent to tell.
    }
  }
  return () => win.removeEventListener('message', onMessage);
}

/** Embed mode's bridge for the running app (main.tsx calls it when the fragment has embed=1). */
export function startEmbedBridge(
  store: AppStore,
  controller: AppController,
  win: EmbedWindow = window,
): () => void {
  const queue = createEmbedQueue({
    load: (text) => controller.load(text, 'api'),
    send: (from, to) => controller.send(from, to),
    sendFailure: () => store.getState().traceMessage,
  });
  return listenForEmbedRequests(win, queue);
}
