import { describe, expect, it } from 'vitest';
import type { Analysis, Diagnostic, GraphNode, Hop, Trace } from '../../engine';
import { createAppStore, DEFAULT_DESTINATION, DEFAULT_SOURCE, selectTrace } from './app-store';

const analysisWith = (ids: string[], diagnostics: Diagnostic[] = []): Analysis => ({
  cluster: {} as Analysis['cluster'],
  graph: { nodes: ids.map((id) => ({ id }) as GraphNode), edges: [] },
  diagnostics,
  checks: [],
});

const traceTo = (to: string, hops: number, error?: string): Trace => ({
  from: 'internet',
  to,
  verdict: error ? 'deny' : 'allow',
  endpoints: [],
  blocked: [],
  hops: Array.from({ length: hops }, () => ({}) as Hop),
  notes: [],
  ...(error !== undefined ? { error } : {}),
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

  it('keeps the text an outside load replaced, for an editor that mounts later to undo to', () => {
    const store = createAppStore();
    store.getState().setText('mine', 'typing');
    store.getState().setText('from a file', 'api');
    expect(store.getState().replacedText).toBe('mine');
    store.getState().setText('typed again', 'typing');
    expect(store.getState().replacedText).toBeUndefined();
  });

  it('records a trace error from the engine, with nothing to fly', () => {
    const store = createAppStore();
    store
      .getState()
      .sendFinished({ status: 'ok', value: [traceTo('x', 0, 'bad destination')] }, 't', undefined);
    const s = store.getState();
    expect([s.traceStatus, s.traceMessage, s.flight, s.flightId]).toEqual([
      'error',
      'bad destination',
      'idle',
      1,
    ]);
  });

  it('starts a new flight on each answered send, and follows its first packet', () => {
    const store = createAppStore();
    store.getState().sendFinished({ status: 'ok', value: [traceTo('a', 2)] }, 't1', undefined);
    store
      .getState()
      .sendFinished({ status: 'ok', value: [traceTo('b', 2), traceTo('c', 2)] }, 't2', 0);
    const s = store.getState();
    expect([s.flightId, s.flight, s.flightHop, s.traceStatus, s.traceText, s.stagger]).toEqual([
      2,
      'flying',
      -1,
      'ok',
      't2',
      0,
    ]);
    expect(selectTrace(s)?.to).toBe('b');
  });

  it('stores the followed packet once: selecting another packet is what the trace becomes', () => {
    const store = createAppStore();
    store
      .getState()
      .sendFinished({ status: 'ok', value: [traceTo('b', 2), traceTo('c', 2)] }, 't', undefined);
    store.getState().selectPacket(1);
    expect(selectTrace(store.getState())?.to).toBe('c');
    store.getState().selectPacket(7);
    expect(store.getState().selectedPacket).toBe(1);
  });

  it.each([
    ['the engine crashed', { status: 'crash', message: 'boom' } as const, 'boom', undefined],
    [
      'the engine gave no trace',
      { status: 'ok', value: [] } as const,
      'The engine returned no trace.',
      't2',
    ],
  ])(
    'a send whose answer is unusable (%s): a message, no packets, the graph still',
    (_name, outcome, message, traceText) => {
      const store = createAppStore();
      store.getState().sendFinished({ status: 'ok', value: [traceTo('a', 2)] }, 't1', undefined);
      store.getState().setPlayStatus('playing');
      store.getState().sendFinished(outcome, 't2', undefined);
      const s = store.getState();
      expect([
        s.traceStatus,
        s.traceMessage,
        s.traces,
        s.traceText,
        s.flight,
        s.playStatus,
      ]).toEqual(['error', message, [], traceText, 'idle', 'idle']);
      expect(selectTrace(s)).toBeUndefined();
    },
  );

  it('a refused send (no From) says why and follows no packet', () => {
    const store = createAppStore();
    store.getState().sendFinished({ status: 'ok', value: [traceTo('a', 2)] }, 't1', undefined);
    store.getState().sendRefused('Pick where the packet starts (From), then press Send.');
    const s = store.getState();
    expect([s.traceStatus, s.traceMessage, selectTrace(s)]).toEqual([
      'error',
      'Pick where the packet starts (From), then press Send.',
      undefined,
    ]);
  });
});
