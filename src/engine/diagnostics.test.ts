import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CATALOGUE, formatFieldValue, makeDiagnostic, severityOf, type DiagnosticCode } from './diagnostics';

describe('diagnostics catalogue', () => {
  it.each([
    ['a string is quoted', 'Web_App', '"Web_App"'],
    ['a number is bare', 80, '80'],
    ['a boolean is bare', true, 'true'],
    ['null', null, 'null'],
    ['a list as JSON', [1, 'a'], '[1,"a"]'],
  ])('formatFieldValue: %s', (_label, value, expected) => {
    expect(formatFieldValue(value)).toBe(expected);
  });

  it.each([
    ['field.required', { path: 'spec.ports[1].name' }, 'spec.ports[1].name: Required value'],
    ['field.required', { path: 'x', detail: 'why' }, 'x: Required value: why'],
    ['protocol.unsupported', { path: 'p', value: 'HTTP', supported: ['SCTP', 'TCP', 'UDP'] }, 'p: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ['field.forbidden', { path: 'p', detail: 'no' }, 'p: Forbidden: no'],
    ['field.duplicate', { path: 'p', value: 30080 }, 'p: Duplicate value: 30080'],
    ['kind.not-simulated', { kind: 'ConfigMap' }, 'ConfigMap is not simulated'],
  ] as const)('%s formats as the API server does', (code, params, message) => {
    const d = makeDiagnostic(code as DiagnosticCode, params as never, { path: 'p' });
    expect(d).toEqual({ code, severity: severityOf(code as DiagnosticCode), message, path: 'p' });
  });

  it('leaves out what is not given (JSON-safe, no undefined fields)', () => {
    const d = makeDiagnostic('kind.not-simulated', { kind: 'Secret' });
    expect(Object.keys(d).sort()).toEqual(['code', 'message', 'severity']);
  });

  it('every code has a severity and a template', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTIC_CATALOGUE)) {
      expect(['error', 'warning', 'info'], code).toContain(entry.severity);
      expect(typeof entry.message, code).toBe('function');
      expect(code).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/);
    }
  });
});
