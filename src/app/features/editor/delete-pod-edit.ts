/**
 * "Delete pod": the pod appended to the Scenario document's `deletedPods`, as ONE text edit (so
 * the editor applies it as one undoable step, like a suggested fix). Creates the field, or the
 * Scenario document itself, when the text has none. Pure: text in, edit out.
 */
import type { Cluster } from '../../../engine';
import { toOffset, type FixEditResult } from './fix-edit';

const SCENARIO_API = 'netplay.dev/v1';

/** The text of line `line` (1-based), without its newline. */
function lineText(text: string, line: number): string {
  const from = toOffset(text, line, 1);
  const end = text.indexOf('\n', from);
  return text.slice(from, end < 0 ? text.length : end);
}

/** The position just after the last character of line `line` (before its newline). */
function lineEnd(text: string, line: number): { line: number; column: number } {
  return { line, column: lineText(text, line).length + 1 };
}

function insertAt(line: number, column: number, insert: string): FixEditResult {
  return { ok: true, edit: { startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: column, text: insert } };
}

const byHand = (why: string): FixEditResult => ({
  ok: false,
  message: `${why}: add the pod to the Scenario's deletedPods by hand.`,
});

/**
 * The edit that adds `pod` (`NAMESPACE/NAME`) to `deletedPods`, using the Scenario's source
 * ranges from `scenario` (the cluster must have been built from this same text).
 *
 * @example
 * const r = toDeletePodEdit(text, 'default/backend-0', analysis.cluster.scenario);
 * if (r.ok) model.pushEditOperations([], [{ range: r.edit, text: r.edit.text }], () => null);
 */
export function toDeletePodEdit(text: string, pod: string, scenario: Cluster['scenario']): FixEditResult {
  // 1. No Scenario document: one at the top, before the first document.
  if (scenario === undefined) {
    const doc = `apiVersion: ${SCENARIO_API}\nkind: Scenario\nmetadata: {name: scenario}\ndeletedPods: [${pod}]\n`;
    const separator = !/\S/.test(text) || /^---/.test(text) ? '' : '---\n';
    return insertAt(1, 1, doc + separator);
  }
  const range = scenario.meta.source?.range;
  if (range === undefined) return byHand('The Scenario document has no place in the text');
  if (range.startColumn > 1) return byHand('The Scenario document sits inside a list');

  // 2. Entries already: one more after the last, in the list's own style.
  const last = scenario.deletedPods?.at(-1)?.range;
  if (last !== undefined) {
    const before = lineText(text, last.startLine).slice(0, last.startColumn - 1);
    const block = /^\s*-\s*$/.exec(before);
    if (block !== null) {
      const end = lineEnd(text, last.endLine);
      return insertAt(end.line, end.column, `\n${before}${pod}`);
    }
    return insertAt(last.endLine, last.endColumn, `, ${pod}`);
  }

  // 3. No entry: fill an empty `deletedPods:` line, or add the field at the document's end.
  const from = toOffset(text, range.startLine, range.startColumn);
  const to = toOffset(text, range.endLine, range.endColumn);
  const doc = text.slice(from, to);
  if (!/^kind:[ \t]*Scenario\b/m.test(doc)) return byHand('The Scenario document is not written in block style');
  const field = /^deletedPods:([^\n]*)$/m.exec(doc);
  if (field !== null) {
    const value = field[1]!.replace(/#.*$/, '').trim();
    if (value !== '' && value !== '[]' && value !== 'null' && value !== '~') return byHand('deletedPods holds no pod this playground can read');
    const after = doc.slice(field.index + field[0].length + 1);
    if (value === '' && /^[ \t]*-/.test(after)) return byHand('deletedPods holds no pod this playground can read');
    const line = range.startLine + (doc.slice(0, field.index).match(/\n/g)?.length ?? 0);
    const end = lineEnd(text, line);
    return { ok: true, edit: { startLineNumber: line, startColumn: 1, endLineNumber: end.line, endColumn: end.column, text: `deletedPods: [${pod}]` } };
  }
  // The range ends at the start of the next document's `---` (or at the end of the text).
  const endsOnNewLine = to > 0 && text[to - 1] === '\n';
  return insertAt(range.endLine, range.endColumn, endsOnNewLine ? `deletedPods: [${pod}]\n` : `\ndeletedPods: [${pod}]`);
}
