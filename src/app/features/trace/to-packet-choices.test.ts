import { describe, expect, it } from 'vitest';
import type { Hop, Trace } from '../../../engine';
import { toPacketChoices, toPacketEnd, toPacketSpread } from './to-packet-choices';

const hop = (kind: Hop['kind'], ref: string, verdict: Hop['verdict'] = 'pass'): Hop => ({
  kind,
  ref,
  at: ref,
  verdict,
  reason: '',
});
const trace = (hops: Hop[], extra: Partial<Trace> = {}): Trace => ({
  from: 'internet',
  to: 'service/default/web:80',
  verdict: hops.some((h) => h.verdict === 'drop') ? 'deny' : 'allow',
  endpoints: [],
  blocked: [],
  hops,
  notes: [],
  ...extra,
});
const to = (pod: string) => trace([hop('client', 'internet'), hop('pod', `pod/default/${pod}`)]);
const dropped = trace([hop('client', 'internet'), hop('policy', 'pod/default/web-0', 'drop')]);

describe('toPacketEnd', () => {
  it.each([
    ['a pod, without the pod/ prefix', to('web-1'), 'default/web-1'],
    ['a drop, with where', dropped, 'dropped at pod/default/web-0'],
    [
      'an outside address',
      trace([hop('client', 'pod/a/b'), hop('cni', 'ip/1.2.3.4')]),
      'ip/1.2.3.4',
    ],
    ['an error', trace([], { error: 'bad', verdict: 'deny' }), 'not sent'],
    ['no hops', trace([]), 'nowhere'],
  ])('%s', (_name, t, expected) => {
    expect(toPacketEnd(t)).toBe(expected);
  });
});

describe('toPacketChoices and toPacketSpread', () => {
  const traces = [to('web-0'), to('web-1'), dropped, to('web-0')];
  it('numbers the packets from 1 and says where each ended', () => {
    expect(toPacketChoices(traces).map((c) => `${c.label}: ${c.ended} (${c.verdict})`)).toEqual([
      'packet 1: default/web-0 (allow)',
      'packet 2: default/web-1 (allow)',
      'packet 3: dropped at pod/default/web-0 (deny)',
      'packet 4: default/web-0 (allow)',
    ]);
  });
  it('counts the packets per place, in first-seen order', () => {
    expect(toPacketSpread(traces)).toEqual([
      ['default/web-0', 2],
      ['default/web-1', 1],
      ['dropped at pod/default/web-0', 1],
    ]);
  });
});
