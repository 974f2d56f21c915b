/**
 * monaco-yaml's markers, routed through us instead of straight into Monaco: the editor pane
 * merges them with the engine's (`mergeProblems`), so one problem shows one marker and the
 * status bar counts what the editor shows.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import type { SchemaMarker } from './merge-problems';

type Listener = (markers: readonly SchemaMarker[]) => void;

/** The owner monaco-yaml sets its markers under. */
const YAML_OWNER = 'yaml';
const latest = new Map<string, readonly SchemaMarker[]>();
const listeners = new Map<string, Set<Listener>>();

/**
 * A shallow copy of `monaco` for `configureMonacoYaml`: the same API, except that markers set
 * under the `yaml` owner are kept here for the pane to merge (the global `monaco` is untouched).
 */
export function routeSchemaMarkers(monaco: typeof Monaco): typeof Monaco {
  return {
    ...monaco,
    editor: {
      ...monaco.editor,
      setModelMarkers(model, owner, markers) {
        if (owner !== YAML_OWNER) {
          monaco.editor.setModelMarkers(model, owner, markers);
          return;
        }
        const uri = model.uri.toString();
        const plain = markers.map((m) => ({
          ...m,
          code: typeof m.code === 'object' ? { value: m.code.value } : m.code,
        })) as SchemaMarker[];
        latest.set(uri, plain);
        for (const listener of listeners.get(uri) ?? []) listener(plain);
      },
    },
  };
}

/** Calls `listener` with the model's schema markers now (if any) and whenever they change. */
export function watchSchemaMarkers(uri: string, listener: Listener): () => void {
  const set = listeners.get(uri) ?? new Set<Listener>();
  listeners.set(uri, set);
  set.add(listener);
  const now = latest.get(uri);
  if (now) listener(now);
  return () => set.delete(listener);
}
