import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../engine';
import { mergeProblems, type SchemaMarker } from './merge-problems';

const FILE = 'scenario.yaml';
const engine = (line: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'yaml.syntax',
  severity: 'error',
  message: 'YAML syntax error: bad indentation. This document was skipped.',
  range: { file: FILE, startLine: line, startColumn: 3, endLine: line, endColumn: 9 },
  ...extra,
});
const marker = (line: number, source: string, extra: Partial<SchemaMarker> = {}): SchemaMarker => ({
  severity: 8,
  message: 'All mapping items must start at the same column',
  source,
  startLineNumber: line,
  startColumn: 1,
  endLineNumber: line,
  endColumn: 20,
  ...extra,
});
const SCHEMA = 'yaml-schema: netplay://schemas/kubernetes.json';

describe('mergeProblems', () => {
  it("shows a syntax error once: the engine reports it, monaco-yaml's parser marker is dropped", () => {
    const p = mergeProblems([engine(7)], [marker(7, 'YAML')], FILE);
    expect(p.engine.map((m) => m.startLineNumber)).toEqual([7]);
    expect(p.schema).toEqual([]);
    expect([p.errors, p.warnings]).toEqual([1, 0]);
  });

  it('drops monaco-yaml parser notes on other lines too (the engine owns YAML syntax)', () => {
    const p = mergeProblems([engine(7)], [marker(8, 'YAML', { severity: 4 })], FILE);
    expect(p.schema).toEqual([]);
    expect([p.errors, p.warnings]).toEqual([1, 0]);
  });

  it('keeps a schema check the engine does not make, and counts it', () => {
    const unknownKey = marker(3, SCHEMA, {
      severity: 4,
      message: 'Property bogus is not allowed.',
    });
    const p = mergeProblems([], [unknownKey], FILE);
    expect(p.schema).toEqual([unknownKey]);
    expect([p.errors, p.warnings]).toEqual([0, 1]);
    expect(p.first).toEqual({ line: 3, message: 'Property bogus is not allowed.' });
  });

  it('drops a schema check on a line where the engine already reports a problem', () => {
    const wrongType = engine(12, {
      code: 'field.type',
      message: 'spec.ports[0].port: invalid type',
    });
    const p = mergeProblems(
      [wrongType],
      [marker(12, SCHEMA, { severity: 4, message: 'Incorrect type. Expected "integer".' })],
      FILE,
    );
    expect(p.schema).toEqual([]);
    expect([p.errors, p.warnings]).toEqual([1, 0]);
  });

  it('keeps a schema check beside an engine note (info is not a problem on that line)', () => {
    const note = engine(5, {
      severity: 'info',
      code: 'kind.not-simulated',
      message: 'ConfigMap is not simulated',
    });
    const p = mergeProblems([note], [marker(5, SCHEMA, { severity: 4 })], FILE);
    expect(p.schema).toHaveLength(1);
    expect([p.errors, p.warnings]).toEqual([0, 1]);
  });

  it("counts only this file's diagnostics, as the markers do", () => {
    const other = engine(2, {
      range: { file: 'other.yaml', startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 },
    });
    const p = mergeProblems([other, engine(4)], [], FILE);
    expect(p.engine).toHaveLength(1);
    expect(p.errors).toBe(1);
  });

  it('names the first error before any warning, engine first', () => {
    const warning = engine(1, {
      severity: 'warning',
      code: 'kind.unknown',
      message: 'Foo is not a kind',
    });
    const p = mergeProblems(
      [warning, engine(9)],
      [marker(2, SCHEMA, { severity: 8, message: 'x' })],
      FILE,
    );
    expect(p.first?.line).toBe(9);
    expect([p.errors, p.warnings]).toEqual([2, 1]);
  });

  it('says nothing when there is nothing', () => {
    expect(mergeProblems([], [], FILE)).toMatchObject({ errors: 0, warnings: 0, first: undefined });
  });
});
