import { describe, expect, it } from 'vitest';
import { simulate } from '../../../engine';
import { evaluateConnection } from '../../../engine';
import type { Cluster, PolicyPeer } from '../../../engine';
import { applyTextEdit } from './fix-edit';
import { RECIPES, toRecipeEdit } from './recipes';

/** A small cluster: pods in default, in a team=frontend namespace, in another one, and an Ingress (so ingress-nginx runs). */
const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: frontend}}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-0, labels: {app: api}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: shop-0, namespace: shop, labels: {app: shop}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: other-0, namespace: other, labels: {app: other}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
`;

const pod = (cluster: Cluster, name: string): PolicyPeer => {
  const p = cluster.pods.find((x) => x.name === name || x.name.startsWith(name));
  if (!p) throw new Error(`no pod ${name}`);
  return { kind: 'pod', podRef: p.ref };
};
const ip = (address: string): PolicyPeer => ({ kind: 'external', ip: address });

function load(id: string) {
  const recipe = RECIPES.find((r) => r.id === id)!;
  const text = applyTextEdit(CLUSTER, toRecipeEdit(CLUSTER, 1, recipe.yaml));
  const analysis = simulate([{ name: 'scenario.yaml', text }]);
  const allowed = (from: PolicyPeer, to: PolicyPeer, port: number, protocol: 'TCP' | 'UDP' = 'TCP') =>
    evaluateConnection(analysis.cluster, from, to, port, protocol).allowed;
  return { analysis, cluster: analysis.cluster, allowed };
}

describe('recipes', () => {
  it.each(RECIPES.map((r) => [r.id, r] as const))('%s loads with no errors and starts with its one-line comment', (_, recipe) => {
    const { analysis } = load(recipe.id);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(recipe.yaml.split('\n')[0]).toMatch(/^# \S/);
    expect(analysis.cluster.networkPolicies.map((p) => p.meta.name)).toHaveLength(1);
  });

  it('deny all ingress: nothing reaches pods in default, they still connect out', () => {
    const { cluster, allowed } = load('deny-all-ingress');
    expect(allowed(pod(cluster, 'api-0'), pod(cluster, 'web-0'), 8080)).toBe(false);
    expect(allowed(pod(cluster, 'shop-0'), pod(cluster, 'web-0'), 8080)).toBe(false);
    expect(allowed(pod(cluster, 'web-0'), pod(cluster, 'shop-0'), 80)).toBe(true);
  });

  it('deny all egress but DNS: only kube-dns on 53 is reachable from default', () => {
    const { cluster, allowed } = load('deny-all-egress-but-dns');
    const dns = pod(cluster, 'coredns');
    expect(allowed(pod(cluster, 'web-0'), dns, 53, 'UDP')).toBe(true);
    expect(allowed(pod(cluster, 'web-0'), dns, 53, 'TCP')).toBe(true);
    expect(allowed(pod(cluster, 'web-0'), dns, 9153)).toBe(false);
    expect(allowed(pod(cluster, 'web-0'), pod(cluster, 'api-0'), 8080)).toBe(false);
    expect(allowed(pod(cluster, 'web-0'), ip('8.8.8.8'), 53, 'UDP')).toBe(false);
  });

  it('allow from the same namespace: default pods yes, other namespaces no', () => {
    const { cluster, allowed } = load('allow-same-namespace');
    expect(allowed(pod(cluster, 'api-0'), pod(cluster, 'web-0'), 8080)).toBe(true);
    expect(allowed(pod(cluster, 'shop-0'), pod(cluster, 'web-0'), 8080)).toBe(false);
  });

  it('allow from a namespace by label: team=frontend yes, the rest no', () => {
    const { cluster, allowed } = load('allow-from-namespace-by-label');
    expect(allowed(pod(cluster, 'shop-0'), pod(cluster, 'web-0'), 8080)).toBe(true);
    expect(allowed(pod(cluster, 'other-0'), pod(cluster, 'web-0'), 8080)).toBe(false);
    expect(allowed(pod(cluster, 'api-0'), pod(cluster, 'web-0'), 8080)).toBe(false);
  });

  it('allow the ingress controller: its pods yes, the rest no', () => {
    const { cluster, allowed } = load('allow-ingress-controller');
    expect(allowed(pod(cluster, 'ingress-nginx-controller'), pod(cluster, 'web-0'), 8080)).toBe(true);
    expect(allowed(pod(cluster, 'api-0'), pod(cluster, 'web-0'), 8080)).toBe(false);
  });

  it('allow egress to a CIDR except a range', () => {
    const { cluster, allowed } = load('allow-egress-to-cidr-except');
    expect(allowed(pod(cluster, 'web-0'), ip('203.0.113.10'), 443)).toBe(true);
    expect(allowed(pod(cluster, 'web-0'), ip('203.0.113.200'), 443)).toBe(false);
    expect(allowed(pod(cluster, 'web-0'), ip('198.51.100.1'), 443)).toBe(false);
  });
});

describe('toRecipeEdit', () => {
  const yaml = 'a: 1\n';
  it('inserts after the document under the cursor', () => {
    const text = 'x: 1\n---\ny: 2\n';
    expect(applyTextEdit(text, toRecipeEdit(text, 1, yaml))).toBe('x: 1\n---\na: 1\n---\ny: 2\n');
    expect(applyTextEdit(text, toRecipeEdit(text, 3, yaml))).toBe('x: 1\n---\ny: 2\n---\na: 1\n');
  });
  it('appends to a text without a final newline, and fills an empty one', () => {
    expect(applyTextEdit('x: 1', toRecipeEdit('x: 1', 1, yaml))).toBe('x: 1\n---\na: 1\n');
    expect(applyTextEdit('', toRecipeEdit('', 1, yaml))).toBe('a: 1\n');
  });
});
