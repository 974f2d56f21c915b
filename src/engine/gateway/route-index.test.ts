import { describe, expect, it } from 'vitest';
import type { Cluster, HTTPRouteObject } from '../types';
import { makeTestCluster } from '../testing/cluster';
import { testGateway, testHttpRoute, withGatewayApi } from '../testing/gateway';
import { gatewayRouter, resolveGatewayRoute, routesAttachedTo, toGatewayHttpRequest, type GatewayHttpRequest } from './route-request';

const GW = 'gateway/infra/gw';

function cluster(routes: HTTPRouteObject[]): Cluster {
  const base = makeTestCluster({
    ingressController: false,
    pods: ['v1', 'v2'].map((v) => ({ namespace: 'infra', name: `be-${v}-0`, labels: { app: `be-${v}` }, ports: [{ containerPort: 3000 }] })),
    services: ['v1', 'v2'].map((v) => ({ namespace: 'infra', name: `be-${v}`, selector: { app: `be-${v}` }, ports: [{ port: 8080, targetPort: 3000 }] })),
    namespaces: { infra: {} },
  });
  return withGatewayApi(base, { gateways: [testGateway({ namespace: 'infra', name: 'gw', listeners: [{ name: 'http' }, { name: 'other', port: 8080 }] })], routes });
}

function request(url: string): GatewayHttpRequest {
  const r = toGatewayHttpRequest(url);
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('gatewayRouter: the seed-independent decision is shared across seeds', () => {
  const c = cluster([
    testHttpRoute({
      namespace: 'infra',
      name: 'split',
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [{ name: 'be-v1', port: 8080, weight: 60 }, { name: 'be-v2', port: 8080, weight: 30 }, { name: 'missing', port: 8080, weight: 10 }] }],
    }),
  ]);

  it('each seed answers what a fresh resolveGatewayRoute answers, in any order and when asked twice', () => {
    const router = gatewayRouter(c, GW, request('http://gw.test/a'));
    const routeFor = router.route;
    const seeds = [9, 3, 0, 7, 0, 3, 1, 2, 4, 5, 6, 8, 9];
    for (const seed of seeds) {
      expect(routeFor(seed)).toEqual(resolveGatewayRoute(c, GW, request('http://gw.test/a'), seed));
      expect(router.chosen(seed)).toBe(routeFor(seed).chosen);
    }
    // The split really differs by seed (so the comparison above is not of one answer).
    expect(new Set(seeds.map((s) => routeFor(s).chosen)).size).toBeGreaterThan(1);
    expect(new Set(seeds.map((s) => routeFor(s).status))).toEqual(new Set([200, 500]));
  });

  it("one seed's sentences do not leak into another seed's reasons", () => {
    const router = gatewayRouter(c, GW, request('http://gw.test/a'));
    const routeFor = router.route;
    const first = routeFor(0).reasons.length;
    for (let seed = 1; seed < 10; seed++) routeFor(seed);
    expect(routeFor(0).reasons).toHaveLength(first);
  });
});

describe('routesAttachedTo', () => {
  it('each route once per listener, hostnames merged in order, every host when one attachment has none', () => {
    const c = cluster([
      testHttpRoute({ namespace: 'infra', name: 'twice', parentRefs: [{ name: 'gw' }, { name: 'gw', sectionName: 'http' }], hostnames: ['b.test', 'a.test'], rules: [{}] }),
      testHttpRoute({ namespace: 'infra', name: 'other-only', parentRefs: [{ name: 'gw', sectionName: 'other' }], rules: [{}] }),
    ]);
    expect(routesAttachedTo(c, GW, 'http').map((a) => [a.route.ref, a.hostnames])).toEqual([['httproute/infra/twice', ['b.test', 'a.test']]]);
    expect(routesAttachedTo(c, GW, 'other').map((a) => a.route.ref)).toEqual(['httproute/infra/twice', 'httproute/infra/other-only']);
    expect(routesAttachedTo(c, GW, 'nope')).toEqual([]);
    expect(routesAttachedTo(c, 'gateway/infra/none', 'http')).toEqual([]);
  });

  it('answers for the cluster it is given (the per-cluster index is not shared)', () => {
    const one = cluster([testHttpRoute({ namespace: 'infra', name: 'one', parentRefs: [{ name: 'gw' }], rules: [{}] })]);
    const two = cluster([testHttpRoute({ namespace: 'infra', name: 'two', parentRefs: [{ name: 'gw' }], rules: [{}] })]);
    expect(routesAttachedTo(one, GW, 'http').map((a) => a.route.ref)).toEqual(['httproute/infra/one']);
    expect(routesAttachedTo(two, GW, 'http').map((a) => a.route.ref)).toEqual(['httproute/infra/two']);
    // The caller may sort the list it gets: the index stays as it was.
    routesAttachedTo(one, GW, 'http').reverse();
    expect(routesAttachedTo(one, GW, 'http').map((a) => a.route.ref)).toEqual(['httproute/infra/one']);
  });
});
