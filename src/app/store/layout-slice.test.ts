import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { selectEditorHidden } from './layout-slice';

describe('layout slice: the editor column', () => {
  it.each([
    ['light', false],
    ['dark', false],
    ['contrast', true],
  ] as const)('in %s the editor starts hidden = %s', (theme, hidden) => {
    const store = createAppStore('x');
    store.getState().setTheme(theme);
    expect(selectEditorHidden(store.getState())).toBe(hidden);
  });

  it('a choice holds for its theme only: presenting hides it again after showing it in light', () => {
    const store = createAppStore('x');
    store.getState().setTheme('light');
    store.getState().setEditorHidden(true);
    expect(selectEditorHidden(store.getState())).toBe(true);
    store.getState().setTheme('contrast');
    expect(selectEditorHidden(store.getState())).toBe(true);
    store.getState().setEditorHidden(false);
    expect(selectEditorHidden(store.getState())).toBe(false);
    store.getState().setTheme('light');
    expect(selectEditorHidden(store.getState())).toBe(true);
    store.getState().setTheme('contrast');
    expect(selectEditorHidden(store.getState())).toBe(false);
  });
});
