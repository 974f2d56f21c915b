/**
 * The small printer of suggested fixes against the `yaml` library it stands in for: on seeded
 * random shapes (nested maps and sequences, empty ones, words and integers, and strings the
 * library quotes), whenever the printer answers, its text is the library's byte for byte; and
 * `toNetworkPolicyYaml` (printer, or library for the rest) always equals the library's text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { LabelSelector, NetworkPolicyObject, NetworkPolicyPeer, NetworkPolicyRule } from '../types';
import { selectorToManifest } from '../match/labels';
import { printPlainYaml, type PlainYamlValue } from './plain-yaml';
import { toNetworkPolicyYaml } from './suggest';

const library = (v: unknown): string => stringify(v, { lineWidth: 0 });

/** Words and near-words: plain ones, ones the library quotes (types, spaces, colons, leading marks). */
const TRICKY = [
  'true', 'True', 'FALSE', 'null', 'Null', '~', 'yes', 'no', 'on', 'y', '1', '-1', '+1', '0x1f', '0o17', '1.0', '.5', '1e3', '1E3', '.inf', '-.Inf', '.nan',
  '', ' ', 'a b', 'a: b', 'a:b', 'a #b', '#a', '-', '- a', '-a', '?', '? a', '---', '...', '@a', '`a', "'a'", '"a"', 'a\nb', 'a\tb',
  '10.0.0.1/32', '1/2', 'fd00::1/128', '0/0', 'app.kubernetes.io/name', 'kubernetes.io/metadata.name', 'é', 'a'.repeat(300), 'x'.repeat(1100),
];
const wordArb = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,12}$/),
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 6 }),
);
const scalarArb: fc.Arbitrary<PlainYamlValue> = fc.oneof(wordArb, fc.nat({ max: 70000 }), fc.constantFrom(-1, 1.5, 2 ** 60));

const { value: valueArb } = fc.letrec<{ value: PlainYamlValue; map: { [key: string]: PlainYamlValue } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, fc.array(tie('value'), { maxLength: 3 }), tie('map')),
  map: fc.dictionary(wordArb, tie('value'), { maxKeys: 4 }),
}));
const documentArb = fc.dictionary(wordArb, valueArb, { minKeys: 1, maxKeys: 5 });

/** The same shapes with words the printer owns (letters first, or a CIDR-like slash) and integers only. */
const cleanWordArb = fc
  .oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9._/-]{0,12}$/), fc.stringMatching(/^[0-9][0-9.]{0,6}\/[0-9a-z.-]{0,4}$/))
  .filter((w) => !['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL'].includes(w));
const { value: cleanValueArb } = fc.letrec<{ value: PlainYamlValue; map: { [key: string]: PlainYamlValue } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.oneof(cleanWordArb, fc.nat({ max: 70000 })), fc.array(tie('value'), { maxLength: 3 }), tie('map')),
  map: fc.dictionary(cleanWordArb, tie('value'), { maxKeys: 4 }),
}));
const cleanDocumentArb = fc.dictionary(cleanWordArb, cleanValueArb, { minKeys: 1, maxKeys: 5 });

describe('printPlainYaml', () => {
  it('prints what the library prints, whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(documentArb, (doc) => {
        const text = printPlainYaml(doc);
        if (text === undefined) return;
        answered++;
        expect(text).toBe(library(doc));
      }),
      { seed: 20261206, numRuns: 3000 },
    );
    // The property must not hold only because the printer gave up.
    expect(answered).toBeGreaterThan(100);
  });

  it('answers for every shape of plain words and integers, with the library text', () => {
    fc.assert(
      fc.property(cleanDocumentArb, (doc) => {
        expect(printPlainYaml(doc)).toBe(library(doc));
      }),
      { seed: 20261208, numRuns: 2000 },
    );
  });

  it('answers for the shapes of a NetworkPolicy (nested lists of maps, empty ones)', () => {
    const doc = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-web', namespace: 'shop' },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{}, { from: [{ podSelector: { matchLabels: { app: 'web' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: [] } }], ports: [{ protocol: 'TCP', port: 8080, endPort: 8090 }] }],
        egress: [],
        nested: [[], ['a'], [{}], [['b']]],
      },
    };
    const text = printPlainYaml(doc);
    expect(text).toBeDefined();
    expect(text).toBe(library(doc));
  });

  it('leaves to the library what it would quote or cannot hold', () => {
    for (const v of ['true', '1', '1.0', 'a b', 'a: b', '', '-a', '.inf', 'x'.repeat(300), -1, 1.5]) {
      expect(printPlainYaml({ k: v })).toBeUndefined();
      expect(printPlainYaml({ [String(v)]: 'x' })).toBeUndefined();
    }
  });
});

/** The library's text for a policy, built as toNetworkPolicyYaml builds its manifest (the reference). */
const words = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.constantFrom(...TRICKY.slice(0, 40)));
const selectorArb: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.dictionary(fc.oneof(fc.constantFrom('app', 'app.kubernetes.io/name', 'tier'), words), words, { maxKeys: 2 }),
  matchExpressions: fc.array(
    fc.oneof(
      fc.record({ key: words, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.array(words, { minLength: 1, maxLength: 2 }) }),
      fc.record({ key: words, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const), values: fc.constant([] as string[]) }),
    ),
    { maxLength: 2 },
  ),
});
const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({ ipBlock: fc.record({ cidr: fc.constantFrom('10.0.0.1/32', '0.0.0.0/0', 'fd00::/8'), except: fc.array(fc.constantFrom('10.0.0.0/24', '10.1.0.0/16'), { maxLength: 2 }) }) }),
);
const ruleArb: fc.Arbitrary<NetworkPolicyRule> = fc.record({
  peers: fc.array(peerArb, { maxLength: 2 }),
  ports: fc.array(
    fc.oneof(
      fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const) }),
      fc.record({ protocol: fc.constant('TCP' as const), port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('http', 'dns-tcp', 'metrics')) }),
      fc.record({ protocol: fc.constant('TCP' as const), port: fc.integer({ min: 1, max: 1000 }), endPort: fc.integer({ min: 1000, max: 65535 }) }),
    ),
    { maxLength: 2 },
  ),
});
const policyArb: fc.Arbitrary<NetworkPolicyObject> = fc
  .record({
    name: words,
    namespace: words,
    labels: fc.dictionary(words, words, { maxKeys: 2 }),
    annotations: fc.dictionary(fc.constantFrom('note', 'example.com/owner'), fc.oneof(words, fc.string({ maxLength: 20 })), { maxKeys: 2 }),
    podSelector: selectorArb,
    policyTypes: fc.constantFrom(['Ingress'] as const, ['Egress'] as const, ['Ingress', 'Egress'] as const),
    ingress: fc.array(ruleArb, { maxLength: 3 }),
    egress: fc.array(ruleArb, { maxLength: 3 }),
  })
  .map((p) => ({
    kind: 'NetworkPolicy' as const,
    meta: { name: p.name, namespace: p.namespace, labels: p.labels, annotations: p.annotations },
    podSelector: p.podSelector,
    policyTypes: [...p.policyTypes],
    policyTypesDefaulted: false,
    ingress: p.ingress,
    egress: p.egress,
  }));

function libraryPolicyYaml(policy: NetworkPolicyObject): string {
  const peer = (p: NetworkPolicyPeer): Record<string, unknown> => ({
    ...(p.podSelector ? { podSelector: selectorToManifest(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: selectorToManifest(p.namespaceSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: p.ipBlock.except.length > 0 ? { cidr: p.ipBlock.cidr, except: [...p.ipBlock.except] } : { cidr: p.ipBlock.cidr } } : {}),
  });
  const rule = (r: NetworkPolicyRule, word: 'from' | 'to'): Record<string, unknown> => ({
    ...(r.peers.length > 0 ? { [word]: r.peers.map(peer) } : {}),
    ...(r.ports.length > 0
      ? { ports: r.ports.map((p) => ({ protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) })) }
      : {}),
  });
  const { meta } = policy;
  return library({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      ...(Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}),
      ...(Object.keys(meta.annotations).length > 0 ? { annotations: meta.annotations } : {}),
    },
    spec: {
      podSelector: selectorToManifest(policy.podSelector),
      policyTypes: policy.policyTypes,
      ...(policy.policyTypes.includes('Ingress') ? { ingress: policy.ingress.map((r) => rule(r, 'from')) } : {}),
      ...(policy.policyTypes.includes('Egress') ? { egress: policy.egress.map((r) => rule(r, 'to')) } : {}),
    },
  });
}

describe('toNetworkPolicyYaml', () => {
  it('is the library text for every policy shape (printer or library)', () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        expect(toNetworkPolicyYaml(policy)).toBe(libraryPolicyYaml(policy));
      }),
      { seed: 20261207, numRuns: 1500 },
    );
  });
});
