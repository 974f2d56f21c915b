import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandGlyphs, hashWords, nibbleGlyphs, sameWords, transpose32, transposeBits } from './bits';

/** The n×n matrix as a list of "r,c" cells that are set (the plain reading of the layout). */
function cellsOf(m: Int32Array, n: number, words: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if ((m[r * words + (c >>> 5)]! >>> (c & 31)) & 1) out.push(`${r},${c}`);
  return out;
}

function matrixOf(n: number, cells: readonly (readonly [number, number])[]): { m: Int32Array; words: number } {
  const words = (n + 31) >>> 5;
  const m = new Int32Array(n * words);
  for (const [r, c] of cells) m[r * words + (c >>> 5)]! |= 1 << (c & 31);
  return { m, words };
}

describe('transposeBits', () => {
  it.each([1, 2, 31, 32, 33, 63, 64, 65, 100, 130])('swaps rows and columns of a %i×%i matrix', (n) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }), (cells) => {
        const { m, words } = matrixOf(n, cells);
        const t = transposeBits(m, n, words);
        const expected = cellsOf(m, n, words)
          .map((cell) => cell.split(',').reverse().join(','))
          .sort();
        expect(cellsOf(t, n, words).sort()).toEqual(expected);
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  it.each([1, 33, 70])('with rowAt, transposes the %i-row matrix whose row r is stored row rowAt[r]', (n) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.nat(n - 1)), { maxLength: 3 * n }),
        fc.array(fc.nat(4), { minLength: n, maxLength: n }),
        (storedCells, rowAt) => {
          // 5 stored rows; the full matrix repeats them as rowAt says.
          const words = (n + 31) >>> 5;
          const stored = new Int32Array(5 * words);
          for (const [r, c] of storedCells) stored[r * words + (c >>> 5)]! |= 1 << (c & 31);
          const full = new Int32Array(n * words);
          for (let r = 0; r < n; r++) full.set(stored.subarray(rowAt[r]! * words, rowAt[r]! * words + words), r * words);
          const viaRowAt = transposeBits(stored, n, words, undefined, Int32Array.from(rowAt));
          expect(cellsOf(viaRowAt, n, words)).toEqual(cellsOf(transposeBits(full, n, words), n, words));
        },
      ),
      { seed: 11, numRuns: 30 },
    );
  });

  it('clears a reused output buffer first', () => {
    const { m, words } = matrixOf(40, [[3, 39]]);
    const out = new Int32Array(40 * words).fill(-1);
    expect(cellsOf(transposeBits(m, 40, words, out), 40, words)).toEqual(['39,3']);
  });

  it('transpose32 sets bit j of word i from bit i of word j, bit 31 included', () => {
    const a = new Int32Array(32);
    a[0] = 1 << 31; // row 0, column 31
    a[31] = 1; // row 31, column 0
    a[5] = 1 << 7; // row 5, column 7
    transpose32(a);
    expect([a[31] & 1, (a[0] >>> 31) & 1, (a[7]! >>> 5) & 1, a[5]]).toEqual([1, 1, 1, 0]);
  });
});

describe('row helpers', () => {
  it.each([
    [[0b1011], 4, '..X.'],
    [[0, -1], 40, 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX........'],
    [[-1 ^ (1 << 31)], 32, '...............................X'],
  ])('expandGlyphs %j over %i columns → %s', (words, n, expected) => {
    const bits = Int32Array.from(words);
    const out32 = new Int32Array(words.length * 8);
    expandGlyphs(bits, 0, words.length, nibbleGlyphs(46, 88), out32);
    expect(new TextDecoder('latin1').decode(new Uint8Array(out32.buffer, 0, n))).toBe(expected);
  });

  it('hashWords and sameWords read only the given window', () => {
    const a = Int32Array.from([9, 1, 2, 3]);
    const b = Int32Array.from([1, 2, 3, 7]);
    expect(sameWords(a, 1, b, 0, 3)).toBe(true);
    expect(sameWords(a, 0, b, 0, 3)).toBe(false);
    expect(hashWords(a, 1, 3)).toBe(hashWords(b, 0, 3));
    expect(hashWords(a, 0, 3)).not.toBe(hashWords(b, 0, 3));
  });
});
