import { describe, expect, it } from 'vitest';
import type { Hop, Trace } from '../../../engine';
import {
  describeShieldLight,
  selectShieldLights,
  shieldLightOf,
  shieldLightOfAny,
  toShieldLights,
} from './shield-light';

const hop = (kind: Hop['kind'], at: string, extra: Partial<Hop> = {}): Hop => ({
  kind,
  ref: at,
  at,
  verdict: 'pass',
  reason: '',
  ...extra,
});
const trace = (hops: Hop[], extra: Partial<Trace> = {}): Trace => ({
  from: 'pod/default/a-0',
  to: 'pod/default/b-0:80',
  verdict: hops.some((h) => h.verdict === 'drop') ? 'deny' : 'allow',
  endpoints: [],
  blocked: [],
  hops,
  notes: [],
  ...extra,
});

const egressPass = hop('policy', 'pod/default/a-0', {
  direction: 'egress',
  policy: 'default/allow-out',
  rule: 0,
  isolatingPolicies: ['default/allow-out'],
});
const ingressDrop = hop('policy', 'pod/default/b-0', {
  verdict: 'drop',
  direction: 'ingress',
  isolatingPolicies: ['default/deny-all', 'default/allow-web'],
});
const dropped = trace([
  hop('client', 'pod/default/a-0'),
  egressPass,
  hop('cni', 'node/node-1'),
  ingressDrop,
]);

describe('toShieldLights', () => {
  it.each([
    ['before the first hop', -1, []],
    ['at the client', 0, []],
    ['at the egress pass', 1, ['pod/default/a-0 egress pass']],
    ['between the policies', 2, ['pod/default/a-0 egress pass']],
    ['at the drop', 3, ['pod/default/a-0 egress pass', 'pod/default/b-0 ingress drop']],
    ['past the end (finished)', 9, ['pod/default/a-0 egress pass', 'pod/default/b-0 ingress drop']],
  ])('%s (hop %i)', (_name, at, expected) => {
    const lights = [...toShieldLights(dropped, at).values()].map(
      (l) => `${l.at} ${l.direction} ${l.verdict}`,
    );
    expect(lights).toEqual(expected);
  });

  it('a drop lists every isolating policy; a pass names the admitting policy and rule', () => {
    const lights = toShieldLights(dropped, 3);
    expect(shieldLightOf(lights, 'pod/default/b-0', 'ingress')?.policies).toEqual([
      'default/deny-all',
      'default/allow-web',
    ]);
    const pass = shieldLightOf(lights, 'pod/default/a-0', 'egress');
    expect(pass?.policies).toEqual(['default/allow-out']);
    expect(pass?.rule).toBe(0);
    expect(shieldLightOf(lights, 'pod/default/a-0', 'ingress')).toBeUndefined();
  });

  it('lights nothing for a trace with an error, none, or no policy hops', () => {
    expect(toShieldLights(undefined, 3).size).toBe(0);
    expect(toShieldLights(trace([egressPass], { error: 'bad query' }), 3).size).toBe(0);
    expect(toShieldLights(trace([hop('client', 'internet'), hop('pod', 'pod/x/y')]), 5).size).toBe(
      0,
    );
  });
});

describe('shieldLightOfAny (a folded card)', () => {
  const lights = toShieldLights(
    trace([egressPass, { ...egressPass, at: 'pod/default/a-1', verdict: 'drop' }]),
    5,
  );
  it.each([
    [['pod/default/a-0'], 'pass'],
    [['pod/default/a-0', 'pod/default/a-1'], 'drop'],
    [['pod/default/zz-0'], undefined],
  ])('members %j → %s', (ids, verdict) => {
    expect(shieldLightOfAny(lights, ids, 'egress')?.verdict).toBe(verdict);
  });
});

describe('describeShieldLight', () => {
  it('says denied or allowed, the direction and the policy names', () => {
    const lights = toShieldLights(dropped, 3);
    expect(describeShieldLight(shieldLightOf(lights, 'pod/default/b-0', 'ingress')!)).toBe(
      'ingress denied: no rule of default/deny-all, default/allow-web admits this packet',
    );
    expect(describeShieldLight(shieldLightOf(lights, 'pod/default/a-0', 'egress')!)).toBe(
      'egress allowed by default/allow-out (rule 0)',
    );
  });

  it('names a cluster policy by tier, rule and action; the NetworkPolicy drop after an Admin Pass replaces its light', () => {
    const pass = hop('policy', 'pod/default/b-0', {
      ref: 'clusternetworkpolicy/hand-down',
      direction: 'ingress',
      policy: 'hand-down',
      rule: 0,
      tier: 'Admin',
      action: 'Pass',
      name: 'to-namespaces',
    });
    const deny = hop('policy', 'pod/default/b-0', {
      ref: 'clusternetworkpolicy/deny-x',
      verdict: 'drop',
      direction: 'ingress',
      policy: 'deny-x',
      rule: 1,
      tier: 'Admin',
      action: 'Deny',
      name: 'block-monitoring',
    });
    const passed = trace([hop('client', 'pod/default/a-0'), pass, ingressDrop]);
    const atPass = shieldLightOf(toShieldLights(passed, 1), 'pod/default/b-0', 'ingress')!;
    expect(describeShieldLight(atPass)).toBe(
      "ingress passed on to the next tier by [Admin] hand-down rule 0 'to-namespaces'",
    );
    const atDrop = shieldLightOf(toShieldLights(passed, 2), 'pod/default/b-0', 'ingress')!;
    expect([atDrop.verdict, atDrop.tier, atDrop.policies]).toEqual([
      'drop',
      undefined,
      ['default/deny-all', 'default/allow-web'],
    ]);
    const denied = shieldLightOf(
      toShieldLights(trace([deny]), 0),
      'pod/default/b-0',
      'ingress',
    )!;
    expect(describeShieldLight(denied)).toBe(
      "ingress denied by [Admin] deny-x rule 1 'block-monitoring'",
    );
  });
});

describe('selectShieldLights', () => {
  it('is memoised on the trace and hop, and dark while no flight is on', () => {
    const a = selectShieldLights({
      traces: [dropped],
      selectedPacket: 0,
      flightHop: 3,
      flight: 'dropped',
    });
    expect(
      selectShieldLights({ traces: [dropped], selectedPacket: 0, flightHop: 3, flight: 'dropped' }),
    ).toBe(a);
    expect(a.size).toBe(2);
    expect(
      selectShieldLights({ traces: [dropped], selectedPacket: 0, flightHop: 3, flight: 'idle' })
        .size,
    ).toBe(0);
    expect(
      selectShieldLights({ traces: [dropped], selectedPacket: 0, flightHop: 1, flight: 'flying' })
        .size,
    ).toBe(1);
  });
});
