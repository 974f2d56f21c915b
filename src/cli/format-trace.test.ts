import { describe, expect, it } from 'vitest';
import type { Trace } from '../engine';
import { formatTrace, toBadQueryAnswer, toTraceAnswer } from './format-trace';
import { guardEngine } from './io';

const dropped: Trace = {
  from: 'pod/default/auth-0',
  to: 'pod/default/backend-0:8080',
  verdict: 'deny',
  endpoints: [],
  blocked: ['default/backend-0'],
  notes: ['nothing declares port 8080'],
  hops: [
    { kind: 'client', ref: 'pod/default/auth-0', verdict: 'pass', reason: 'sends', at: 'pod/default/auth-0' },
    {
      kind: 'policy',
      ref: 'networkpolicy/default/allow-frontend',
      verdict: 'drop',
      reason: 'backend-0 is isolated for ingress;\nno rule admits auth-0',
      direction: 'ingress',
      at: 'pod/default/backend-0',
      fix: {
        summary: 'let auth in',
        kind: 'patch',
        policy: 'default/allow-frontend',
        yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n',
        alsoOpens: ['auth-1 too'],
      },
    },
  ],
};

describe('toTraceAnswer', () => {
  it('puts the contract fields first and hop fields kind, ref, verdict, reason first', () => {
    const answer = toTraceAnswer(dropped);
    expect(Object.keys(answer).slice(0, 6)).toEqual(['from', 'to', 'verdict', 'endpoints', 'blocked', 'hops']);
    const hops = answer['hops'] as Record<string, unknown>[];
    expect(Object.keys(hops[1]!).slice(0, 4)).toEqual(['kind', 'ref', 'verdict', 'reason']);
    expect(hops[1]!['fix']).toEqual(dropped.hops[1]!.fix);
  });

  it('an invalid query is only from, to and error', () => {
    expect(toTraceAnswer({ ...dropped, error: 'no pod default/nope' })).toEqual({
      from: dropped.from,
      to: dropped.to,
      error: 'no pod default/nope',
    });
  });

  it.each([
    ['x', 0, /expected an object/],
    [{ to: 'a' }, 1, /"from" must be a string/],
    [{ from: 'internet', to: 5 }, 2, /"to" must be a string/],
  ])('bad batch item %j', (item, index, error) => {
    expect(toBadQueryAnswer(item, index)['error']).toMatch(error);
  });
});

describe('formatTrace', () => {
  it('prints each hop on one line, the verdict, notes and the fix YAML', () => {
    const text = formatTrace(dropped);
    const lines = text.split('\n');
    expect(lines.find((l) => l.trim().startsWith('2 '))).toMatch(/policy\s+networkpolicy\/default\/allow-frontend\s+✗ drop\s+backend-0 is isolated for ingress; no rule admits auth-0$/);
    expect(text).toMatch(/^verdict: ✗ deny$/m);
    expect(text).toMatch(/^blocked: default\/backend-0$/m);
    expect(text).toMatch(/^note: nothing declares port 8080$/m);
    expect(text).toMatch(/^fix \(edit networkpolicy default\/allow-frontend\): let auth in\n---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy$/m);
    expect(text).toMatch(/^ {2}- auth-1 too$/m);
  });

  it('prints a cluster policy hop with its tier, rule, rule name and action, the Pass before the deciding hop', () => {
    const passed: Trace = {
      ...dropped,
      hops: [
        dropped.hops[0]!,
        { kind: 'policy', ref: 'clusternetworkpolicy/hand-down', verdict: 'pass', reason: 'passes', policy: 'hand-down', rule: 0, direction: 'ingress', tier: 'Admin', action: 'Pass', name: 'to-namespaces', at: 'pod/default/backend-0' },
        { kind: 'policy', ref: 'networkpolicy/default/allow-frontend', verdict: 'drop', reason: 'no rule admits auth-0', direction: 'ingress', at: 'pod/default/backend-0' },
      ],
    };
    const lines = formatTrace(passed).split('\n');
    expect(lines.find((l) => l.trim().startsWith('2 '))).toMatch(/policy\s+\[Admin\] clusternetworkpolicy\/hand-down \(ingress rule 0 'to-namespaces', Pass\)\s+✓ pass\s+passes$/);
    expect(lines.find((l) => l.trim().startsWith('3 '))).toMatch(/policy\s+networkpolicy\/default\/allow-frontend\s+✗ drop/);
    // The JSON answer carries the contract's extra fields as they are.
    const hop = (toTraceAnswer(passed)['hops'] as Record<string, unknown>[])[1]!;
    expect(hop).toMatchObject({ ref: 'clusternetworkpolicy/hand-down', tier: 'Admin', action: 'Pass', rule: 0, name: 'to-namespaces' });
  });
});

describe('guardEngine', () => {
  it('turns a throw into one line naming the stage', () => {
    expect(() =>
      guardEngine('simulate', () => {
        throw new TypeError('boom\n    at somewhere (x.ts:1:1)');
      }),
    ).toThrow(/^internal error in the engine \(simulate\): boom$/);
  });
});
