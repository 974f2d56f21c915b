/**
 * Share-link format 2: deflate-raw with a preset dictionary (fflate; CompressionStream cannot
 * take one). Loaded only when a link is made or a `2.` link is opened, so neither fflate nor the
 * dictionary weighs on the page's first load.
 */
import { deflateSync, Inflate } from 'fflate';
import { SHARE_DICTIONARY_V2 } from './share-dictionary';

const dictionary = new TextEncoder().encode(SHARE_DICTIONARY_V2);

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1,032×, so one
 * piece inflates to at most ~1 MiB: a deflate bomb is stopped after its first pieces.
 */
const INFLATE_PIECE_BYTES = 1024;

/** Deflate-raw of `bytes` against the format-2 dictionary. */
export function deflateV2(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9, dictionary });
}

/**
 * Inflates `bytes` against the format-2 dictionary a piece at a time; once the output passes
 * `cap`, no more pieces are pushed. Throws on damaged data (including data that ends early).
 */
export function inflateV2Capped(bytes: Uint8Array, cap: number): Uint8Array | 'too-big' {
  const parts: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate({ dictionary }, (chunk) => {
    total += chunk.byteLength;
    if (total <= cap) parts.push(chunk);
  });
  for (let offset = 0; offset < bytes.length; offset += INFLATE_PIECE_BYTES) {
    const end = Math.min(offset + INFLATE_PIECE_BYTES, bytes.length);
    inflater.push(bytes.subarray(offset, end), end === bytes.length);
    if (total > cap) return 'too-big';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
