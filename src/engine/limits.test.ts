/**
 * The playground's size limits (PLAYGROUND_LIMITS): a clear `input.limit` error at the line that
 * asks for too much, never a crash; exact below the limits.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestDocument } from './types';
import { simulate } from './simulate';
import { PLAYGROUND_LIMITS, normalizeManifests } from './manifest/normalize';
import { parseManifests } from './manifest/parse';

const deployment = (name: string, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n`;

const internal = (diagnostics: readonly { code: string }[]) => diagnostics.filter((d) => d.code === 'internal');

describe('the playground size limits', () => {
  it('answers replicas: 500000 in a 240-byte file with an error at that line, not a stack overflow', () => {
    const text = deployment('web', 500_000);
    expect(text.length).toBeLessThan(250);
    const analysis = simulate([{ name: 'big.yaml', text }]);
    expect(internal(analysis.diagnostics)).toEqual([]);
    const limit = analysis.diagnostics.filter((d) => d.code === 'input.limit');
    expect(limit.map((d) => [d.message, d.range?.startLine])).toEqual([
      ['spec.replicas: Invalid value: 500000: the playground simulates at most 10000 pods in all, so this Deployment runs 10000', 6],
    ]);
    expect(analysis.cluster.pods.filter((p) => p.owner === 'deployment/default/web')).toHaveLength(PLAYGROUND_LIMITS.pods);
  });

  it('counts pods over every workload and bare Pod in document order', () => {
    const text = [deployment('a', 6_000), deployment('b', 3_999), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n', deployment('c', 5), 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c}]}\n'].join('---\n');
    const { manifests, diagnostics } = normalizeManifests(simulateDocuments(text));
    expect(manifests.workloads.map((w) => w.replicas)).toEqual([6_000, 3_999, 0]);
    expect(manifests.pods.map((p) => p.meta.name)).toEqual(['p']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'spec.replicas: Invalid value: 5: the playground simulates at most 10000 pods in all, so this Deployment runs 0',
      'metadata.name: Invalid value: "q": the playground simulates at most 10000 pods; this Pod was skipped',
    ]);
  });

  it('stays exact at the limit', () => {
    const { manifests, diagnostics } = normalizeManifests(simulateDocuments(deployment('a', PLAYGROUND_LIMITS.pods)));
    expect(diagnostics).toEqual([]);
    expect(manifests.workloads[0]!.replicas).toBe(PLAYGROUND_LIMITS.pods);
  });

  it('refuses NetworkPolicies and documents over their limits, at the first one skipped', () => {
    const policy = (i: number): ManifestDocument => doc(i, 'networking.k8s.io/v1', 'NetworkPolicy', { metadata: { name: `p${i}` }, spec: { podSelector: {} } });
    const policies = Array.from({ length: PLAYGROUND_LIMITS.networkPolicies + 2 }, (_, i) => policy(i));
    const out = normalizeManifests(policies);
    expect(out.manifests.networkPolicies).toHaveLength(PLAYGROUND_LIMITS.networkPolicies);
    expect(out.diagnostics.map((d) => d.message)).toEqual([
      `metadata.name: Invalid value: "p2000": the playground simulates at most 2000 NetworkPolicies; this NetworkPolicy was skipped`,
      `metadata.name: Invalid value: "p2001": the playground simulates at most 2000 NetworkPolicies; this NetworkPolicy was skipped`,
    ]);
    const namespaces = Array.from({ length: PLAYGROUND_LIMITS.documents + 5 }, (_, i) => doc(i, 'v1', 'Namespace', { metadata: { name: `n${i}` } }));
    const many = normalizeManifests(namespaces);
    expect(many.manifests.namespaces).toHaveLength(PLAYGROUND_LIMITS.documents);
    expect(many.diagnostics.map((d) => [d.code, d.range?.startLine])).toEqual([['input.limit', PLAYGROUND_LIMITS.documents + 1]]);
  });
});

/** The parse stage alone (no cluster): these tests are about normalize's counting. */
function simulateDocuments(text: string): readonly ManifestDocument[] {
  return parseManifests([{ name: 'a.yaml', text }]).documents;
}

function doc(i: number, apiVersion: string, kind: string, rest: Record<string, unknown>): ManifestDocument {
  const range = { file: 'a.yaml', startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 1 };
  return { file: 'a.yaml', documentIndex: i, apiVersion, kind, object: { apiVersion, kind, ...rest }, range, fieldRanges: {} };
}
