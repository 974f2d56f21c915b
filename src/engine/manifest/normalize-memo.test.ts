/**
 * normalizeManifests reuses what it read from a document whose parsed object the parse cache
 * handed back unchanged: on every text of an editing session the result (objects, their
 * sources, diagnostics) equals reading freshly parsed documents.
 */
import { describe, expect, it } from 'vitest';
import { createParseCache, parseManifests } from './parse';
import { normalizeManifests } from './normalize';

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
`;
const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: ${name}}}
spec: {containers: [{name: c, image: nginx}]}
`;
const cnp = (name: string, priority: number) => `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: Admin
  priority: ${priority}
  subject: {namespaces: {}}
  ingress:
  - action: Deny
    from: [{namespaces: {matchLabels: {env: dev}}}]
`;
const service = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: manual}
subsets:
- addresses: [{ip: 10.0.0.1}]
  ports: [{port: 80}]
- addresses: [{ip: 10.0.0.2}]
  ports: [{port: 81}]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: shop}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: deny, namespace: shop}
  spec: {podSelector: {}}
`;

function expectSessionEqualsFresh(texts: readonly string[]): void {
  const cache = createParseCache();
  for (const text of texts) {
    const files = [{ name: 's.yaml', text }];
    const cached = normalizeManifests(parseManifests(files, cache).documents);
    expect(JSON.stringify(cached)).toBe(JSON.stringify(normalizeManifests(parseManifests(files).documents)));
  }
}

describe('normalizeManifests over an editing session (parse cache)', () => {
  it('moves the sources of reused objects when lines or documents above them are added or removed', () => {
    const body = [pod('a'), service, deployment('web', 2), cnp('one', 1)].join('---\n');
    expectSessionEqualsFresh([
      body,
      `# a comment\n${body}`,
      `# a comment\n# another\n${body}`,
      `${pod('first')}---\n${body}`,
      body.replace('replicas: 2', 'replicas: 3'),
      [service, pod('a'), cnp('one', 1), deployment('web', 2)].join('---\n'),
      [deployment('web', 2), cnp('one', 1)].join('---\n'),
      body,
    ]);
  });

  it('reads a reused document again when it would now cross the pod limit', () => {
    const body = [deployment('big', 6000), deployment('rest', 4000)].join('---\n');
    const texts = [body, `${pod('one-more')}---\n${body}`, body, `${deployment('lead', 3)}---\n${body}`, body];
    expectSessionEqualsFresh(texts);
    const trimmed = normalizeManifests(parseManifests([{ name: 's.yaml', text: texts[1]! }], createParseCache()).documents);
    expect(trimmed.diagnostics.map((d) => d.code)).toContain('input.limit');
  });

  it('reads a reused cluster policy again when a policy of the same name now comes first', () => {
    // Not first in the text: the parse cache reuses a chunk by its text, which starts at its `---`.
    const body = [pod('a'), cnp('twin', 1), cnp('other', 2)].join('---\n');
    const texts = [body, [pod('a'), cnp('twin', 5), cnp('twin', 1), cnp('other', 2)].join('---\n'), body];
    expectSessionEqualsFresh(texts);
    const twice = normalizeManifests(parseManifests([{ name: 's.yaml', text: texts[1]! }]).documents);
    expect(twice.diagnostics.map((d) => d.code)).toContain('clusterpolicy.declared-twice');
  });

  it('reuses a cluster policy whose only diagnostics are notes about its own fields, its notes moved with it', () => {
    const withNotes = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: dns}
spec:
  tier: Admin
  priority: 3
  subject: {namespaces: {}}
  egress:
  - action: Deny
    to: [{domainNames: ["*.example.com"]}, {networks: ["2001:db8::/32"]}]
`;
    const body = [pod('a'), withNotes, pod('b')].join('---\n');
    const texts = [body, `# a comment\n${body}`, `${body}---\n${pod('c')}`, body.replace('priority: 3', 'priority: 4'), body];
    expectSessionEqualsFresh(texts);

    const cache = createParseCache();
    const first = normalizeManifests(parseManifests([{ name: 's.yaml', text: texts[0]! }], cache).documents);
    expect(first.diagnostics.map((d) => [d.code, d.range?.startLine])).toEqual([
      ['field.not-simulated', 15],
      ['field.not-simulated', 15],
    ]);
    // An edit below it: the same object comes back (not read again), with its notes.
    const below = normalizeManifests(parseManifests([{ name: 's.yaml', text: texts[2]! }], cache).documents);
    expect(below.manifests.clusterPolicies[0]).toBe(first.manifests.clusterPolicies[0]);
    expect(below.diagnostics).toEqual(first.diagnostics);
    // An edit above it: the notes move down with the document.
    const above = normalizeManifests(parseManifests([{ name: 's.yaml', text: `# one\n# two\n${texts[2]!}` }], cache).documents);
    expect(above.diagnostics.map((d) => d.range?.startLine)).toEqual([17, 17]);
  });
});
