/**
 * Bit-matrix helpers for the reachability matrix (performance.md B10): a matrix of `n` rows
 * is one Int32Array of `n * words` entries, row r at `r * words`; bit c of a row is
 * `row[c >>> 5] & (1 << (c & 31))`.
 */

/**
 * The transpose of an `n`×`n` bit matrix (row r bit c → row c bit r), 32×32 blocks at a time.
 * With `rowAt`, row r of the matrix is row `rowAt[r]` of `matrix` (so equal rows are stored once).
 *
 * @example
 * const m = new Int32Array(2); m[0] = 0b10; // row 0 holds column 1
 * transposeBits(m, 2, 1)[1] // 0b1: row 1 holds column 0
 */
export function transposeBits(
  matrix: Int32Array,
  n: number,
  words: number,
  out: Int32Array = new Int32Array(n * words),
  rowAt?: Int32Array,
): Int32Array {
  out.fill(0, 0, n * words);
  const block = new Int32Array(32);
  // Where each row starts in `matrix`: row r, or the row `rowAt[r]` names (rows shared by many).
  const starts = new Int32Array(32);
  for (let br = 0; br < words; br++) {
    const rowBase = br * 32;
    const rows = Math.min(32, n - rowBase);
    for (let i = 0; i < rows; i++)
      starts[i] = (rowAt === undefined ? rowBase + i : rowAt[rowBase + i]!) * words;
    for (let bc = 0; bc < words; bc++) {
      let any = 0;
      for (let i = 0; i < 32; i++) {
        const v = i < rows ? matrix[starts[i]! + bc]! : 0;
        block[i] = v;
        any |= v;
      }
      if (any === 0) continue;
      transpose32(block);
      const colBase = bc * 32;
      const cols = Math.min(32, n - colBase);
      for (let j = 0; j < cols; j++) out[(colBase + j) * words + br] = block[j]!;
    }
  }
  return out;
}

/**
 * Transposes a 32×32 bit block in place: bit j of word i ↔ bit i of word j (bit 0 = lowest).
 * The recursive swap of Hacker's Delight §7-3, for the lowest-bit-first layout.
 */
export function transpose32(a: Int32Array): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m = m ^ (m << j)) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      // Swap the high-j bits of word k with the low-j bits of word k + j.
      // (`>>` keeps int32 values; the sign bits it brings in are outside the mask.)
      const t = ((a[k]! >> j) ^ a[k + j]!) & m;
      a[k + j]! ^= t;
      a[k]! ^= t << j;
    }
  }
}

/** A 32-bit FNV-1a style hash of `words` entries starting at `offset` (for deduplicating rows). */
export function hashWords(bits: Int32Array, offset: number, words: number): number {
  let h = 0x811c9dc5;
  for (let w = 0; w < words; w++) h = Math.imul(h ^ bits[offset + w]!, 0x01000193);
  return h;
}

/** Whether `words` entries of `a` from `aOffset` equal those of `b` from `bOffset`. */
export function sameWords(
  a: Int32Array,
  aOffset: number,
  b: Int32Array,
  bOffset: number,
  words: number,
): boolean {
  for (let w = 0; w < words; w++) if (a[aOffset + w] !== b[bOffset + w]) return false;
  return true;
}

const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1;

/**
 * For each 4-bit value, the four glyph bytes it expands to (set bit → `set`, clear → `clear`),
 * as one 32-bit word in platform byte order: a row of bits becomes glyphs 4 at a time.
 */
export function nibbleGlyphs(set: number, clear: number): Int32Array {
  const table = new Int32Array(16);
  for (let v = 0; v < 16; v++) {
    let word = 0;
    for (let i = 0; i < 4; i++) {
      const byte = (v >>> i) & 1 ? set : clear;
      word |= byte << (LITTLE_ENDIAN ? 8 * i : 8 * (3 - i));
    }
    table[v] = word;
  }
  return table;
}

/**
 * Writes the glyphs of one row (`words` entries at `offset`) into `out32` (an Int32Array over
 * at least `words * 32` bytes); byte c of its buffer is the glyph of bit c.
 */
export function expandGlyphs(
  bits: Int32Array,
  offset: number,
  words: number,
  table: Int32Array,
  out32: Int32Array,
): void {
  for (let w = 0; w < words; w++) {
    const x = bits[offset + w]!;
    const o = w * 8;
    out32[o] = table[x & 15]!;
    out32[o + 1] = table[(x >>> 4) & 15]!;
    out32[o + 2] = table[(x >>> 8) & 15]!;
    out32[o + 3] = table[(x >>> 12) & 15]!;
    out32[o + 4] = table[(x >>> 16) & 15]!;
    out32[o + 5] = table[(x >>> 20) & 15]!;
    out32[o + 6] = table[(x >>> 24) & 15]!;
    out32[o + 7] = table[(x >>> 28) & 15]!;
  }
}
