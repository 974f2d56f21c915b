import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { toMonacoTheme } from '../features/view/view-controls';

describe('view slice', () => {
  it('starts by node, without labels on cards, nothing selected, light in Node', () => {
    const s = createAppStore('x').getState();
    expect([s.grouping, s.showLabels, s.selectedId, s.expanded, s.theme]).toEqual([
      'node',
      false,
      undefined,
      [],
      'light',
    ]);
  });

  it.each([
    [
      'setGrouping',
      (s: ReturnType<typeof createAppStore>) => s.getState().setGrouping('namespace'),
      'grouping',
      'namespace',
    ],
    [
      'setTheme',
      (s: ReturnType<typeof createAppStore>) => s.getState().setTheme('dark'),
      'theme',
      'dark',
    ],
    [
      'setShowLabels',
      (s: ReturnType<typeof createAppStore>) => s.getState().setShowLabels(true),
      'showLabels',
      true,
    ],
    [
      'select',
      (s: ReturnType<typeof createAppStore>) => s.getState().select('pod/default/a'),
      'selectedId',
      'pod/default/a',
    ],
  ] as const)('%s sets %s', (_name, act, key, value) => {
    const store = createAppStore('x');
    act(store);
    expect(store.getState()[key]).toBe(value);
  });

  it('toggles expanded groups, keeping the order they were opened in', () => {
    const store = createAppStore('x');
    const { toggleExpanded } = store.getState();
    toggleExpanded('pods/a');
    toggleExpanded('pods/b');
    toggleExpanded('pods/a');
    toggleExpanded('pods/c');
    expect(store.getState().expanded).toEqual(['pods/b', 'pods/c']);
  });

  it.each([
    ['light', 'netplay-light'],
    ['dark', 'vs-dark'],
    ['contrast', 'hc-light'],
  ] as const)('the %s theme gives Monaco %s', (theme, monaco) => {
    expect(toMonacoTheme(theme)).toBe(monaco);
  });
});
