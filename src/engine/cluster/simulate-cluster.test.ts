import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Analysis, ClusterService } from '../types';
import { simulate } from '../simulate';
import { parseIPv4, parseIPv4Range, rangeContains } from '../match/cidr';

const seedText = readFileSync(fileURLToPath(new URL('../../../scenarios/full-flow.yaml', import.meta.url)), 'utf8');
const seed = (options = {}): Analysis => simulate([{ name: 'full-flow.yaml', text: seedText }], options);
const svc = (a: Analysis, ref: string): ClusterService => a.cluster.services[a.cluster.lookups.serviceByRef[ref] ?? -1]!;

describe('the seed scenario through simulate()', () => {
  it('pods are named, scheduled and addressed inside their node podCIDR', () => {
    const { cluster } = seed();
    const user = cluster.pods.filter((p) => !p.implicit);
    expect(user.map((p) => p.name)).toEqual(['frontend-0', 'frontend-1', 'backend-0', 'backend-1', 'auth-0', 'database-0']);
    for (const p of cluster.pods) {
      const node = cluster.nodes[cluster.lookups.nodeByName[p.nodeName ?? ''] ?? -1]!;
      expect(rangeContains(parseIPv4Range(node.podCIDR)!, parseIPv4(p.ip ?? '')!)).toBe(true);
    }
    expect(cluster.pods.filter((p) => p.nodeName === 'node-3').every((p) => p.ip?.startsWith('10.244.2.'))).toBe(true);
  });

  it('Services: the named targetPort of auth-service resolves to 9000, database defaults to 3306', () => {
    const a = seed();
    expect(svc(a, 'service/default/auth-service').endpoints['']!.map((e) => [e.podRef, e.port])).toEqual([['pod/default/auth-0', 9000]]);
    expect(svc(a, 'service/default/database').endpoints['']!.map((e) => e.port)).toEqual([3306]);
    expect(svc(a, 'service/default/frontend-service').endpoints['']).toHaveLength(2);
  });

  it('the Ingress is served by the implicit controller behind 203.0.113.10', () => {
    const { cluster, graph } = seed();
    expect(cluster.settings).toMatchObject({ cni: 'calico', nodeCount: 3 });
    expect(cluster.ingresses.map((i) => [i.ref, i.served])).toEqual([['ingress/default/webapp-ingress', true]]);
    expect(cluster.ingressController?.implicit).toBe(true);
    expect(svc({ cluster } as Analysis, 'service/ingress-nginx/ingress-nginx-controller').loadBalancerIPs).toEqual(['203.0.113.10']);
    expect(graph.nodes.find((n) => n.id === 'pod/default/backend-0')?.shields).toEqual({
      ingress: ['default/allow-frontend-to-backend', 'default/allow-ingress-to-backend'],
      egress: ['default/backend-egress-to-db'],
    });
  });

  it('raises no cluster diagnostics and is deterministic', () => {
    const a = seed();
    expect(a.diagnostics.filter((d) => d.code.startsWith('cluster.'))).toEqual([]);
    expect(seed()).toEqual(a);
  });

  it('the Scenario (cni: calico, nodes: 3) wins over the options, which only fill what it leaves out', () => {
    expect(seed({ cni: 'flannel' }).cluster.settings.cni).toBe('calico');
    expect(seed({ nodes: 5 }).cluster.nodes).toHaveLength(3);
  });
});

const snapshot = `
apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: snap}
bareMetal: true
loadBalancerPool: 192.168.0.240/28
---
apiVersion: v1
kind: Node
metadata: {name: worker-a, labels: {disk: ssd}}
spec: {podCIDR: 10.10.1.0/24}
status:
  addresses: [{type: InternalIP, address: 10.0.0.21}]
---
apiVersion: v1
kind: Node
metadata: {name: worker-b}
---
apiVersion: v1
kind: Pod
metadata: {name: api-abc, namespace: shop, labels: {app: api}}
spec:
  nodeName: worker-a
  containers: [{name: api, image: api, ports: [{name: http, containerPort: 8080}]}]
status:
  podIP: 10.10.1.77
  hostIP: 10.0.0.21
  phase: Running
  conditions: [{type: Ready, status: "False"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      nodeSelector: {disk: ssd}
      containers: [{name: db, image: db, ports: [{containerPort: 5432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: LoadBalancer
  clusterIP: 10.96.7.7
  selector: {app: api}
  publishNotReadyAddresses: true
  ports: [{name: web, port: 80, targetPort: http, nodePort: 31080}]
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: shop}
spec:
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: legacy, namespace: shop}
subsets:
  - addresses: [{ip: 10.0.9.9}]
    ports: [{port: 5432}]
`;

describe('a snapshot-style YAML through simulate()', () => {
  const a = simulate([{ name: 'snap.yaml', text: snapshot }]);
  const { cluster } = a;

  it('Node objects: stated address and podCIDR win, the rest assigned', () => {
    expect(cluster.nodes.map((n) => [n.name, n.ip, n.podCIDR])).toEqual([
      ['worker-a', '10.0.0.21', '10.10.1.0/24'],
      ['worker-b', '192.168.0.11', '10.244.0.0/24'],
    ]);
  });

  it('pods: stated IP, readiness and nodeSelector scheduling', () => {
    const api = cluster.pods[cluster.lookups.podByRef['pod/shop/api-abc'] ?? -1];
    expect(api).toMatchObject({ ip: '10.10.1.77', nodeName: 'worker-a', ready: false });
    const db = cluster.pods.filter((p) => p.owner === 'statefulset/shop/db');
    // Each pod at the slot its name hashes to in worker-a's podCIDR (stable-placement rule).
    expect(db.map((p) => [p.name, p.nodeName, p.ip])).toEqual([
      ['db-0', 'worker-a', '10.10.1.212'],
      ['db-1', 'worker-a', '10.10.1.35'],
    ]);
  });

  it('Services: given ClusterIP and NodePort, pool address, unready endpoint published, Endpoints object', () => {
    const api = svc(a, 'service/shop/api');
    expect(api).toMatchObject({ clusterIP: '10.96.7.7', loadBalancerIPs: ['192.168.0.240'] });
    expect(api.ports[0]!.nodePort).toBe(31080);
    expect(api.endpoints['web']!.map((e) => [e.podRef, e.port, e.ready])).toEqual([['pod/shop/api-abc', 8080, true]]);
    expect(svc(a, 'service/shop/legacy').endpoints['']!.map((e) => [e.ip, e.port])).toEqual([['10.0.9.9', 5432]]);
    expect(cluster.settings).toMatchObject({ bareMetal: true, loadBalancerPool: '192.168.0.240/28' });
  });
});
