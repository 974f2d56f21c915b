/**
 * HTTP requests through a Gateway, hop by hop: the Gateway's LoadBalancer, the `gateway` hop
 * (listener, data-plane pod), the `route` hop (rule, match, what it beat), then the backend
 * endpoint with the data-plane pod as the source; the answer fields (status, backend, location,
 * backendPath); entry-point resolution (via, or by host). The Gateway API objects are made by
 * hand (testing/gateway.ts) over a cluster read from YAML, so these tests do not depend on the
 * manifest reader.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { Cluster, Hop, Query, Trace } from '../types';
import { testGateway, testHttpRoute, testReferenceGrant, withGatewayApi } from '../testing/gateway';
import { traceQuery } from './trace';
import { auditQuery } from '../testing/trace-audit';

/** Backends, the data plane of Gateway infra/public (class `test`: pod public-test-0 and its LoadBalancer), an ingress-nginx controller and an Ingress. */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: v1
kind: Namespace
metadata: {name: apps}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: public-test, namespace: infra}
spec:
  replicas: 1
  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: public}}
  template:
    metadata: {labels: {gateway.networking.k8s.io/gateway-name: public}}
    spec: {containers: [{name: proxy, image: envoy, ports: [{containerPort: 80}, {containerPort: 443}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: public-test, namespace: infra}
spec:
  type: LoadBalancer
  selector: {gateway.networking.k8s.io/gateway-name: public}
  ports: [{name: http, port: 80, targetPort: 80}, {name: https, port: 443, targetPort: 443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: apps}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 3000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: apps}
spec:
  selector: {app: web}
  ports: [{port: 8080, targetPort: 3000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: apps}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 9000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: apps}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 9000}]
---
apiVersion: v1
kind: Service
metadata: {name: empty, namespace: apps}
spec:
  selector: {app: nothing}
  ports: [{port: 80, targetPort: 9000}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: apps}
spec:
  rules:
  - host: shop.test
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}
`;

/** The api pods admit only the Gateway's data plane (by its label, from namespace infra) on 9000. */
const API_POLICY = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-gateway, namespace: apps}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: infra}}
      podSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: public}}
    ports: [{port: 9000}]
`;

/** The data plane of Gateway infra/second. */
const SECOND_DATA_PLANE = `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: second-test, namespace: infra}
spec:
  replicas: 1
  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: second}}
  template:
    metadata: {labels: {gateway.networking.k8s.io/gateway-name: second}}
    spec: {containers: [{name: proxy, image: envoy, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: second-test, namespace: infra}
spec:
  type: LoadBalancer
  selector: {gateway.networking.k8s.io/gateway-name: second}
  ports: [{name: http, port: 80, targetPort: 80}]
`;

/** Every pod of apps is isolated for ingress, nothing admitted. */
const DENY_ALL = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: apps}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

const PUBLIC = testGateway({
  namespace: 'infra',
  name: 'public',
  listeners: [
    { name: 'http', port: 80, hostname: '*.gw.test', from: 'All' },
    { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.gw.test', from: 'All' },
  ],
});

const ROUTES = [
  testHttpRoute({
    namespace: 'apps',
    name: 'site',
    parentRefs: [{ name: 'public', namespace: 'infra' }],
    hostnames: ['www.gw.test'],
    rules: [
      { backendRefs: [{ name: 'web', port: 8080 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'api', port: 80 }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
        filters: [{ type: 'URLRewrite', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api' } }],
        backendRefs: [{ name: 'api', port: 80 }],
      },
      {
        matches: [{ path: { type: 'Exact', value: '/old' } }],
        filters: [{ type: 'RequestRedirect', path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 301 }],
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/split' } }], backendRefs: [{ name: 'web', port: 8080, weight: 3 }, { name: 'api', port: 80, weight: 1 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/empty' } }], backendRefs: [{ name: 'empty', port: 80 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/none' } }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/post' }, method: 'POST' }], backendRefs: [{ name: 'api', port: 80 }] },
    ],
  }),
];

/** The cluster from `yaml` with Gateway `gateways` and `routes` attached by hand; each Gateway's data plane is `<name>-test`. */
function clusterOf(yaml: string, gateways = [PUBLIC], routes = ROUTES, grants: Parameters<typeof withGatewayApi>[1]['grants'] = []): Cluster {
  const { cluster } = simulate([{ name: 'gw.yaml', text: yaml }]);
  const c = withGatewayApi(cluster, { gateways, routes, grants });
  return {
    ...c,
    gateways: c.gateways.map((g) => ({ ...g, serviceRef: `service/${g.object.meta.namespace}/${g.object.meta.name}-test`, implicit: false })),
  };
}

const kinds = (t: Trace): string[] => t.hops.map((h) => h.kind).filter((k, i, all) => k !== 'cni' || all[i - 1] !== 'cni');
const hopOf = (t: Trace, kind: Hop['kind']): Hop | undefined => t.hops.find((h) => h.kind === kind);

function run(c: Cluster, to: string, extra: Partial<Query> = {}): Trace {
  return traceQuery(c, { from: 'internet', to, ...extra });
}

describe('Internet → Gateway → route → Service → pod', () => {
  const c = clusterOf(BASE);

  it('the default rule: hops in order of travel, the answer fields', () => {
    const t = run(c, 'http://www.gw.test/');
    expect(t.error).toBeUndefined();
    expect(kinds(t)).toEqual(['client', 'loadbalancer', 'node', 'cni', 'gateway', 'route', 'service', 'cni', 'pod']);
    expect(t).toMatchObject({ verdict: 'allow', status: 200, backend: 'service/apps/web:8080', backendPath: '/', endpoints: ['apps/web-0', 'apps/web-1'] });
    expect(t.location).toBeUndefined();
    const gw = hopOf(t, 'gateway')!;
    expect(gw).toMatchObject({ ref: 'gateway/infra/public', verdict: 'pass', listener: 'http', pod: 'pod/infra/public-test-0', request: { method: 'GET', host: 'www.gw.test', path: '/' } });
    const route = hopOf(t, 'route')!;
    expect(route).toMatchObject({ ref: 'httproute/apps/site', verdict: 'pass', rule: 0, match: 0 });
    // The backend sees the data-plane pod as the source, on the targetPort.
    const svc = hopOf(t, 'service')!;
    const dataPlaneIP = c.pods.find((p) => p.ref === 'pod/infra/public-test-0')!.ip;
    expect(svc.after).toMatchObject({ srcIP: dataPlaneIP, dstPort: 3000 });
    expect(t.hops.at(-1)).toMatchObject({ kind: 'pod', verdict: 'pass' });
  });

  it('the route hop says which rule won, which it beat, and why', () => {
    const t = run(c, 'http://www.gw.test/api/users');
    expect(t).toMatchObject({ verdict: 'allow', status: 200, backend: 'service/apps/api:80', endpoints: ['apps/api-0'], backendPath: '/api/users' });
    const route = hopOf(t, 'route')!;
    expect(route).toMatchObject({ rule: 1, match: 0 });
    expect(route.reason).toContain('httproute/apps/site rule 1 wins with match 0: PathPrefix /api');
    expect(route.reason).toMatch(/it beat httproute\/apps\/site rule 0: .*PathPrefix/);
  });

  it('method and headers take part in the match (POST only)', () => {
    expect(run(c, 'http://www.gw.test/post', { method: 'POST' })).toMatchObject({ status: 200, backend: 'service/apps/api:80' });
    // GET /post falls back to the catch-all rule 0.
    const get = run(c, 'http://www.gw.test/post');
    expect(get).toMatchObject({ status: 200, backend: 'service/apps/web:8080' });
    expect(hopOf(get, 'route')).toMatchObject({ rule: 0 });
  });

  it('URLRewrite: backendPath is the path the backend receives, the route hop shows it', () => {
    const t = run(c, 'http://www.gw.test/v1/users?x=1');
    expect(t).toMatchObject({ status: 200, backend: 'service/apps/api:80', backendPath: '/api/users?x=1' });
    expect(hopOf(t, 'route')!.request).toEqual({ method: 'GET', host: 'www.gw.test', path: '/v1/users?x=1', rewrittenPath: '/api/users?x=1' });
  });

  it('a redirect ends at the route hop (pass) with its Location; no backend', () => {
    const t = run(c, 'http://www.gw.test/old');
    expect(t).toMatchObject({ verdict: 'allow', status: 301, location: 'http://www.gw.test/new' });
    expect(t.backend).toBeUndefined();
    expect(t.backendPath).toBeUndefined();
    expect(t.hops.at(-1)).toMatchObject({ kind: 'route', verdict: 'pass' });
    expect(t.hops.at(-1)!.reason).toContain('Location http://www.gw.test/new');
  });

  it('404: no listener takes the host (ends at the gateway hop), no rule matches (ends at the route hop)', () => {
    const noListener = run(c, 'http://other.test/');
    // other.test is claimed by nothing: without via it goes to the ingress controller; via the Gateway it is a 404.
    const viaGw = run(c, 'http://other.test/', { via: 'gateway/infra/public' });
    expect(viaGw).toMatchObject({ verdict: 'allow', status: 404 });
    expect(viaGw.hops.at(-1)).toMatchObject({ kind: 'gateway', verdict: 'drop' });
    expect(noListener.hops.some((h) => h.kind === 'gateway')).toBe(false);
    const noRoute = run(c, 'http://api.gw.test/', { via: 'gateway/infra/public' });
    expect(noRoute).toMatchObject({ verdict: 'allow', status: 404 });
    expect(noRoute.hops.at(-1)).toMatchObject({ kind: 'route', verdict: 'drop' });
  });

  it('500 for a rule without backendRefs, 503 for a Service without ready endpoints', () => {
    const none = run(c, 'http://www.gw.test/none');
    expect(none).toMatchObject({ verdict: 'allow', status: 500 });
    expect(none.backend).toBeUndefined();
    const empty = run(c, 'http://www.gw.test/empty');
    expect(empty).toMatchObject({ verdict: 'allow', status: 503, backend: 'service/apps/empty:80' });
    expect(empty.hops.at(-1)).toMatchObject({ kind: 'service', verdict: 'drop' });
  });

  it('a backendRef to another namespace needs a ReferenceGrant (500 without, 200 with)', () => {
    const cross = [
      testHttpRoute({ namespace: 'infra', name: 'cross', parentRefs: [{ name: 'public' }], hostnames: ['x.gw.test'], rules: [{ backendRefs: [{ name: 'web', namespace: 'apps', port: 8080 }] }] }),
    ];
    expect(run(clusterOf(BASE, [PUBLIC], cross), 'http://x.gw.test/')).toMatchObject({ verdict: 'allow', status: 500 });
    const granted = clusterOf(BASE, [PUBLIC], cross, [testReferenceGrant({ namespace: 'apps', name: 'from-infra', fromNamespace: 'infra' })]);
    expect(run(granted, 'http://x.gw.test/')).toMatchObject({ verdict: 'allow', status: 200, backend: 'service/apps/web:8080' });
  });

  it('https: the HTTPS listener terminates TLS; the backend gets the request', () => {
    const t = run(c, 'https://www.gw.test/api');
    expect(t).toMatchObject({ status: 200, backend: 'service/apps/api:80' });
    expect(hopOf(t, 'gateway')).toMatchObject({ listener: 'https' });
  });

  it('a weighted split: no single backend, endpoints of every backendRef, seeds spread by weight', () => {
    const t = run(c, 'http://www.gw.test/split');
    expect(t.backend).toBeUndefined();
    expect(t).toMatchObject({ verdict: 'allow', status: 200, endpoints: ['apps/api-0', 'apps/web-0', 'apps/web-1'] });
    // Weights 3:1: of seeds 0..11, nine go to web and three to api.
    const served = Array.from({ length: 12 }, (_, seed) => traceQuery(c, { from: 'internet', to: 'http://www.gw.test/split', seed }).hops.find((h) => h.kind === 'service')!.ref);
    const web = served.filter((r) => r === 'service/apps/web').length;
    expect(web).toBe(9);
    expect(served.length - web).toBe(3);
    // Deterministic: the same seed, the same backend.
    const again = Array.from({ length: 12 }, (_, seed) => traceQuery(c, { from: 'internet', to: 'http://www.gw.test/split', seed }).hops.find((h) => h.kind === 'service')!.ref);
    expect(again).toEqual(served);
  });
});

describe('policies behind the Gateway judge the data-plane pod', () => {
  it('a policy admitting the data plane lets the request through', () => {
    const t = run(clusterOf(BASE + API_POLICY), 'http://www.gw.test/api');
    expect(t).toMatchObject({ verdict: 'allow', status: 200 });
    expect(t.hops.find((h) => h.kind === 'policy')).toMatchObject({ verdict: 'pass', policy: 'apps/api-from-gateway', rule: 0 });
  });

  it('deny-all drops it at the backend pod: deny, no status, the pod is blocked', () => {
    const t = run(clusterOf(BASE + DENY_ALL), 'http://www.gw.test/api');
    expect(t).toMatchObject({ verdict: 'deny', endpoints: [], blocked: ['apps/api-0'] });
    expect(t.status).toBeUndefined();
    expect(t.backendPath).toBeUndefined();
    const drop = t.hops.find((h) => h.verdict === 'drop')!;
    expect(drop).toMatchObject({ kind: 'policy', ref: 'networkpolicy/apps/deny-all', direction: 'ingress' });
    expect(drop.reason).toContain('public-test-0');
  });
});

describe('entry point: via, or the host', () => {
  const c = clusterOf(BASE);

  it('without via, the only Gateway claiming the host takes it; a host nothing claims goes to the ingress controller', () => {
    expect(hopOf(run(c, 'http://www.gw.test/'), 'gateway')).toBeDefined();
    const shop = run(c, 'http://shop.test/');
    expect(shop).toMatchObject({ verdict: 'allow', status: 200, backend: 'service/apps/web:8080' });
    expect(hopOf(shop, 'ingress')).toBeDefined();
    expect(hopOf(shop, 'gateway')).toBeUndefined();
  });

  it('via ingress sends a Gateway host to the ingress controller (404 there: no Ingress rule)', () => {
    const t = run(c, 'http://www.gw.test/', { via: 'ingress' });
    expect(hopOf(t, 'gateway')).toBeUndefined();
    expect(t).toMatchObject({ status: 404 });
  });

  it('via a Gateway that does not exist is an error naming the Gateways there are', () => {
    const t = run(c, 'http://www.gw.test/', { via: 'gateway/infra/nope' });
    expect(t.error).toBe('via gateway/infra/nope: Gateway infra/nope does not exist (Gateways: gateway/infra/public)');
    expect(t.verdict).toBe('deny');
    expect(run(c, 'http://www.gw.test/', { via: 'gw/x' }).error).toContain('use gateway/NS/NAME or ingress');
  });

  it('two Gateways claiming a host: an error naming both and asking for via', () => {
    const second = testGateway({ namespace: 'infra', name: 'second', listeners: [{ name: 'http', port: 80, from: 'All' }] });
    const routes = [...ROUTES, testHttpRoute({ namespace: 'apps', name: 'also', parentRefs: [{ name: 'second', namespace: 'infra' }], hostnames: ['www.gw.test'], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] })];
    const two = clusterOf(BASE + SECOND_DATA_PLANE, [PUBLIC, second], routes);
    const t = run(two, 'http://www.gw.test/');
    expect(t.error).toContain('gateway/infra/public');
    expect(t.error).toContain('gateway/infra/second');
    expect(t.error).toContain('via');
    expect(run(two, 'http://www.gw.test/', { via: 'gateway/infra/second' })).toMatchObject({ status: 200, backend: 'service/apps/api:80' });
  });

  it('a Gateway and an Ingress claiming one host: an error too', () => {
    const shopRoute = testHttpRoute({ namespace: 'apps', name: 'shop', parentRefs: [{ name: 'public', namespace: 'infra' }], hostnames: ['shop.test'], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] });
    const any = testGateway({ namespace: 'infra', name: 'public', listeners: [{ name: 'http', port: 80, from: 'All' }] });
    const t = run(clusterOf(BASE, [any], [shopRoute]), 'http://shop.test/');
    expect(t.error).toContain('the ingress controller');
  });

  it('from a pod, a name the cluster DNS answers stays inside even when a catch-all Gateway exists', () => {
    const any = testGateway({ namespace: 'infra', name: 'public', listeners: [{ name: 'http', port: 80, from: 'All' }] });
    const catchAll = testHttpRoute({ namespace: 'apps', name: 'all', parentRefs: [{ name: 'public', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] });
    const t = traceQuery(clusterOf(BASE, [any], [catchAll]), { from: 'pod/apps/web-0', to: 'http://api.apps/' });
    expect(hopOf(t, 'dns')).toBeDefined();
    expect(hopOf(t, 'gateway')).toBeUndefined();
    expect(t).toMatchObject({ verdict: 'allow', backend: 'service/apps/api:80' });
  });

  it('a Host header routes by that host (its port ignored)', () => {
    const t = run(c, 'http://www.gw.test/', { via: 'gateway/infra/public', headers: { Host: 'other.gw.test:8080' } });
    expect(t).toMatchObject({ status: 404 });
  });

  it('a Gateway whose class does not exist is not programmed: nothing answers', () => {
    const { cluster } = simulate([{ name: 'gw.yaml', text: BASE }]);
    const c2 = withGatewayApi(cluster, { gateways: [PUBLIC], routes: ROUTES, unprogrammed: ['gateway/infra/public'] });
    const t = run(c2, 'http://www.gw.test/', { via: 'gateway/infra/public' });
    expect(t).toMatchObject({ verdict: 'deny' });
    expect(t.status).toBeUndefined();
    expect(t.hops.at(-1)).toMatchObject({ kind: 'gateway', verdict: 'drop' });
  });

  it('manifests without Gateways ignore method and headers and answer as before', () => {
    const { cluster } = simulate([{ name: 'gw.yaml', text: BASE }]);
    const before = traceQuery(cluster, { from: 'internet', to: 'http://shop.test/' });
    expect(traceQuery(cluster, { from: 'internet', to: 'http://shop.test/', method: 'POST', headers: { 'X-A': 'b' } })).toEqual(before);
  });
});

describe('backendPath for ingress-nginx rewrite-target', () => {
  const REWRITE = `
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rewrite
  namespace: apps
  annotations: {nginx.ingress.kubernetes.io/use-regex: "true", nginx.ingress.kubernetes.io/rewrite-target: /$2}
spec:
  rules:
  - host: rw.test
    http:
      paths:
      - {path: /app(/|$)(.*), pathType: ImplementationSpecific, backend: {service: {name: api, port: {number: 80}}}}
`;
  it('is the rewritten path with the query kept; absent without a rewrite', () => {
    const { cluster } = simulate([{ name: 'rw.yaml', text: BASE + REWRITE }]);
    expect(traceQuery(cluster, { from: 'internet', to: 'http://rw.test/app/users?page=2' })).toMatchObject({ status: 200, backend: 'service/apps/api:80', backendPath: '/users?page=2' });
    expect(traceQuery(cluster, { from: 'internet', to: 'http://shop.test/x' }).backendPath).toBeUndefined();
  });
});

describe('Gateway traces keep the promises of a teaching trace (audited, fixes applied and re-asked)', () => {
  /** The same shop with the Gateway API objects in the YAML, read and attached by the engine. */
  const GATEWAY_YAML = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: test}
spec: {controllerName: example.com/gateway}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: test
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.gw.test", allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: site, namespace: apps}
spec:
  parentRefs: [{name: public, namespace: infra}]
  hostnames: [www.gw.test]
  rules:
  - backendRefs: [{name: web, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: api, port: 80}]
  - matches: [{path: {type: Exact, value: /old}}]
    filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /new}}}]
`;
  const text = BASE + DENY_ALL + GATEWAY_YAML;
  const { cluster } = simulate([{ name: 'gw.yaml', text }]);

  it('the engine-built cluster uses the labelled data plane and its LoadBalancer', () => {
    expect(cluster.gateways[0]).toMatchObject({ ref: 'gateway/infra/public', programmed: true, implicit: false, podRefs: ['pod/infra/public-test-0'] });
  });

  it.each(['http://www.gw.test/', 'http://www.gw.test/api/x', 'http://www.gw.test/old'])('%s', (to) => {
    const { trace, problems } = auditQuery(text, cluster, { from: 'internet', to });
    expect(problems).toEqual([]);
    expect(trace.hops.some((h) => h.kind === 'gateway')).toBe(true);
  });
});

describe('a weighted split without a seed', () => {
  it('follows a backendRef that serves the request when the seed-0 one would drop it; with a seed, exactly the seed\'s', () => {
    // Only the api pods are isolated (deny all); web serves.
    const API_DENY = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-deny, namespace: apps}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
`;
    const split = testHttpRoute({
      namespace: 'apps',
      name: 'split',
      parentRefs: [{ name: 'public', namespace: 'infra' }],
      hostnames: ['www.gw.test'],
      rules: [{ backendRefs: [{ name: 'api', port: 80, weight: 1 }, { name: 'web', port: 8080, weight: 1 }] }],
    });
    const c = clusterOf(BASE + API_DENY, [PUBLIC], [split]);
    const seeded = Array.from({ length: 4 }, (_, seed) => traceQuery(c, { from: 'internet', to: 'http://www.gw.test/', seed }));
    const dropped = seeded.filter((t) => t.hops.some((h) => h.verdict === 'drop'));
    expect(dropped.length).toBeGreaterThan(0);
    for (const t of seeded) expect(t).toMatchObject({ verdict: 'allow', endpoints: ['apps/web-0', 'apps/web-1'], blocked: ['apps/api-0'] });
    const unseeded = traceQuery(c, { from: 'internet', to: 'http://www.gw.test/' });
    expect(unseeded.hops.some((h) => h.verdict === 'drop')).toBe(false);
    expect(unseeded.hops.find((h) => h.kind === 'service')!.ref).toBe('service/apps/web');
  });
});

describe('a host that is an IP address', () => {
  it("goes to the Gateway whose load balancer has it, and the ingress controller's address stays the ingress controller's, even beside a catch-all Gateway", () => {
    const any = testGateway({ namespace: 'infra', name: 'public', listeners: [{ name: 'http', port: 80, from: 'All' }] });
    const catchAll = testHttpRoute({ namespace: 'apps', name: 'all', parentRefs: [{ name: 'public', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] });
    const c = clusterOf(BASE, [any], [catchAll]);
    const gwIP = c.services.find((s) => s.ref === 'service/infra/public-test')!.loadBalancerIPs[0]!;
    const ingressIP = c.services.find((s) => s.ref === c.ingressController!.serviceRef)!.loadBalancerIPs[0]!;
    expect(run(c, `http://${gwIP}/`).hops.some((h) => h.kind === 'gateway')).toBe(true);
    const toIngress = run(c, `http://${ingressIP}/`);
    expect(toIngress.hops.some((h) => h.kind === 'gateway')).toBe(false);
    expect(toIngress.hops.some((h) => h.kind === 'ingress-controller')).toBe(true);
  });
});
