import { describe, expect, it } from 'vitest';
import type { Cluster, GatewayObject, HTTPRouteObject, ReferenceGrantObject } from '../types';
import { makeTestCluster } from '../testing/cluster';
import { testGateway, testHttpRoute, testReferenceGrant, withGatewayApi, type TestListener } from '../testing/gateway';
import {
  resolveGatewayCandidates,
  resolveGatewayRoute,
  toGatewayHttpRequest,
  type GatewayHttpRequest,
  type GatewayRoute,
} from './route-request';
import { chooseBackendRef, seedPoint } from './backends';

const GW = 'gateway/infra/gw';

function baseCluster(): Cluster {
  const backends = ['v1', 'v2', 'v3'].map((v) => ({
    namespace: 'infra',
    name: `infra-backend-${v}-0`,
    labels: { app: `infra-backend-${v}` },
    ports: [{ containerPort: 3000 }],
  }));
  return makeTestCluster({
    ingressController: false,
    pods: [...backends, { namespace: 'apps', name: 'web-0', labels: { app: 'web' }, ports: [{ containerPort: 3000 }] }],
    services: [
      ...['v1', 'v2', 'v3'].map((v) => ({ namespace: 'infra', name: `infra-backend-${v}`, selector: { app: `infra-backend-${v}` }, ports: [{ port: 8080, targetPort: 3000 }] })),
      { namespace: 'apps', name: 'web', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 3000 }] },
      { namespace: 'infra', name: 'empty', selector: { app: 'nothing' }, ports: [{ port: 8080, targetPort: 3000 }] },
    ],
    namespaces: { infra: {}, apps: { team: 'web' } },
  });
}

function cluster(input: { listeners?: readonly TestListener[]; gateways?: GatewayObject[]; routes: HTTPRouteObject[]; grants?: ReferenceGrantObject[]; unprogrammed?: string[] }): Cluster {
  const gateways = input.gateways ?? [testGateway({ namespace: 'infra', name: 'gw', listeners: input.listeners ?? [{ name: 'http' }] })];
  return withGatewayApi(baseCluster(), {
    gateways,
    routes: input.routes,
    ...(input.grants !== undefined ? { grants: input.grants } : {}),
    ...(input.unprogrammed !== undefined ? { unprogrammed: input.unprogrammed } : {}),
  });
}

function request(url: string, method = 'GET', headers: Record<string, string> = {}): GatewayHttpRequest {
  const r = toGatewayHttpRequest(url, method, headers);
  if ('error' in r) throw new Error(r.error);
  return r;
}

function route(c: Cluster, url: string, opts: { method?: string; headers?: Record<string, string>; seed?: number; gateway?: string } = {}): GatewayRoute {
  return resolveGatewayRoute(c, opts.gateway ?? GW, request(url, opts.method, opts.headers), opts.seed ?? 0);
}

const backend = (r: GatewayRoute) => (r.chosen === undefined ? undefined : r.backends[r.chosen]?.ref);

describe('the request from a URL', () => {
  it('scheme, host, default port, path with query, upper-case method, lower-case header names', () => {
    expect(toGatewayHttpRequest('http://GW.test/api?v=2', 'post', { Version: 'two' })).toEqual({
      scheme: 'http',
      host: 'gw.test',
      port: 80,
      path: '/api?v=2',
      method: 'POST',
      headers: { version: 'two' },
    });
    expect(toGatewayHttpRequest('https://gw.test:8443')).toMatchObject({ port: 8443, path: '/' });
    expect(toGatewayHttpRequest('https://gw.test')).toMatchObject({ port: 443 });
  });

  it('anything else is an error, not a throw', () => {
    expect(toGatewayHttpRequest('ftp://x/')).toHaveProperty('error');
    expect(toGatewayHttpRequest('http://x:99999/')).toHaveProperty('error');
    expect(toGatewayHttpRequest('http:///path')).toHaveProperty('error');
  });
});

describe('listener selection', () => {
  const listeners: TestListener[] = [
    { name: 'any' },
    { name: 'wild', hostname: '*.example.com' },
    { name: 'wilder', hostname: '*.foo.example.com' },
    { name: 'exact', hostname: 'bar.foo.example.com' },
    { name: 'alt-port', port: 8080 },
  ];
  const routes = listeners.map((l) =>
    testHttpRoute({ namespace: 'infra', name: `r-${l.name}`, parentRefs: [{ name: 'gw', sectionName: l.name }], rules: [{ backendRefs: [{ name: 'infra-backend-v1', port: 8080 }] }] }),
  );
  const c = cluster({ listeners, routes });

  it.each([
    ['http://bar.foo.example.com/', 'exact', 'exact'],
    ['http://baz.foo.example.com/', 'wilder', 'wildcard'],
    ['http://a.b.foo.example.com/', 'wilder', 'wildcard'],
    ['http://x.example.com/', 'wild', 'wildcard'],
    ['http://example.com/', 'any', 'any'],
    ['http://other.test/', 'any', 'any'],
    ['http://bar.foo.example.com:8080/', 'alt-port', 'any'],
  ])('%s → %s', (url, name, hostMatch) => {
    const r = route(c, url);
    expect(r.listener?.listener).toBe(name);
    expect(r.listener?.hostMatch).toBe(hostMatch);
    expect(r.winner?.routeRef).toBe(`httproute/infra/r-${name}`);
    expect(r.status).toBe(200);
  });

  it('the exact listener says which less specific listeners it beat', () => {
    expect(route(c, 'http://bar.foo.example.com/').listener?.beat).toEqual(['wilder', 'wild', 'any']);
  });

  it('the Host header overrides the URL host (its port ignored)', () => {
    expect(route(c, 'http://1.2.3.4/', { headers: { Host: 'bar.foo.example.com:1234' } }).listener?.listener).toBe('exact');
  });

  it('no listener on the port: connection refused, no status', () => {
    const r = route(c, 'http://x.example.com:9090/');
    expect(r.outcome).toBe('no-listener');
    expect(r.status).toBeUndefined();
  });

  it('https on an HTTP-only port: no listener', () => {
    expect(route(c, 'https://x.example.com:80/').outcome).toBe('no-listener');
  });

  it('listeners on the port but none for the host: 404', () => {
    const only = cluster({ listeners: [{ name: 'exact', hostname: 'a.test' }], routes: [] });
    const r = route(only, 'http://b.test/');
    expect(r).toMatchObject({ outcome: 'no-listener-hostname', status: 404 });
  });

  it('a missing or unprogrammed Gateway: no connection', () => {
    expect(route(c, 'http://x/', { gateway: 'gateway/infra/nope' }).outcome).toBe('no-gateway');
    const u = cluster({ listeners, routes, unprogrammed: [GW] });
    expect(route(u, 'http://x/')).toMatchObject({ outcome: 'not-programmed' });
    expect(route(u, 'http://x/').status).toBeUndefined();
  });

  it('https: the SNI picks the listener, a Host of another listener gets 421, of none 404', () => {
    const tls = cluster({
      listeners: [
        { name: 'a', port: 443, protocol: 'HTTPS', hostname: 'a.test' },
        { name: 'b', port: 443, protocol: 'HTTPS', hostname: 'b.test' },
      ],
      routes: [testHttpRoute({ namespace: 'infra', name: 'r', parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'infra-backend-v1', port: 8080 }] }] })],
    });
    expect(route(tls, 'https://a.test/')).toMatchObject({ status: 200, listener: { listener: 'a', protocol: 'HTTPS' } });
    expect(route(tls, 'https://a.test/', { headers: { host: 'b.test' } })).toMatchObject({ outcome: 'misdirected', status: 421 });
    expect(route(tls, 'https://a.test/', { headers: { host: 'c.test' } })).toMatchObject({ outcome: 'no-listener-hostname', status: 404 });
    expect(route(tls, 'https://a.test/', { headers: { host: 'a.test:443' } }).status).toBe(200);
  });
});

describe('precedence across rules and routes', () => {
  const to = (name: string) => [{ name, port: 8080 }];
  it('Exact beats PathPrefix, longer prefix beats shorter, and each loser says why', () => {
    const c = cluster({
      routes: [
        testHttpRoute({
          namespace: 'infra',
          name: 'r',
          parentRefs: [{ name: 'gw' }],
          rules: [
            { matches: [{ path: { value: '/' } }], backendRefs: to('infra-backend-v1') },
            { matches: [{ path: { value: '/api' } }], backendRefs: to('infra-backend-v2') },
            { matches: [{ path: { type: 'Exact', value: '/api/x' } }], backendRefs: to('infra-backend-v3') },
          ],
        }),
      ],
    });
    const exact = route(c, 'http://gw.test/api/x');
    expect(backend(exact)).toBe('service/infra/infra-backend-v3');
    expect(exact.beat.map((b) => [b.rule, b.reason])).toEqual([
      [1, 'an Exact path match beats a PathPrefix'],
      [0, 'an Exact path match beats a PathPrefix'],
    ]);
    const prefix = route(c, 'http://gw.test/api/y');
    expect(backend(prefix)).toBe('service/infra/infra-backend-v2');
    expect(prefix.beat[0]?.reason).toBe('the longer PathPrefix /api beats /');
    expect(backend(route(c, 'http://gw.test/apix'))).toBe('service/infra/infra-backend-v1');
  });

  it('method, then number of headers, then number of query params', () => {
    const c = cluster({
      routes: [
        testHttpRoute({
          namespace: 'infra',
          name: 'r',
          parentRefs: [{ name: 'gw' }],
          rules: [
            { matches: [{ queryParams: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }], backendRefs: to('infra-backend-v1') },
            { matches: [{ headers: [{ name: 'x', value: '1' }] }], backendRefs: to('infra-backend-v2') },
            { matches: [{ method: 'POST' }], backendRefs: to('infra-backend-v3') },
          ],
        }),
      ],
    });
    const all = { headers: { x: '1' }, method: 'POST' };
    const r = route(c, 'http://gw.test/?a=1&b=2', all);
    expect(backend(r)).toBe('service/infra/infra-backend-v3');
    expect(r.beat.map((b) => b.reason)).toEqual(['a match on the method beats one without', 'a match on the method beats one without']);
    const noMethod = route(c, 'http://gw.test/?a=1&b=2', { headers: { x: '1' } });
    expect(backend(noMethod)).toBe('service/infra/infra-backend-v2');
    expect(noMethod.beat[0]?.reason).toBe('more header matches win');
    expect(backend(route(c, 'http://gw.test/?a=1&b=2'))).toBe('service/infra/infra-backend-v1');
  });

  it('ties across routes: the older route (manifest order), then namespace/name; within a route the first rule', () => {
    const same = (name: string, svc: string, creationTimestamp?: string) =>
      testHttpRoute({
        namespace: 'infra',
        name,
        parentRefs: [{ name: 'gw' }],
        rules: [{ matches: [{ path: { value: '/p' } }], backendRefs: to(svc) }, { matches: [{ path: { value: '/p' } }], backendRefs: to('infra-backend-v3') }],
        ...(creationTimestamp !== undefined ? { creationTimestamp } : {}),
      });
    const byOrder = route(cluster({ routes: [same('zz', 'infra-backend-v1'), same('aa', 'infra-backend-v2')] }), 'http://gw.test/p');
    expect(byOrder.winner).toMatchObject({ routeRef: 'httproute/infra/zz', rule: 0 });
    expect(byOrder.beat.map((b) => `${b.routeRef}#${b.rule}: ${b.reason}`)).toEqual([
      'httproute/infra/zz#1: within a route, the first matching rule wins',
      'httproute/infra/aa#0: the oldest route wins (manifest order stands for creation order)',
      'httproute/infra/aa#1: the oldest route wins (manifest order stands for creation order)',
    ]);
    const byTime = route(
      cluster({ routes: [same('zz', 'infra-backend-v1', '2026-01-02T00:00:00Z'), same('aa', 'infra-backend-v2', '2026-01-01T00:00:00Z')] }),
      'http://gw.test/p',
    );
    expect(byTime.winner?.routeRef).toBe('httproute/infra/aa');
    expect(byTime.beat[1]?.reason).toBe('the oldest route wins (creationTimestamp)');
    const byName = route(
      cluster({ routes: [same('zz', 'infra-backend-v1', '2026-01-01T00:00:00Z'), same('aa', 'infra-backend-v2', '2026-01-01T00:00:00Z')] }),
      'http://gw.test/p',
    );
    expect(byName.winner?.routeRef).toBe('httproute/infra/aa');
  });

  it('hostname specificity decides before the path', () => {
    const c = cluster({
      routes: [
        testHttpRoute({ namespace: 'infra', name: 'wild', parentRefs: [{ name: 'gw' }], hostnames: ['*.example.com'], rules: [{ matches: [{ path: { type: 'Exact', value: '/x' } }], backendRefs: to('infra-backend-v1') }] }),
        testHttpRoute({ namespace: 'infra', name: 'exact', parentRefs: [{ name: 'gw' }], hostnames: ['a.example.com'], rules: [{ backendRefs: to('infra-backend-v2') }] }),
        testHttpRoute({ namespace: 'infra', name: 'none', parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: to('infra-backend-v3') }] }),
      ],
    });
    const r = route(c, 'http://a.example.com/x');
    expect(backend(r)).toBe('service/infra/infra-backend-v2');
    expect(r.beat.map((b) => b.reason)).toEqual([
      'hostname *.example.com is less specific than a.example.com',
      'hostname (any) is less specific than a.example.com',
    ]);
    // A host only the wildcard route takes: the Exact path there beats the route without hostnames.
    expect(backend(route(c, 'http://b.example.com/x'))).toBe('service/infra/infra-backend-v1');
    expect(backend(route(c, 'http://other.test/x'))).toBe('service/infra/infra-backend-v3');
  });

  it('no rule matches: 404; no route attached: 404', () => {
    const c = cluster({ routes: [testHttpRoute({ namespace: 'infra', name: 'r', parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { value: '/a' } }], backendRefs: to('infra-backend-v1') }] })] });
    expect(route(c, 'http://gw.test/b')).toMatchObject({ outcome: 'no-route', status: 404, routesConsidered: ['httproute/infra/r'] });
    expect(route(cluster({ routes: [] }), 'http://gw.test/b')).toMatchObject({ outcome: 'no-route', status: 404 });
  });

  it('a route from another namespace is not attached under allowedRoutes Same, is under All', () => {
    const r = testHttpRoute({ namespace: 'apps', name: 'r', parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] });
    expect(route(cluster({ routes: [r] }), 'http://gw.test/').status).toBe(404);
    const all = route(cluster({ listeners: [{ name: 'http', from: 'All' }], routes: [r] }), 'http://gw.test/');
    expect(all.status).toBe(200);
    expect(backend(all)).toBe('service/apps/web');
    const sel = route(cluster({ listeners: [{ name: 'http', from: 'Selector', selector: { team: 'web' } }], routes: [r] }), 'http://gw.test/');
    expect(sel.status).toBe(200);
  });
});

describe('backendRefs', () => {



  function single(refs: { name: string; port?: number; namespace?: string; weight?: number; kind?: string; group?: string }[], grants?: ReferenceGrantObject[]) {
    return cluster({
      routes: [testHttpRoute({ namespace: 'infra', name: 'r', parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: refs }] })],
      ...(grants !== undefined ? { grants } : {}),
    });
  }

  it('a valid Service: 200 with its endpoints on the targetPort', () => {
    const r = route(single([{ name: 'infra-backend-v1', port: 8080 }]), 'http://gw.test/a?b=c');
    expect(r).toMatchObject({ status: 200, backendPath: '/a?b=c', backendHost: 'gw.test' });
    expect(r.backends[0]).toMatchObject({ ref: 'service/infra/infra-backend-v1', port: 8080, share: 1, readyEndpoints: 1 });
    expect(r.backends[0]?.endpoints[0]?.port).toBe(3000);
  });

  it('missing Service, missing port, unknown kind: 500 with the reason', () => {
    expect(route(single([{ name: 'nope', port: 8080 }]), 'http://gw.test/')).toMatchObject({ status: 500, backends: [{ problem: 'BackendNotFound' }] });
    expect(route(single([{ name: 'infra-backend-v1', port: 9999 }]), 'http://gw.test/')).toMatchObject({ status: 500, backends: [{ problem: 'BackendNotFound' }] });
    expect(route(single([{ name: 'infra-backend-v1' }]), 'http://gw.test/')).toMatchObject({ status: 500, backends: [{ problem: 'BackendNotFound' }] });
    expect(route(single([{ name: 'infra-backend-v1', port: 8080, kind: 'UnknownKind', group: 'unknownkind.example.com' }]), 'http://gw.test/')).toMatchObject({
      status: 500,
      backends: [{ problem: 'InvalidKind', ref: 'unknownkind/infra/infra-backend-v1' }],
    });
  });

  it('another namespace needs a ReferenceGrant there for HTTPRoutes of the route namespace', () => {
    const ref = [{ name: 'web', namespace: 'apps', port: 8080 }];
    expect(route(single(ref), 'http://gw.test/')).toMatchObject({ status: 500, backends: [{ problem: 'RefNotPermitted' }] });
    expect(route(single(ref, [testReferenceGrant({ namespace: 'apps', name: 'g', fromNamespace: 'infra' })]), 'http://gw.test/').status).toBe(200);
    expect(route(single(ref, [testReferenceGrant({ namespace: 'apps', name: 'g', fromNamespace: 'infra', toName: 'web' })]), 'http://gw.test/').status).toBe(200);
    // Wrong target name, wrong source namespace, grant in the wrong namespace, grant for another kind.
    for (const g of [
      testReferenceGrant({ namespace: 'apps', name: 'g', fromNamespace: 'infra', toName: 'other' }),
      testReferenceGrant({ namespace: 'apps', name: 'g', fromNamespace: 'elsewhere' }),
      testReferenceGrant({ namespace: 'infra', name: 'g', fromNamespace: 'infra' }),
      testReferenceGrant({ namespace: 'apps', name: 'g', fromNamespace: 'infra', fromKind: 'GRPCRoute' }),
    ]) {
      expect(route(single(ref, [g]), 'http://gw.test/').status).toBe(500);
    }
  });

  it('no ready endpoints: 503; no backendRefs: 500; every weight 0: 500', () => {
    expect(route(single([{ name: 'empty', port: 8080 }]), 'http://gw.test/')).toMatchObject({ status: 503, chosen: 0 });
    expect(route(single([]), 'http://gw.test/')).toMatchObject({ status: 500 });
    expect(route(single([{ name: 'infra-backend-v1', port: 8080, weight: 0 }]), 'http://gw.test/')).toMatchObject({ status: 500 });
  });

  it('seeds 0..9 split as the weights do; weight 0 never receives traffic', () => {
    const c = single([
      { name: 'infra-backend-v1', port: 8080, weight: 70 },
      { name: 'infra-backend-v2', port: 8080, weight: 30 },
      { name: 'infra-backend-v3', port: 8080, weight: 0 },
    ]);
    const counts: Record<string, number> = {};
    for (let seed = 0; seed < 10; seed++) {
      const b = backend(route(c, 'http://gw.test/', { seed })) ?? 'none';
      counts[b] = (counts[b] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'service/infra/infra-backend-v1': 7, 'service/infra/infra-backend-v2': 3 });
  });

  it('an invalid ref takes its share as 500s', () => {
    const c = single([
      { name: 'infra-backend-v1', port: 8080 },
      { name: 'nope', port: 8080 },
    ]);
    const statuses = Array.from({ length: 10 }, (_, seed) => route(c, 'http://gw.test/', { seed }).status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(5);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  });

  it('the seed pick against an oracle: over 1000 seeds each share is within 1%', () => {
    const shares = [{ share: 0.5 }, { share: 0 }, { share: 0.2 }, { share: 0.3 }];
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 1000; seed++) counts[chooseBackendRef(shares, seed)!]! += 1;
    shares.forEach((s, i) => expect(Math.abs(counts[i]! - s.share * 1000)).toBeLessThanOrEqual(10));
    expect(seedPoint(-3)).toBe(seedPoint(3));
    expect(seedPoint(Number.NaN)).toBe(0);
  });
});

describe('filters', () => {
  const redirectRoute = (filters: HTTPRouteObject['rules'][number]['filters'], path = '/old') =>
    cluster({
      listeners: [{ name: 'http', port: 8080 }],
      routes: [testHttpRoute({ namespace: 'infra', name: 'r', parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { value: path } }], filters, backendRefs: [{ name: 'infra-backend-v1', port: 8080 }] }] })],
    });

  it('RequestRedirect: answered by the Gateway with the Location, no backend', () => {
    const c = redirectRoute([{ type: 'RequestRedirect', statusCode: 301, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }]);
    const r = route(c, 'http://gw.test:8080/old/x?q=1');
    expect(r).toMatchObject({ outcome: 'redirect', status: 301, location: 'http://gw.test:8080/new/x?q=1', backends: [] });
    expect(r.backendPath).toBeUndefined();
  });

  it('RequestRedirect to https drops the listener port', () => {
    const c = redirectRoute([{ type: 'RequestRedirect', statusCode: 302, scheme: 'https' }]);
    expect(route(c, 'http://gw.test:8080/old', { headers: { host: 'example.org:8080' } }).location).toBe('https://example.org/old');
  });

  it('URLRewrite: the backend receives the rewritten path and Host', () => {
    const c = redirectRoute([{ type: 'URLRewrite', hostname: 'internal.test', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } }], '/strip');
    expect(route(c, 'http://gw.test:8080/strip/three?x=1')).toMatchObject({ status: 200, backendPath: '/three?x=1', backendHost: 'internal.test' });
    expect(route(c, 'http://gw.test:8080/strip')).toMatchObject({ backendPath: '/' });
  });

  it('other filters are listed as not simulated', () => {
    const c = redirectRoute([{ type: 'Other', name: 'RequestHeaderModifier' }]);
    expect(route(c, 'http://gw.test:8080/old').notSimulated).toEqual(['RequestHeaderModifier']);
  });
});

describe('entry-point candidates', () => {
  it('every Gateway whose listener takes the host and has a route for it', () => {
    const gws = [
      testGateway({ namespace: 'infra', name: 'a', listeners: [{ name: 'http', hostname: '*.example.com' }] }),
      testGateway({ namespace: 'infra', name: 'b', listeners: [{ name: 'http' }] }),
      testGateway({ namespace: 'infra', name: 'c', listeners: [{ name: 'http', hostname: 'c.test' }] }),
    ];
    const r = (gw: string, hostnames: string[] = []) =>
      testHttpRoute({ namespace: 'infra', name: `r-${gw}`, parentRefs: [{ name: gw }], hostnames, rules: [{ backendRefs: [{ name: 'infra-backend-v1', port: 8080 }] }] });
    const c = cluster({ gateways: gws, routes: [r('a'), r('b', ['only.b.test']), r('c')] });
    expect(resolveGatewayCandidates(c, request('http://x.example.com/'))).toEqual([{ gatewayRef: 'gateway/infra/a', listener: 'http', routeRefs: ['httproute/infra/r-a'] }]);
    expect(resolveGatewayCandidates(c, request('http://only.b.test/')).map((x) => x.gatewayRef)).toEqual(['gateway/infra/b']);
    expect(resolveGatewayCandidates(c, request('http://nobody.test/'))).toEqual([]);
    expect(resolveGatewayCandidates(c, request('http://x.example.com:8080/'))).toEqual([]);
    const both = cluster({ gateways: gws, routes: [r('a'), r('b')] });
    expect(resolveGatewayCandidates(both, request('http://x.example.com/')).map((x) => x.gatewayRef)).toEqual(['gateway/infra/a', 'gateway/infra/b']);
  });
});

describe('listeners a controller would not program', () => {
  it('take no traffic: another listener on the port takes the host, or the connection is refused', () => {
    const c = cluster({
      listeners: [
        { name: 'exact', port: 443, protocol: 'HTTPS', hostname: 'a.test' },
        { name: 'any', port: 443, protocol: 'HTTPS' },
      ],
      routes: [testHttpRoute({ namespace: 'infra', name: 'r', parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'infra-backend-v1', port: 8080 }] }] })],
    });
    const bad = (names: string[]): Cluster => ({
      ...c,
      gateways: c.gateways.map((g) => ({ ...g, invalidListeners: names.map((listener) => ({ listener, reason: 'InvalidCertificateRef' as const, detail: 'Secret infra/cert does not exist' })) })),
    });
    expect(route(c, 'https://a.test/').listener?.listener).toBe('exact');
    expect(route(bad(['exact']), 'https://a.test/')).toMatchObject({ status: 200, listener: { listener: 'any' } });
    const none = route(bad(['exact', 'any']), 'https://a.test/');
    expect(none.outcome).toBe('no-listener');
    expect(none.status).toBeUndefined();
    expect(none.reasons[1]).toBe('listener exact is not programmed (InvalidCertificateRef: Secret infra/cert does not exist)');
  });
});
