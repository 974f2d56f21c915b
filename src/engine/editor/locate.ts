/**
 * Which field the cursor is on: the document whose range holds the line, and the deepest field
 * path on that line (from the parser's field ranges). And, when the text has changed since the
 * analysis, whether a line still means the same field (else the editor gets no answer rather
 * than a wrong one).
 */
import type { ManifestDocument, SourceRange } from '../types';
import type { TextPosition } from './types';

export interface LocatedField {
  readonly document: ManifestDocument;
  /** The path relative to the object (`spec.ingress[0].from[0].podSelector.matchLabels.app`). */
  readonly path: string;
  readonly range: SourceRange;
}

const contains = (r: SourceRange, at: TextPosition) =>
  (r.startLine < at.line || (r.startLine === at.line && r.startColumn <= at.column)) &&
  (r.endLine > at.line || (r.endLine === at.line && r.endColumn >= at.column));

/** The document (or `kind: List` item) whose range holds the line, the innermost one. */
export function documentAt(
  documents: readonly ManifestDocument[],
  at: TextPosition,
): ManifestDocument | undefined {
  let found: ManifestDocument | undefined;
  for (const doc of documents) {
    const r = doc.range;
    if (r.startLine > at.line || r.endLine < at.line) continue;
    // A range ending at column 1 of a line does not cover that line.
    if (r.endLine === at.line && r.endColumn === 1 && r.endLine > r.startLine) continue;
    if (!found || doc.range.startLine >= found.range.startLine) found = doc;
  }
  return found;
}

/**
 * The field under the cursor: among the fields starting on the cursor's line, the one holding
 * the column, else the deepest one (a key's line: `podSelector:`, `- from:`, `app: web`).
 *
 * @example locateField(documents, { line: 9, column: 7 })?.path // 'spec.podSelector.matchLabels.app'
 */
export function locateField(
  documents: readonly ManifestDocument[],
  at: TextPosition,
): LocatedField | undefined {
  const document = documentAt(documents, at);
  if (!document) return undefined;
  let best: { path: string; range: SourceRange; holds: boolean } | undefined;
  for (const [path, range] of Object.entries(document.fieldRanges)) {
    if (range.startLine !== at.line) continue;
    const holds = contains(range, at);
    const better =
      !best ||
      (holds && !best.holds) ||
      (holds === best.holds && path.length > best.path.length);
    if (better) best = { path, range, holds };
  }
  if (best) return { document, path: best.path, range: best.range };
  // A line with no field of its own (inside a flow mapping spread over lines): nothing to say.
  return undefined;
}

/** The 0-based index of the `---` line that starts the document holding `line`, else -1. */
function documentStart(lines: readonly string[], line: number): number {
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) if (/^---(\s|$)/.test(lines[i]!)) return i;
  return -1;
}

/**
 * The line of `analysedText` that means what `line` of `text` means, or undefined when that
 * cannot be known. A field's path depends only on the lines above it in its document, so a line
 * maps when its document's lines from its start to the line are unchanged (the edit is below
 * it, or in another document), counting from the top or from the bottom of the text.
 *
 * @example mapLine('a: 1\nb: 2\n', 'a: 1\nb: 2\nc: [\n', 2) // 2
 */
export function mapLine(analysedText: string, text: string, line: number): number | undefined {
  if (analysedText === text) return line;
  return mapLineIn(analysedText.split('\n'), text.split('\n'), line);
}

/** `mapLine` over texts already split into lines. */
export function mapLineIn(then: readonly string[], now: readonly string[], line: number): number | undefined {
  if (line < 1 || line > now.length) return undefined;
  const start = documentStart(now, line); // -1: the first document
  // From the top: every line from the document's start to the cursor's line is the same.
  let fromTop = true;
  for (let i = Math.max(0, start); i < line && fromTop; i++) fromTop = now[i] === then[i];
  if (fromTop) return line;
  // From the bottom: the same lines, shifted by the lines added or removed above the document.
  const shift = then.length - now.length;
  for (let i = Math.max(0, start); i < now.length; i++) {
    const j = i + shift;
    if (j < 0 || then[j] !== now[i]) return undefined;
  }
  return line + shift;
}
