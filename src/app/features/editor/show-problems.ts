/**
 * Draws the merged problems (engine diagnostics + the schema markers the engine does not make)
 * on the model, and feeds monaco-yaml's markers to the store, so the status bar counts the same
 * list (`selectProblems`).
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import { SCENARIO_FILE } from '../../../engine-client/protocol';
import type { AppStore } from '../../store/app-store';
import { mergeProblems } from './merge-problems';
import { watchSchemaMarkers } from './schema-markers';

/** Keeps the model's markers in step with the store; returns the function that stops it. */
export function showProblems(
  monaco: typeof Monaco,
  model: Monaco.editor.ITextModel,
  store: AppStore,
): () => void {
  const show = () => {
    const { diagnostics, schemaMarkers } = store.getState();
    const problems = mergeProblems(diagnostics, schemaMarkers, SCENARIO_FILE, model.getLineCount());
    monaco.editor.setModelMarkers(model, 'netplay', [...problems.engine]);
    monaco.editor.setModelMarkers(model, 'yaml', [
      ...problems.schema,
    ] as Monaco.editor.IMarkerData[]);
  };
  const stopWatching = watchSchemaMarkers(model.uri.toString(), (markers) =>
    store.getState().schemaMarkersChanged(markers),
  );
  show();
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.diagnostics !== previous.diagnostics ||
      state.schemaMarkers !== previous.schemaMarkers
    )
      show();
  });
  return () => {
    unsubscribe();
    stopWatching();
    // Not drawn while the editor is away: the status bar counts the engine's problems alone.
    store.getState().schemaMarkersChanged([]);
  };
}
