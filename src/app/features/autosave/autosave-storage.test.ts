import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_VERSION,
  MAX_ENTRY_CHARS,
  PLAYGROUND,
  autosaveKey,
  readAutosave,
  removeAutosave,
  writeAutosave,
} from './autosave-storage';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  } as unknown as Storage & { data: Map<string, string> };
}

const nodeport = { kind: 'lesson', slug: 'nodeport' } as const;

describe('autosave storage', () => {
  it('keeps one entry per lesson and one for the playground, with a version', () => {
    const storage = memoryStorage();
    expect(writeAutosave(storage, PLAYGROUND, 'playground text', 1000)).toBe('saved');
    expect(writeAutosave(storage, nodeport, 'lesson text', 2000)).toBe('saved');
    expect(writeAutosave(storage, { kind: 'lesson', slug: 'cni' }, 'other', 3000)).toBe('saved');
    expect(readAutosave(storage, PLAYGROUND)).toEqual({
      status: 'ok',
      entry: { version: AUTOSAVE_VERSION, text: 'playground text', savedAt: 1000 },
    });
    expect(readAutosave(storage, nodeport)).toMatchObject({ entry: { text: 'lesson text' } });
    expect([...storage.data.keys()].sort()).toEqual([
      'netplay.autosave.lesson:cni',
      'netplay.autosave.lesson:nodeport',
      'netplay.autosave.playground',
    ]);
    removeAutosave(storage, nodeport);
    expect(readAutosave(storage, nodeport)).toEqual({ status: 'none' });
    expect(readAutosave(storage, PLAYGROUND).status).toBe('ok');
  });

  it('says "quota" when the storage is full, and keeps the older entry', () => {
    const storage = memoryStorage();
    writeAutosave(storage, PLAYGROUND, 'older', 1);
    storage.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    expect(writeAutosave(storage, PLAYGROUND, 'newer', 2)).toBe('quota');
    expect(readAutosave(storage, PLAYGROUND)).toMatchObject({ entry: { text: 'older' } });
  });

  it('says "blocked" when there is no storage or it refuses access', () => {
    expect(writeAutosave(undefined, PLAYGROUND, 'x', 1)).toBe('blocked');
    const denied = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(writeAutosave(denied, PLAYGROUND, 'x', 1)).toBe('blocked');
    expect(readAutosave(denied, PLAYGROUND)).toEqual({ status: 'none' });
    expect(() => removeAutosave(denied, PLAYGROUND)).not.toThrow();
  });

  it.each([
    ['bad JSON', '{"version":1,"text":"a', 'it is not valid JSON'],
    ['the wrong shape', JSON.stringify({ version: 1, text: 42, savedAt: 1 }), 'expected shape'],
    ['no savedAt', JSON.stringify({ version: 1, text: 'a' }), 'expected shape'],
    ['null', 'null', 'expected shape'],
    ['a newer format', JSON.stringify({ version: 7, text: 'a', savedAt: 1 }), 'format 7'],
    ['a huge entry', `"${'x'.repeat(MAX_ENTRY_CHARS)}"`, 'too large'],
  ])('ignores a corrupt entry (%s) and says why', (_, raw, reason) => {
    const storage = memoryStorage();
    storage.data.set(autosaveKey(PLAYGROUND), raw);
    const read = readAutosave(storage, PLAYGROUND);
    expect(read.status).toBe('corrupt');
    expect(read.status === 'corrupt' && read.reason).toContain(reason);
  });
});
