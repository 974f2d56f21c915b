/**
 * "CNI" selector: the Scenario document's `cni:` field set to a plugin, as ONE text edit (so the
 * editor applies it as one undoable step, like a suggested fix). Creates the field, or the
 * Scenario document itself, when the text has none. Pure: text in, edit out.
 */
import type { Cluster, CniPlugin } from '../../../engine';
import { toOffset, type FixEditResult } from './fix-edit';

const SCENARIO_API = 'netplay.dev/v1';

const byHand = (why: string): FixEditResult => ({
  ok: false,
  message: `${why}: set the Scenario's cni: field by hand.`,
});

/**
 * The edit that sets the Scenario's `cni:` to `cni`, using the Scenario's source range from
 * `scenario` (the cluster must have been built from this same text). A comment after the value
 * stays. Only a top-level `cni:` of a block-style Scenario is edited; anything else is refused.
 *
 * @example
 * const r = toCniEdit(text, 'cilium', analysis.cluster.scenario);
 * if (r.ok) model.pushEditOperations([], [{ range: r.edit, text: r.edit.text }], () => null);
 */
export function toCniEdit(
  text: string,
  cni: CniPlugin,
  scenario: Cluster['scenario'],
): FixEditResult {
  // 1. No Scenario document: one at the top, before the first document.
  if (scenario === undefined) {
    const doc = `apiVersion: ${SCENARIO_API}\nkind: Scenario\nmetadata: {name: scenario}\ncni: ${cni}\n`;
    const separator = !/\S/.test(text) || /^---/.test(text) ? '' : '---\n';
    return {
      ok: true,
      edit: {
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: 1,
        endColumn: 1,
        text: doc + separator,
      },
    };
  }
  const range = scenario.meta.source?.range;
  if (range === undefined) return byHand('The Scenario document has no place in the text');
  if (range.startColumn > 1) return byHand('The Scenario document sits inside a list');
  const from = toOffset(text, range.startLine, range.startColumn);
  const to = toOffset(text, range.endLine, range.endColumn);
  const doc = text.slice(from, to);
  if (!/^kind:[ \t]*Scenario\b/m.test(doc))
    return byHand('The Scenario document is not written in block style');

  // 2. The field is there: replace its value only (a comment after it stays).
  const field = /^cni:([ \t]*)([^\n#]*?)([ \t]*(?:#[^\n]*)?)$/m.exec(doc);
  if (field !== null) {
    const line = range.startLine + (doc.slice(0, field.index).match(/\n/g)?.length ?? 0);
    const valueStart = 'cni:'.length + field[1]!.length + 1;
    const valueEnd = valueStart + field[2]!.length;
    const gap = field[1] === '' ? ' ' : '';
    return {
      ok: true,
      edit: {
        startLineNumber: line,
        startColumn: valueStart,
        endLineNumber: line,
        endColumn: valueEnd,
        text: `${gap}${cni}`,
      },
    };
  }

  // 3. No field: add it at the document's end (the range ends at the next `---` or the text's end).
  const endsOnNewLine = to > 0 && text[to - 1] === '\n';
  const insert = endsOnNewLine ? `cni: ${cni}\n` : `\ncni: ${cni}`;
  return {
    ok: true,
    edit: {
      startLineNumber: range.endLine,
      startColumn: range.endColumn,
      endLineNumber: range.endLine,
      endColumn: range.endColumn,
      text: insert,
    },
  };
}
