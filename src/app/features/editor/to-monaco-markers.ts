/**
 * The pure adapter from engine diagnostics to Monaco marker data (plain objects, so it runs and
 * is tested without Monaco).
 */
import type { Diagnostic, Severity } from '../../../engine';

/** Monaco's `MarkerSeverity` values (Hint 1, Info 2, Warning 4, Error 8). */
const SEVERITY: Record<Severity, 2 | 4 | 8> = { info: 2, warning: 4, error: 8 };

export interface MarkerData {
  readonly severity: 2 | 4 | 8;
  readonly message: string;
  readonly code: string;
  readonly source: 'netplay';
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/**
 * Markers for the diagnostics of one file; a diagnostic without a range goes on line 1, so it
 * is still seen in the editor.
 *
 * @example toMonacoMarkers(analysis.diagnostics, 'scenario.yaml', model.getLineCount())
 */
export function toMonacoMarkers(
  diagnostics: readonly Diagnostic[],
  file: string,
  lineCount = Infinity,
): MarkerData[] {
  const clampLine = (line: number) => Math.max(1, Math.min(line, lineCount));
  return diagnostics
    .filter((d) => !d.range || d.range.file === file)
    .map((d) => {
      const r = d.range;
      const startLineNumber = clampLine(r?.startLine ?? 1);
      const endLineNumber = clampLine(r?.endLine ?? startLineNumber);
      const startColumn = Math.max(1, r?.startColumn ?? 1);
      // An empty range would draw nothing: make it at least one character wide.
      const endColumn = r
        ? Math.max(r.endColumn, endLineNumber === startLineNumber ? startColumn + 1 : 1)
        : Number.MAX_SAFE_INTEGER;
      return {
        severity: SEVERITY[d.severity],
        message: d.path && !d.message.startsWith(d.path) ? `${d.path}: ${d.message}` : d.message,
        code: d.code,
        source: 'netplay' as const,
        startLineNumber,
        startColumn,
        endLineNumber,
        endColumn,
      };
    });
}
