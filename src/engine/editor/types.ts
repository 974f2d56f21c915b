/**
 * What the engine answers the editor: hovers, code lenses, completions and quick fixes. Plain
 * data (it crosses `postMessage`); positions are 1-based lines and columns of the text asked about.
 */
import type { SourceRange } from '../types';

/** A 1-based position in the editor text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A hover: what the field under the cursor resolves to in this cluster now. */
export interface EditorHover {
  /** The field the answer is about (in the text asked about). */
  readonly range: SourceRange;
  /** Markdown paragraphs; the first one is the answer in one line. */
  readonly contents: readonly string[];
  /** Answered from the last analysis whose text could be read (the text now has a syntax error). */
  readonly stale: boolean;
  /** Objects the answer names (`pod/NS/NAME`), for the graph. */
  readonly refs: readonly string[];
}

/** One line above an object: what it does right now. */
export interface EditorCodeLens {
  /** `networkpolicy/NS/NAME`, `service/NS/NAME`, `ingress/NS/NAME`. */
  readonly ref: string;
  /** The line of the document's first field. */
  readonly line: number;
  readonly title: string;
  /** What clicking it selects in the graph: the object itself (a graph node) or its pods. */
  readonly targets: readonly string[];
}

export type CompletionKind = 'label-key' | 'label-value' | 'namespace' | 'service' | 'port' | 'port-name' | 'cni';

/** One completion from the cluster. */
export interface EditorCompletion {
  readonly label: string;
  /** The text to insert (defaults to `label`). */
  readonly insertText: string;
  readonly kind: CompletionKind;
  /** A short note: where the value comes from (`3 pods in default`). */
  readonly detail: string;
}

export interface EditorCompletions {
  /** The range the inserted text replaces (the word being typed). */
  readonly range: SourceRange;
  readonly items: readonly EditorCompletion[];
}

/** A text edit, and the text it expects to replace (an edit whose target changed is refused). */
export interface GuardedEdit {
  readonly range: SourceRange;
  /** The text at `range` when the fix was made. */
  readonly expected: string;
  readonly text: string;
}

/** A quick fix for one diagnostic: one undo step of one or more edits. */
export interface QuickFix {
  readonly title: string;
  /** The diagnostic's code (`service.nodeport.range`). */
  readonly code: string;
  /** The diagnostic's range (where the light bulb shows). */
  readonly range: SourceRange;
  readonly edits: readonly GuardedEdit[];
  /** The most likely fix of the diagnostic (Monaco's "preferred" quick fix). */
  readonly preferred: boolean;
}
