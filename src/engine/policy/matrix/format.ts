/**
 * Matrix step 6, format: allowed-bit rows to glyph strings (`.` allowed, `X` denied, the
 * glyphs of the upstream e2e truth tables), equal rows sharing one string; and the readers of
 * a finished matrix (`matrixCell`, `toTruthTable`).
 */
import type { ReachabilityGrid, ReachabilityMatrix } from '../../types';
import { expandGlyphs, hashWords, nibbleGlyphs, sameWords } from '../bits';

/** TextDecoder where the platform has it (browsers, workers, Node): far faster for long rows. */
const latin1 = (() => {
  const Decoder = (
    globalThis as unknown as {
      TextDecoder?: new (label: string) => { decode(bytes: Uint8Array): string };
    }
  ).TextDecoder;
  return Decoder ? new Decoder('latin1') : undefined;
})();

/** Character codes to a string. */
export function glyphRow(codes: Uint8Array): string {
  if (latin1) return latin1.decode(codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + 8192, codes.length)) as unknown as number[]);
  }
  return out;
}

const DOT = 46;
const CROSS = 88;
/** Bits to glyphs four at a time: set → `.`, clear → `X`. */
const GLYPHS = nibbleGlyphs(DOT, CROSS);

/**
 * Distinct rows over every port of one matrix: their bits, strings and hash buckets, so equal
 * rows share one string within a port and across ports. Made once per `computeMatrix`.
 */
export interface RowFormatter {
  readonly classes: number;
  readonly words: number;
  distinctBits: Int32Array;
  readonly distinctRows: string[];
  readonly rowByHash: Map<number, number[]>;
  readonly glyphs32: Int32Array;
  readonly glyphs: Uint8Array;
}

export function createRowFormatter(classes: number, words: number): RowFormatter {
  const glyphs32 = new Int32Array(words * 8);
  return {
    classes,
    words,
    distinctBits: new Int32Array(words * 16),
    distinctRows: [],
    rowByHash: new Map(),
    glyphs32,
    glyphs: new Uint8Array(glyphs32.buffer, 0, classes),
  };
}

/**
 * The class rows of one grid: `allowed` holds one row of `words` words per source class; each
 * row becomes its glyph string, shared with any equal row formatted before.
 */
export function formatClassRows(f: RowFormatter, allowed: Int32Array): string[] {
  const W = f.words;
  const classRows: string[] = [];
  for (let s = 0; s < f.classes; s++) {
    const base = s * W;
    const h = hashWords(allowed, base, W);
    const bucket = f.rowByHash.get(h);
    let shared: string | undefined;
    if (bucket)
      for (const r of bucket)
        if (sameWords(f.distinctBits, r * W, allowed, base, W)) {
          shared = f.distinctRows[r];
          break;
        }
    if (shared !== undefined) {
      classRows.push(shared);
      continue;
    }
    const r = f.distinctRows.length;
    if ((r + 1) * W > f.distinctBits.length) {
      const grown = new Int32Array(f.distinctBits.length * 2);
      grown.set(f.distinctBits);
      f.distinctBits = grown;
    }
    f.distinctBits.set(allowed.subarray(base, base + W), r * W);
    if (bucket) bucket.push(r);
    else f.rowByHash.set(h, [r]);
    expandGlyphs(allowed, base, W, GLYPHS, f.glyphs32);
    const text = glyphRow(f.glyphs);
    f.distinctRows.push(text);
    classRows.push(text);
  }
  return classRows;
}

/**
 * One cell, whether or not rows were expanded: `.` or `X`.
 *
 * @example matrixCell(m, m.ports[0], 0, 1) // 'X'
 */
export function matrixCell(matrix: ReachabilityMatrix, grid: ReachabilityGrid, from: number, to: number): '.' | 'X' {
  if (from === to) return '.';
  const row = grid.classRows[matrix.podClasses[from]!];
  return row?.[matrix.podClasses[to]!] === '.' ? '.' : 'X';
}

/**
 * A grid as the upstream e2e truth tables print it (truthtable.go `PrettyPrint`): a header row
 * `-` then the column pods, one row per from-pod, tab-separated.
 *
 * @example toTruthTable(m, m.ports[0]) // '-\tx/a\tx/b\nx/a\t.\tX\nx/b\t.\t.'
 */
export function toTruthTable(matrix: ReachabilityMatrix, grid: ReachabilityGrid): string {
  const lines = [['-', ...matrix.pods].join('\t')];
  matrix.pods.forEach((from, i) => {
    const marks = matrix.pods.map((_, j) => matrixCell(matrix, grid, i, j));
    lines.push([from, ...marks].join('\t'));
  });
  return lines.join('\n');
}
