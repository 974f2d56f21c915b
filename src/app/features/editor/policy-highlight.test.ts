import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import { toPolicyHighlights } from './policy-highlight';

const tiers = readFileSync(
  new URL('../../../../scenarios/lessons/19-cluster-policy-tiers/solution.yaml', import.meta.url),
  'utf8',
);
const lines = tiers.split('\n');

function highlights(from: string, to: string) {
  const analysis = simulate([{ name: 'tiers.yaml', text: tiers }]);
  const [trace] = traceQueries(analysis.cluster, [{ from, to }]);
  return toPolicyHighlights(analysis, trace);
}

describe('toPolicyHighlights with cluster policies', () => {
  it('an Admin Deny lights its rule inside the ClusterNetworkPolicy', () => {
    const [h, ...rest] = highlights('pod/sandbox/tool', 'pod/shop/web:80');
    expect(rest).toEqual([]);
    expect(h).toMatchObject({ policy: 'platform-admin', verdict: 'drop' });
    expect(h!.label).toBe("[Admin] platform-admin: ingress rule 1 'block-sandbox' denies the packet");
    expect(lines[h!.document.startLine]).toBe('kind: ClusterNetworkPolicy');
    expect(lines[h!.rule!.startLine - 1]).toBe('  - name: block-sandbox');
    expect(lines[h!.rule!.endLine - 1]).toContain('kubernetes.io/metadata.name: sandbox');
  });

  it('Admin Pass then the NetworkPolicy drop: the Pass rule and the isolating policy are both lit', () => {
    const list = highlights('pod/shop/worker', 'pod/shop/db:5432');
    expect(list.map((h) => [h.policy, h.verdict])).toEqual([
      ['platform-admin', 'pass'],
      ['shop/db-from-web', 'drop'],
    ]);
    expect(lines[list[0]!.rule!.startLine - 1]).toBe('  - name: shop-decides-inside');
    expect(list[0]!.label).toMatch(/passes the packet to the next tier$/);
  });

  it('a Baseline Deny lights the Baseline policy’s rule', () => {
    const [h] = highlights('pod/default/legacy', 'pod/shop/web:80');
    expect(h).toMatchObject({ policy: 'platform-baseline', verdict: 'drop' });
    expect(lines[h!.rule!.startLine - 1]).toBe('  - name: deny-by-default');
  });
});

describe('toPolicyHighlights with a NetworkPolicy', () => {
  it('names the admitting rule with the number the trace gives it', () => {
    const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
    const analysis = simulate([{ name: 'seed.yaml', text: seed }]);
    const [trace] = traceQueries(analysis.cluster, [{ from: 'internet', to: 'http://example.com/api' }]);
    const hop = trace!.hops.find((h) => h.kind === 'policy' && h.verdict === 'pass' && h.rule !== undefined);
    const inReason = hop?.reason.match(/ingress rule (\d+) admits/)?.[1];
    expect(inReason).toBe('0');
    const lit = toPolicyHighlights(analysis, trace).find((h) => h.verdict === 'pass' && h.policy === hop!.policy);
    expect(lit?.label).toBe(`${hop!.policy}: ingress rule ${inReason} admits the packet`);
  });
});
