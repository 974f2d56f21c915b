import { describe, expect, it } from 'vitest';
import { readLessonProgress, writeLessonProgress } from './lesson-progress';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('lesson progress', () => {
  it('round-trips the lessons done, with a version', () => {
    const storage = memoryStorage();
    writeLessonProgress(storage, ['nodeport', 'cni']);
    expect(readLessonProgress(storage)).toEqual(['nodeport', 'cni']);
    expect(JSON.parse([...storage.data.values()][0]!)).toEqual({
      version: 1,
      done: ['nodeport', 'cni'],
    });
  });

  it('reads nothing stored, bad JSON, a wrong version or a wrong shape as no progress', () => {
    const storage = memoryStorage();
    expect(readLessonProgress(storage)).toEqual([]);
    for (const raw of [
      '{',
      '[]',
      '{"version":2,"done":["a"]}',
      '{"version":1,"done":[1]}',
      'null',
    ]) {
      storage.data.set('netplay.lessons.progress', raw);
      expect(readLessonProgress(storage)).toEqual([]);
    }
    expect(readLessonProgress(undefined)).toEqual([]);
  });

  it('survives a storage that throws (blocked in privacy modes)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readLessonProgress(throwing)).toEqual([]);
    expect(() => writeLessonProgress(throwing, ['a'])).not.toThrow();
  });
});
