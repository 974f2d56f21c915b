import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { completeAt, readCompletionContext } from './complete';

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: payments}}
---
apiVersion: v1
kind: Pod
metadata: {name: backend-0, labels: {app: backend, tier: api}}
spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: frontend-0, labels: {app: frontend}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  selector: {app: backend}
  ports: [{name: web, port: 80, targetPort: http}]
`;
const cluster = simulate([{ name: 'scenario.yaml', text: CLUSTER }]).cluster;

/** Completes at the `|` in `doc` (appended as a new document). */
function complete(doc: string) {
  const text = `${CLUSTER}---\n${doc.replace('|', '')}`;
  const before = `${CLUSTER}---\n${doc.slice(0, doc.indexOf('|'))}`.split('\n');
  const at = { line: before.length, column: before.at(-1)!.length + 1 };
  return completeAt(cluster, text, at);
}
const labels = (doc: string) => complete(doc)?.items.map((i) => i.label);

describe('completeAt', () => {
  const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector:\n    matchLabels:\n';

  it('label values that exist, in a podSelector', () => {
    expect(labels(`${policy}      app: |`)).toEqual(['backend', 'frontend']);
    expect(complete(`${policy}      app: b|`)?.items.map((i) => i.label)).toEqual(['backend']);
    expect(complete(`${policy}      app: |`)?.items[0]).toMatchObject({ kind: 'label-value', detail: 'app=backend on 1 pod' });
  });

  it('label keys that exist, while a key is typed', () => {
    expect(labels(`${policy}      |`)).toEqual(['app', 'tier']);
    expect(complete(`${policy}      |`)?.items[0]).toMatchObject({ insertText: 'app: ' });
  });

  it('in a flow mapping too', () => {
    expect(labels('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: fr|')).toEqual(['frontend']);
  });

  it('namespace labels in a peer namespaceSelector', () => {
    const peer = `${policy}      app: backend\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: |`;
    expect(labels(peer)).toEqual(['payments']);
    const key = `${policy}      app: backend\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              |`;
    expect(labels(key)).toEqual(['kubernetes.io/metadata.name', 'team']);
  });

  it('container port names in policy ports', () => {
    const ports = `${policy}      app: backend\n  ingress:\n    - ports:\n        - port: |`;
    expect(labels(ports)).toEqual(['8080', 'http']);
  });

  it('cluster policies: namespace labels under namespaces, pod labels of every namespace, named ports', () => {
    const cnp = 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: c\nspec:\n  tier: Admin\n  priority: 1\n';
    expect(labels(`${cnp}  subject:\n    namespaces:\n      matchLabels:\n        team: |`)).toEqual(['payments']);
    expect(labels(`${cnp}  subject:\n    pods:\n      namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          app: |`)).toEqual(['backend', 'frontend']);
    const rule = `${cnp}  subject: {namespaces: {}}\n  ingress:\n  - action: Accept\n    from: [{namespaces: {}}]\n    protocols:\n    - destinationNamedPort: |`;
    expect(labels(rule)).toEqual(['http']);
  });

  it('namespace names in metadata.namespace', () => {
    expect(labels('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  namespace: |')).toEqual(['default', 'kube-system', 'shop']);
  });

  it('Service names and ports in an Ingress backend', () => {
    const ing = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n';
    expect(labels(`${ing}                name: |`)).toEqual(['backend']);
    expect(labels(`${ing}                name: backend\n                port:\n                  number: |`)).toEqual(['80']);
    expect(labels(`${ing}                name: backend\n                port:\n                  name: |`)).toEqual(['web']);
  });

  it('CNI plugin names in the Scenario', () => {
    expect(labels('apiVersion: netplay.dev/v1\nkind: Scenario\ncni: |')).toEqual(['calico', 'cilium', 'flannel', 'weave']);
  });

  it('nothing where the cluster has nothing to offer', () => {
    expect(complete('apiVersion: v1\nkind: Service\nmetadata:\n  name: |')).toBeUndefined();
  });

  it('reads the ancestors of a key through list items', () => {
    const text = 'spec:\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: x\n';
    expect(readCompletionContext(text, { line: 6, column: 20 })?.ancestors.map((a) => a.key)).toEqual([
      'matchLabels', 'podSelector', 'from', 'ingress', 'spec',
    ]);
  });
});
