import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../engine';
import { toReasonLines, toRedirect } from './to-http-view';

describe("a route hop's reason, one line per decision", () => {
  it('tells the winning rule from the ones it beat', () => {
    expect(
      toReasonLines(
        'listener web takes gw.example.com; httproute/default/app rule 1 wins: Exact /api, over 1 other matching rule(s); beat httproute/default/app rule 0 (PathPrefix /): an Exact path match beats a PathPrefix',
      ),
    ).toEqual([
      { kind: 'step', text: 'listener web takes gw.example.com' },
      {
        kind: 'won',
        text: 'httproute/default/app rule 1 wins: Exact /api, over 1 other matching rule(s)',
      },
      {
        kind: 'beat',
        text: 'beat httproute/default/app rule 0 (PathPrefix /): an Exact path match beats a PathPrefix',
      },
    ]);
  });

  it('splits sentences too, and keeps a one-decision reason whole', () => {
    expect(toReasonLines('Rule 0 wins. Rule 2 lost: a shorter prefix.').map((l) => l.kind)).toEqual(
      ['won', 'beat'],
    );
    expect(toReasonLines('no rule matches GET gw.test/x: 404')).toEqual([
      { kind: 'step', text: 'no rule matches GET gw.test/x: 404' },
    ]);
  });
});

describe('a redirect answered by the Gateway', () => {
  const base: Trace = {
    from: 'internet',
    to: 'http://gw.test/old',
    verdict: 'allow',
    endpoints: [],
    blocked: [],
    hops: [],
    notes: [],
  };

  it('has a 3xx status and a Location', () => {
    expect(toRedirect({ ...base, status: 302, location: 'https://gw.test/new' })).toEqual({
      status: 302,
      location: 'https://gw.test/new',
    });
    for (const status of [301, 303, 307, 308])
      expect(toRedirect({ ...base, status, location: 'http://x/' })?.status).toBe(status);
  });

  it('is not one without a Location or with another status', () => {
    expect(toRedirect({ ...base, status: 302 })).toBeUndefined();
    expect(toRedirect({ ...base, status: 200, location: 'http://x/' })).toBeUndefined();
    expect(toRedirect(base)).toBeUndefined();
  });
});
