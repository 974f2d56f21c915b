import { describe, expect, it } from 'vitest';
import type { LabelSelector, LabelSelectorRequirement } from '../types';
import { formatSelector, matchesSelector, matchesLabels } from './labels';

const sel = (matchLabels: Record<string, string>, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});
const req = (key: string, operator: LabelSelectorRequirement['operator'], values: string[] = []): LabelSelectorRequirement => ({
  key,
  operator,
  values,
});

describe('matchesSelector', () => {
  it.each([
    ['empty selector selects everything', sel({}), {}, true],
    ['empty selector selects labelled objects', sel({}), { app: 'web' }, true],
    ['matchLabels equal', sel({ app: 'web' }), { app: 'web', tier: 'x' }, true],
    ['matchLabels value differs', sel({ app: 'web' }), { app: 'db' }, false],
    ['matchLabels key missing', sel({ app: 'web' }), {}, false],
    ['matchLabels all must hold', sel({ app: 'web', tier: 'fe' }), { app: 'web' }, false],
    ['In holds', sel({}, [req('env', 'In', ['a', 'b'])]), { env: 'b' }, true],
    ['In value not listed', sel({}, [req('env', 'In', ['a'])]), { env: 'b' }, false],
    ['In key missing', sel({}, [req('env', 'In', ['a'])]), {}, false],
    ['NotIn value listed', sel({}, [req('env', 'NotIn', ['a'])]), { env: 'a' }, false],
    ['NotIn value not listed', sel({}, [req('env', 'NotIn', ['a'])]), { env: 'b' }, true],
    ['NotIn matches objects without the key', sel({}, [req('env', 'NotIn', ['a'])]), {}, true],
    ['Exists with key', sel({}, [req('env', 'Exists')]), { env: '' }, true],
    ['Exists without key', sel({}, [req('env', 'Exists')]), {}, false],
    ['DoesNotExist without key', sel({}, [req('env', 'DoesNotExist')]), { app: 'x' }, true],
    ['DoesNotExist with key', sel({}, [req('env', 'DoesNotExist')]), { env: 'x' }, false],
    ['matchLabels AND expressions', sel({ app: 'web' }, [req('env', 'In', ['a'])]), { app: 'web', env: 'b' }, false],
    ['inherited keys are not labels', sel({ toString: 'x' }), {}, false],
  ] as const)('%s', (_name, selector, labels, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });

  it('formats selectors as kubectl does', () => {
    expect(formatSelector(sel({ b: '2', a: '1' }, [req('env', 'NotIn', ['x', 'y']), req('k', 'DoesNotExist')]))).toBe(
      'a=1,b=2,env notin (x,y),!k',
    );
    expect(formatSelector(sel({}))).toBe('{}');
  });
});

describe('matchesLabels (a Service selector, a nodeSelector: a plain map)', () => {
  it.each([
    [{}, {}, true],
    [{}, { app: 'web' }, true],
    [{ app: 'web' }, { app: 'web', tier: 'x' }, true],
    [{ app: 'web' }, { app: 'db' }, false],
    [{ app: 'web', tier: 'x' }, { app: 'web' }, false],
    [{ app: '' }, {}, false],
    [{ app: '' }, { app: '' }, true],
  ] as const)('%j on %j → %s', (wanted, labels, expected) => {
    expect(matchesLabels(wanted, labels)).toBe(expected);
  });
});
