import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../engine';
import { toMonacoMarkers } from './to-monaco-markers';

const at = (
  startLine: number,
  startColumn: number,
  endLine: number,
  endColumn: number,
  file = 'scenario.yaml',
) => ({
  file,
  startLine,
  startColumn,
  endLine,
  endColumn,
});
const diag = (extra: Partial<Diagnostic>): Diagnostic => ({
  code: 'x',
  severity: 'error',
  message: 'm',
  ...extra,
});

describe('toMonacoMarkers', () => {
  it.each([
    ['error', 8],
    ['warning', 4],
    ['info', 2],
  ] as const)('maps severity %s to %i', (severity, expected) => {
    expect(
      toMonacoMarkers([diag({ severity, range: at(1, 1, 1, 5) })], 'scenario.yaml')[0]?.severity,
    ).toBe(expected);
  });

  it('puts the marker at the diagnostic line and columns', () => {
    expect(toMonacoMarkers([diag({ range: at(12, 3, 12, 9) })], 'scenario.yaml')[0]).toMatchObject({
      startLineNumber: 12,
      startColumn: 3,
      endLineNumber: 12,
      endColumn: 9,
    });
  });

  it('widens an empty range to one character', () => {
    expect(toMonacoMarkers([diag({ range: at(4, 7, 4, 7) })], 'scenario.yaml')[0]?.endColumn).toBe(
      8,
    );
  });

  it('puts a diagnostic without a range on line 1, whole line', () => {
    expect(toMonacoMarkers([diag({})], 'scenario.yaml', 40)[0]).toMatchObject({
      startLineNumber: 1,
      endLineNumber: 1,
      startColumn: 1,
    });
  });

  it('clamps lines past the end of the model', () => {
    expect(
      toMonacoMarkers([diag({ range: at(99, 1, 120, 1) })], 'scenario.yaml', 10)[0],
    ).toMatchObject({ startLineNumber: 10, endLineNumber: 10 });
  });

  it('skips diagnostics about another file', () => {
    expect(
      toMonacoMarkers([diag({ range: at(1, 1, 1, 2, 'other.yaml') })], 'scenario.yaml'),
    ).toEqual([]);
  });

  it('prefixes the field path unless the message already starts with it', () => {
    const [a, b] = toMonacoMarkers(
      [
        diag({ path: 'spec.ports[0].port', message: 'bad' }),
        diag({ path: 'spec.x', message: 'spec.x: bad' }),
      ],
      'scenario.yaml',
    );
    expect([a?.message, b?.message]).toEqual(['spec.ports[0].port: bad', 'spec.x: bad']);
  });
});
