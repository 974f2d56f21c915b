/**
 * The postMessage API of embed mode (docs/embed.md), as plain functions: which messages are
 * requests, and how many the page takes per second. The bridge (embed-bridge.ts) wires them to
 * `window`; nothing here touches the DOM or the clock, so the tests drive them with plain values.
 *
 * Nothing in a message is ever run as code: a request's fields are strings handed to the engine
 * (YAML text, query endpoints), and anything that is not exactly one of the shapes below is
 * dropped before it reaches the app.
 */
import { MAX_INPUT_BYTES } from '../../../engine';

/**
 * The longest text `netplay:load` takes: the engine's input limit (MAX_INPUT_BYTES, 5 MiB). A
 * UTF-8 text has at least as many bytes as UTF-16 code units, so a longer string is over the
 * limit whatever it holds; a shorter one that still has too many bytes gets the engine's own
 * "input too large" message, as a paste does.
 */
export const MAX_LOAD_TEXT_CHARS = MAX_INPUT_BYTES;

/** A query endpoint (`pod:ns/name:port`, an IP, a URL) is short; 1,000 characters is generous. */
export const MAX_ENDPOINT_CHARS = 1000;

/** A correlation id the parent may add to a request; the reply carries it back unchanged. */
export type RequestId = string | number;
const MAX_ID_CHARS = 200;

export type EmbedRequest =
  | { readonly type: 'netplay:load'; readonly text: string; readonly id?: RequestId }
  | {
      readonly type: 'netplay:send';
      readonly from: string;
      readonly to: string;
      readonly id?: RequestId;
    };

/** What the page posts back to a request's sender. */
export type EmbedReply =
  | { readonly type: 'netplay:ready' }
  | { readonly type: 'netplay:trace'; readonly trace: unknown; readonly id?: RequestId }
  | { readonly type: 'netplay:loaded'; readonly id?: RequestId }
  | { readonly type: 'netplay:error'; readonly message: string; readonly id?: RequestId };

/** A plain object as structured clone makes it (not an array, a Date, a Map, a Blob, ...). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Own data properties only: a getter or an inherited key is never read. */
function field(message: Record<string, unknown>, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(message, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function isEndpoint(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ENDPOINT_CHARS;
}

/** An id is a short string or a finite number; absent is fine, anything else spoils the request. */
function readId(message: Record<string, unknown>): { ok: boolean; id?: RequestId } {
  if (!Object.hasOwn(message, 'id')) return { ok: true };
  const id = field(message, 'id');
  if (typeof id === 'string' && id.length <= MAX_ID_CHARS) return { ok: true, id };
  if (typeof id === 'number' && Number.isFinite(id)) return { ok: true, id };
  return { ok: false };
}

/**
 * The request a message holds, or undefined when it is not exactly one of:
 * `{type: 'netplay:load', text}` (text a string of at most MAX_LOAD_TEXT_CHARS) and
 * `{type: 'netplay:send', from, to}` (non-empty strings of at most MAX_ENDPOINT_CHARS), each
 * with an optional `id` (a string of at most 200 characters or a finite number). Other keys are
 * ignored (a newer parent may add some); a wrong type anywhere drops the whole message.
 *
 * @example toEmbedRequest({ type: 'netplay:send', from: 'frontend', to: 'backend:8080' })
 * // { type: 'netplay:send', from: 'frontend', to: 'backend:8080' }
 * @example toEmbedRequest({ type: 'netplay:load', text: { nested: 'yaml' } }) // undefined
 */
export function toEmbedRequest(message: unknown): EmbedRequest | undefined {
  if (!isPlainObject(message)) return undefined;
  const type = field(message, 'type');
  const { ok, id } = readId(message);
  if (!ok) return undefined;
  const withId = id === undefined ? {} : { id };
  if (type === 'netplay:load') {
    const text = field(message, 'text');
    if (typeof text !== 'string' || text.length > MAX_LOAD_TEXT_CHARS) return undefined;
    return { type, text, ...withId };
  }
  if (type === 'netplay:send') {
    const from = field(message, 'from');
    const to = field(message, 'to');
    if (!isEndpoint(from) || !isEndpoint(to)) return undefined;
    return { type, from: from.trim(), to: to.trim(), ...withId };
  }
  return undefined;
}

export interface RateLimiter {
  /** True when a message arriving at `now` (ms) may be handled; false when it must be dropped. */
  take(now: number): boolean;
}

/**
 * A token bucket: `burst` messages at once, then `perSecond` on average. A script posting
 * thousands a second gets its first `burst` handled and the rest dropped at the cost of one
 * comparison each, so the page never queues more work than it can do.
 *
 * @example
 * const limiter = createRateLimiter({ burst: 2, perSecond: 1 });
 * [limiter.take(0), limiter.take(0), limiter.take(0), limiter.take(1000)] // [true, true, false, true]
 */
export function createRateLimiter({
  burst,
  perSecond,
}: {
  burst: number;
  perSecond: number;
}): RateLimiter {
  let tokens = burst;
  let last: number | undefined;
  return {
    take(now) {
      if (last !== undefined && Number.isFinite(now) && now > last) {
        tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000);
      }
      if (last === undefined || (Number.isFinite(now) && now > last)) last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
