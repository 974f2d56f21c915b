import { describe, expect, it } from 'vitest';
import { readLessonFragment, toLessonFragment, toLessonUrl } from './lesson-link';

describe('lesson links', () => {
  it('reads the slug, the step and the text', () => {
    expect(readLessonFragment('#lesson=nodeport')).toEqual({
      slug: 'nodeport',
      step: undefined,
      payload: undefined,
    });
    expect(readLessonFragment('#lesson=nodeport&step=3&s=1.abc_-')).toEqual({
      slug: 'nodeport',
      step: 3,
      payload: '1.abc_-',
    });
    // Any order, with other keys around.
    expect(readLessonFragment('#theme=dark&step=2&lesson=cni')).toMatchObject({
      slug: 'cni',
      step: 2,
    });
  });

  it('ignores a step that is not a whole number from 1', () => {
    for (const step of ['0', '-1', '2.5', 'two', '', '99999999']) {
      expect(readLessonFragment(`#lesson=cni&step=${step}`)?.step).toBeUndefined();
    }
  });

  it('is undefined without a lesson key (a plain share link)', () => {
    expect(readLessonFragment('#s=1.abc')).toBeUndefined();
    expect(readLessonFragment('')).toBeUndefined();
  });

  it('writes short links: no step 1, the text only when given', () => {
    expect(toLessonFragment('nodeport', 1)).toBe('lesson=nodeport');
    expect(toLessonFragment('nodeport', 4)).toBe('lesson=nodeport&step=4');
    expect(toLessonFragment('nodeport', 2, '1.xyz')).toBe('lesson=nodeport&step=2&s=1.xyz');
    const url = toLessonUrl('http://127.0.0.1:41730/#s=1.old', 'service-port-vs-target-port', 5);
    expect(url).toBe('http://127.0.0.1:41730/#lesson=service-port-vs-target-port&step=5');
    expect(url.length).toBeLessThan(100);
  });

  it('round-trips what it writes', () => {
    const link = readLessonFragment(`#${toLessonFragment('and-vs-or', 3, '1.AbC')}`);
    expect(link).toEqual({ slug: 'and-vs-or', step: 3, payload: '1.AbC' });
  });
});
