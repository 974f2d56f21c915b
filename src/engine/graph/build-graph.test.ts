import { describe, expect, it } from 'vitest';
import type { ClusterPolicyObject, GraphModel, NormalizedManifests, SimulateOptions } from '../types';
import { buildCluster } from '../cluster/build-cluster';
import {
  deployment,
  ingress,
  manifestsOf,
  metaOf,
  namespace,
  networkPolicy,
  pod,
  resetDocumentOrder,
  scenario,
  service,
} from '../testing/manifests';
import { buildGraph } from './build-graph';

function graphOf(m: NormalizedManifests, options: SimulateOptions = {}): GraphModel {
  return buildGraph(buildCluster(m, options).cluster);
}

const nodeById = (g: GraphModel, id: string) => g.nodes.find((n) => n.id === id);
const edgeIds = (g: GraphModel) => g.edges.map((e) => e.id);

function fullFlow(): NormalizedManifests {
  return manifestsOf(
    deployment('frontend', { replicas: 2 }),
    deployment('backend', { replicas: 2, ports: [{ containerPort: 8080 }] }),
    service('frontend-service', { selector: { app: 'frontend' } }),
    service('backend-service', { selector: { app: 'backend' }, ports: [{ port: 8080 }] }),
    ingress('webapp-ingress', {
      rules: [
        {
          host: 'example.com',
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend-service', port: { number: 80 } } } },
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'backend-service', port: { number: 8080 } } } },
            { path: '/missing', pathType: 'Prefix', backend: { service: { name: 'nope', port: { number: 80 } } } },
          ],
        },
      ],
    }),
    networkPolicy('allow-frontend-to-backend', { podSelector: { matchLabels: { app: 'backend' }, matchExpressions: [] }, policyTypes: ['Ingress'] }),
    networkPolicy('backend-egress', { podSelector: { matchLabels: { app: 'backend' }, matchExpressions: [] }, policyTypes: ['Egress'] }),
    networkPolicy('deny-all', { podSelector: { matchLabels: {}, matchExpressions: [] }, policyTypes: ['Ingress', 'Egress'], namespace: 'other' }),
  );
}

describe('buildGraph', () => {
  it('ids and tiers follow common.md', () => {
    const g = graphOf(fullFlow());
    const tiers = Object.fromEntries(g.nodes.map((n) => [n.id, [n.kind, n.tier]]));
    expect(tiers).toMatchObject({
      internet: ['internet', 0],
      'node/node-1': ['node', 1],
      'loadbalancer/ingress-nginx/ingress-nginx-controller': ['loadbalancer', 1],
      'pod/ingress-nginx/ingress-nginx-controller-0': ['ingress-controller', 2],
      'ingress/default/webapp-ingress': ['ingress', 3],
      'service/default/backend-service': ['service', 4],
      'service/ingress-nginx/ingress-nginx-controller': ['service', 4],
      'service/kube-system/kube-dns': ['dns', 4],
      'pod/default/backend-0': ['pod', 5],
      'pod/kube-system/coredns-0': ['pod', 5],
    });
    expect(nodeById(g, 'service/default/kubernetes')).toBeUndefined();
  });

  it('edges: internet → LB → controller → ingress → services → pods', () => {
    const g = graphOf(fullFlow());
    const ids = edgeIds(g);
    expect(ids).toEqual(
      expect.arrayContaining([
        'internet->loadbalancer/ingress-nginx/ingress-nginx-controller',
        'loadbalancer/ingress-nginx/ingress-nginx-controller->pod/ingress-nginx/ingress-nginx-controller-0',
        'pod/ingress-nginx/ingress-nginx-controller-0->ingress/default/webapp-ingress',
        'ingress/default/webapp-ingress->service/default/frontend-service',
        'ingress/default/webapp-ingress->service/default/backend-service',
        'service/default/backend-service->pod/default/backend-0',
        'service/default/backend-service->pod/default/backend-1',
        'service/kube-system/kube-dns->pod/kube-system/coredns-1',
      ]),
    );
    // An ingress backend that does not exist gets no edge; nothing points at missing nodes.
    const present = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) {
      expect(present.has(e.source)).toBe(true);
      expect(present.has(e.target)).toBe(true);
    }
    expect(ids.some((id) => id.includes('service/default/nope'))).toBe(false);
    expect(g.edges.find((e) => e.id === 'ingress/default/webapp-ingress->service/default/backend-service')?.label).toBe('example.com/api');
  });

  it('other LoadBalancers forward to their Service; NodePorts are reachable from the internet', () => {
    const g = graphOf(
      manifestsOf(deployment('web'), service('web', { type: 'LoadBalancer' }), service('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] })),
    );
    expect(edgeIds(g)).toEqual(
      expect.arrayContaining(['internet->loadbalancer/default/web', 'loadbalancer/default/web->service/default/web', 'internet->service/default/np']),
    );
    expect(g.edges.find((e) => e.id === 'internet->service/default/np')?.label).toBe('NodePort 30080');
    expect(nodeById(g, 'loadbalancer/default/web')).toMatchObject({ sublabel: '203.0.113.10', status: 'ok' });
  });

  it('shields: the policies isolating each pod, per direction, in its own namespace', () => {
    const g = graphOf(fullFlow());
    expect(nodeById(g, 'pod/default/backend-0')?.shields).toEqual({ ingress: ['default/allow-frontend-to-backend'], egress: ['default/backend-egress'] });
    expect(nodeById(g, 'pod/default/frontend-0')?.shields).toEqual({ ingress: [], egress: [] });
    // `other/deny-all` selects every pod of `other` only.
    expect(nodeById(g, 'pod/kube-system/coredns-0')?.shields).toEqual({ ingress: [], egress: [] });
  });

  it('matchExpressions count for shields; host-network pods carry none', () => {
    const g = graphOf(
      manifestsOf(
        pod('a', { labels: { tier: 'db' } }),
        pod('h', { labels: { tier: 'db' }, hostNetwork: true }),
        networkPolicy('expr', { podSelector: { matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] } }),
      ),
    );
    expect(nodeById(g, 'pod/default/a')?.shields?.ingress).toEqual(['default/expr']);
    expect(nodeById(g, 'pod/default/h')?.shields?.ingress).toEqual([]);
  });

  it('cluster shields: every cluster policy whose subject selects a pod, in walk order, with tier and directions', () => {
    const cnp = (name: string, tier: 'Admin' | 'Baseline', priority: number, subject: ClusterPolicyObject['subject'], ingress: boolean, egress: boolean): ClusterPolicyObject => {
      const rule = { name: '', action: 'Deny' as const, peers: [{ kind: 'namespaces' as const, namespaceSelector: { matchLabels: {}, matchExpressions: [] } }] };
      return { kind: 'ClusterNetworkPolicy', meta: metaOf(name, ''), tier, priority, subject, ingress: ingress ? [rule] : [], egress: egress ? [rule] : [] };
    };
    const everything = { matchLabels: {}, matchExpressions: [] };
    const g = graphOf(
      manifestsOf(
        namespace('shop', { team: 'shop' }),
        pod('db', { namespace: 'shop', labels: { app: 'db' } }),
        pod('web', { namespace: 'shop', labels: { app: 'web' } }),
        pod('other', { labels: { app: 'db' } }),
        pod('h', { namespace: 'shop', labels: { app: 'db' }, hostNetwork: true }),
        cnp('baseline', 'Baseline', 5, { kind: 'namespaces', namespaceSelector: everything }, false, true),
        cnp('shop-db', 'Admin', 20, { kind: 'pods', namespaceSelector: { matchLabels: { team: 'shop' }, matchExpressions: [] }, podSelector: { matchLabels: { app: 'db' }, matchExpressions: [] } }, true, false),
        cnp('all-shop', 'Admin', 10, { kind: 'namespaces', namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' }, matchExpressions: [] } }, true, true),
      ),
    );
    expect(nodeById(g, 'pod/shop/db')?.clusterShields).toEqual([
      { ref: 'clusternetworkpolicy/all-shop', tier: 'Admin', directions: ['ingress', 'egress'] },
      { ref: 'clusternetworkpolicy/shop-db', tier: 'Admin', directions: ['ingress'] },
      { ref: 'clusternetworkpolicy/baseline', tier: 'Baseline', directions: ['egress'] },
    ]);
    expect(nodeById(g, 'pod/shop/web')?.clusterShields?.map((s) => s.ref)).toEqual(['clusternetworkpolicy/all-shop', 'clusternetworkpolicy/baseline']);
    expect(nodeById(g, 'pod/default/other')?.clusterShields?.map((s) => s.ref)).toEqual(['clusternetworkpolicy/baseline']);
    expect(nodeById(g, 'pod/shop/db')?.details['cluster policies']).toBe(
      '[Admin] clusternetworkpolicy/all-shop (ingress, egress); [Admin] clusternetworkpolicy/shop-db (ingress); [Baseline] clusternetworkpolicy/baseline (egress)',
    );
    // Host-network pods are never subjects; without cluster policies the field is absent.
    expect(nodeById(g, 'pod/shop/h')).not.toHaveProperty('clusterShields');
    expect(nodeById(graphOf(fullFlow()), 'pod/default/backend-0')).not.toHaveProperty('clusterShields');
    // Weave enforces NetworkPolicy but not cluster policies: the details say so.
    const weave = graphOf(manifestsOf(pod('db', { labels: { app: 'db' } }), cnp('baseline', 'Baseline', 5, { kind: 'namespaces', namespaceSelector: everything }, true, false)), { cni: 'weave' });
    expect(nodeById(weave, 'pod/default/db')?.details['cluster policies']).toMatch(/\(not enforced: weave does not implement cluster-scoped policies\)$/);
  });

  it('status: pending pods and load balancers, unready pods, unserved ingresses, Services without endpoints', () => {
    const g = graphOf(
      manifestsOf(
        scenario({ bareMetal: true }),
        pod('stuck', { nodeSelector: { disk: 'ssd' } }),
        pod('unready', { status: { ready: false } }),
        service('lonely'),
        service('lb', { type: 'LoadBalancer', selector: { app: 'unready' } }),
        ingress('web', { ingressClassName: 'other' }),
        pod('ctl', { labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } }),
      ),
    );
    expect(nodeById(g, 'pod/default/stuck')).toMatchObject({ status: 'pending', sublabel: 'Pending' });
    expect(nodeById(g, 'pod/default/stuck')?.nodeName).toBeUndefined();
    expect(nodeById(g, 'pod/default/unready')?.status).toBe('warning');
    expect(nodeById(g, 'loadbalancer/default/lb')).toMatchObject({ status: 'pending', sublabel: '<pending>' });
    expect(nodeById(g, 'loadbalancer/default/lb')?.details['pending']).toMatch(/MetalLB/);
    expect(nodeById(g, 'service/default/lonely')?.status).toBe('warning');
    expect(nodeById(g, 'ingress/default/web')?.status).toBe('warning');
    expect(edgeIds(g).some((id) => id.endsWith('->ingress/default/web'))).toBe(false);
  });

  it('details show addresses, ports and labels; implicit objects are flagged', () => {
    const g = graphOf(fullFlow());
    const backend = nodeById(g, 'pod/default/backend-0')!;
    expect(backend.details).toMatchObject({ IP: backend.sublabel, labels: 'app=backend', ports: '8080/TCP', owner: 'deployment/default/backend' });
    expect(backend.nodeName).toBe(buildCluster(fullFlow(), {}).cluster.pods.find((p) => p.ref === 'pod/default/backend-0')!.nodeName);
    expect(backend.namespace).toBe('default');
    const lb = nodeById(g, 'service/ingress-nginx/ingress-nginx-controller')!;
    expect(lb.implicit).toBe(true);
    expect(lb.details['ports']).toMatch(/^http 80\/TCP → http \(NodePort \d+\), https 443\/TCP → https \(NodePort \d+\)$/);
    expect(lb.details['external IP']).toBe('203.0.113.10');
    expect(nodeById(g, 'pod/default/backend-0')?.implicit).toBe(false);
  });

  it('flannel: shields are marked as not enforced', () => {
    const g = graphOf(fullFlow(), { cni: 'flannel' });
    expect(nodeById(g, 'pod/default/backend-0')?.details['policies']).toMatch(/not enforced/);
  });

  it('stable: same input → same graph; nodes sorted by tier then id, edges by id', () => {
    resetDocumentOrder();
    const a = graphOf(fullFlow());
    resetDocumentOrder();
    const b = graphOf(fullFlow());
    expect(b).toEqual(a);
    const keys = a.nodes.map((n) => [n.tier, n.id] as const);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(a.edges.map((e) => e.id)).toEqual([...a.edges.map((e) => e.id)].sort());
    expect(new Set(a.nodes.map((n) => n.id)).size).toBe(a.nodes.length);
  });
});
