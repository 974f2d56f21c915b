/**
 * A suggested fix as ONE text edit (so the editor can apply it as one undoable step): a `patch`
 * replaces the policy's document, a `new-policy` is appended after a `---`. Pure: text in,
 * edit out; `applyTextEdit` gives the resulting text (for tests and when no editor is open).
 */
import type { Cluster, SuggestedFix } from '../../../engine';

/** A Monaco-style range (1-based lines and columns, end exclusive) and its new text. */
export interface TextEdit {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly text: string;
}

export type FixEditResult =
  { readonly ok: true; readonly edit: TextEdit } | { readonly ok: false; readonly message: string };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The string offset of a 1-based line/column (clamped to the text). */
export function toOffset(text: string, line: number, column: number): number {
  const starts = lineStarts(text);
  if (line > starts.length) return text.length;
  const start = starts[Math.max(1, line) - 1]!;
  // The end of the line, before its newline (Monaco positions never pass it).
  const end = line < starts.length ? starts[line]! - 1 : text.length;
  return Math.min(start + Math.max(1, column) - 1, end);
}

/** The text after one edit. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const from = toOffset(text, edit.startLineNumber, edit.startColumn);
  const to = toOffset(text, edit.endLineNumber, edit.endColumn);
  return text.slice(0, from) + edit.text + text.slice(Math.max(from, to));
}

/** The end of the text as a position (where an append goes). */
function endPosition(text: string): { line: number; column: number } {
  const starts = lineStarts(text);
  return { line: starts.length, column: text.length - starts.at(-1)! + 1 };
}

/**
 * The edit that applies `fix` to `text`, using the policy's source range from `cluster` (the
 * cluster must have been built from this same text).
 *
 * @example
 * const r = toFixEdit(text, hop.fix, analysis.cluster);
 * if (r.ok) model.pushEditOperations([], [{ range: r.edit, text: r.edit.text }], () => null);
 */
export function toFixEdit(text: string, fix: SuggestedFix, cluster: Cluster): FixEditResult {
  const yaml = fix.yaml.endsWith('\n') ? fix.yaml : `${fix.yaml}\n`;
  if (fix.kind === 'new-policy') {
    const end = endPosition(text);
    const blank = !/\S/.test(text);
    const prefix = blank ? '' : text.endsWith('\n') ? '---\n' : '\n---\n';
    return {
      ok: true,
      edit: {
        startLineNumber: blank ? 1 : end.line,
        startColumn: blank ? 1 : end.column,
        endLineNumber: end.line,
        endColumn: end.column,
        text: prefix + yaml,
      },
    };
  }
  // A cluster-scoped policy (`policyKind` set) is named by its NAME alone.
  const clusterKind =
    fix.policyKind !== undefined && fix.policyKind !== 'networkpolicy' ? fix.policyKind : undefined;
  const policy =
    clusterKind !== undefined
      ? cluster.clusterPolicies.find(
          (p) => p.kind.toLowerCase() === clusterKind && p.meta.name === fix.policy,
        )
      : cluster.networkPolicies.find((p) => `${p.meta.namespace}/${p.meta.name}` === fix.policy);
  const range = policy?.meta.source?.range;
  if (!policy || !range) {
    return {
      ok: false,
      message: `The policy ${fix.policy} is no longer in the text: send the packet again for a new suggestion.`,
    };
  }
  const from = toOffset(text, range.startLine, range.startColumn);
  const to = toOffset(text, range.endLine, range.endColumn);
  const old = text.slice(from, to);
  let replacement = old.endsWith('\n') ? yaml : yaml.replace(/\n$/, '');
  // A policy inside a `kind: List` sits indented under `- `: indent the new lines to match.
  if (range.startColumn > 1) {
    const indent = ' '.repeat(range.startColumn - 1);
    replacement = replacement.replace(/\n(?=.)/g, `\n${indent}`);
  }
  return {
    ok: true,
    edit: {
      startLineNumber: range.startLine,
      startColumn: range.startColumn,
      endLineNumber: range.endLine,
      endColumn: range.endColumn,
      text: replacement,
    },
  };
}
