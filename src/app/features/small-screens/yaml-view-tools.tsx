/**
 * The YAML view on a small screen: the problems as a list a finger can open (the status line
 * shows only the first one), each taking the editor to its line; and Monaco set for a narrow
 * screen (lines wrap instead of running off the right edge). Loaded with the YAML view only.
 */
import { useEffect, useState } from 'react';
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import { useAppStore } from '../../store/store-context';
import { selectProblems } from '../../store/problems-slice';
import './yaml-view-tools.css';

/** One line per problem, engine first, in the order the status bar counts them. */
export function toProblemLines(problems: ReturnType<typeof selectProblems>): {
  line: number;
  message: string;
  error: boolean;
}[] {
  const ERROR = 8;
  return [
    ...problems.engine.map((m) => ({
      line: m.startLineNumber,
      message: m.message,
      error: m.severity === ERROR,
    })),
    ...problems.schema.map((m) => ({
      line: m.startLineNumber,
      message: m.message,
      error: m.severity === ERROR,
    })),
  ];
}

/** The editor of the page, once Monaco has loaded it (the YAML view mounts it). */
async function withEditor(apply: (editor: Monaco.editor.ICodeEditor) => void) {
  const { monaco } = await import('../editor/monaco-setup');
  const editor = monaco.editor.getEditors()[0];
  if (editor) apply(editor);
}

export function YamlViewTools() {
  const problems = useAppStore(selectProblems);
  const lines = toProblemLines(problems);
  const [open, setOpen] = useState(false);

  // A phone's width: wrap long lines (a sideways scroll inside the editor hides the values).
  useEffect(() => {
    let live = true;
    const apply = () =>
      void withEditor((editor) => {
        if (live) editor.updateOptions({ wordWrap: 'on', lineNumbersMinChars: 3, folding: false });
      });
    apply();
    // The editor may mount a moment after this bar (its chunk is loading).
    const later = window.setTimeout(apply, 1500);
    return () => {
      live = false;
      window.clearTimeout(later);
      void withEditor((editor) =>
        editor.updateOptions({ wordWrap: 'off', lineNumbersMinChars: 5, folding: true }),
      );
    };
  }, []);

  const goTo = (line: number) =>
    void withEditor((editor) => {
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.revealLineInCenter(line);
      editor.focus();
      setOpen(false);
    });

  return (
    <div className="compact-yaml-tools" data-testid="compact-yaml-tools">
      <button
        type="button"
        data-testid="compact-problems-toggle"
        aria-expanded={open}
        aria-controls="compact-problems"
        disabled={lines.length === 0}
        onClick={() => setOpen(!open)}
        className="compact-yaml-button"
      >
        {lines.length === 0
          ? 'No problems'
          : `Problems: ${problems.errors} ${problems.errors === 1 ? 'error' : 'errors'}, ${problems.warnings} ${problems.warnings === 1 ? 'warning' : 'warnings'}`}
      </button>
      {open && lines.length > 0 && (
        <ul id="compact-problems" data-testid="compact-problems" className="compact-problems">
          {lines.map((p, i) => (
            <li key={i}>
              <button
                type="button"
                data-testid="compact-problem"
                onClick={() => goTo(p.line)}
                className={`compact-problem ${p.error ? 'text-red-800' : 'text-amber-900'}`}
              >
                <span className="font-mono font-semibold">line {p.line}</span> {p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
