/**
 * Share links: the scenario text in the URL fragment, `#s=2.<base64url(deflate-raw(text))>`.
 * The `2.` is the format version, so old links keep working when the format grows:
 * - `1.`: deflate-raw by the browser's CompressionStream (links made before format 2; read only).
 * - `2.`: deflate-raw against a preset dictionary of common Kubernetes YAML (share-dictionary.ts),
 *   by fflate, loaded lazily; lesson links come out about a third shorter.
 */

export const SHARE_VERSION = '2';
/** The versions this build can open; both prefixes are as long, so one length bound fits both. */
const READABLE_VERSIONS = ['1', '2'] as const;
/** A link never inflates to more than this (a hostile link could be a deflate bomb). */
export const MAX_SHARED_BYTES = 1024 * 1024;

/**
 * The longest payload (`1.` + base64url) that can hold at most `maxBytes` of text. Deflate
 * stores what it cannot compress in stored blocks, 5 header bytes each; zlib (behind every
 * browser's CompressionStream) makes them 16 KiB or larger, and we allow one header per 4 KiB.
 * fflate (format 2) ends a block every 7,000 or so literals, so it stores no smaller pieces.
 * Base64 turns 3 bytes into 4 characters. So 1 MiB of text, however incompressible, never makes
 * a payload longer than 1,399,832 characters: a longer one is not a link we made, and is refused
 * before anything is decoded. (Links over 32,000 characters already get "export the YAML as a
 * file instead" when they are made.)
 */
export function maxSharePayloadChars(maxBytes = MAX_SHARED_BYTES): number {
  const deflated = maxBytes + 5 * Math.ceil(maxBytes / 4096) + 16;
  return SHARE_VERSION.length + 1 + Math.ceil((deflated * 4) / 3);
}

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1,032×, so one
 * piece inflates to at most ~1 MiB: a deflate bomb is stopped after its first pieces instead of
 * being inflated whole in one synchronous step.
 */
const INFLATE_PIECE_BYTES = 1024;

export type DecodeResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  const padded = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

async function readAll(
  stream: ReadableStream<Uint8Array>,
  cap: number,
): Promise<Uint8Array | 'too-big'> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      // Stop inflating at once: never hold more than the cap.
      await reader.cancel().catch(() => undefined);
      return 'too-big';
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * Inflates `bytes` (deflate-raw), writing them a piece at a time, each only once the inflater
 * has taken the one before, while the output is read; once the output passes `cap` the reading
 * stops, the inflater is cancelled and no more pieces are written. Throws on damaged data.
 */
async function inflateCapped(bytes: Uint8Array, cap: number): Promise<Uint8Array | 'too-big'> {
  const inflater = new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<
    Uint8Array,
    Uint8Array
  >;
  const writer = inflater.writable.getWriter();
  let stopped = false;
  const feeding = (async () => {
    for (let offset = 0; offset < bytes.length && !stopped; offset += INFLATE_PIECE_BYTES) {
      await writer.write(bytes.slice(offset, offset + INFLATE_PIECE_BYTES));
    }
    if (!stopped) await writer.close();
  })();
  // Once the reading ends (the cap, or damaged data), a pending write rejects: expected.
  feeding.catch(() => undefined);
  try {
    return await readAll(inflater.readable, cap);
  } finally {
    stopped = true;
  }
}

/** The codec of format 2 (fflate and the dictionary), fetched the first time it is needed. */
const loadCodecV2 = () => import('./share-codec-v2');

/**
 * The last text encoded and its payload: Share is often opened again (or prepared on hover, then
 * clicked) on an unchanged text, and deflating a large one is the slow part of making a link.
 */
let lastEncoded: { readonly text: string; readonly payload: string } | undefined;

/**
 * The fragment payload (without `#s=`) for a text, in the current format (2).
 *
 * @example location.hash = 's=' + (await encodeShareText(text)); // '#s=2.y8zMU...'
 */
export async function encodeShareText(text: string): Promise<string> {
  if (lastEncoded?.text === text) return lastEncoded.payload;
  const { deflateV2 } = await loadCodecV2();
  const payload = `${SHARE_VERSION}.${toBase64Url(deflateV2(new TextEncoder().encode(text)))}`;
  lastEncoded = { text, payload };
  return payload;
}

/** The payload of `text` when it was the last one encoded (nothing to load or deflate), else undefined. */
export function encodedShareTextNow(text: string): string | undefined {
  return lastEncoded?.text === text ? lastEncoded.payload : undefined;
}

/**
 * Refuses, without decoding, a payload too long to be a link of at most `maxBytes` of text.
 * Cheap (one length comparison): call it on the main thread before handing the rest to a worker.
 */
export function checkSharePayloadLength(
  payload: string,
  maxBytes = MAX_SHARED_BYTES,
): DecodeResult | undefined {
  if (payload.length <= maxSharePayloadChars(maxBytes)) return undefined;
  return {
    ok: false,
    error: `This link is ${payload.length.toLocaleString('en')} characters long, longer than a link of at most ${Math.round(maxBytes / 1024)} KB of text can be, so it was not opened.`,
  };
}

/**
 * Reads a payload of format 1 or 2; every failure is a message, never a throw.
 * The length is checked first; the compressed bytes are then inflated piece by piece, and the
 * inflating stops as soon as the text passes `maxBytes`.
 */
export async function decodeShareText(
  payload: string,
  maxBytes = MAX_SHARED_BYTES,
): Promise<DecodeResult> {
  const tooLong = checkSharePayloadLength(payload, maxBytes);
  if (tooLong) return tooLong;
  const dot = payload.indexOf('.');
  const version = dot < 0 ? '' : payload.slice(0, dot);
  if (!(READABLE_VERSIONS as readonly string[]).includes(version)) {
    return {
      ok: false,
      error: `This link was made by a different version of kube-netplay (format "${version.slice(0, 10) || '?'}"), so it cannot be opened.`,
    };
  }
  const bytes = fromBase64Url(payload.slice(dot + 1));
  if (!bytes || bytes.length === 0)
    return { ok: false, error: 'This link is damaged (its data is not valid base64url).' };
  let inflate: (
    bytes: Uint8Array,
    cap: number,
  ) => Promise<Uint8Array | 'too-big'> | Uint8Array | 'too-big';
  if (version === '1') inflate = inflateCapped;
  else {
    try {
      inflate = (await loadCodecV2()).inflateV2Capped;
    } catch {
      return {
        ok: false,
        error: 'The link decoder could not be loaded (offline?), so the link was not opened.',
      };
    }
  }
  try {
    const inflated = await inflate(bytes, maxBytes);
    if (inflated === 'too-big') {
      return {
        ok: false,
        error: `This link holds more than ${Math.round(maxBytes / 1024)} KB of text, so it was not opened.`,
      };
    }
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return { ok: false, error: 'This link is damaged (its data could not be decompressed).' };
  }
}

/** The `s` parameter of a URL fragment (`#s=...`), if any. */
export function readShareFragment(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get('s');
  return value === null ? undefined : value;
}

/** A full URL whose fragment carries the text. */
export function toShareUrl(base: string, payload: string): string {
  const url = base.replace(/#.*$/, '');
  return `${url}#s=${payload}`;
}
