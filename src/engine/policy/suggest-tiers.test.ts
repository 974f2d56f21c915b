/**
 * Suggested fixes for drops decided by the cluster tiers, on the network-policy-api conformance
 * manifests: each fix must be valid YAML of its kind (CNP v1alpha2 with `protocols`, ANP
 * v1alpha1 with `ports` and `Allow`, or a NetworkPolicy), load without an error, and, applied to
 * the text as a user would, let the packet through; what it opens or closes is checked against
 * the evaluator.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { Cluster, Protocol, SuggestedFix } from '../types';
import { simulate } from '../simulate';
import { evaluateConnection } from './evaluate';
import { suggestFix } from './suggest';

const PREFIX = 'network-policy-conformance-';
const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/network-policy-api/${path}`, import.meta.url)), 'utf8');

type Doc = { [key: string]: unknown };
const docsOf = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJS() as Doc | null).filter((d): d is Doc => d !== null && typeof d === 'object');
const meta = (d: Doc): Doc => (d['metadata'] ?? {}) as Doc;
const spec = (d: Doc): Doc => d['spec'] as Doc;
const join = (docs: Doc[]): string => docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');

const CLUSTER_KINDS: Readonly<Record<string, string>> = { clusternetworkpolicy: 'ClusterNetworkPolicy', adminnetworkpolicy: 'AdminNetworkPolicy', baselineadminnetworkpolicy: 'BaselineAdminNetworkPolicy' };

/** Applies a fix as a user would: a patch replaces its policy's document, a new policy is appended. */
function applyFix(text: string, fix: SuggestedFix): string {
  const fixed = parse(fix.yaml) as Doc;
  const kind = fix.policyKind === undefined || fix.policyKind === 'networkpolicy' ? 'NetworkPolicy' : CLUSTER_KINDS[fix.policyKind]!;
  expect(fixed['kind']).toBe(kind);
  const key = kind === 'NetworkPolicy' ? `${String(meta(fixed)['namespace'])}/${String(meta(fixed)['name'])}` : String(meta(fixed)['name']);
  expect(key).toBe(fix.policy);
  const docs = docsOf(text);
  if (fix.kind === 'new-policy') return join([...docs, fixed]);
  const keyOf = (d: Doc): string => (kind === 'NetworkPolicy' ? `${String(meta(d)['namespace'])}/${String(meta(d)['name'])}` : String(meta(d)['name']));
  const index = docs.findIndex((d) => d['kind'] === kind && keyOf(d) === fix.policy);
  expect(index).toBeGreaterThanOrEqual(0);
  docs[index] = fixed;
  return join(docs);
}

function load(text: string): Cluster {
  const analysis = simulate([{ name: 'scenario.yaml', text }]);
  expect(analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return analysis.cluster;
}

const ref = (cluster: Cluster, pod: string) => {
  const [ns, name] = pod.split('/');
  const found = cluster.pods.find((p) => p.namespace === PREFIX + ns && p.name === name);
  if (found === undefined) throw new Error(`no pod ${pod}`);
  return { kind: 'pod', podRef: found.ref } as const;
};
const check = (cluster: Cluster, from: string, to: string, port: number, protocol: Protocol) => evaluateConnection(cluster, ref(cluster, from), ref(cluster, to), port, protocol);

/** The suggested fix of a dropped connection, applied: returns the fix and the verdict after. */
function fixAndApply(text: string, from: string, to: string, port: number, protocol: Protocol) {
  const cluster = load(text);
  const before = check(cluster, from, to, port, protocol);
  expect(before.allowed).toBe(false);
  const fix = suggestFix(cluster, ref(cluster, from), ref(cluster, to), port, protocol, before);
  expect(fix).toBeDefined();
  const fixedText = applyFix(text, fix!);
  const fixedCluster = load(fixedText);
  return { before, fix: fix!, after: check(fixedCluster, from, to, port, protocol), cluster, fixedCluster, fixedText };
}

/** The integration fixture (Admin `pass-example`, a NetworkPolicy, Baseline `default`), changed by `edit`. */
function integration(version: 'v1alpha1' | 'v1alpha2', edit: (docs: Doc[]) => void = () => undefined): string {
  const docs = [...docsOf(read(`${version}/manifests.yaml`)), ...docsOf(read(`${version}/api_integration/standard-anp-np-banp.yaml`))];
  edit(docs);
  return join(docs);
}
const named = (docs: Doc[], kind: string, name: string): Doc => docs.find((d) => d['kind'] === kind && meta(d)['name'] === name)!;
const rules = (d: Doc, direction: 'ingress' | 'egress'): Doc[] => spec(d)[direction] as Doc[];

describe('an Admin Deny is fixed by an Admin Accept right before it', () => {
  it('ClusterNetworkPolicy v1alpha2: ingress from slytherin, the rule carries `protocols`, and it lets exactly the slytherin pods in on TCP 80', () => {
    const { before, fix, after } = fixAndApply(integration('v1alpha2'), 'slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 80, 'TCP');
    expect(before.ingress.decidedBy).toMatchObject({ tier: 'admin', action: 'deny', ref: 'clusternetworkpolicy/pass-example', rule: 0 });
    expect(fix).toMatchObject({ kind: 'patch', policy: 'pass-example', policyKind: 'clusternetworkpolicy', tier: 'admin' });
    expect(fix.summary).toMatch(/Admin Accept rule .* just before its Deny ingress rule 0 'deny-all-ingress-from-slytherin'/);
    const doc = parse(fix.yaml) as Doc;
    expect(doc['apiVersion']).toBe('policy.networking.k8s.io/v1alpha2');
    expect(spec(doc)['tier']).toBe('Admin');
    const [accept, deny] = rules(doc, 'ingress');
    expect(accept).toMatchObject({ action: 'Accept', protocols: [{ tcp: { destinationPort: { number: 80 } } }] });
    expect(accept!['from']).toEqual([{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `${PREFIX}slytherin` } }, podSelector: { matchLabels: { 'conformance-house': 'slytherin' } } } }]);
    expect(deny).toMatchObject({ name: 'deny-all-ingress-from-slytherin', action: 'Deny' });
    expect(after.allowed).toBe(true);
    expect(after.ingress.decidedBy).toMatchObject({ tier: 'admin', action: 'allow', rule: 0 });
    // The other slytherin → gryffindor pairs on TCP 80 open too; nothing on other ports.
    expect(fix.alsoOpens).toEqual([
      `${PREFIX}slytherin/draco-malfoy-0 → ${PREFIX}gryffindor/harry-potter-1 on TCP 80 (ingress)`,
      `${PREFIX}slytherin/draco-malfoy-1 → ${PREFIX}gryffindor/harry-potter-0 on TCP 80 (ingress)`,
      `${PREFIX}slytherin/draco-malfoy-1 → ${PREFIX}gryffindor/harry-potter-1 on TCP 80 (ingress)`,
    ]);
    expect(fix.alternatives?.[0]).toMatch(/change the Deny ingress rule 0/);
  });

  it('ClusterNetworkPolicy v1alpha2: egress to slytherin', () => {
    const { before, fix, after } = fixAndApply(integration('v1alpha2'), 'gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 8080, 'TCP');
    expect(before.egress.decidedBy).toMatchObject({ tier: 'admin', action: 'deny' });
    const [accept] = rules(parse(fix.yaml) as Doc, 'egress');
    expect(accept).toMatchObject({ action: 'Accept', protocols: [{ tcp: { destinationPort: { number: 8080 } } }] });
    expect(after.allowed).toBe(true);
  });

  it('AdminNetworkPolicy v1alpha1: the rule says `Allow` and `ports: portNumber`', () => {
    const { fix, after } = fixAndApply(integration('v1alpha1'), 'slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 53, 'UDP');
    expect(fix).toMatchObject({ kind: 'patch', policy: 'pass-example', policyKind: 'adminnetworkpolicy' });
    const doc = parse(fix.yaml) as Doc;
    expect(doc).toMatchObject({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy' });
    expect(spec(doc)['tier']).toBeUndefined();
    expect(rules(doc, 'ingress')[0]).toMatchObject({ action: 'Allow', ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] });
    expect(after.allowed).toBe(true);
  });

  it('a policy with the 25 rules the API allows gets a new policy one priority earlier instead', () => {
    const text = integration('v1alpha2', (docs) => {
      const admin = named(docs, 'ClusterNetworkPolicy', 'pass-example');
      const deny = rules(admin, 'ingress')[0]!;
      spec(admin)['ingress'] = Array.from({ length: 25 }, (_, i) => ({ ...deny, name: `deny-${i}` }));
    });
    const { fix, after } = fixAndApply(text, 'slytherin/draco-malfoy-0', 'gryffindor/harry-potter-1', 80, 'TCP');
    expect(fix).toMatchObject({ kind: 'new-policy', policyKind: 'clusternetworkpolicy' });
    expect(spec(parse(fix.yaml) as Doc)).toMatchObject({ tier: 'Admin', priority: 9 });
    expect(after.allowed).toBe(true);
  });
});

describe('a Baseline Deny is fixed by a NetworkPolicy, which isolates the pod', () => {
  // pass-example passes slytherin down; without the namespace's NetworkPolicy the Baseline Deny decides.
  const passedToBaseline = (version: 'v1alpha1' | 'v1alpha2') =>
    integration(version, (docs) => {
      const admin = named(docs, version === 'v1alpha2' ? 'ClusterNetworkPolicy' : 'AdminNetworkPolicy', 'pass-example');
      rules(admin, 'ingress')[0]!['action'] = 'Pass';
      docs.splice(docs.findIndex((d) => d['kind'] === 'NetworkPolicy'), 1);
    });

  for (const version of ['v1alpha2', 'v1alpha1'] as const) {
    it(`${version}: the new NetworkPolicy admits slytherin; it says what the isolation closes, and it does close it`, () => {
      const { before, fix, after, cluster, fixedCluster } = fixAndApply(passedToBaseline(version), 'slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 80, 'TCP');
      expect(before.ingress.decidedBy).toMatchObject({ tier: 'baseline', action: 'deny' });
      expect(before.ingress.passed?.[0]).toMatchObject({ tier: 'admin', action: 'pass' });
      expect(fix).toMatchObject({ kind: 'new-policy', tier: 'networkpolicy' });
      expect(fix.policyKind ?? 'networkpolicy').toBe('networkpolicy');
      expect((parse(fix.yaml) as Doc)['kind']).toBe('NetworkPolicy');
      expect(fix.summary).toMatch(/Baseline ingress rule 0 'deny-all-ingress-from-slytherin'/);
      expect(after.allowed).toBe(true);
      expect(after.ingress.decidedBy).toMatchObject({ tier: 'networkpolicy', action: 'allow' });
      // Ravenclaw reached gryffindor on TCP 80 by default; the isolation closes it, as listed.
      expect(check(cluster, 'ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 80, 'TCP').allowed).toBe(true);
      expect(check(fixedCluster, 'ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 80, 'TCP').allowed).toBe(false);
      expect(fix.closes).toContain(`${PREFIX}ravenclaw/luna-lovegood-0 → ${PREFIX}gryffindor/harry-potter-0 on TCP 80 (ingress; allowed before)`);
      expect(fix.closes?.at(-1)).toMatch(/every other port and protocol into pods/);
      expect(fix.alternatives?.[0]).toMatch(/Admin tier Accept/);
    });
  }
});

describe('a NetworkPolicy drop after an Admin Pass', () => {
  it('is fixed in the NetworkPolicy, and the fix says the Admin rule passed it down', () => {
    const text = integration('v1alpha2', (docs) => {
      rules(named(docs, 'ClusterNetworkPolicy', 'pass-example'), 'ingress')[0]!['action'] = 'Pass';
      const np = docs.find((d) => d['kind'] === 'NetworkPolicy')!;
      rules(np, 'ingress')[0]!['from'] = [{ namespaceSelector: { matchLabels: { 'conformance-house': 'hufflepuff' } } }];
    });
    const { before, fix, after } = fixAndApply(text, 'slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 80, 'TCP');
    expect(before.ingress.decidedBy).toMatchObject({ tier: 'networkpolicy', action: 'deny' });
    expect(fix).toMatchObject({ kind: 'patch', policy: `${PREFIX}gryffindor/allow-gress-from-to-slytherin-to-gryffindor` });
    expect(fix.summary).toMatch(/the Admin ingress rule 0 'deny-all-ingress-from-slytherin' of ClusterNetworkPolicy pass-example \(priority 10\) passes this traffic to the NetworkPolicy tier/);
    expect(after.allowed).toBe(true);
  });
});
