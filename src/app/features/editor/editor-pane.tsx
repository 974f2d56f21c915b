import { useEffect, useRef } from 'react';
import { SCENARIO_FILE } from '../../../engine-client/protocol';
import { useAppStoreApi, useController } from '../../store/store-context';
import { selectTrace } from '../../store/trace-slice';
import { toMonacoTheme } from '../view/view-controls';
import { monaco } from './monaco-setup';
import { showProblems } from './show-problems';
import { installKeyboardExit } from './keyboard-exit';
import { toPolicyHighlights } from './policy-highlight';
import { attachEditorIntel } from './editor-intel';
import './policy-highlights.css';

const MODEL_URI = monaco.Uri.parse(`file:///${SCENARIO_FILE}`);

/** The Monaco editor (lazily loaded): typing goes to the controller, diagnostics come back as markers. */
export function EditorPane() {
  const host = useRef<HTMLDivElement>(null);
  const store = useAppStoreApi();
  const controller = useController();

  useEffect(() => {
    if (!host.current) return;
    const model =
      monaco.editor.getModel(MODEL_URI) ??
      // After a file opened before the editor loaded, start from the text it replaced: the
      // replacement below is then an undo step, as the "Opened …" banner promises.
      monaco.editor.createModel(
        store.getState().replacedText ?? store.getState().text,
        'yaml',
        MODEL_URI,
      );
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      fontSize: 14,
      lineHeight: 21,
      tabSize: 2,
      insertSpaces: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      theme: toMonacoTheme(store.getState().theme),
      ariaLabel:
        'Kubernetes manifests (YAML). Escape then Tab leaves the editor; Ctrl+M toggles Tab moving focus.',
    });
    let applying = false;
    const typing = model.onDidChangeContent(() => {
      if (!applying) controller.textTyped(model.getValue());
    });

    // Text replaced from outside (a share link, window.netplay.load): one undoable edit.
    let revision = store.getState().revision;
    const applyText = () => {
      const { text } = store.getState();
      if (text === model.getValue()) return;
      applying = true;
      // Its own undo step: closed before, so the learner's last typing is not merged into it.
      model.pushStackElement();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
      applying = false;
    };
    applyText();

    // A suggested fix from the trace panel: one edit, one undo step (Ctrl+Z restores the text).
    const detachEditor = controller.attachEditor({
      applyEdit(edit) {
        applying = true;
        try {
          model.pushStackElement();
          model.pushEditOperations(
            editor.getSelections() ?? [],
            [
              {
                range: new monaco.Range(
                  edit.startLineNumber,
                  edit.startColumn,
                  edit.endLineNumber,
                  edit.endColumn,
                ),
                text: edit.text,
              },
            ],
            () => null,
          );
          model.pushStackElement();
        } finally {
          applying = false;
        }
        editor.revealLineInCenterIfOutsideViewport(edit.startLineNumber);
        return true;
      },
      getText: () => model.getValue(),
    });

    // The policies that decided the packet's hops so far, lit up — only while the text is the
    // one the packet was traced against (otherwise the lines could be wrong).
    const highlights = editor.createDecorationsCollection();
    let shown = '';
    const showHighlights = () => {
      const { traceText, lastGood, lastGoodText, flightHop, flight } = store.getState();
      const trace = selectTrace(store.getState());
      const element = host.current;
      const exact = trace && lastGood && traceText !== undefined && traceText === lastGoodText;
      const reached = exact && flight !== 'idle' ? flightHop : -1;
      const list =
        exact && reached >= 0 && model.getValue() === traceText
          ? toPolicyHighlights(lastGood, {
              ...trace,
              hops: trace.hops.slice(0, reached + 1),
            })
          : [];
      const key = JSON.stringify(list);
      if (key === shown) return;
      shown = key;
      const lineEnd = (line: number) => model.getLineMaxColumn(line);
      highlights.set(
        list.flatMap((h) => {
          const tone = `netplay-${h.verdict}`;
          const first = h.rule?.startLine ?? h.document.startLine;
          return [
            {
              range: new monaco.Range(h.document.startLine, 1, h.document.endLine, 1),
              options: {
                isWholeLine: true,
                className: `netplay-policy-doc ${tone}`,
                linesDecorationsClassName: `netplay-policy-gutter ${tone}`,
                hoverMessage: { value: h.label },
              },
            },
            ...(h.rule
              ? [
                  {
                    range: new monaco.Range(h.rule.startLine, 1, h.rule.endLine, 1),
                    options: { isWholeLine: true, className: `netplay-policy-rule ${tone}` },
                  },
                ]
              : []),
            {
              range: new monaco.Range(first, 1, first, lineEnd(first)),
              options: {
                showIfCollapsed: true,
                after: {
                  // Short (the policy's name is on the hover and in the trace panel).
                  content:
                    h.verdict === 'drop'
                      ? '✗ no rule admits this packet'
                      : '✓ this rule admits the packet',
                  inlineClassName: `netplay-policy-note ${tone}`,
                },
              },
            },
          ];
        }),
      );
      if (element) {
        element.dataset.highlightPolicies = list.map((h) => `${h.policy}:${h.verdict}`).join(' ');
        element.dataset.highlightDocuments = list
          .map((h) => `${h.document.startLine}-${h.document.endLine}`)
          .join(' ');
        element.dataset.highlightRules = list
          .map((h) => (h.rule ? `${h.rule.startLine}-${h.rule.endLine}` : ''))
          .join(' ');
      }
      const focus = list.find((h) => h.verdict === 'drop') ?? list.at(-1);
      if (focus) {
        const span = focus.rule ?? focus.document;
        editor.revealLinesInCenterIfOutsideViewport(span.startLine, span.endLine);
      }
    };
    showHighlights();

    const stopProblems = showProblems(monaco, model, store);
    const removeKeyboardExit = installKeyboardExit(monaco, editor, host.current);

    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision !== revision) {
        revision = state.revision;
        applyText();
      }
      if (state.theme !== previous.theme) monaco.editor.setTheme(toMonacoTheme(state.theme));
      if (
        selectTrace(state) !== selectTrace(previous) ||
        state.flightHop !== previous.flightHop ||
        state.flight !== previous.flight ||
        state.lastGoodText !== previous.lastGoodText
      )
        showHighlights();
    });
    const edited = model.onDidChangeContent(() => showHighlights());
    const detachIntel = attachEditorIntel(monaco, editor, store, controller);
    return () => {
      detachIntel();
      unsubscribe();
      stopProblems();
      removeKeyboardExit();
      edited.dispose();
      detachEditor();
      highlights.clear();
      typing.dispose();
      editor.dispose();
    };
  }, [store, controller]);

  return <div ref={host} className="h-full w-full" data-testid="editor" />;
}
