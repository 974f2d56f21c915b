import { describe, expect, it } from 'vitest';
import { createEngineHandler } from './handler';
import type { EngineRequestType, EngineParams, EngineResult } from './protocol';

const TEXT = `apiVersion: v1
kind: Pod
metadata: {name: backend-0, labels: {app: backend}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector:
    matchLabels:
      app: backend
---
apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  selector: {app: backend}
  ports: [{port: 80}]
`;

function client() {
  const handle = createEngineHandler();
  let id = 0;
  return <K extends EngineRequestType>(type: K, params: EngineParams<K>): EngineResult<K> => {
    const response = handle({ id: ++id, type, params });
    if (response.status !== 'ok') throw new Error(response.message);
    return response.result;
  };
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the editor requests', () => {
  it('explainAt answers from the analysis of the text', () => {
    const ask = client();
    ask('simulate', { text: TEXT });
    expect(ask('explainAt', { text: TEXT, line: 1, column: 3 })).toBeNull(); // apiVersion: nothing to say
    const line = lineOf(TEXT, '      app: backend');
    expect(ask('explainAt', { text: TEXT, line, column: 12 })).toMatchObject({
      contents: ['podSelector selects 1 pod: default/backend-0', 'The policy isolates them for ingress.'],
      stale: false,
    });
  });

  it('on a text with a syntax error: the last readable analysis, marked stale, for a line that still means the same', () => {
    const ask = client();
    ask('simulate', { text: TEXT });
    // The policy's own document breaks below the cursor (another broken document would not
    // matter: the others still parse, and answer fresh).
    const broken = TEXT.replace('      app: backend\n', '      app: backend\n  ingress: [oops\n');
    ask('simulate', { text: broken });
    const line = lineOf(broken, '      app: backend');
    expect(ask('explainAt', { text: broken, line, column: 12 })).toMatchObject({
      contents: ['podSelector selects 1 pod: default/backend-0', 'The policy isolates them for ingress.'],
      stale: true,
      range: { startLine: line },
    });
  });

  it('never a wrong line: below a syntax error in its own document, no answer', () => {
    const ask = client();
    ask('simulate', { text: TEXT });
    const broken = TEXT.replace('  podSelector:\n', '  podSelector: [\n');
    const line = lineOf(broken, '      app: backend');
    expect(ask('explainAt', { text: broken, line, column: 12 })).toBeNull();
  });

  it('code lenses, and on a broken text the ones whose lines still hold', () => {
    const ask = client();
    // Before any analysis there is nothing to say (a lens request never analyses).
    expect(ask('codeLenses', { text: TEXT })).toEqual([]);
    ask('simulate', { text: TEXT });
    const lenses = ask('codeLenses', { text: TEXT });
    expect(lenses.map((l) => [l.line, l.title])).toEqual([
      [lineOf(TEXT, 'kind: NetworkPolicy') - 1, 'isolates 1 pod for ingress · admits nothing in'],
      [lineOf(TEXT, 'kind: Service') - 1, '1 ready endpoint'],
    ]);
    const broken = `kind: [oops\n---\n${TEXT}`;
    ask('simulate', { text: broken });
    expect(ask('codeLenses', { text: broken }).map((l) => l.line)).toEqual(lenses.map((l) => l.line + 2));
    // A text not analysed yet: the last readable lenses on the lines that still hold them.
    const typed = `# a comment\n${TEXT}`;
    expect(ask('codeLenses', { text: typed }).map((l) => l.line)).toEqual(lenses.map((l) => l.line + 1));
  });

  it('completeAt and quickFixes', () => {
    const ask = client();
    ask('simulate', { text: TEXT });
    const text = TEXT.replace('selector: {app: backend}', 'selector: {app: b}');
    const at = { line: lineOf(text, 'selector: {app: b}'), column: '  selector: {app: b'.length + 1 };
    expect(ask('completeAt', { text, ...at })?.items.map((i) => i.label)).toEqual(['backend']);
    // The light bulb's question does not analyse a text not analysed yet; Ctrl+.'s does.
    expect(ask('quickFixes', { text, startLine: at.line, endLine: at.line })).toEqual([]);
    const fixes = ask('quickFixes', { text, startLine: at.line, endLine: at.line, analyse: true });
    expect(fixes.map((f) => f.title)).toEqual(['Select app: backend (1 pod in default)']);
    expect(ask('quickFixes', { text, startLine: at.line, endLine: at.line })).toEqual(fixes);
  });
});
