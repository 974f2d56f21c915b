/**
 * The presenter's keys, in one place: which key does what (the `?` overlay lists this table),
 * when a key press is ours (never while the user types in the editor, a field or a menu), and
 * one window listener that hands each press to its action.
 */
import { useEffect, useRef } from 'react';

export type ShortcutAction =
  'step-back' | 'step-forward' | 'play-pause' | 'fit' | 'presenter' | 'help';

export interface Shortcut {
  readonly action: ShortcutAction;
  /** `KeyboardEvent.key` values that trigger it (letters in both cases). */
  readonly keys: readonly string[];
  /** What the overlay shows on the key caps. */
  readonly caps: readonly string[];
  readonly description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'step-back', keys: ['ArrowLeft'], caps: ['←'], description: 'Back one hop' },
  { action: 'step-forward', keys: ['ArrowRight'], caps: ['→'], description: 'Next hop' },
  { action: 'play-pause', keys: ['k', 'K'], caps: ['K'], description: 'Play or pause the packet' },
  { action: 'fit', keys: ['f', 'F'], caps: ['F'], description: 'Fit the whole cluster in view' },
  {
    action: 'presenter',
    keys: ['p', 'P'],
    caps: ['P'],
    description: 'Presenter mode on or off (large type, the view follows the packet)',
  },
  { action: 'help', keys: ['?'], caps: ['?'], description: 'Show these keys' },
];

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s.action] as const)));

/** Where typing happens: the editor, fields, menus, anything editable. */
const TYPING =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor';

/** Whether a key press on `target` belongs to what the user is typing in. */
export function isTypingTarget(target: unknown): boolean {
  const el = target as { closest?: (selector: string) => unknown; isContentEditable?: boolean };
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable === true || el.closest(TYPING) !== null;
}

/**
 * The action a key press asks for, or undefined when it is not ours: a modifier (Ctrl, Alt,
 * Meta) is held, the user is typing, or an IME composes. Shift is allowed (`?` needs it).
 *
 * @example toShortcutAction({ key: 'k', target: document.body }) // 'play-pause'
 */
export function toShortcutAction(event: {
  readonly key: string;
  readonly target: unknown;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  readonly isComposing?: boolean;
}): ShortcutAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return undefined;
  const action = BY_KEY.get(event.key);
  if (!action || isTypingTarget(event.target)) return undefined;
  return action;
}

/** Listens on the window while mounted; `handlers` may change on every render. */
export function useKeyboardShortcuts(handlers: Readonly<Record<ShortcutAction, () => void>>) {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = toShortcutAction(event);
      if (!action) return;
      event.preventDefault();
      current.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
