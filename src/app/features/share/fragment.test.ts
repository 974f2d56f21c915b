import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  explainFragmentProblems,
  LINK_TABS,
  LINK_THEMES,
  LINK_VIEWS,
  parseFragment,
  toLinkTheme,
  toStoreTheme,
} from './fragment';
import {
  shareNeedsText,
  toFragmentUrl,
  toShareState,
  writeFragment,
  type ShareInput,
} from './share-state';

const seen: ShareInput = {
  text: 'seed',
  baseText: 'seed',
  from: 'internet',
  to: 'http://example.com/api',
  defaultFrom: 'internet',
  defaultTo: 'http://example.com/api',
  view: 'node',
  tab: 'graph',
  theme: 'light',
};

describe('parseFragment: every key of the table', () => {
  it('reads each key, in any order, with or without #', () => {
    const parsed = parseFragment(
      '#theme=presenter&view=namespace&tab=matrix&editor=0&embed=1&play=1&to=pod/default/backend-0:8080&from=deployment/default/frontend&step=3&lesson=nodeport&s=2.abc_-',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.state).toEqual({
      s: '2.abc_-',
      lesson: 'nodeport',
      step: 3,
      from: 'deployment/default/frontend',
      to: 'pod/default/backend-0:8080',
      play: true,
      view: 'namespace',
      tab: 'matrix',
      theme: 'presenter',
      editor: false,
      embed: true,
    });
    expect(parseFragment('editor=1&embed=0&play=0').state).toEqual({
      editor: true,
      embed: false,
      play: false,
    });
  });

  it('keeps both share formats as they are (the decoder reads them)', () => {
    expect(parseFragment('#s=1.y8zMU').state).toEqual({ s: '1.y8zMU' });
    expect(parseFragment('#s=2.y8zMU').state).toEqual({ s: '2.y8zMU' });
  });

  it('decodes URL-encoded endpoints', () => {
    expect(parseFragment('#to=http%3A%2F%2Fexample.com%2Fapi%3Fq%3D1%26r%3D2').state.to).toBe(
      'http://example.com/api?q=1&r=2',
    );
  });

  it('ignores unknown keys without a word, and an empty fragment is an empty state', () => {
    expect(parseFragment('#zoom=3&foo&view=namespace')).toEqual({
      state: { view: 'namespace' },
      problems: [],
    });
    expect(parseFragment('')).toEqual({ state: {}, problems: [] });
    expect(parseFragment('#')).toEqual({ state: {}, problems: [] });
  });
});

describe('parseFragment: bad values are dropped, each with a reason', () => {
  const cases: [string, string][] = [
    [
      'theme=<script>alert(1)</script>',
      'theme "<script>alert(1)</script>" is not one of light, dark, presenter',
    ],
    ['theme=contrast', 'theme "contrast" is not one of light, dark, presenter'],
    ['step=-3', 'step "-3" is not a step number (1, 2, 3, …)'],
    ['step=0', 'step "0" is not a step number (1, 2, 3, …)'],
    ['step=2.5', 'step "2.5" is not a step number (1, 2, 3, …)'],
    ['step=99999', 'step "99999" is not a step number (1, 2, 3, …)'],
    ['step=', 'step "" is not a step number (1, 2, 3, …)'],
    ['view=foo', 'view "foo" is not one of node, namespace'],
    ['tab=editor', 'tab "editor" is not one of graph, matrix'],
    ['editor=yes', 'editor "yes" is not 0 or 1'],
    ['embed=true', 'embed "true" is not 0 or 1'],
    ['play=2', 'play "2" is not 0 or 1'],
    ['from=', 'from is empty'],
    ['to=%20%20', 'to is empty'],
    ['from=pod%2Fa%0Ab', 'from "pod/a b" has control characters'],
    [`from=${'a'.repeat(501)}`, 'from is 501 characters long'],
  ];
  for (const [fragment, problem] of cases) {
    it(`#${fragment.slice(0, 40)}`, () => {
      const parsed = parseFragment(`#${fragment}&lesson=cni`);
      expect(parsed.problems).toEqual([problem]);
      // The rest of the link still applies.
      expect(parsed.state).toEqual({ lesson: 'cni' });
    });
  }

  it('quotes a long bad value short, on one line', () => {
    const [problem] = parseFragment(`#view=${'x'.repeat(100)}`).problems;
    expect(problem).toBe(`view "${'x'.repeat(40)}…" is not one of node, namespace`);
  });

  it('says all the problems in one banner sentence', () => {
    const { problems } = parseFragment('#step=-3&theme=%3Cscript%3E');
    expect(explainFragmentProblems(problems)).toBe(
      'Part of this link was ignored: step "-3" is not a step number (1, 2, 3, …); theme "<script>" is not one of light, dark, presenter.',
    );
    expect(explainFragmentProblems([])).toBeUndefined();
  });
});

describe('writeFragment', () => {
  it('writes the keys in one order, the text last, endpoints readable', () => {
    expect(
      writeFragment({
        s: '2.abc',
        theme: 'dark',
        view: 'namespace',
        to: 'pod/default/backend-0:8080',
        from: 'deployment/default/frontend',
        step: 2,
        lesson: 'nodeport',
      }),
    ).toBe(
      'lesson=nodeport&step=2&from=deployment/default/frontend&to=pod/default/backend-0:8080&view=namespace&theme=dark&s=2.abc',
    );
    expect(writeFragment({ to: 'http://h/a b?c=1&d=+' })).toBe(
      'to=http://h/a%20b%3Fc%3D1%26d%3D%2B',
    );
    expect(writeFragment({ editor: false, embed: true, play: true })).toBe(
      'play=1&editor=0&embed=1',
    );
    expect(writeFragment({})).toBe('');
  });

  it('a URL without a fragment for an empty state', () => {
    expect(toFragmentUrl('http://h/app/#s=old', {})).toBe('http://h/app/');
    expect(toFragmentUrl('http://h/app/', { tab: 'matrix' })).toBe('http://h/app/#tab=matrix');
  });

  it('round-trips every valid state (property)', () => {
    const endpointArb = fc
      .string({ minLength: 1, maxLength: 60 })
      .map((s) =>
        [...s]
          .map((ch) => (ch < ' ' || ch === '\u007f' ? 'x' : ch))
          .join('')
          .trim(),
      )
      .filter((s) => s.length > 0);
    const stateArb = fc.record(
      {
        s: fc.stringMatching(/^[12]\.[A-Za-z0-9_-]{0,40}$/),
        lesson: fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/),
        step: fc.integer({ min: 1, max: 9999 }),
        from: endpointArb,
        to: endpointArb,
        via: endpointArb,
        method: fc.constantFrom('GET', 'POST', 'PURGE'),
        headers: endpointArb,
        play: fc.boolean(),
        view: fc.constantFrom(...LINK_VIEWS),
        tab: fc.constantFrom(...LINK_TABS),
        theme: fc.constantFrom(...LINK_THEMES),
        editor: fc.boolean(),
        embed: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(stateArb, (state) => {
        const parsed = parseFragment(`#${writeFragment(state)}`);
        expect(parsed.problems).toEqual([]);
        expect(parsed.state).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});

describe("an HTTP packet's via, method and headers", () => {
  it('are read and written as three keys after to, readable', () => {
    const state = {
      to: 'http://gw.example.com/api',
      via: 'gateway/infra/public',
      method: 'POST',
      headers: 'Version:two;X-Env:canary',
    };
    const written = writeFragment(state);
    expect(written).toBe(
      'to=http://gw.example.com/api&via=gateway/infra/public&method=POST&headers=Version:two%3BX-Env:canary',
    );
    expect(parseFragment(`#${written}`)).toEqual({ state, problems: [] });
  });

  it('a link made before them opens as it did; a bad one is dropped with a reason', () => {
    expect(parseFragment('#from=internet&to=http://example.com/api').state).toEqual({
      from: 'internet',
      to: 'http://example.com/api',
    });
    expect(parseFragment('#via=%20&method=GET').problems).toEqual(['via is empty']);
  });
});

describe("the presenter theme is the store's contrast", () => {
  it('maps both ways', () => {
    expect(toStoreTheme('presenter')).toBe('contrast');
    expect(toStoreTheme('dark')).toBe('dark');
    expect(toLinkTheme('contrast')).toBe('presenter');
    expect(toLinkTheme('light')).toBe('light');
  });
});

describe('toShareState: the shortest link that reopens what is seen', () => {
  it('nothing at all for the default scenario as it opens', () => {
    expect(toShareState(seen)).toEqual({});
    expect(shareNeedsText(seen)).toBe(false);
  });

  it('the text only when it differs from what a bare link opens', () => {
    const edited = { ...seen, text: 'edited' };
    expect(shareNeedsText(edited)).toBe(true);
    expect(toShareState(edited, '2.xyz')).toEqual({ s: '2.xyz' });
    // A payload made for a text equal to the base is not written.
    expect(toShareState(seen, '2.xyz')).toEqual({});
  });

  it('a lesson: slug, step only past 1, text only when changed from its start', () => {
    const lesson = { ...seen, text: 'start', baseText: 'start', lesson: { slug: 'cni', step: 1 } };
    expect(toShareState(lesson)).toEqual({ lesson: 'cni' });
    expect(toShareState({ ...lesson, lesson: { slug: 'cni', step: 2 } })).toEqual({
      lesson: 'cni',
      step: 2,
    });
    expect(toShareState({ ...lesson, text: 'changed' }, '2.q')).toEqual({
      lesson: 'cni',
      s: '2.q',
    });
  });

  it('the picked packet, each end only when it is not the default', () => {
    expect(toShareState({ ...seen, from: 'deployment/default/frontend' })).toEqual({
      from: 'deployment/default/frontend',
    });
    expect(toShareState({ ...seen, to: ' pod/default/db-0:5432 ' })).toEqual({
      to: 'pod/default/db-0:5432',
    });
    expect(toShareState({ ...seen, from: '', to: '' })).toEqual({});
    expect(toShareState({ ...seen, play: true })).toEqual({ play: true });
  });

  it("an HTTP packet's entry point, method and headers when picked", () => {
    expect(
      toShareState({
        ...seen,
        to: 'http://gw.example.com/api',
        http: {
          via: 'gateway/default/public',
          method: 'POST',
          headers: { Version: 'two', 'X-Env': 'a b' },
        },
      }),
    ).toEqual({
      to: 'http://gw.example.com/api',
      via: 'gateway/default/public',
      method: 'POST',
      headers: 'Version:two;X-Env:a b',
    });
    expect(toShareState({ ...seen, http: { headers: {} } })).toEqual({});
    expect(toShareState({ ...seen, http: undefined })).toEqual({});
  });

  it('view, tab and theme only when not the default', () => {
    expect(toShareState({ ...seen, view: 'namespace', tab: 'matrix', theme: 'presenter' })).toEqual(
      {
        view: 'namespace',
        tab: 'matrix',
        theme: 'presenter',
      },
    );
    expect(toShareState({ ...seen, theme: 'dark' })).toEqual({ theme: 'dark' });
  });

  it('what it writes reads back to the same state', () => {
    const input: ShareInput = {
      ...seen,
      text: 'x',
      lesson: { slug: 'nodeport', step: 4 },
      from: 'deployment/default/frontend',
      to: 'service/default/web:http',
      view: 'namespace',
      tab: 'matrix',
      theme: 'dark',
    };
    const state = toShareState(input, '2.abc');
    expect(parseFragment(writeFragment(state)).state).toEqual(state);
  });
});
