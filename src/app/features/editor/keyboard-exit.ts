/**
 * No keyboard trap (WCAG 2.1.2). Tab inside Monaco indents, so a keyboard user needs a way out:
 * - Escape, then Tab (or Shift+Tab) moves focus on, when the Escape closed nothing of Monaco's
 *   own (suggest, find, hover…: those keep Escape, and a second Escape arms the exit);
 * - Ctrl+M toggles "Tab moves focus". Bound here, over Monaco's own toggle: in Monaco 0.52 that
 *   one flips a global flag no API reads, so the hint could not follow it.
 * A small hint in the editor's corner says so while the editor has keyboard focus.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import './keyboard-hint.css';

export const KEYBOARD_HINT = {
  indents: 'Tab indents · Esc then Tab leaves the editor · Ctrl+M: Tab moves focus',
  armed: 'Tab now leaves the editor (Shift+Tab goes back)',
  moves: 'Tab moves focus · Ctrl+M: Tab indents again',
} as const;

type HintState = keyof typeof KEYBOARD_HINT;

/**
 * Installs the Escape-then-Tab exit and the hint on one editor; returns what undoes it.
 * `host` is the element the editor was created in.
 */
export function installKeyboardExit(
  monaco: typeof Monaco,
  editor: Monaco.editor.IStandaloneCodeEditor,
  host: HTMLElement,
): () => void {
  const hint = document.createElement('div');
  hint.className = 'netplay-keyboard-hint';
  hint.dataset.testid = 'editor-keyboard-hint';
  hint.id = 'netplay-editor-keyboard-hint';
  hint.hidden = true;
  hint.setAttribute('role', 'status');
  const widget: Monaco.editor.IOverlayWidget = {
    getId: () => 'netplay.keyboardHint',
    getDomNode: () => hint,
    getPosition: () => ({
      preference: monaco.editor.OverlayWidgetPositionPreference.BOTTOM_RIGHT_CORNER,
    }),
  };
  editor.addOverlayWidget(widget);

  let armed = false;
  let tabMoves = false;
  // Focus that came from a pointer is not keyboard focus: no hint for it.
  let pointer = false;
  const render = () => {
    const focused = editor.hasTextFocus() && !pointer;
    const state: HintState = tabMoves ? 'moves' : armed ? 'armed' : 'indents';
    hint.hidden = !focused && !armed;
    hint.textContent = KEYBOARD_HINT[state];
    hint.dataset.state = state;
  };

  // Bubbling, past Monaco's keybindings (they listen on `host`, so this listens above it): an
  // Escape that closed a widget was stopped there and never arrives. (Monaco always calls
  // preventDefault on Escape, so that says nothing.)
  const outer = host.parentElement ?? host;
  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !host.contains(event.target as Node)) return;
    armed = true;
    pointer = false;
    render();
  };
  // Capturing, before Monaco sees it: the armed Tab goes to the browser, which moves focus.
  const onTab = (event: KeyboardEvent) => {
    if (!armed && !tabMoves) return;
    if (event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.stopPropagation();
    } else if (event.key !== 'Escape' && event.key !== 'Shift') {
      armed = false;
      render();
    }
  };
  const onPointer = () => {
    pointer = true;
    armed = false;
    render();
  };
  outer.addEventListener('keydown', onEscape);
  host.addEventListener('keydown', onTab, { capture: true });
  host.addEventListener('pointerdown', onPointer, { capture: true });

  const focus = editor.onDidFocusEditorText(render);
  const blur = editor.onDidBlurEditorText(() => {
    armed = false;
    pointer = false;
    render();
  });
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  editor.addCommand(
    (mac ? monaco.KeyMod.WinCtrl : monaco.KeyMod.CtrlCmd) | monaco.KeyCode.KeyM,
    () => {
      tabMoves = !tabMoves;
      armed = false;
      render();
    },
  );
  render();

  return () => {
    focus.dispose();
    blur.dispose();
    outer.removeEventListener('keydown', onEscape);
    host.removeEventListener('keydown', onTab, { capture: true });
    host.removeEventListener('pointerdown', onPointer, { capture: true });
    editor.removeOverlayWidget(widget);
  };
}
