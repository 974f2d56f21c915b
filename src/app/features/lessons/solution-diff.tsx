/**
 * Show solution: a Monaco diff of the learner's text (left) against the lesson's solution (right),
 * in a dialog. Nothing changes until the learner presses Apply, which replaces the text as one
 * undo step (Ctrl+Z in the editor brings theirs back).
 */
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/store-context';
import { toMonacoTheme } from '../view/view-controls';
import { monaco } from '../editor/monaco-setup';

let diffCount = 0;

/**
 * One diff editor for the page, kept alive and moved into each dialog. Disposing a diff editor
 * leaves Monaco's shared hover factory pointing at its disposed services, and the main editor's
 * suggestions then throw ("InstantiationService has been disposed"); a living one avoids that.
 */
let shared: { element: HTMLDivElement; diff: monaco.editor.IStandaloneDiffEditor } | undefined;

function sharedDiffEditor() {
  if (!shared) {
    const element = document.createElement('div');
    element.style.width = '100%';
    element.style.height = '100%';
    const diff = monaco.editor.createDiffEditor(element, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      ariaLabel: 'Your text and the solution',
      // Lessons change a few lines of a long text: fold what is the same, keep some context.
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5 },
    });
    shared = { element, diff };
  }
  return shared;
}

export function SolutionDiff({
  original,
  solution,
  title,
  onApply,
  onClose,
}: {
  original: string;
  solution: string;
  title: string;
  onApply: () => void;
  onClose: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const theme = useAppStore((s) => s.theme);
  const same = original === solution;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const id = ++diffCount;
    // Their own URIs: the scenario's schema and markers stay on the main editor's model.
    const left = monaco.editor.createModel(
      original,
      'yaml',
      monaco.Uri.parse(`inmemory://lesson/${id}/yours.yaml`),
    );
    const right = monaco.editor.createModel(
      solution,
      'yaml',
      monaco.Uri.parse(`inmemory://lesson/${id}/solution.yaml`),
    );
    const { element: editorElement, diff } = sharedDiffEditor();
    element.append(editorElement);
    monaco.editor.setTheme(toMonacoTheme(theme));
    delete element.dataset.changes;
    // Once the difference is known, show the first change.
    let revealed = false;
    const updated = diff.onDidUpdateDiff(() => {
      element.dataset.changes = String(diff.getLineChanges()?.length ?? 0);
      if (revealed) return;
      revealed = true;
      diff.revealFirstDiff();
    });
    diff.setModel({ original: left, modified: right });
    diff.layout();
    return () => {
      updated.dispose();
      diff.setModel(null);
      editorElement.remove();
      left.dispose();
      right.dispose();
    };
  }, [original, solution, theme]);

  useEffect(() => {
    dialog.current?.querySelector<HTMLButtonElement>('[data-autofocus]')?.focus();
  }, []);

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/50 p-6"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="solution-diff-title"
        data-testid="solution-diff"
        className="flex h-full max-h-[760px] w-full max-w-[1200px] flex-col overflow-hidden rounded-lg bg-white shadow-xl"
      >
        <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2">
          <h2 id="solution-diff-title" className="flex-1 text-base font-bold text-slate-900">
            Solution of “{title}”
            <span className="ml-2 text-sm font-normal text-slate-600">
              left: your text · right: the solution
            </span>
          </h2>
          <button
            type="button"
            data-testid="solution-apply"
            disabled={same}
            onClick={onApply}
            className="rounded-md bg-blue-700 px-3 py-1 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400 disabled:opacity-50"
            title="Replace your text with the solution (one undo step)"
          >
            Apply the solution
          </button>
          <button
            type="button"
            data-autofocus
            data-testid="solution-close"
            onClick={onClose}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400"
          >
            Keep my text
          </button>
        </div>
        {same && (
          <p className="px-4 py-2 text-sm text-emerald-900">Your text is the solution already.</p>
        )}
        <div ref={host} className="min-h-0 flex-1" data-testid="solution-diff-editor" />
      </div>
    </div>
  );
}
