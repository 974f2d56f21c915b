import { describe, expect, it } from 'vitest';
import { compactViewStore, toCompactViews, toShownView } from './compact-layout';
import { toProblemLines } from './yaml-view-tools';

describe('small screens: the views a frame offers', () => {
  it('offers the graph first, then the YAML, the trace and the lesson', () => {
    expect(toCompactViews({ editorAllowed: true })).toEqual(['graph', 'yaml', 'trace', 'lesson']);
  });

  it('an embed without editor=1 offers the graph and the trace only', () => {
    expect(toCompactViews({ editorAllowed: false })).toEqual(['graph', 'trace']);
  });

  it('falls back to the graph when the chosen view is not offered', () => {
    expect(toShownView('yaml', ['graph', 'trace'])).toBe('graph');
    expect(toShownView('lesson', ['graph', 'trace'])).toBe('graph');
    expect(toShownView('trace', ['graph', 'trace'])).toBe('trace');
  });
});

describe('small screens: the view store', () => {
  it('starts on the graph, and the YAML view marks the editor as wanted from then on', () => {
    expect(compactViewStore.getState()).toMatchObject({ view: 'graph', yamlOpened: false });
    compactViewStore.getState().show('trace');
    expect(compactViewStore.getState()).toMatchObject({ view: 'trace', yamlOpened: false });
    compactViewStore.getState().show('yaml');
    compactViewStore.getState().show('graph');
    expect(compactViewStore.getState()).toMatchObject({ view: 'graph', yamlOpened: true });
  });
});

describe('small screens: the problems list', () => {
  it('lists the engine problems first, then the schema ones, with their lines and severity', () => {
    const lines = toProblemLines({
      engine: [
        {
          severity: 4,
          message: 'selector matches no pod',
          code: 'selector-matches-nothing',
          source: 'netplay',
          startLineNumber: 12,
          startColumn: 1,
          endLineNumber: 12,
          endColumn: 5,
        },
      ],
      schema: [
        {
          severity: 8,
          message: 'Incorrect type. Expected "integer".',
          startLineNumber: 3,
          startColumn: 1,
          endLineNumber: 3,
          endColumn: 9,
        },
      ],
      errors: 1,
      warnings: 1,
      first: { line: 3, message: 'Incorrect type. Expected "integer".' },
    });
    expect(lines).toEqual([
      { line: 12, message: 'selector matches no pod', error: false },
      { line: 3, message: 'Incorrect type. Expected "integer".', error: true },
    ]);
  });
});
