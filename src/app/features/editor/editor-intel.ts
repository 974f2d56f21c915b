/**
 * The editor that knows the cluster: Monaco hovers, code lenses, completions, quick fixes and
 * recipes, each one a question to the engine's worker (`controller.askEngine`). Nothing here
 * parses YAML or evaluates a selector: the answers come from the engine, for the exact text the
 * model holds (an answer for an older model version is dropped). Loaded with the editor chunk.
 */
import type { AppController } from '../../app-controller';
import type { AppStore } from '../../store/app-store';
import { selectTrace } from '../../store/trace-slice';
import type { GuardedEdit, QuickFix } from '../../../engine';
import type { SourceRange } from '../../../engine';
import type { monaco as Monaco } from './monaco-setup';
import { findOutline } from './policy-highlight';
import { RECIPES, toRecipeEdit } from './recipes';

type MonacoApi = typeof Monaco;
type Model = Monaco.editor.ITextModel;
type Editor = Monaco.editor.IStandaloneCodeEditor;

const SELECT_COMMAND = 'netplay.selectInGraph';
const QUICK_FIX_COMMAND = 'netplay.applyQuickFix';
const PACKET_FIX_COMMAND = 'netplay.applyPacketFix';
const RECIPE_COMMAND = 'netplay.insertRecipe';

const toMonacoRange = (monaco: MonacoApi, r: SourceRange) =>
  new monaco.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);

/**
 * Applies a quick fix's edits as ONE undo step, or refuses (returns false, changes nothing) when
 * any edit's target no longer holds the text the fix was made for.
 */
export function applyGuardedFix(monaco: MonacoApi, editor: Editor, model: Model, edits: readonly GuardedEdit[]): boolean {
  const ranges = edits.map((e) => toMonacoRange(monaco, e.range));
  if (edits.some((e, i) => model.getValueInRange(ranges[i]!) !== e.expected)) return false;
  model.pushStackElement();
  model.pushEditOperations(
    editor.getSelections() ?? [],
    edits.map((e, i) => ({ range: ranges[i]!, text: e.text })),
    () => null,
  );
  model.pushStackElement();
  return true;
}

/**
 * Registers the providers and commands on `editor` (its model only); returns the disposer.
 *
 * @example const dispose = attachEditorIntel(monaco, editor, store, controller);
 */
export function attachEditorIntel(
  monaco: MonacoApi,
  editor: Editor,
  store: AppStore,
  controller: AppController,
): () => void {
  const model = editor.getModel();
  if (!model) return () => undefined;
  const ours = (m: Model) => m.uri.toString() === model.uri.toString();
  const disposables: Monaco.IDisposable[] = [];

  // --- Hovers: what the field under the cursor resolves to.
  disposables.push(
    monaco.languages.registerHoverProvider('yaml', {
      async provideHover(m, position) {
        if (!ours(m)) return null;
        const version = m.getVersionId();
        const outcome = await controller.askEngine('explainAt', {
          text: m.getValue(),
          line: position.lineNumber,
          column: position.column,
        });
        if (outcome.status !== 'ok' || !outcome.value || m.getVersionId() !== version) return null;
        const hover = outcome.value;
        const [first = '', ...rest] = hover.contents;
        return {
          range: toMonacoRange(monaco, hover.range),
          contents: [
            { value: `**${first}**` },
            ...rest.map((value) => ({ value })),
            ...(hover.stale
              ? [{ value: '_From the last text that could be read: fix the YAML error for a fresh answer._' }]
              : []),
          ],
        };
      },
    }),
  );

  // --- Code lenses: one line above each policy, Service and Ingress; a click selects in the graph.
  const lensesChanged = new monaco.Emitter<Monaco.languages.CodeLensProvider>();
  disposables.push(
    monaco.editor.registerCommand(SELECT_COMMAND, (_accessor, ...args: unknown[]) => {
      const [targets] = args as [readonly string[] | undefined];
      // The graph selects one object: the policy's first pod, the Service, the Ingress.
      const first = targets?.[0];
      if (first) store.getState().select(first);
    }),
  );
  const lensProvider: Monaco.languages.CodeLensProvider = {
    onDidChange: lensesChanged.event,
    async provideCodeLenses(m) {
      if (!ours(m)) return null;
      const version = m.getVersionId();
      const outcome = await controller.askEngine('codeLenses', { text: m.getValue() });
      if (outcome.status !== 'ok' || m.getVersionId() !== version) return null;
      return {
        lenses: outcome.value.map((lens) => ({
          range: new monaco.Range(lens.line, 1, lens.line, 1),
          id: lens.ref,
          command: {
            id: SELECT_COMMAND,
            title: lens.title,
            tooltip: lens.targets.length > 0 ? `Select ${lens.targets[0]} in the graph` : lens.title,
            arguments: [lens.targets],
          },
        })),
        dispose: () => undefined,
      };
    },
  };
  disposables.push(monaco.languages.registerCodeLensProvider('yaml', lensProvider));
  const unsubscribe = store.subscribe((state, previous) => {
    // A new analysis: the lenses say what the objects do now.
    if (state.analysis !== previous.analysis) lensesChanged.fire(lensProvider);
  });

  // --- Completions from the cluster, and the recipes as snippets on an empty line.
  disposables.push(
    monaco.languages.registerCompletionItemProvider('yaml', {
      triggerCharacters: [' ', ':'],
      async provideCompletionItems(m, position, _context, token) {
        if (!ours(m)) return { suggestions: [] };
        const line = m.getLineContent(position.lineNumber);
        const suggestions: Monaco.languages.CompletionItem[] = [];
        const typed = /^(\s*)([A-Za-z-]*)$/.exec(line);
        if (typed) {
          // A recipe goes in as a new document after the one under the cursor (the command),
          // never into the middle of a document: the completion itself inserts nothing.
          const at = new monaco.Range(position.lineNumber, typed[1]!.length + 1, position.lineNumber, line.length + 1);
          for (const recipe of RECIPES)
            suggestions.push({
              label: `recipe: ${recipe.title.toLowerCase()}`,
              filterText: `recipe-${recipe.id}`,
              kind: monaco.languages.CompletionItemKind.Snippet,
              detail: recipe.yaml.split('\n')[0]!.replace(/^# /, ''),
              documentation: { value: `\`\`\`yaml\n${recipe.yaml}\`\`\`` },
              insertText: '',
              range: at,
              command: { id: RECIPE_COMMAND, title: recipe.title, arguments: [recipe.id] },
            });
        }
        const outcome = await controller.askEngine('completeAt', {
          text: m.getValue(),
          line: position.lineNumber,
          column: position.column,
        });
        // Letters typed while the engine answered do not void it: Monaco keeps the session open,
        // filters by them and moves the range on (Ctrl+Space does nothing while the popup shows).
        // Only a request Monaco gave up on is dropped.
        if (outcome.status === 'ok' && outcome.value && !token.isCancellationRequested) {
          const range = toMonacoRange(monaco, outcome.value.range);
          for (const item of outcome.value.items)
            suggestions.push({
              label: { label: item.label, description: 'cluster' },
              kind:
                item.kind === 'label-key'
                  ? monaco.languages.CompletionItemKind.Property
                  : item.kind === 'namespace' || item.kind === 'service'
                    ? monaco.languages.CompletionItemKind.Reference
                    : monaco.languages.CompletionItemKind.Value,
              detail: item.detail,
              insertText: item.insertText,
              // Before the schema's suggestions: these are what exists in the cluster now.
              sortText: `0${item.label}`,
              range,
            });
        }
        return { suggestions };
      },
    }),
  );

  // --- Quick fixes (Ctrl+. and the light bulb), each one undo step; refused when the text moved.
  disposables.push(
    monaco.editor.registerCommand(QUICK_FIX_COMMAND, (_accessor, ...args: unknown[]) => {
      const [fix] = args as [QuickFix];
      if (!applyGuardedFix(monaco, editor, model, fix.edits))
        store.getState().showBanner('error', 'The text changed since this fix was offered: nothing was changed. Try the fix again.');
    }),
    monaco.editor.registerCommand(PACKET_FIX_COMMAND, (_accessor, ...args: unknown[]) => {
      const [index] = args as [number];
      const fix = selectTrace(store.getState())?.hops[index]?.fix;
      if (fix) void controller.applyFix(fix);
    }),
    monaco.languages.registerCodeActionProvider(
      'yaml',
      {
        async provideCodeActions(m, range, context) {
          if (!ours(m)) return { actions: [], dispose: () => undefined };
          const version = m.getVersionId();
          const text = m.getValue();
          const outcome = await controller.askEngine('quickFixes', {
            text,
            startLine: range.startLineNumber,
            endLine: range.endLineNumber,
            // Ctrl+. may wait for an analysis; the light bulb (every cursor move) does not.
            analyse: context.trigger === monaco.languages.CodeActionTriggerType.Invoke,
          });
          const actions: Monaco.languages.CodeAction[] = [];
          if (outcome.status === 'ok' && m.getVersionId() === version) {
            for (const fix of outcome.value) {
              const markers = context.markers.filter(
                (mk) => mk.source === 'netplay' && mk.code === fix.code && mk.startLineNumber === fix.range.startLine,
              );
              actions.push({
                title: fix.title,
                kind: 'quickfix',
                isPreferred: fix.preferred,
                diagnostics: markers,
                command: { id: QUICK_FIX_COMMAND, title: fix.title, arguments: [fix] },
              });
            }
          }
          actions.push(...packetFixActions(store, text, range.startLineNumber, range.endLineNumber));
          return { actions, dispose: () => undefined };
        },
      },
      { providedCodeActionKinds: ['quickfix'] },
    ),
  );

  // --- Recipes: a context-menu entry each (Shift+F10), and the snippet completions above.
  const insertRecipe = (id: string) => {
    const recipe = RECIPES.find((r) => r.id === id);
    if (!recipe) return;
    const line = editor.getPosition()?.lineNumber ?? 1;
    const edit = toRecipeEdit(model.getValue(), line, recipe.yaml);
    model.pushStackElement();
    model.pushEditOperations(
      editor.getSelections() ?? [],
      [{ range: new monaco.Range(edit.startLineNumber, edit.startColumn, edit.endLineNumber, edit.endColumn), text: edit.text }],
      () => null,
    );
    model.pushStackElement();
    // The cursor on the new document's first line (its comment).
    const first = edit.startLineNumber + (edit.text.startsWith('\n---\n') ? 2 : edit.text.startsWith('---\n') ? 1 : 0);
    editor.setPosition({ lineNumber: first, column: 1 });
    editor.revealLineInCenterIfOutsideViewport(first);
  };
  disposables.push(
    monaco.editor.registerCommand(RECIPE_COMMAND, (_accessor, ...args: unknown[]) => insertRecipe(String(args[0]))),
  );
  RECIPES.forEach((recipe, order) => {
    disposables.push(
      editor.addAction({
        id: `netplay.recipe.${recipe.id}`,
        label: `Insert recipe: ${recipe.title}`,
        contextMenuGroupId: '1_netplay_recipes',
        contextMenuOrder: order,
        run: () => insertRecipe(recipe.id),
      }),
    );
  });

  return () => {
    unsubscribe();
    lensesChanged.dispose();
    for (const d of disposables) d.dispose();
  };
}

/**
 * The dropped packet's suggested fix, offered at the policy that dropped it — only while the
 * text is the one the packet was traced against (else the fix's ranges could be wrong).
 */
function packetFixActions(store: AppStore, text: string, startLine: number, endLine: number): Monaco.languages.CodeAction[] {
  const state = store.getState();
  const trace = selectTrace(state);
  if (!trace || !state.lastGood || state.traceText !== text || state.lastGoodText !== text) return [];
  const out: Monaco.languages.CodeAction[] = [];
  trace.hops.forEach((hop, index) => {
    if (hop.verdict !== 'drop' || !hop.fix) return;
    const policies = [hop.fix.policy, ...(hop.isolatingPolicies ?? [])];
    const here = policies.some((p) => {
      const outline = findOutline(state.lastGood!, `networkpolicy/${p}`);
      return outline !== undefined && outline.range.startLine <= endLine && outline.range.endLine >= startLine;
    });
    if (!here) return;
    out.push({
      title: `Apply the suggested fix: ${hop.fix.summary}`,
      kind: 'quickfix',
      command: { id: PACKET_FIX_COMMAND, title: hop.fix.summary, arguments: [index] },
    });
  });
  return out;
}
