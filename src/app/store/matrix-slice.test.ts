import { describe, expect, it } from 'vitest';
import type { ReachabilityMatrix } from '../../engine';
import { createAppStore } from './app-store';

const matrixOf = (pods: string[]): ReachabilityMatrix => ({
  pods,
  podClasses: pods.map((_, i) => i),
  expandLimit: 1000,
  ports: [],
  enforced: true,
  notes: [],
});
const ok = (pods: string[]) => ({ status: 'ok' as const, value: matrixOf(pods) });
const podsOf = (m: ReachabilityMatrix | undefined) => m?.pods ?? null;

describe('matrix slice', () => {
  it.each([
    {
      name: 'the first matrix has nothing to compare with',
      steps: [['t1', ok(['a'])]] as const,
      now: ['a'],
      before: null,
      status: 'ok',
    },
    {
      name: 'a new text moves the shown matrix to previous',
      steps: [
        ['t1', ok(['a'])],
        ['t2', ok(['a', 'b'])],
      ] as const,
      now: ['a', 'b'],
      before: ['a'],
      status: 'ok',
    },
    {
      name: 'the same text again (view reopened) keeps the diff it had',
      steps: [
        ['t1', ok(['a'])],
        ['t2', ok(['a', 'b'])],
        ['t2', ok(['a', 'b'])],
      ] as const,
      now: ['a', 'b'],
      before: ['a'],
      status: 'ok',
    },
    {
      name: 'an engine crash keeps the last matrix and says so',
      steps: [
        ['t1', ok(['a'])],
        ['t2', { status: 'crash' as const, message: 'boom' }],
      ] as const,
      now: ['a'],
      before: null,
      status: 'error',
    },
  ])('$name', ({ steps, now, before, status }) => {
    const store = createAppStore();
    for (const [text, outcome] of steps) {
      store.getState().matrixStarted();
      expect(store.getState().matrixStatus).toBe('running');
      store.getState().matrixFinished(text, outcome);
    }
    const s = store.getState();
    expect([podsOf(s.matrix), podsOf(s.previousMatrix), s.matrixStatus]).toEqual([
      now,
      before,
      status,
    ]);
  });

  it('opens, closes and remembers the picked port', () => {
    const store = createAppStore();
    expect(store.getState().matrixOpen).toBe(false);
    store.getState().setMatrixOpen(true);
    store.getState().setMatrixPort('8080/TCP');
    expect([store.getState().matrixOpen, store.getState().matrixPort]).toEqual([true, '8080/TCP']);
  });
});
