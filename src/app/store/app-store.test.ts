import { describe, expect, it } from 'vitest';
import type { Analysis, Diagnostic, GraphNode } from '../../engine/types';
import { createAppStore, DEFAULT_DESTINATION, DEFAULT_SOURCE } from './app-store';

const analysisWith = (ids: string[], diagnostics: Diagnostic[] = []): Analysis => ({
  cluster: {} as Analysis['cluster'],
  graph: { nodes: ids.map((id) => ({ id }) as GraphNode), edges: [] },
  diagnostics,
  checks: [],
});

const syntaxError: Diagnostic = {
  code: 'yaml.syntax',
  severity: 'error',
  message: 'YAML syntax error: bad',
};
const invalidPort: Diagnostic = {
  code: 'port.range',
  severity: 'error',
  message: 'spec.ports[0].port: Invalid value',
};

describe('app store', () => {
  it('starts with the default packet ready: internet to http://example.com/api', () => {
    const s = createAppStore('x').getState();
    expect([s.source, s.destination, s.text]).toEqual([DEFAULT_SOURCE, DEFAULT_DESTINATION, 'x']);
    expect(DEFAULT_DESTINATION).toBe('http://example.com/api');
  });

  it.each([
    ['a readable result replaces the graph', [], 'ok', ['b']],
    ['a validation error still replaces the graph', [invalidPort], 'ok', ['b']],
    ['a YAML syntax error keeps the last good graph', [syntaxError], 'held', ['a']],
  ])('%s', (_name, diagnostics, status, shown) => {
    const store = createAppStore();
    store.getState().simulationFinished('t', { status: 'ok', value: analysisWith(['a']) });
    store
      .getState()
      .simulationFinished('t', { status: 'ok', value: analysisWith(['b'], diagnostics) });
    const s = store.getState();
    expect(s.status).toBe(status);
    expect(s.lastGood?.graph.nodes.map((n) => n.id)).toEqual(shown);
    expect(s.diagnostics).toEqual(diagnostics);
  });

  it('shows a broken first result rather than nothing', () => {
    const store = createAppStore();
    store
      .getState()
      .simulationFinished('t', { status: 'ok', value: analysisWith(['a'], [syntaxError]) });
    expect(store.getState().lastGood?.graph.nodes.map((n) => n.id)).toEqual(['a']);
  });

  it.each(['crash', 'timeout'] as const)('keeps the graph and the text after a %s', (status) => {
    const store = createAppStore('my text');
    store.getState().simulationFinished('t', { status: 'ok', value: analysisWith(['a']) });
    store.getState().simulationFinished('t', { status, message: 'boom' });
    const s = store.getState();
    expect([s.status, s.engineMessage, s.text]).toEqual([status, 'boom', 'my text']);
    expect(s.lastGood?.graph.nodes.map((n) => n.id)).toEqual(['a']);
  });

  it('bumps the revision only for text replaced from outside the editor', () => {
    const store = createAppStore();
    store.getState().setText('typed', 'typing');
    expect(store.getState().revision).toBe(0);
    store.getState().setText('loaded', 'api');
    expect(store.getState().revision).toBe(1);
  });

  it('records a trace error from the engine', () => {
    const store = createAppStore();
    store.getState().traceFinished({
      status: 'ok',
      value: [
        {
          from: 'internet',
          to: 'x',
          verdict: 'deny',
          endpoints: [],
          blocked: [],
          hops: [],
          notes: [],
          error: 'bad destination',
        },
      ],
    });
    expect([store.getState().traceStatus, store.getState().traceMessage]).toEqual([
      'error',
      'bad destination',
    ]);
  });

  it('starts a new flight on each send', () => {
    const store = createAppStore();
    store.getState().startFlight();
    store.getState().startFlight();
    expect([store.getState().flightId, store.getState().flight]).toEqual([2, 'flying']);
  });
});
