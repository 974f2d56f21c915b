/**
 * The QR code of a share link, as one SVG path (no markup strings: the dialog renders the path
 * with React). uqr (a port of Nayuki's QR code generator) does the encoding; it is loaded with
 * the Share dialog only.
 */
import { encode } from 'uqr';

/** A version-40 QR code at error correction L holds at most this many bytes (ISO/IEC 18004). */
export const QR_MAX_BYTES = 2953;
/** Up to this many bytes fit at level M, which survives a smudged or glare-lit projector better. */
const QR_MEDIUM_MAX_BYTES = 2331;

export type QrCode =
  | {
      readonly ok: true;
      /** Modules per side (21 for version 1 … 177 for version 40). */
      readonly size: number;
      /** Dark modules as an SVG path in module units (0..size), one subpath per horizontal run. */
      readonly path: string;
      readonly level: 'M' | 'L';
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The QR code of `text` (a URL: ASCII), or why there is none.
 *
 * @example toQrCode('http://h/#lesson=cni') // { ok: true, size: 25, path: 'M0 0h7v1h-7z…', level: 'M' }
 */
export function toQrCode(text: string): QrCode {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > QR_MAX_BYTES) {
    return {
      ok: false,
      reason: `This link is too long for a QR code (${bytes.toLocaleString('en')} bytes; a QR code holds at most ${QR_MAX_BYTES.toLocaleString('en')}).`,
    };
  }
  const level = bytes <= QR_MEDIUM_MAX_BYTES ? 'M' : 'L';
  try {
    // uqr encodes the text as UTF-8 bytes (a URL is ASCII anyway); no border: the SVG adds it.
    const { size, data } = encode(text, { ecc: level, border: 0 });
    let path = '';
    for (let row = 0; row < size; row++) {
      const line = data[row] ?? [];
      for (let col = 0; col < size;) {
        if (!line[col]) {
          col++;
          continue;
        }
        const start = col;
        while (col < size && line[col]) col++;
        path += `M${start} ${row}h${col - start}v1h-${col - start}z`;
      }
    }
    return { ok: true, size, path, level };
  } catch (error) {
    return { ok: false, reason: `No QR code for this link: ${String(error)}` };
  }
}
