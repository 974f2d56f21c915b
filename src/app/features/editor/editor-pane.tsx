import { useEffect, useRef } from 'react';
import { SCENARIO_FILE } from '../../../engine-client/protocol';
import { useAppStoreApi, useController } from '../../store/store-context';
import { toMonacoTheme } from '../view/view-controls';
import { monaco } from './monaco-setup';
import { toMonacoMarkers } from './to-monaco-markers';

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
      monaco.editor.createModel(store.getState().text, 'yaml', MODEL_URI);
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
      ariaLabel: 'Kubernetes manifests (YAML)',
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
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
      applying = false;
    };
    applyText();

    const showMarkers = () =>
      monaco.editor.setModelMarkers(
        model,
        'netplay',
        toMonacoMarkers(store.getState().diagnostics, SCENARIO_FILE, model.getLineCount()),
      );
    showMarkers();

    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision !== revision) {
        revision = state.revision;
        applyText();
      }
      if (state.diagnostics !== previous.diagnostics) showMarkers();
      if (state.theme !== previous.theme) monaco.editor.setTheme(toMonacoTheme(state.theme));
    });
    return () => {
      unsubscribe();
      typing.dispose();
      editor.dispose();
    };
  }, [store, controller]);

  return <div ref={host} className="h-full w-full" data-testid="editor" />;
}
