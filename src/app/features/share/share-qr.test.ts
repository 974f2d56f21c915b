import { describe, expect, it } from 'vitest';
import { QR_MAX_BYTES, toQrCode } from './share-qr';

/** The dark modules of a path, as "row,col" keys. */
function darkModules(path: string): Set<string> {
  const dark = new Set<string>();
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let c = 0; c < Number(w); c++) dark.add(`${y},${Number(x) + c}`);
  }
  return dark;
}

describe('toQrCode', () => {
  it('a short link: a small code at level M, with the three finder patterns', () => {
    const qr = toQrCode('http://127.0.0.1:41730/#lesson=nodeport&step=2');
    if (!qr.ok) throw new Error(qr.reason);
    expect(qr.level).toBe('M');
    expect(qr.size).toBe(33); // 47 bytes at M: version 4 (version 3 holds 42)
    const dark = darkModules(qr.path);
    // Each finder pattern: a 7×7 dark ring around a light ring around a 3×3 dark core.
    for (const [r0, c0] of [
      [0, 0],
      [0, qr.size - 7],
      [qr.size - 7, 0],
    ] as const) {
      expect(dark.has(`${r0},${c0}`)).toBe(true);
      expect(dark.has(`${r0 + 1},${c0 + 1}`)).toBe(false);
      expect(dark.has(`${r0 + 3},${c0 + 3}`)).toBe(true);
      expect(dark.has(`${r0 + 6},${c0 + 6}`)).toBe(true);
    }
  });

  it('up to the capacity of a version-40 code at level L', () => {
    const url = `http://h/#s=2.${'A'.repeat(QR_MAX_BYTES - 14)}`;
    expect(url.length).toBe(QR_MAX_BYTES);
    const qr = toQrCode(url);
    expect(qr.ok && qr.level).toBe('L');
    expect(qr.ok && qr.size).toBe(177);
  });

  it('one byte more: says so, does not throw', () => {
    const qr = toQrCode(`http://h/#s=2.${'A'.repeat(QR_MAX_BYTES - 13)}`);
    expect(qr).toEqual({
      ok: false,
      reason: 'This link is too long for a QR code (2,954 bytes; a QR code holds at most 2,953).',
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    const qr = toQrCode('☸'.repeat(1000)); // 3,000 bytes
    expect(qr.ok).toBe(false);
  });
});
