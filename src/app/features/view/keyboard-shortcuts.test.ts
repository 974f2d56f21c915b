import { describe, expect, it } from 'vitest';
import { isTypingTarget, SHORTCUTS, toShortcutAction } from './keyboard-shortcuts';

/** A stand-in element: `closest` answers for the selectors it is inside of. */
const element = (inside: string[] = [], editable = false) => ({
  isContentEditable: editable,
  closest: (selector: string) =>
    selector.split(',').some((s) => inside.includes(s.trim())) ? {} : null,
});

describe('toShortcutAction', () => {
  const body = element();
  it.each([
    ['ArrowLeft', 'step-back'],
    ['ArrowRight', 'step-forward'],
    ['k', 'play-pause'],
    ['K', 'play-pause'],
    ['f', 'fit'],
    ['F', 'fit'],
    ['p', 'presenter'],
    ['P', 'presenter'],
    ['?', 'help'],
  ] as const)('%s → %s', (key, action) => {
    expect(toShortcutAction({ key, target: body })).toBe(action);
  });

  it('ignores other keys', () => {
    for (const key of ['a', 'Enter', ' ', 'Escape', 'ArrowUp', '/'])
      expect(toShortcutAction({ key, target: body })).toBeUndefined();
  });

  it('ignores keys held with Ctrl, Alt or Meta (browser and editor shortcuts), and IME input', () => {
    expect(toShortcutAction({ key: 'f', target: body, ctrlKey: true })).toBeUndefined();
    expect(toShortcutAction({ key: 'p', target: body, metaKey: true })).toBeUndefined();
    expect(toShortcutAction({ key: 'ArrowLeft', target: body, altKey: true })).toBeUndefined();
    expect(toShortcutAction({ key: 'k', target: body, isComposing: true })).toBeUndefined();
  });

  it('never fires while the user types: Monaco, inputs, selects, editable text', () => {
    for (const inside of ['.monaco-editor', 'input', 'textarea', 'select'])
      expect(toShortcutAction({ key: 'k', target: element([inside]) })).toBeUndefined();
    expect(toShortcutAction({ key: 'f', target: element([], true) })).toBeUndefined();
  });
});

describe('isTypingTarget', () => {
  it('is false for the window or a non-element', () => {
    expect(isTypingTarget(undefined)).toBe(false);
    expect(isTypingTarget({})).toBe(false);
  });
});

describe('SHORTCUTS', () => {
  it('gives each key one action, each action a description and key caps', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SHORTCUTS) {
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.caps.length).toBeGreaterThan(0);
    }
  });
});
