import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import type { SuggestedFix } from '../../../engine';
import { applyTextEdit, toFixEdit, toOffset } from './fix-edit';
import { toPolicyHighlights } from './policy-highlight';
import { buildSpans } from '../../../engine';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const broken = seed.replace(/# Lets the ingress[\s\S]*?---\n/, '');
const file = (text: string) => [{ name: 'scenario.yaml', text }];
const send = (text: string, from = 'internet', to = 'http://example.com/api') =>
  traceQueries(simulate(file(text)).cluster, [{ from, to }])[0]!;

describe('toOffset / applyTextEdit', () => {
  it.each([
    ['ab\ncd\n', 1, 1, 0],
    ['ab\ncd\n', 2, 1, 3],
    ['ab\ncd\n', 2, 3, 5],
    ['ab\ncd\n', 2, 99, 5],
    ['ab\ncd\n', 3, 1, 6],
    ['ab\ncd\n', 9, 1, 6],
  ])('%j line %d column %d is offset %d', (text, line, column, offset) => {
    expect(toOffset(text, line, column)).toBe(offset);
  });

  it('replaces a range', () => {
    const edit = {
      startLineNumber: 2,
      startColumn: 1,
      endLineNumber: 3,
      endColumn: 1,
      text: 'X\n',
    };
    expect(applyTextEdit('a\nb\nc\n', edit)).toBe('a\nX\nc\n');
  });
});

describe('toFixEdit', () => {
  it('patch: replaces exactly the policy document, and the packet then passes', () => {
    const dropped = send(broken);
    expect(dropped.verdict).toBe('deny');
    const fix = dropped.hops.find((h) => h.fix)!.fix!;
    expect(fix.kind).toBe('patch');
    const result = toFixEdit(broken, fix, simulate(file(broken)).cluster);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const fixed = applyTextEdit(broken, result.edit);
    // Everything outside the policy's document is untouched (the comment above it too).
    const before = broken.slice(0, toOffset(broken, result.edit.startLineNumber, 1));
    expect(fixed.startsWith(before)).toBe(true);
    expect(before.endsWith('---\n')).toBe(true);
    expect(fixed).toContain(fix.yaml);
    expect(fixed.split('\n---\n')).toHaveLength(broken.split('\n---\n').length);
    const again = send(fixed);
    expect(again.verdict).toBe('allow');
    expect(simulate(file(fixed)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('new-policy: appends a document after ---, and the packet then passes', () => {
    const denyAll =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: client}\nspec:\n  selector: {matchLabels: {app: client}}\n  template:\n    metadata: {labels: {app: client}}\n    spec: {containers: [{name: c, image: curl}]}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]';
    const dropped = send(denyAll, 'pod/default/client-0', 'pod/default/web-0:80');
    expect(dropped.verdict).toBe('deny');
    const fix = dropped.hops.find((h) => h.fix)!.fix!;
    expect(fix.kind).toBe('new-policy');
    const result = toFixEdit(denyAll, fix, simulate(file(denyAll)).cluster);
    if (!result.ok) throw new Error(result.message);
    const fixed = applyTextEdit(denyAll, result.edit);
    expect(fixed).toBe(`${denyAll}\n---\n${fix.yaml}`);
    expect(send(fixed, 'pod/default/client-0', 'pod/default/web-0:80').verdict).toBe('allow');
  });

  it.each([
    ['empty text', '', ''],
    ['text ending in a newline', 'a: 1\n', 'a: 1\n---\n'],
  ])('new-policy on %s', (_, text, prefix) => {
    const fix: SuggestedFix = {
      summary: 's',
      kind: 'new-policy',
      policy: 'default/x',
      yaml: 'kind: NetworkPolicy\n',
      alsoOpens: [],
    };
    const result = toFixEdit(text, fix, simulate(file(text)).cluster);
    if (!result.ok) throw new Error(result.message);
    expect(applyTextEdit(text, result.edit)).toBe(`${prefix}kind: NetworkPolicy\n`);
  });

  it('patch for a policy that is gone: a message, no edit', () => {
    const fix: SuggestedFix = {
      summary: 's',
      kind: 'patch',
      policy: 'default/gone',
      yaml: 'kind: NetworkPolicy\n',
      alsoOpens: [],
    };
    const result = toFixEdit(seed, fix, simulate(file(seed)).cluster);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('default/gone');
  });

  it('patch inside a kind: List keeps the item indentation', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n    metadata: {name: p}\n    spec: {podSelector: {}}\n';
    const fix: SuggestedFix = {
      summary: 's',
      kind: 'patch',
      policy: 'default/p',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
      alsoOpens: [],
    };
    const result = toFixEdit(list, fix, simulate(file(list)).cluster);
    if (!result.ok) throw new Error(result.message);
    const fixed = applyTextEdit(list, result.edit);
    const policy = simulate(file(fixed)).cluster.networkPolicies[0]!;
    expect(policy.policyTypes).toEqual(['Ingress']);
    expect(policy.meta.name).toBe('p');
  });
});

describe('toPolicyHighlights', () => {
  const lineOf = (text: string, pattern: string) =>
    text.split('\n').findIndex((l) => l.includes(pattern)) + 1;

  it('a pass lights the admitting rule inside its document', () => {
    const trace = send(seed);
    const [h] = toPolicyHighlights(simulate(file(seed)), trace);
    expect(h).toMatchObject({ policy: 'default/allow-ingress-to-backend', verdict: 'pass' });
    const docStart = lineOf(seed, 'name: allow-ingress-to-backend') - 3;
    expect(h!.document.startLine).toBe(docStart);
    expect(h!.rule).toEqual({
      startLine: docStart + 7,
      endLine: docStart + 9,
    });
    expect(seed.split('\n')[h!.rule!.startLine - 1]).toContain('- from:');
    expect(seed.split('\n')[h!.rule!.endLine - 1]).toContain('ports: [{port: 8080}]');
    expect(seed.split('\n')[h!.document.endLine]).toBe('---');
  });

  it('a drop lights the isolating policy and its ingress rules', () => {
    const trace = send(broken);
    const highlights = toPolicyHighlights(simulate(file(broken)), trace);
    expect(highlights.map((h) => [h.policy, h.verdict])).toEqual([
      ['default/allow-frontend-to-backend', 'drop'],
    ]);
    const [h] = highlights;
    const lines = broken.split('\n');
    expect(lines[h!.document.startLine - 1]).toBe('apiVersion: networking.k8s.io/v1');
    expect(lines[h!.document.startLine + 2]).toContain('name: allow-frontend-to-backend');
    expect(lines[h!.rule!.startLine - 1]).toBe('  ingress:');
    expect(lines[h!.rule!.endLine - 1]).toBe('          port: 8080');
    expect(lines[h!.document.endLine]).toBe('---');
  });

  it('nothing for a trace without policies', () => {
    const trace = send(seed, 'pod/default/frontend-0', 'pod/default/auth-0:9000');
    expect(toPolicyHighlights(simulate(file(seed)), trace)).toEqual([]);
  });

  it('buildSpans covers a field and what is under it, for the paths the editor needs', () => {
    const r = (a: number, b: number, c = 1) => ({
      file: 'f',
      startLine: a,
      startColumn: 3,
      endLine: b,
      endColumn: c,
    });
    const spans = buildSpans({
      'spec.ingress': r(5, 5, 10),
      'spec.ingress[0]': r(6, 9),
      'spec.ingress[0].from[0].podSelector.matchLabels.app': r(7, 7, 20),
      'spec.ingressX': r(20, 30),
      'spec.podSelector': r(3, 3, 10),
    });
    expect(spans['spec.ingress']).toMatchObject({ startLine: 5, endLine: 9, endColumn: 1 });
    expect(spans['spec.ingress[0].from[0].podSelector']).toMatchObject({ startLine: 7, endLine: 7 });
    expect(spans['spec.ingressX']).toBeUndefined();
    expect(spans['spec.egress']).toBeUndefined();
  });

  it('a policy inside a kind: List gets its rule lit too (the outline has its spans)', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n    metadata: {name: p}\n    spec:\n      podSelector: {}\n      ingress:\n        - from: [{podSelector: {}}]\n';
    const trace = {
      from: 'a', to: 'b', verdict: 'allow' as const, endpoints: [], blocked: [], notes: [],
      hops: [{ kind: 'policy' as const, ref: 'networkpolicy/default/p', verdict: 'pass' as const, reason: '', policy: 'default/p', rule: 0, direction: 'ingress' as const, at: 'x' }],
    };
    const [h] = toPolicyHighlights(simulate(file(list)), trace);
    expect(h!.rule).toEqual({ startLine: 10, endLine: 10 });
    expect(h!.document.startLine).toBe(4);
  });
});

describe('a fix that edits a cluster-scoped policy', () => {
  const text = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: toolbox, namespace: default, labels: {app: toolbox}}
spec:
  containers: [{name: toolbox, image: busybox}]
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guardrails}
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {matchLabels: {team: shop}}
  ingress:
  - name: deny-default
    action: Deny
    from:
    - namespaces: {matchLabels: {kubernetes.io/metadata.name: default}}
`;
  it('replaces the ClusterNetworkPolicy document, and the packet then passes', () => {
    const before = send(text, 'pod/default/toolbox', 'pod/shop/web:8080');
    expect(before.verdict).toBe('deny');
    const fix = before.hops.find((h) => h.fix !== undefined)!.fix!;
    expect(fix).toMatchObject({
      kind: 'patch',
      policy: 'guardrails',
      policyKind: 'clusternetworkpolicy',
    });
    const result = toFixEdit(text, fix, simulate(file(text)).cluster);
    if (!result.ok) throw new Error(result.message);
    const after = applyTextEdit(text, result.edit);
    expect(after).toContain('kind: ClusterNetworkPolicy');
    expect(send(after, 'pod/default/toolbox', 'pod/shop/web:8080').verdict).toBe('allow');
  });
});
