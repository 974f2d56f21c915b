import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeWorker } from '../engine-client/fake-worker';
import { createInProcessClient } from '../engine-client/in-process-client';
import { createWorkerClient } from '../engine-client/worker-client';
import type { EngineClient } from '../engine-client/protocol';
import { createAppController, type EditorSink } from './app-controller';
import { applyTextEdit } from './features/editor/fix-edit';
import { createAppStore, selectTrace } from './store/app-store';

const seed = readFileSync(new URL('../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const broken = seed.replace(/# Lets the ingress[\s\S]*?---\n/, '');

async function setup(text = seed, client: EngineClient = createInProcessClient()) {
  const store = createAppStore(text);
  const controller = createAppController(store, client);
  await controller.load(text);
  return { store, controller };
}

/** An editor that applies every edit to its own text and records it (one entry per undo step). */
function attachFakeEditor(controller: ReturnType<typeof createAppController>) {
  const editor = { text: seed, edits: [] as unknown[] };
  controller.attachEditor({
    applyEdit(edit) {
      editor.edits.push(edit);
      editor.text = applyTextEdit(editor.text, edit);
      return true;
    },
    getText: () => editor.text,
  });
  return editor;
}

describe('app controller: sending packets', () => {
  it('Send 10 traces seeds 0..9 and lands on both backend pods', async () => {
    const { store, controller } = await setup();
    await controller.send('pod/default/frontend-0', 'service/default/backend-service:8080', {
      count: 10,
    });
    const { traces, traceText, flight } = store.getState();
    expect(traces).toHaveLength(10);
    expect(traceText).toBe(seed);
    expect(flight).toBe('flying');
    const pods = new Set(traces.map((t) => t.hops.at(-1)!.ref));
    expect([...pods].sort()).toEqual(['pod/default/backend-0', 'pod/default/backend-1']);
    controller.dispose();
  });

  it('two sends at once: both answer, in order, and the newest is on screen', async () => {
    const { store, controller } = await setup();
    const [a, b] = await Promise.all([
      controller.send('internet', 'http://example.com/api'),
      controller.send('internet', 'http://example.com/auth'),
    ]);
    expect(a?.to).toBe('http://example.com/api');
    expect(b?.to).toBe('http://example.com/auth');
    expect(selectTrace(store.getState())?.to).toBe('http://example.com/auth');
    controller.dispose();
  });

  it.each([
    [
      'a pod that is not in the YAML',
      'pod/default/gone-0',
      'service/default/backend-service:8080',
      /gone-0/,
    ],
    ['no source', '  ', 'http://example.com/api', /From/],
    ['no destination', 'internet', '', /To/],
  ])('%s: a message, no flight', async (_, from, to, message) => {
    const { store, controller } = await setup();
    await controller.send(from, to);
    expect(store.getState().traceStatus).toBe('error');
    expect(store.getState().traceMessage).toMatch(message);
    expect(store.getState().flight).toBe('idle');
    controller.dispose();
  });

  it('a trace answered for a text that changed meanwhile is asked again for the new text', async () => {
    const inner = createInProcessClient();
    const ref: { store?: ReturnType<typeof createAppStore> } = {};
    let edited = false;
    const client: EngineClient = {
      ...inner,
      async call(type, params) {
        const outcome = await inner.call(type, params);
        if (type === 'trace' && !edited && ref.store) {
          // The user deletes the policy while the engine works on the old text.
          edited = true;
          const analysis = await inner.call('simulate', { text: broken });
          if (analysis.status === 'ok') ref.store.getState().simulationFinished(broken, analysis);
        }
        return outcome;
      },
    };
    const made = await setup(seed, client);
    ref.store = made.store;
    const trace = await made.controller.send('internet', 'http://example.com/api');
    expect(trace?.verdict).toBe('deny');
    expect(made.store.getState().traceText).toBe(broken);
    made.controller.dispose();
  });
});

describe('app controller: applying a fix', () => {
  it('without an editor: the text changes, and the packet is sent again and passes', async () => {
    const { store, controller } = await setup(broken);
    const dropped = await controller.send('internet', 'http://example.com/api');
    const fix = dropped!.hops.find((h) => h.fix)!.fix!;
    const after = await controller.applyFix(fix);
    expect(after?.verdict).toBe('allow');
    expect(store.getState().text).not.toBe(broken);
    expect(store.getState().text).toContain('app.kubernetes.io/name: ingress-nginx');
    expect(store.getState().revision).toBeGreaterThan(1);
    controller.dispose();
  });

  it('with an editor: one edit goes through it (its undo step), the store follows', async () => {
    const { store, controller } = await setup(broken);
    let text = broken;
    const edits: unknown[] = [];
    const editor: EditorSink = {
      applyEdit(edit) {
        edits.push(edit);
        text = applyTextEdit(text, edit);
        return true;
      },
      getText: () => text,
    };
    controller.attachEditor(editor);
    const dropped = await controller.send('internet', 'http://example.com/api');
    const revision = store.getState().revision;
    const after = await controller.applyFix(dropped!.hops.find((h) => h.fix)!.fix!);
    expect(edits).toHaveLength(1);
    expect(after?.verdict).toBe('allow');
    expect(store.getState().text).toBe(text);
    // Not a replacement from outside: the editor keeps its model (and its undo stack).
    expect(store.getState().revision).toBe(revision);
    controller.dispose();
  });

  it('refuses when the text changed since the packet was sent', async () => {
    const { store, controller } = await setup(broken);
    const dropped = await controller.send('internet', 'http://example.com/api');
    controller.textTyped(`${broken}\n# typed`);
    const after = await controller.applyFix(dropped!.hops.find((h) => h.fix)!.fix!);
    expect(after).toBeUndefined();
    expect(store.getState().banner?.message).toMatch(/text changed/);
    expect(store.getState().text).toBe(`${broken}\n# typed`);
    controller.dispose();
  });
});

describe('app controller: an engine that gets stuck', () => {
  afterEach(() => vi.useRealTimers());

  const stuckOn = (word: string) => {
    vi.useFakeTimers();
    const client = createWorkerClient({
      timeoutMs: 3000,
      createWorker: () =>
        createFakeWorker({ hang: (r) => r.type === 'simulate' && r.params.text.includes(word) }),
    });
    const store = createAppStore(seed);
    return { store, controller: createAppController(store, client) };
  };

  it('keeps the last good graph when an edit times out twice, and says so once', async () => {
    const { store, controller } = stuckOn('# STUCK');
    const first = controller.load(seed);
    await vi.advanceTimersByTimeAsync(50);
    await first;
    const good = store.getState().lastGood;
    expect(good?.graph.nodes.length).toBeGreaterThan(5);

    const stuck = controller.load(`${seed}\n# STUCK\n`);
    await vi.advanceTimersByTimeAsync(3500);
    // Restarted once and retrying: no banner yet, the graph is the good one.
    expect([store.getState().status, store.getState().banner]).toEqual(['pending', undefined]);
    await vi.advanceTimersByTimeAsync(3500);
    await stuck;
    const s = store.getState();
    expect(s.status).toBe('timeout');
    expect(s.lastGood).toBe(good);
    expect(s.lastGoodText).toBe(seed);
    expect(s.banner?.kind).toBe('error');
    expect(s.engineMessage).toMatch(/did not answer within 3 s/);
    controller.dispose();
  });

  it('the next edit after a timeout is analysed by the fresh worker', async () => {
    const { store, controller } = stuckOn('# STUCK');
    const stuck = controller.load(`${seed}\n# STUCK\n`);
    await vi.advanceTimersByTimeAsync(7000);
    await stuck;
    expect(store.getState().status).toBe('timeout');
    const fine = controller.load(seed);
    await vi.advanceTimersByTimeAsync(50);
    await fine;
    expect([store.getState().status, store.getState().lastGoodText]).toEqual(['ok', seed]);
    controller.dispose();
  });
});

describe('app controller: deleting a pod', () => {
  it('through the editor, as one edit: the pod goes into deletedPods and its Deployment replaces it', async () => {
    const { store, controller } = await setup();
    const editor = attachFakeEditor(controller);
    expect(await controller.deletePod('default/backend-0')).toBe(true);
    expect(editor.edits).toHaveLength(1);
    expect(store.getState().text).toBe(editor.text);
    expect(editor.text).toContain('deletedPods: [default/backend-0]');
    const pods = store.getState().lastGood?.cluster.pods.map((p) => p.name) ?? [];
    expect(pods).toContain('backend-2');
    expect(pods).not.toContain('backend-0');
    controller.dispose();
  });

  it('refuses while the text is not yet analysed', async () => {
    const { store, controller } = await setup();
    controller.textTyped(`${seed}\n# typed`);
    expect(await controller.deletePod('default/backend-0')).toBe(false);
    expect(store.getState().banner?.message).toMatch(/analysed/);
    expect(store.getState().text).toBe(`${seed}\n# typed`);
    controller.dispose();
  });
});

describe('app controller: choosing the CNI', () => {
  it('through the editor, as one edit: the Scenario cni: changes and the cluster follows', async () => {
    const { store, controller } = await setup();
    const editor = attachFakeEditor(controller);
    const other = store.getState().lastGood?.cluster.settings.cni === 'flannel' ? 'cilium' : 'flannel';
    expect(await controller.setCni(other)).toBe(true);
    expect(editor.edits).toHaveLength(1);
    expect(store.getState().text).toBe(editor.text);
    expect(store.getState().lastGood?.cluster.settings.cni).toBe(other);
    // The same CNI again: no edit at all.
    expect(await controller.setCni(other)).toBe(true);
    expect(editor.edits).toHaveLength(1);
    controller.dispose();
  });

  it('refuses while the text is not yet analysed', async () => {
    const { store, controller } = await setup();
    controller.textTyped(`${seed}\n# typed`);
    expect(await controller.setCni('weave')).toBe(false);
    expect(store.getState().banner?.message).toMatch(/analysed/);
    controller.dispose();
  });
});
