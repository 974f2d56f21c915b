import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../engine';
import { toReasonLines, toRedirect } from './to-http-view';
import { toVerdictAnnouncement } from './to-verdict-announcement';

describe("a route hop's reason, one line per decision", () => {
  it('tells the winning rule from the ones it beat, the precedence order as a note', () => {
    expect(
      toReasonLines(
        'httproute/apps/site rule 1 wins with match 0: PathPrefix /api for hostname gw.test; it beat httproute/apps/site rule 0 (PathPrefix /): the longer PathPrefix /api beats /; httproute/apps/old rule 0: within a route, the first matching rule wins (precedence: hostname, Exact path, longest PathPrefix, method, headers, query params, oldest route, namespace/name, rule order); RequestRedirect: the Gateway answers 302 with Location https://gw.test/api (not followed)',
      ),
    ).toEqual([
      {
        kind: 'won',
        text: 'httproute/apps/site rule 1 wins with match 0: PathPrefix /api for hostname gw.test',
      },
      {
        kind: 'beat',
        text: 'httproute/apps/site rule 0 (PathPrefix /): the longer PathPrefix /api beats /',
      },
      {
        kind: 'beat',
        text: 'httproute/apps/old rule 0: within a route, the first matching rule wins',
      },
      {
        kind: 'note',
        text: 'precedence: hostname, Exact path, longest PathPrefix, method, headers, query params, oldest route, namespace/name, rule order',
      },
      {
        kind: 'step',
        text: 'RequestRedirect: the Gateway answers 302 with Location https://gw.test/api (not followed)',
      },
    ]);
  });

  it('a reason without a winner is steps only', () => {
    expect(
      toReasonLines('no rule of the 1 attached HTTPRoute(s) matches GET gw.test/x: 404'),
    ).toEqual([
      { kind: 'step', text: 'no rule of the 1 attached HTTPRoute(s) matches GET gw.test/x: 404' },
    ]);
    expect(
      toReasonLines('r rule 0 wins with no matches (PathPrefix /); no other rule matches').map(
        (l) => l.kind,
      ),
    ).toEqual(['won', 'step']);
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

  it('is what a screen reader hears', () => {
    expect(toVerdictAnnouncement({ ...base, status: 302, location: 'https://gw.test/new' })).toBe(
      'Allowed (HTTP 302): answered by the Gateway with a redirect to https://gw.test/new; the answer goes back to the client.',
    );
  });

  it('is not one without a Location or with another status', () => {
    expect(toRedirect({ ...base, status: 302 })).toBeUndefined();
    expect(toRedirect({ ...base, status: 200, location: 'http://x/' })).toBeUndefined();
    expect(toRedirect(base)).toBeUndefined();
  });
});
