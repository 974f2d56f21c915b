import { describe, expect, it } from 'vitest';
import type { Cluster, ClusterService, ServiceEndpoint } from '../types';
import { buildCluster } from '../cluster/build-cluster';
import { deployment, manifestsOf, pod, service } from '../testing/manifests';
import { pickEndpoint, selectEndpoints } from './services';

function clusterWith(svc: Parameters<typeof service>[1]): { cluster: Cluster; svc: ClusterService } {
  // web-0, web-1, web-2 go round the three nodes (one each, from a node the workload's hash
  // picks); web-extra is not ready, on node-1.
  const m = manifestsOf(
    deployment('web', { replicas: 3 }),
    pod('web-extra', { labels: { app: 'web' }, nodeName: 'node-1', status: { ready: false } }),
    service('web', svc),
  );
  const { cluster } = buildCluster(m, {});
  const found = cluster.services.find((s) => s.ref === 'service/default/web');
  if (found === undefined) throw new Error('no service');
  return { cluster, svc: found };
}

const pods = (eps: readonly ServiceEndpoint[]) => eps.map((e) => e.podRef);
const nodeOf = (cluster: Cluster, name: string): string => cluster.pods.find((p) => p.ref === `pod/default/${name}`)!.nodeName!;
/** A node that does not run `name`. */
const otherNode = (cluster: Cluster, name: string): string => cluster.nodes.find((n) => n.name !== nodeOf(cluster, name))!.name;

describe('selectEndpoints', () => {
  it.each([
    { name: 'ClusterIP, in-cluster: every ready endpoint', svc: {}, opts: { clientNode: 'node-1', external: false }, want: ['web-0', 'web-1', 'web-2'], reason: /3 ready endpoints \(1 not ready, left out\)/ },
    { name: 'internalTrafficPolicy Local keeps the client node', svc: { internalTrafficPolicy: 'Local' as const }, opts: { clientNode: 'node of web-1', external: false }, want: ['web-1'], reason: /internalTrafficPolicy: Local/ },
    { name: 'publishNotReadyAddresses includes the unready pod', svc: { publishNotReadyAddresses: true }, opts: { external: false }, want: ['web-0', 'web-1', 'web-2', 'web-extra'], reason: /4 ready endpoints/ },
    { name: 'externalTrafficPolicy Cluster: all, SNAT', svc: { type: 'NodePort' as const }, opts: { viaNode: 'node-3', external: true }, want: ['web-0', 'web-1', 'web-2'], reason: /SNATed to the node IP/ },
    { name: 'externalTrafficPolicy Local: only the entry node', svc: { type: 'NodePort' as const, externalTrafficPolicy: 'Local' as const }, opts: { viaNode: 'node of web-2', external: true }, want: ['web-2'], reason: /client IP kept/ },
    { name: 'externalTrafficPolicy Local ignores in-cluster traffic', svc: { type: 'NodePort' as const, externalTrafficPolicy: 'Local' as const }, opts: { clientNode: 'node-3', external: false }, want: ['web-0', 'web-1', 'web-2'], reason: /ready endpoints/ },
  ])('$name', ({ svc, opts, want, reason }) => {
    const { cluster, svc: s } = clusterWith(svc);
    // 'node of web-1': where that pod runs.
    const resolve = (node: string | undefined) => (node?.startsWith('node of ') === true ? nodeOf(cluster, node.slice('node of '.length)) : node);
    const clientNode = resolve('clientNode' in opts ? opts.clientNode : undefined);
    const viaNode = resolve('viaNode' in opts ? opts.viaNode : undefined);
    const result = selectEndpoints(cluster, s, s.ports[0]!, { external: opts.external, ...(clientNode !== undefined ? { clientNode } : {}), ...(viaNode !== undefined ? { viaNode } : {}) });
    expect(pods(result.endpoints)).toEqual(want.map((n) => `pod/default/${n}`));
    expect(result.reason).toMatch(reason);
  });

  it('externalTrafficPolicy Local on a node without a local endpoint drops', () => {
    const m = manifestsOf(deployment('web', { replicas: 1 }), service('web', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    const { cluster } = buildCluster(m, {});
    const s = cluster.services.find((x) => x.name === 'web')!;
    const other = otherNode(cluster, 'web-0');
    const elsewhere = selectEndpoints(cluster, s, s.ports[0]!, { viaNode: other, external: true });
    expect(elsewhere.endpoints).toEqual([]);
    expect(elsewhere.reason).toMatch(new RegExp(`${other} has no local ready endpoint.*drops`));
  });

  it('internalTrafficPolicy Local with no endpoint on the client node drops', () => {
    const m = manifestsOf(deployment('web', { replicas: 1 }), service('web', { internalTrafficPolicy: 'Local' }));
    const { cluster } = buildCluster(m, {});
    const s = cluster.services.find((x) => x.name === 'web')!;
    const other = otherNode(cluster, 'web-0');
    expect(selectEndpoints(cluster, s, s.ports[0]!, { clientNode: other, external: false })).toMatchObject({ endpoints: [], reason: expect.stringMatching(new RegExp(`no ready endpoint.*${other}`)) as unknown });
  });

  it.each([
    { name: 'no pod matches', objs: [service('web')], reason: /no running pod matches/ },
    { name: 'only unready pods', objs: [pod('p', { labels: { app: 'web' }, status: { ready: false } }), service('web')], reason: /1 matching pod is not ready/ },
    { name: 'selector-less without slices', objs: [service('web', { selector: undefined as never })], reason: /no Endpoints\/EndpointSlice/ },
  ])('no endpoints: $name', ({ objs, reason }) => {
    const { cluster } = buildCluster(manifestsOf(...objs), {});
    const s = cluster.services.find((x) => x.name === 'web')!;
    const r = selectEndpoints(cluster, s, s.ports[0]!, { external: false });
    expect(r.endpoints).toEqual([]);
    expect(r.reason).toMatch(reason);
    expect(r.reason).toMatch(/refused/);
  });

  it('multi-port: the port chosen decides the endpoints', () => {
    const m = manifestsOf(
      pod('a', { labels: { app: 'm' }, ports: [{ name: 'http', containerPort: 8080 }] }),
      pod('b', { labels: { app: 'm' }, ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9000 }] }),
      service('m', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'admin', port: 9000, targetPort: 'admin' }] }),
    );
    const { cluster } = buildCluster(m, {});
    const s = cluster.services.find((x) => x.name === 'm')!;
    expect(pods(selectEndpoints(cluster, s, s.ports[0]!, { external: false }).endpoints)).toEqual(['pod/default/a', 'pod/default/b']);
    expect(selectEndpoints(cluster, s, s.ports[1]!, { external: false }).endpoints.map((e) => [e.podRef, e.port])).toEqual([['pod/default/b', 9000]]);
  });

  it('ExternalName: no proxying', () => {
    const { cluster } = buildCluster(manifestsOf(service('ext', { type: 'ExternalName', externalName: 'db.example.com' })), {});
    const s = cluster.services.find((x) => x.name === 'ext')!;
    expect(selectEndpoints(cluster, s, s.ports[0]!, { external: false })).toEqual({ endpoints: [], reason: expect.stringMatching(/CNAME to db.example.com/) as unknown });
  });
});

describe('pickEndpoint', () => {
  const eps: ServiceEndpoint[] = ['a', 'b', 'c'].map((n, i) => ({ podRef: `pod/default/${n}`, ip: `10.244.0.${i + 2}`, port: 80, protocol: 'TCP', ready: true }));

  it('without affinity the seed walks the endpoints in order', () => {
    expect([0, 1, 2, 3, 4].map((seed) => pickEndpoint(eps, seed, '1.2.3.4', 'None')?.podRef)).toEqual([
      'pod/default/a',
      'pod/default/b',
      'pod/default/c',
      'pod/default/a',
      'pod/default/b',
    ]);
  });

  it.each([-1, 2.7, Number.NaN, Number.POSITIVE_INFINITY])('odd seed %s still picks an endpoint', (seed) => {
    expect(pickEndpoint(eps, seed, '1.2.3.4', 'None')).toBeDefined();
  });

  it('sessionAffinity ClientIP: one client sticks to one endpoint whatever the seed', () => {
    for (const client of ['203.0.113.7', '10.244.1.2', '192.168.0.12']) {
      const picks = new Set([0, 1, 2, 3, 4, 5].map((seed) => pickEndpoint(eps, seed, client, 'ClientIP')?.podRef));
      expect(picks.size).toBe(1);
    }
    // ... and different clients spread over the endpoints.
    const spread = new Set(Array.from({ length: 30 }, (_, i) => pickEndpoint(eps, 0, `10.0.0.${i}`, 'ClientIP')?.podRef));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('no endpoints: undefined', () => {
    expect(pickEndpoint([], 0, '1.2.3.4', 'None')).toBeUndefined();
    expect(pickEndpoint([], 0, '1.2.3.4', 'ClientIP')).toBeUndefined();
  });
});
