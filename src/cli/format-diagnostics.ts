/**
 * Diagnostics as `file:line:col: severity: message` lines (the form compilers and editors
 * jump to), sorted by input file order, then line and column.
 */
import type { Diagnostic, InputFile, Severity } from '../engine';

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Sorts diagnostics by file (in the order the files were given), line, column, severity. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], files: readonly InputFile[]): Diagnostic[] {
  const fileOrder = new Map(files.map((f, i) => [f.name, i] as const));
  const key = (d: Diagnostic): number => (d.range ? (fileOrder.get(d.range.file) ?? files.length) : files.length + 1);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        key(a.d) - key(b.d) ||
        (a.d.range?.startLine ?? 0) - (b.d.range?.startLine ?? 0) ||
        (a.d.range?.startColumn ?? 0) - (b.d.range?.startColumn ?? 0) ||
        SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}

/**
 * One line per diagnostic. Without a source range the line starts with the object it is
 * about (`service/default/web`) or `netplay`.
 *
 * @example formatDiagnostic(d) // 'web.yaml:12:17: error: spec.ports[0].nodePort: Invalid value: 80: ...'
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.range ? `${d.range.file}:${d.range.startLine}:${d.range.startColumn}` : (d.ref ?? 'netplay');
  return `${where}: ${d.severity}: ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning` (infos only when there are some). */
export function formatCounts(diagnostics: readonly Diagnostic[]): string {
  const c = countBySeverity(diagnostics);
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info > 0) parts.push(plural(c.info, 'note'));
  return parts.join(', ');
}
