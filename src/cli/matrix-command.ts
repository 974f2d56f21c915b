/**
 * `netplay matrix`: the pod-to-pod reachability matrix, one truth table per port class, with
 * the upstream e2e glyphs (`.` allowed, `X` denied).
 */
import type { ReachabilityGrid, ReachabilityMatrix } from '../engine';
import { toTruthTable } from '../engine';
import type { Command } from './args';
import type { CliIO, ExitCode } from './io';

/** Lays out a pod-class table (past `expandLimit`): numbered columns, so long labels stay readable. */
function layout(title: string, labels: readonly string[], cell: (from: number, to: number) => string): string {
  const lines = [title];
  const indexWidth = String(Math.max(labels.length - 1, 0)).length;
  const nameWidth = Math.max(1, ...labels.map((p) => p.length));
  const prefix = ' '.repeat(indexWidth + 1) + '-'.padEnd(nameWidth) + '  ';
  lines.push(prefix + labels.map((_, i) => String(i).padStart(indexWidth)).join(' '));
  labels.forEach((label, r) => {
    const glyphs = labels.map((_, c) => cell(r, c).padStart(indexWidth));
    lines.push(`${String(r).padStart(indexWidth)} ${label.padEnd(nameWidth)}  ${glyphs.join(' ')}`);
  });
  return lines.join('\n');
}

/**
 * One truth table exactly as the upstream e2e suite prints it (test/e2e/network/netpol
 * truthtable.go `PrettyPrint`): tab-separated, `-` in the corner, `to` pods as columns, one
 * `from` row each, `.` allowed, `X` denied; scripts that read upstream tables read ours.
 *
 * ```
 * port 8080/TCP
 * -	default/auth-0	default/backend-0
 * default/auth-0	.	X
 * ```
 */
export function formatGrid(matrix: ReachabilityMatrix, grid: ReachabilityGrid): string {
  return `port ${grid.port}/${grid.protocol}\n${toTruthTable(matrix, grid)}`;
}

/**
 * Past `expandLimit` pods a pod table would be millions of glyphs: print the pod classes
 * instead (pods of one class behave alike), each named by its first pod and its size.
 */
function formatClassGrid(matrix: ReachabilityMatrix, grid: ReachabilityGrid, classLabels: readonly string[]): string {
  return layout(`port ${grid.port}/${grid.protocol} (pod classes)`, classLabels, (from, to) => grid.classRows[from]?.[to] ?? '?');
}

function classLabels(matrix: ReachabilityMatrix): string[] {
  const first = new Map<number, string>();
  const size = new Map<number, number>();
  matrix.podClasses.forEach((c, i) => {
    if (!first.has(c)) first.set(c, matrix.pods[i] ?? '?');
    size.set(c, (size.get(c) ?? 0) + 1);
  });
  const count = Math.max(-1, ...matrix.podClasses) + 1;
  return Array.from({ length: count }, (_, c) => `${first.get(c) ?? '?'}${(size.get(c) ?? 0) > 1 ? ` (+${(size.get(c) ?? 1) - 1})` : ''}`);
}

/** The whole matrix: a legend, one table per port class, the notes. */
export function formatMatrix(matrix: ReachabilityMatrix): string {
  const out: string[] = [];
  const expanded = matrix.pods.length <= matrix.expandLimit;
  out.push(
    `reachability: rows = from, columns = to; . allowed, X denied (${matrix.pods.length} pods${expanded ? '' : `, shown as ${Math.max(-1, ...matrix.podClasses) + 1} pod classes`})`,
  );
  if (!matrix.enforced) out.push('note: the CNI plugin does not enforce NetworkPolicy: every connection is allowed');
  if (matrix.pods.length === 0) out.push('(no running pods)');
  else if (matrix.ports.length === 0) out.push('(no ports: no pod declares a container port; use --port)');
  const labels = expanded ? [] : classLabels(matrix);
  for (const grid of matrix.ports) {
    out.push('');
    out.push(expanded ? formatGrid(matrix, grid) : formatClassGrid(matrix, grid, labels));
  }
  for (const note of matrix.notes) out.push(`note: ${note}`);
  return out.join('\n') + '\n';
}

/** Prints the matrix the engine computed (in its worker, see engine-job.ts). */
export function runMatrixCommand(
  matrix: ReachabilityMatrix,
  command: Extract<Command, { name: 'matrix' }>,
  io: CliIO,
): ExitCode {
  if (command.json) io.stdout(JSON.stringify(matrix, null, 2) + '\n');
  else io.stdout(formatMatrix(matrix));
  return 0;
}
