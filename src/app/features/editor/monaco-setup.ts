/**
 * Monaco, slim: the editor core and its features, YAML highlighting, and its one worker.
 * Only the lazily loaded editor pane imports this file (budget B2: no Monaco in the entry).
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { SCENARIO_FILE } from '../../../engine-client/protocol';
import { kubernetesSchema } from './kubernetes-schema';
import { routeSchemaMarkers } from './schema-markers';

declare global {
  interface Window {
    __monaco?: typeof monaco;
  }
}

// The one switch for Monaco's own workers: the YAML language server, else the base worker.
self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) =>
    label === 'yaml' ? new YamlWorker() : new EditorWorker(),
};

// Completion, hover docs and enum checks for the kinds we simulate (markers owned by `yaml`;
// the engine's own diagnostics are owned by `netplay`; the pane merges the two, see
// merge-problems.ts). No schema is ever fetched.
configureMonacoYaml(routeSchemaMarkers(monaco), {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true },
  schemas: [
    {
      uri: 'netplay://schemas/kubernetes.json',
      fileMatch: [`**/${SCENARIO_FILE}`],
      schema: kubernetesSchema,
    },
  ],
});

// Monaco's light theme, with the key (teal) and number (green) colours darkened: on the lines a
// dropped packet's policy lights up (pink), the originals read at 3–4.3:1, under WCAG's 4.5:1.
monaco.editor.defineTheme('netplay-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'type', foreground: '005f5f' },
    { token: 'number', foreground: '06613f' },
    { token: 'comment', foreground: '006400' },
  ],
  // The code lenses' grey (#919191) reads at 3.1:1 on white; this one at 5.7:1.
  colors: { 'editorCodeLens.foreground': '#666666' },
});

window.__monaco = monaco;

export { monaco };
