import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  Analysis,
  Cluster,
  InputFile,
  Query,
  ReachabilityMatrix,
  Trace,
} from '../engine';
import { createEngineHandler } from './handler';
import { createInProcessClient } from './in-process-client';
import { createWorkerClient } from './worker-client';
import { createFakeWorker, type FakeWorker } from './fake-worker';
import { createEngineBridge } from './bridge';
import {
  isEngineRequest,
  type EngineClient,
  type EngineEvent,
  type EngineRequest,
  type EngineResponse,
} from './protocol';

// The contract is about the protocol, not the engine's answers: a stand-in engine whose output
// is derived from the text, and which throws on the word CRASH (as a buggy engine would).
vi.mock('../engine/simulate', () => ({
  // The session asks for the documents too (the editor's hovers read them): none here.
  analyseDocuments: (files: readonly InputFile[]) => ({ analysis: fakeSimulate(files), documents: [] }),
  simulate: (files: readonly InputFile[]): Analysis => fakeSimulate(files),
  traceQueries: (cluster: Cluster, queries: readonly Query[]): Trace[] => fakeTrace(cluster, queries),
}));

function fakeSimulate(files: readonly InputFile[]): Analysis {
  const text = files[0]?.text ?? '';
  if (text.includes('CRASH')) throw new Error('boom in buildCluster');
  const names = text.split(/\s+/).filter(Boolean);
  return {
    cluster: { pods: names.map((n) => ({ ref: `pod/default/${n}` })) } as unknown as Cluster,
    graph: { nodes: names.map((n) => ({ id: `pod/default/${n}` }) as never), edges: [] },
    diagnostics: [],
    checks: [],
  };
}

function fakeTrace(cluster: Cluster, queries: readonly Query[]): Trace[] {
  return queries.map((q) => {
    if (q.to === 'CRASH') throw new Error('boom in traceQuery');
    return {
      from: q.from,
      to: q.to,
      verdict: cluster.pods.some((p) => p.ref === q.to) ? 'allow' : 'deny',
      endpoints: [],
      blocked: [],
      hops: [],
      notes: [],
    };
  });
}

// A stand-in matrix: one pod per word, `.` on the diagonal and from pods whose name starts with
// "a", `X` elsewhere; a pod named BOOM makes it throw.
vi.mock('../engine/policy/matrix', () => ({
  computeMatrix: (cluster: Cluster): ReachabilityMatrix => {
    const pods = cluster.pods.map((p) => p.ref.slice('pod/'.length));
    if (pods.some((p) => p.endsWith('/BOOM'))) throw new Error('boom in computeMatrix');
    const rows = pods.map((from, i) =>
      pods.map((_, j) => (i === j || from.startsWith('default/a') ? '.' : 'X')).join(''),
    );
    return {
      pods,
      podClasses: pods.map((_, i) => i),
      expandLimit: 1000,
      ports: [{ port: 80, protocol: 'TCP', rows, classRows: rows }],
      enforced: true,
      notes: [],
    };
  },
}));

const clients: EngineClient[] = [];
afterEach(() => {
  clients.splice(0).forEach((c) => c.dispose());
  vi.useRealTimers();
});

const implementations: [string, () => EngineClient][] = [
  ['in-process client', () => createInProcessClient()],
  [
    'worker client (handler in a fake worker)',
    () => createWorkerClient({ createWorker: () => createFakeWorker() }),
  ],
];

describe.each(implementations)('engine client contract: %s', (_name, make) => {
  const client = () => {
    const c = make();
    clients.push(c);
    return c;
  };

  it('answers a simulate with the analysis of that text', async () => {
    const outcome = await client().call('simulate', { text: 'a b' });
    expect(outcome.status).toBe('ok');
    if (outcome.status === 'ok')
      expect(outcome.value.graph.nodes.map((n) => n.id)).toEqual([
        'pod/default/a',
        'pod/default/b',
      ]);
  });

  it('answers traces against the given text, in query order', async () => {
    const outcome = await client().call('trace', {
      text: 'a b',
      queries: [
        { from: 'internet', to: 'pod/default/b' },
        { from: 'internet', to: 'pod/default/z' },
      ],
    });
    expect(outcome.status === 'ok' && outcome.value.map((t) => t.verdict)).toEqual([
      'allow',
      'deny',
    ]);
  });

  it('reports an engine exception as a crash with its message', async () => {
    const c = client();
    expect(await c.call('simulate', { text: 'x CRASH' })).toEqual({
      status: 'crash',
      message: 'internal error in the engine (simulate): boom in buildCluster',
    });
    // and keeps working afterwards
    expect((await c.call('simulate', { text: 'ok' })).status).toBe('ok');
  });

  it('answers a query the engine throws on with its error, and the other queries (as the CLI)', async () => {
    const outcome = await client().call('trace', {
      text: 'a',
      queries: [
        { from: 'internet', to: 'CRASH' },
        { from: 'internet', to: 'pod/default/a' },
      ],
    });
    expect(outcome.status === 'ok' && outcome.value.map((t) => [t.verdict, t.error])).toEqual([
      ['deny', 'internal error in the engine (trace): boom in traceQuery'],
      ['allow', undefined],
    ]);
  });

  it('drops the answer to a simulate overtaken by a newer one', async () => {
    const c = client();
    const first = c.call('simulate', { text: 'old' });
    const second = c.call('simulate', { text: 'new text' });
    expect(await first).toEqual({ status: 'stale' });
    const latest = await second;
    expect(latest.status === 'ok' && latest.value.graph.nodes.map((n) => n.id)).toEqual([
      'pod/default/new',
      'pod/default/text',
    ]);
  });

  it('answers a matrix for the given text', async () => {
    const outcome = await client().call('matrix', { text: 'a b' });
    expect(outcome.status).toBe('ok');
    if (outcome.status === 'ok') {
      expect(outcome.value.pods).toEqual(['default/a', 'default/b']);
      expect(outcome.value.ports[0]!.rows).toEqual(['..', 'X.']);
    }
  });

  it('reports a matrix exception as a crash and keeps answering', async () => {
    const c = client();
    expect(await c.call('matrix', { text: 'a BOOM' })).toEqual({
      status: 'crash',
      message: 'internal error in the engine (matrix): boom in computeMatrix',
    });
    const next = await c.call('matrix', { text: 'b' });
    expect(next.status === 'ok' && next.value.pods).toEqual(['default/b']);
  });

  it('drops the answer to a matrix overtaken by a newer one, independently of simulate', async () => {
    const c = client();
    const first = c.call('matrix', { text: 'a' });
    const sim = c.call('simulate', { text: 'a' });
    const second = c.call('matrix', { text: 'b c' });
    expect(await first).toEqual({ status: 'stale' });
    expect((await sim).status).toBe('ok');
    const latest = await second;
    expect(latest.status === 'ok' && latest.value.pods).toEqual(['default/b', 'default/c']);
  });

  it('keeps simulate and trace requests independent', async () => {
    const c = client();
    const sim = c.call('simulate', { text: 'a' });
    const tr = c.call('trace', { text: 'a', queries: [{ from: 'internet', to: 'pod/default/a' }] });
    expect((await sim).status).toBe('ok');
    expect((await tr).status).toBe('ok');
  });
});

describe('protocol handler (what the worker wraps)', () => {
  it('echoes the request id and type', () => {
    const handle = createEngineHandler();
    const r = handle({ id: 42, type: 'simulate', params: { text: 'p' } });
    expect([r.id, r.type, r.status]).toEqual([42, 'simulate', 'ok']);
    const t = handle({ id: 43, type: 'trace', params: { text: 'p', queries: [] } });
    expect([t.id, t.type, t.status]).toEqual([43, 'trace', 'ok']);
    const m = handle({ id: 44, type: 'matrix', params: { text: 'p' } });
    expect([m.id, m.type, m.status]).toEqual([44, 'matrix', 'ok']);
  });

  it('answers with plain, cloneable data', () => {
    const handle = createEngineHandler();
    const r = handle({ id: 1, type: 'simulate', params: { text: 'a b' } });
    expect(structuredClone(r)).toEqual(r);
  });

  it('reuses the matrix of an unchanged text and recomputes it for a new one', () => {
    const handle = createEngineHandler();
    const a = handle({ id: 1, type: 'matrix', params: { text: 'a b' } });
    const again = handle({ id: 2, type: 'matrix', params: { text: 'a b' } });
    const other = handle({ id: 3, type: 'matrix', params: { text: 'a b c' } });
    const matrixOf = (r: EngineResponse<'matrix'>) => (r.status === 'ok' ? r.result : null);
    expect(matrixOf(again)).toBe(matrixOf(a));
    expect(matrixOf(other)?.pods).toEqual(['default/a', 'default/b', 'default/c']);
  });

  it('checks the envelope of requests from outside (the worker message check)', () => {
    expect(isEngineRequest({ id: 1, type: 'matrix', params: { text: 'a' } })).toBe(true);
    expect(isEngineRequest({ id: 1, type: 'matrix' })).toBe(false);
    expect(isEngineRequest({ id: '1', type: 'matrix', params: {} })).toBe(false);
    expect(isEngineRequest({ id: 1, type: 'matrix', params: null })).toBe(false);
  });

  it('answers an unknown request type as a crash with the same id', () => {
    const handle = createEngineHandler();
    const r = handle({ id: 5, type: 'matrices', params: {} } as unknown as EngineRequest);
    expect(r).toEqual({
      id: 5,
      type: 'matrices',
      status: 'crash',
      message: 'unknown request type "matrices"',
    });
  });

  it('turns a throw into a crash response with the same id', () => {
    const r = createEngineHandler()({ id: 7, type: 'simulate', params: { text: 'CRASH' } });
    expect(r).toEqual({
      id: 7,
      type: 'simulate',
      status: 'crash',
      message: 'internal error in the engine (simulate): boom in buildCluster',
    });
  });
});

/** A main thread busy with something else for `ms` (a long layout, a big paste). */
function blockMainThread(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('worker watchdog: it times the engine where it runs', () => {
  const watched = (make: (worker: number) => FakeWorker, timeoutMs = 3000) => {
    const workers: FakeWorker[] = [];
    const c = createWorkerClient({
      timeoutMs,
      now: () => Date.now(),
      createWorker: () => {
        const w = make(workers.length);
        workers.push(w);
        return w;
      },
    });
    clients.push(c);
    const events: EngineEvent[] = [];
    c.onEvent((e) => events.push(e));
    return { c, workers, events };
  };

  it('a worker slow to start (loading under CPU load) is not taken for a hung engine', async () => {
    vi.useFakeTimers();
    const { c, events } = watched(() => createFakeWorker({ startMs: 5000 }));
    const answer = c.call('simulate', { text: 'a' });
    await vi.advanceTimersByTimeAsync(5100);
    expect((await answer).status).toBe('ok');
    expect(events).toEqual([]);
  });

  it('a main thread busy past the limit does not count against the engine', async () => {
    // Real timers: the worker's messages wait behind the main thread's overdue timers, as a
    // browser may order them after a long task.
    const { c, events } = watched(
      () => createFakeWorker({ deliver: (send) => setImmediate(send) }),
      100,
    );
    const answer = c.call('simulate', { text: 'a b' });
    blockMainThread(400);
    expect((await answer).status).toBe('ok');
    expect(events).toEqual([]);
  });

  it('a main thread blocked between two ticks counts as two ticks at most', async () => {
    vi.useFakeTimers();
    const { c, events } = watched(() => createFakeWorker({ workMs: 2500 }));
    const answer = c.call('simulate', { text: 'a' });
    await vi.advanceTimersByTimeAsync(1000);
    vi.setSystemTime(Date.now() + 4000); // the clock moves on, no timer runs
    await vi.advanceTimersByTimeAsync(1600);
    expect((await answer).status).toBe('ok');
    expect(events).toEqual([]);
  });

  it('a stuck engine is restarted and its request retried once, then given up as a timeout', async () => {
    vi.useFakeTimers();
    const { c, workers, events } = watched(() =>
      createFakeWorker({ hang: (r) => r.type === 'simulate' && r.params.text === 'hang' }),
    );
    const hung = c.call('simulate', { text: 'hang' });
    await vi.advanceTimersByTimeAsync(2900);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(400); // the limit, give or take one tick
    expect(events.map((e) => e.type === 'restarted' && e.retrying)).toEqual([true]);
    await vi.advanceTimersByTimeAsync(3500);
    const outcome = await hung;
    expect(outcome.status).toBe('timeout');
    expect(outcome.status === 'timeout' && outcome.message).toMatch(/did not answer within 3 s/);
    expect(events.map((e) => e.type === 'restarted' && e.retrying)).toEqual([true, false]);
    expect(workers.map((w) => w.terminated)).toEqual([true, true, false]);
    // The third worker answers the next request.
    const next = c.call('simulate', { text: 'fine' });
    await vi.advanceTimersByTimeAsync(10);
    expect((await next).status).toBe('ok');
  });

  it('a request the engine got stuck on once is answered by the retry, with no timeout', async () => {
    vi.useFakeTimers();
    const { c, events } = watched((n) => createFakeWorker({ hang: () => n === 0 }));
    const answer = c.call('simulate', { text: 'a b' });
    await vi.advanceTimersByTimeAsync(3500);
    const outcome = await answer;
    expect(outcome.status === 'ok' && outcome.value.graph.nodes.length).toBe(2);
    expect(events.map((e) => e.type === 'restarted' && e.retrying)).toEqual([true]);
  });

  it('requests waiting behind a stuck one go to the new worker, not lost', async () => {
    vi.useFakeTimers();
    const { c } = watched(() => createFakeWorker({ hang: (r) => r.type === 'simulate' }));
    const hung = c.call('simulate', { text: 'a' });
    const matrix = c.call('matrix', { text: 'a b' });
    // Stuck twice on the simulate (the retry goes first again), then it is given up.
    await vi.advanceTimersByTimeAsync(7000);
    expect((await hung).status).toBe('timeout');
    const answered = await matrix;
    expect(answered.status === 'ok' && answered.value.pods).toEqual(['default/a', 'default/b']);
  });

  it('does not fire while answers keep arriving', async () => {
    vi.useFakeTimers();
    const { c, events } = watched(() => createFakeWorker({ workMs: 2000 }));
    for (let i = 0; i < 5; i++) {
      const p = c.call('simulate', { text: `t${i}` });
      await vi.advanceTimersByTimeAsync(2100);
      expect((await p).status).toBe('ok');
    }
    expect(events).toEqual([]);
  });
});

describe('engine bridge', () => {
  it('debounces typing and simulates only the last text', async () => {
    vi.useFakeTimers();
    const client = createInProcessClient();
    const seen: string[] = [];
    const bridge = createEngineBridge({
      client,
      debounceMs: 150,
      onSimulated: (text) => seen.push(text),
    });
    bridge.textChanged('a');
    await vi.advanceTimersByTimeAsync(100);
    bridge.textChanged('a b');
    await vi.advanceTimersByTimeAsync(100);
    bridge.textChanged('a b c');
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual(['a b c']);
    bridge.dispose();
  });

  it('passes a crash through with the text it was about', async () => {
    const client = createInProcessClient();
    const seen: [string, string][] = [];
    const bridge = createEngineBridge({
      client,
      onSimulated: (text, o) => seen.push([text, o.status]),
    });
    await bridge.simulateNow('CRASH');
    expect(seen).toEqual([['CRASH', 'crash']]);
    bridge.dispose();
  });
});
