/**
 * Matrix step 5, expand: class rows to per-pod rows (only up to the expand limit), with the
 * loopback diagonal: a pod can always reach itself.
 */
import { glyphRow } from './format';

/**
 * `podClasses[i]` is pod i's class; `classRows[c]` one glyph per class. Pods of one class share
 * one expanded row, except for their own diagonal cell.
 */
export function expandPodRows(classRows: readonly string[], podClasses: readonly number[]): string[] {
  const n = podClasses.length;
  const rows: string[] = [];
  const expanded = new Map<number, string>();
  const podCodes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = podClasses[i]!;
    let row = expanded.get(c);
    if (row === undefined) {
      const classRow = classRows[c]!;
      for (let j = 0; j < n; j++) podCodes[j] = classRow.charCodeAt(podClasses[j]!);
      row = glyphRow(podCodes);
      expanded.set(c, row);
    }
    rows.push(row[i] === '.' ? row : `${row.slice(0, i)}.${row.slice(i + 1)}`);
  }
  return rows;
}
