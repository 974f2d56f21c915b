/**
 * Monaco, slim: the editor core and its features, YAML highlighting, and its one worker.
 * Only the lazily loaded editor pane imports this file (budget B2: no Monaco in the entry).
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';

declare global {
  interface Window {
    __monaco?: typeof monaco;
  }
}

// The one switch for Monaco's own workers: only the base editor worker is needed for YAML.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

window.__monaco = monaco;

export { monaco };
