/**
 * `netplay matrix`: the pod-to-pod reachability matrix, one truth table per port class, with
 * the upstream e2e glyphs (`.` allowed, `X` denied).
 */
import type { Analysis, ReachabilityGrid, ReachabilityMatrix } from '../engine/types';
import { computeMatrix } from '../engine/policy/matrix';
import type { Command } from './args';
import { guardEngine, type CliIO, type ExitCode } from './io';

/**
 * One truth table, laid out like the upstream e2e tables (`-` in the corner, `from` rows, `to`
 * columns) but with numbered columns, so that long `NS/NAME`s stay readable:
 *
 * ```
 * port 8080/TCP
 *                          0 1 2
 *    0 default/backend-0   . . X
 * ```
 */
export function formatGrid(pods: readonly string[], grid: ReachabilityGrid): string {
  const lines = [`port ${grid.port}/${grid.protocol}`];
  const indexWidth = String(Math.max(pods.length - 1, 0)).length;
  const nameWidth = Math.max(1, ...pods.map((p) => p.length));
  const cellWidth = indexWidth;
  const cell = (s: string): string => s.padStart(cellWidth);
  const prefix = ' '.repeat(indexWidth + 1) + '-'.padEnd(nameWidth) + '  ';
  if (indexWidth > 1) {
    // Column numbers written vertically would be hard to read: print them in full, spaced.
    lines.push(prefix + pods.map((_, i) => cell(String(i))).join(' '));
  } else {
    lines.push(prefix + pods.map((_, i) => String(i)).join(' '));
  }
  grid.rows.forEach((row, r) => {
    const label = `${String(r).padStart(indexWidth)} ${(pods[r] ?? '?').padEnd(nameWidth)}  `;
    lines.push(label + [...row].map(cell).join(' '));
  });
  return lines.join('\n');
}

/** The whole matrix: a legend, one table per port class, the notes. */
export function formatMatrix(matrix: ReachabilityMatrix): string {
  const out: string[] = [];
  out.push(`reachability: rows = from, columns = to; . allowed, X denied (${matrix.pods.length} pods)`);
  if (!matrix.enforced) out.push('note: the CNI plugin does not enforce NetworkPolicy: every connection is allowed');
  if (matrix.pods.length === 0) out.push('(no running pods)');
  else if (matrix.ports.length === 0) out.push('(no ports: no pod declares a container port; use --port)');
  for (const grid of matrix.ports) {
    out.push('');
    out.push(formatGrid(matrix.pods, grid));
  }
  for (const note of matrix.notes) out.push(`note: ${note}`);
  return out.join('\n') + '\n';
}

export function runMatrixCommand(
  analysis: Analysis,
  command: Extract<Command, { name: 'matrix' }>,
  io: CliIO,
): ExitCode {
  const matrix = guardEngine('matrix', () =>
    computeMatrix(analysis.cluster, {
      ...(command.port !== undefined ? { port: command.port } : {}),
      ...(command.protocol !== undefined ? { protocol: command.protocol } : {}),
    }),
  );
  if (command.json) io.stdout(JSON.stringify(matrix, null, 2) + '\n');
  else io.stdout(formatMatrix(matrix));
  return 0;
}
