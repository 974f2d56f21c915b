import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../../store/app-store';
import type { OpenLesson } from '../../store/lesson-slice';
import type { Lesson } from '../lessons/lesson-file';
import { startAutosave, type AutosaveStart } from './autosave-controller';
import { PLAYGROUND, autosaveKey, readAutosave, writeAutosave } from './autosave-storage';

const SEED = 'kind: Seed\n';
const DELAY = 800;

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  } as unknown as Storage & { data: Map<string, string> };
}

const lesson = (slug: string, start: string): OpenLesson => ({
  lesson: { slug, steps: [{ hints: [] }] } as unknown as Lesson,
  start,
  solution: 'kind: Solution\n',
});

function setup(storage: Storage) {
  const start: AutosaveStart = {
    text: SEED,
    context: PLAYGROUND,
    notice: undefined,
    storage,
    playgroundStart: SEED,
  };
  const store = createAppStore(start.text);
  const load = vi.fn((text: string, origin: 'api' | 'share' | 'default' = 'api') => {
    store.getState().setText(text, origin);
    return Promise.resolve();
  });
  const autosave = startAutosave(store, { load }, start, {
    now: () => 42,
    delayMs: DELAY,
  });
  const type = (text: string) => store.getState().setText(text, 'typing');
  return { store, load, autosave, type };
}

/** Opens a lesson as the lesson controller does: the lesson first, then its text. */
async function openLesson(store: AppStore, open: OpenLesson) {
  store.getState().lessonOpened(open, 0);
  store.getState().setText(open.start, 'api');
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('autosave', () => {
  it('saves typing after the pause, under the playground; back at the start forgets it', async () => {
    const storage = memoryStorage();
    const { type, autosave } = setup(storage);
    type('kind: Edited\n');
    expect(storage.data.size).toBe(0); // not on the keystroke
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({
      status: 'ok',
      entry: { text: 'kind: Edited\n', savedAt: 42 },
    });
    type(SEED);
    autosave.flush();
    expect(readAutosave(storage, PLAYGROUND)).toEqual({ status: 'none' });
  });

  it('keeps each lesson apart and restores a lesson opened at its start, with Discard', async () => {
    const storage = memoryStorage();
    writeAutosave(storage, { kind: 'lesson', slug: 'nodeport' }, 'kind: MyNodeport\n', 7);
    const { store, type, autosave } = setup(storage);
    type('kind: Playground\n'); // still waiting for the pause when the lesson opens
    await openLesson(store, lesson('nodeport', 'kind: NodeportStart\n'));
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({
      entry: { text: 'kind: Playground\n' },
    });
    expect(store.getState().text).toBe('kind: MyNodeport\n');
    expect(autosave.getNotice()).toEqual({
      kind: 'restored',
      savedAt: 7,
      discardText: 'kind: NodeportStart\n',
    });

    type('kind: MyNodeport2\n');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(storage.data.get(autosaveKey({ kind: 'lesson', slug: 'nodeport' }))).toContain(
      'MyNodeport2',
    );
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({
      entry: { text: 'kind: Playground\n' },
    });

    await autosave.discard();
    expect(store.getState().text).toBe('kind: NodeportStart\n');
    expect(readAutosave(storage, { kind: 'lesson', slug: 'nodeport' })).toEqual({ status: 'none' });
    expect(autosave.getNotice()).toBeUndefined();
  });

  it('a link never overwrites the work: the notice offers to go back until the learner edits', async () => {
    const storage = memoryStorage();
    const { store, type, autosave, load } = setup(storage);
    type('kind: Work\n');
    // The link arrives before the pause: the work is saved first, then the link shown.
    store.getState().setText('kind: Link\n', 'share');
    expect(store.getState().text).toBe('kind: Link\n');
    expect(autosave.getNotice()).toMatchObject({ kind: 'link-opened', savedText: 'kind: Work\n' });
    await vi.advanceTimersByTimeAsync(DELAY * 2);
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({ entry: { text: 'kind: Work\n' } });

    await autosave.goBack();
    expect(load).toHaveBeenLastCalledWith('kind: Work\n', 'api');
    expect(store.getState().text).toBe('kind: Work\n');
    expect(autosave.getNotice()).toBeUndefined();
  });

  it('an edit after a link saves the edited link text (the way back stays in the notice)', async () => {
    const storage = memoryStorage();
    writeAutosave(storage, PLAYGROUND, 'kind: Work\n', 1);
    const { store, type, autosave } = setup(storage);
    store.getState().setText('kind: Link\n', 'share');
    type('kind: LinkEdited\n');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({
      entry: { text: 'kind: LinkEdited\n' },
    });
    await autosave.goBack();
    expect(store.getState().text).toBe('kind: Work\n');
  });

  it('a full storage warns once and leaves the text alone; a later save clears the warning', async () => {
    const storage = memoryStorage();
    let full = true;
    storage.setItem = (key: string, value: string) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      storage.data.set(key, value);
    };
    const { store, type, autosave } = setup(storage);
    type('kind: A\n');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(autosave.getNotice()).toEqual({ kind: 'quota' });
    expect(store.getState().text).toBe('kind: A\n');
    autosave.dismiss();
    type('kind: B\n');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(autosave.getNotice()).toBeUndefined(); // warned once
    full = false;
    type('kind: C\n');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({ entry: { text: 'kind: C\n' } });
  });

  it('a corrupt lesson entry is ignored with a notice; the lesson opens at its start', async () => {
    const storage = memoryStorage();
    storage.data.set(autosaveKey({ kind: 'lesson', slug: 'cni' }), '{not json');
    const { store, autosave } = setup(storage);
    await openLesson(store, lesson('cni', 'kind: CniStart\n'));
    expect(store.getState().text).toBe('kind: CniStart\n');
    expect(autosave.getNotice()).toMatchObject({ kind: 'corrupt' });
  });

  it('leaving a lesson saves its last edits under the lesson and reopens the playground work', async () => {
    const storage = memoryStorage();
    const { store, type } = setup(storage);
    type('kind: Playground\n');
    await openLesson(store, lesson('dns', 'kind: DnsStart\n'));
    type('kind: DnsWork\n');
    store.getState().lessonsClosed();
    store.getState().setText('kind: Playground\n', 'api');
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(readAutosave(storage, { kind: 'lesson', slug: 'dns' })).toMatchObject({
      entry: { text: 'kind: DnsWork\n' },
    });
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({
      entry: { text: 'kind: Playground\n' },
    });
  });
});
