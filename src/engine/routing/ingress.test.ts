import { describe, expect, it } from 'vitest';
import type { IngressPath, PathType } from '../types';
import { makeTestCluster, type ClusterSpec } from '../testing/cluster';
import { matchesWildcardHost, resolveIngressRoute } from './ingress';

const SERVICES = ['svc-a', 'svc-b', 'svc-c', 'svc-default', 'frontend', 'backend', 'named'].map((name) => ({
  name,
  selector: { app: name },
  ports: [{ name: 'http', port: 80 }, { name: 'api', port: 8080 }],
}));

function path(p: string, pathType: PathType, service: string): IngressPath {
  return { path: p, pathType, backend: { service: { name: service, port: { number: 80 } } } };
}

function cluster(ingresses: NonNullable<ClusterSpec['ingresses']>) {
  return makeTestCluster({ services: SERVICES, ingresses });
}

/**
 * kubernetes/website content/en/docs/concepts/services-networking/ingress.md, "Examples":
 * every row. Paths are given with their type; a request matches when a backend other than
 * the default backend is chosen, and the chosen path is the expected one. The request is
 * followed through redirects as an HTTP client does: with ingress-nginx, a path written with a
 * trailing slash answers the same path without it by nginx's 301 to the slashed path
 * (`redirect: true`); for `Exact /foo/ ← /foo` that makes ingress-nginx serve what the docs
 * table calls no match (the sources win; the trace says so).
 */
describe('Ingress path matching: the Kubernetes docs examples table', () => {
  const rows: { kind: string; paths: [string, PathType][]; requests: string[]; match: string | undefined; redirect?: boolean }[] = [
    { kind: 'Prefix', paths: [['/', 'Prefix']], requests: ['/', '/foo', '/foo/bar', '/x/y/z/'], match: '/' },
    { kind: 'Exact', paths: [['/foo', 'Exact']], requests: ['/foo'], match: '/foo' },
    { kind: 'Exact', paths: [['/foo', 'Exact']], requests: ['/bar'], match: undefined },
    { kind: 'Exact', paths: [['/foo', 'Exact']], requests: ['/foo/'], match: undefined },
    // Docs: no match. ingress-nginx: `location = /foo/` → nginx 301 /foo → /foo/, which matches.
    { kind: 'Exact', paths: [['/foo/', 'Exact']], requests: ['/foo'], match: '/foo/', redirect: true },
    { kind: 'Prefix', paths: [['/foo', 'Prefix']], requests: ['/foo', '/foo/'], match: '/foo' },
    { kind: 'Prefix', paths: [['/foo/', 'Prefix']], requests: ['/foo'], match: '/foo/', redirect: true },
    { kind: 'Prefix', paths: [['/foo/', 'Prefix']], requests: ['/foo/'], match: '/foo/' },
    { kind: 'Prefix', paths: [['/aaa/bb', 'Prefix']], requests: ['/aaa/bbb'], match: undefined },
    { kind: 'Prefix', paths: [['/aaa/bbb', 'Prefix']], requests: ['/aaa/bbb'], match: '/aaa/bbb' },
    { kind: 'Prefix', paths: [['/aaa/bbb/', 'Prefix']], requests: ['/aaa/bbb'], match: '/aaa/bbb/', redirect: true },
    { kind: 'Prefix', paths: [['/aaa/bbb', 'Prefix']], requests: ['/aaa/bbb/'], match: '/aaa/bbb' },
    { kind: 'Prefix', paths: [['/aaa/bbb', 'Prefix']], requests: ['/aaa/bbb/ccc'], match: '/aaa/bbb' },
    { kind: 'Prefix', paths: [['/aaa/bbb', 'Prefix']], requests: ['/aaa/bbbxyz'], match: undefined },
    { kind: 'Prefix', paths: [['/', 'Prefix'], ['/aaa', 'Prefix']], requests: ['/aaa/ccc'], match: '/aaa' },
    { kind: 'Prefix', paths: [['/', 'Prefix'], ['/aaa', 'Prefix'], ['/aaa/bbb', 'Prefix']], requests: ['/aaa/bbb'], match: '/aaa/bbb' },
    { kind: 'Prefix', paths: [['/', 'Prefix'], ['/aaa', 'Prefix'], ['/aaa/bbb', 'Prefix']], requests: ['/ccc'], match: '/' },
    { kind: 'Prefix', paths: [['/aaa', 'Prefix']], requests: ['/ccc'], match: undefined },
    { kind: 'Mixed', paths: [['/foo', 'Prefix'], ['/foo', 'Exact']], requests: ['/foo'], match: '/foo (Exact)' },
  ];
  const cases = rows.flatMap((row) => row.requests.map((request) => ({ ...row, request })));
  it.each(cases)('$kind $paths.0.0… ← $request', ({ paths, request, match, redirect }) => {
    // Each path gets its own Service so the chosen one is identifiable; svc-default answers no-match.
    const c = cluster([
      {
        name: 'docs',
        defaultBackend: { service: { name: 'svc-default', port: { number: 80 } } },
        rules: [{ host: 'foo.bar.com', paths: paths.map(([p, t], i) => path(p, t, SERVICES[i]!.name)) }],
      },
    ]);
    const first = resolveIngressRoute(c, { scheme: 'http', host: 'foo.bar.com', path: request });
    expect(first.status === 301).toBe(redirect === true);
    const route = first.status === 301 ? resolveIngressRoute(c, { scheme: 'http', host: 'foo.bar.com', path: `${request}/` }) : first;
    if (redirect === true) expect(first.location).toBe(`http://foo.bar.com${request}/`);
    expect(route.outcome).toBe('backend');
    if (match === undefined) {
      expect(route.defaultBackend).toBe(true);
      expect(route.service?.name).toBe('svc-default');
    } else {
      expect(route.defaultBackend).toBeUndefined();
      const [p, t] = match.endsWith('(Exact)')
        ? [match.split(' ')[0]!, 'Exact']
        : [match, paths.find(([pp]) => pp === match)![1]];
      expect({ path: route.path, pathType: route.pathType }).toEqual({ path: p, pathType: t });
      const idx = paths.findIndex(([pp, tt]) => pp === p && tt === t);
      expect(route.service?.name).toBe(SERVICES[idx]!.name);
    }
  });
});

/** Same page, "Hostname wildcards": every row. */
describe('Ingress hostname wildcards: the Kubernetes docs table', () => {
  it.each([
    ['*.foo.com', 'bar.foo.com', true],
    ['*.foo.com', 'baz.bar.foo.com', false],
    ['*.foo.com', 'foo.com', false],
  ])('%s vs Host %s', (pattern, hostHeader, matches) => {
    expect(matchesWildcardHost(pattern, hostHeader)).toBe(matches);
    const c = cluster([{ name: 'wild', rules: [{ host: pattern, paths: [path('/', 'Prefix', 'svc-a')] }] }]);
    const route = resolveIngressRoute(c, { scheme: 'http', host: hostHeader, path: '/' });
    expect(route.outcome).toBe(matches ? 'backend' : 'not-found');
    expect(route.status).toBe(matches ? undefined : 404);
  });
});

describe('resolveIngressRoute: ingress-nginx behaviour', () => {
  it('the seed Ingress: /, /api and /auth', () => {
    const c = cluster([
      {
        name: 'webapp-ingress',
        rules: [
          {
            host: 'example.com',
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'backend', port: { number: 8080 } } } },
            ],
          },
        ],
      },
    ]);
    const cases: [string, string, number][] = [
      ['/', 'frontend', 80],
      ['/index.html', 'frontend', 80],
      ['/api', 'backend', 8080],
      ['/api/users', 'backend', 8080],
      ['/apis', 'frontend', 80],
    ];
    for (const [p, svc, port] of cases) {
      const r = resolveIngressRoute(c, { scheme: 'http', host: 'example.com', path: p });
      expect({ p, svc: r.service?.name, port: r.service?.port, ingress: r.ingress }).toEqual({
        p,
        svc,
        port,
        ingress: 'ingress/default/webapp-ingress',
      });
    }
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'other.com', path: '/' }).status).toBe(404);
  });

  it('exact hosts win over wildcards, wildcards over rules without host', () => {
    const c = cluster([
      { name: 'any', rules: [{ paths: [path('/', 'Prefix', 'svc-c')] }] },
      { name: 'wild', rules: [{ host: '*.foo.com', paths: [path('/', 'Prefix', 'svc-b')] }] },
      { name: 'exact', rules: [{ host: 'bar.foo.com', paths: [path('/only', 'Exact', 'svc-a')] }] },
    ]);
    const r = (host: string, p: string) => resolveIngressRoute(c, { scheme: 'http', host, path: p });
    expect(r('bar.foo.com', '/only').service?.name).toBe('svc-a');
    // The exact host's server has no match for / : it does not fall back to the wildcard's paths.
    expect(r('bar.foo.com', '/').status).toBe(404);
    expect(r('baz.foo.com', '/').service?.name).toBe('svc-b');
    expect(r('a.b.foo.com', '/').service?.name).toBe('svc-c');
    expect(r('unrelated.org', '/x').service?.name).toBe('svc-c');
  });

  it('rules of several Ingresses for one host are merged (longest wins across Ingresses)', () => {
    const c = cluster([
      { name: 'one', rules: [{ host: 'shop.io', paths: [path('/', 'Prefix', 'svc-a')] }] },
      { name: 'two', rules: [{ host: 'shop.io', paths: [path('/cart', 'Prefix', 'svc-b')] }] },
    ]);
    const cart = resolveIngressRoute(c, { scheme: 'http', host: 'shop.io', path: '/cart/1' });
    expect([cart.ingress, cart.service?.name]).toEqual(['ingress/default/two', 'svc-b']);
    const home = resolveIngressRoute(c, { scheme: 'http', host: 'shop.io', path: '/' });
    expect([home.ingress, home.service?.name]).toEqual(['ingress/default/one', 'svc-a']);
  });

  it('ignores Ingresses the controller does not serve', () => {
    const c = cluster([
      { name: 'other-class', served: false, rules: [{ host: 'x.io', paths: [path('/', 'Prefix', 'svc-a')] }] },
    ]);
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: '/' }).status).toBe(404);
  });

  it('ImplementationSpecific is an nginx string prefix (no element boundary)', () => {
    const c = cluster([{ name: 'is', rules: [{ host: 'x.io', paths: [path('/foo', 'ImplementationSpecific', 'svc-a')] }] }]);
    const r = (p: string) => resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: p }).outcome;
    expect([r('/foo'), r('/foobar'), r('/foo/x'), r('/fo'), r('/FOO')]).toEqual([
      'backend',
      'backend',
      'backend',
      'not-found',
      'not-found',
    ]);
  });

  it('Prefix beats ImplementationSpecific at equal length', () => {
    const c = cluster([
      { name: 'is', rules: [{ host: 'x.io', paths: [path('/foo', 'ImplementationSpecific', 'svc-a'), path('/foo', 'Prefix', 'svc-b')] }] },
    ]);
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: '/foo/1' }).service?.name).toBe('svc-b');
  });

  it('use-regex: case-insensitive regexes, longest first, first match (ingress-nginx docs)', () => {
    // ingress-path-matching.md "Path Priority": /foo/bar → svc-a, /foo/bar/ → svc-b, /foo/bar/(.+) → svc-c
    const c = cluster([
      {
        name: 'test-ingress-1',
        rules: [{ host: 'test.com', paths: [path('/foo/bar', 'ImplementationSpecific', 'svc-a'), path('/foo/bar/', 'ImplementationSpecific', 'svc-b')] }],
      },
      {
        name: 'test-ingress-2',
        meta: { name: 'test-ingress-2', namespace: 'default', labels: {}, annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' } },
        rules: [{ host: 'test.com', paths: [path('/foo/bar/(.+)', 'ImplementationSpecific', 'svc-c')] }],
      },
    ]);
    const r = (p: string) => resolveIngressRoute(c, { scheme: 'http', host: 'test.com', path: p });
    expect(r('/foo/bar/1').service?.name).toBe('svc-c');
    expect(r('/foo/bar/1').backendPath).toBe('/1');
    expect(r('/foo/bar/').service?.name).toBe('svc-b');
    expect(r('/foo/bar').service?.name).toBe('svc-a');
    expect(r('/FOO/BAR').service?.name).toBe('svc-a');
    expect(r('/foo/bar').backendPath).toBe('/foo/bar');
  });

  it('use-regex pitfall: first match, not longest exact (ingress-nginx docs "Warning")', () => {
    const c = cluster([
      {
        name: 'test-ingress-3',
        meta: { name: 'test-ingress-3', namespace: 'default', labels: {}, annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } },
        rules: [{ host: 'test.com', paths: [path('/foo/bar/bar', 'ImplementationSpecific', 'svc-a'), path('/foo/bar/[A-Z0-9]{3}', 'ImplementationSpecific', 'svc-b')] }],
      },
    ]);
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'test.com', path: '/foo/bar/bar' }).service?.name).toBe('svc-b');
  });

  it('rewrite-target without captures replaces the whole path', () => {
    const c = cluster([
      {
        name: 'rw',
        meta: { name: 'rw', namespace: 'default', labels: {}, annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/', 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } },
        rules: [{ host: 'x.io', paths: [path('/app', 'Prefix', 'svc-a')] }],
      },
    ]);
    const r = resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: '/app/page' });
    expect(r.backendPath).toBe('/');
    expect(r.notSimulated).toEqual(['nginx.ingress.kubernetes.io/proxy-body-size']);
  });

  it.each([
    ['http', undefined, 'redirect', 308],
    ['https', undefined, 'backend', undefined],
    ['http', 'false', 'backend', undefined],
    ['http', 'true', 'redirect', 308],
  ] as const)('TLS host over %s with ssl-redirect %s → %s', (scheme, sslRedirect, outcome, status) => {
    const c = cluster([
      {
        name: 'tls',
        meta: {
          name: 'tls',
          namespace: 'default',
          labels: {},
          annotations: sslRedirect === undefined ? {} : { 'nginx.ingress.kubernetes.io/ssl-redirect': sslRedirect },
        },
        tls: [{ hosts: ['secure.io'], secretName: 'secure-tls' }],
        rules: [{ host: 'secure.io', paths: [path('/', 'Prefix', 'svc-a')] }],
      },
    ]);
    const r = resolveIngressRoute(c, { scheme, host: 'secure.io', path: '/x' });
    expect([r.outcome, r.status, r.tls]).toEqual([outcome, status, true]);
    if (outcome === 'redirect') expect(r.location).toBe('https://secure.io/x');
  });

  it('a plain host without TLS is not redirected', () => {
    const c = cluster([
      { name: 'tls', tls: [{ hosts: ['secure.io'] }], rules: [{ host: 'plain.io', paths: [path('/', 'Prefix', 'svc-a')] }, { host: 'secure.io', paths: [path('/', 'Prefix', 'svc-a')] }] },
    ]);
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'plain.io', path: '/' }).outcome).toBe('backend');
  });

  it('a named Ingress backend port resolves to the Service port number', () => {
    const c = cluster([
      { name: 'n', rules: [{ host: 'x.io', paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'named', port: { name: 'api' } } } }] }] },
    ]);
    const r = resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: '/' });
    expect(r.service).toMatchObject({ ref: 'service/default/named', port: 8080, portName: 'api' });
    expect(r.status).toBeUndefined();
  });

  it.each([
    [{ name: 'missing', port: { number: 80 } }, /does not exist/],
    [{ name: 'named', port: { name: 'nope' } }, /no port named "nope"/],
    [{ name: 'named', port: { number: 81 } }, /no port 81/],
  ])('a backend that does not resolve answers 503 (%o)', (service, reason) => {
    const c = cluster([{ name: 'b', rules: [{ host: 'x.io', paths: [{ path: '/', pathType: 'Prefix', backend: { service } }] }] }]);
    const r = resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: '/' });
    expect(r.status).toBe(503);
    expect(r.reasons.join(' ')).toMatch(reason);
  });

  it('no controller: no route', () => {
    const c = makeTestCluster({ ingressController: false });
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'x.io', path: '/' }).outcome).toBe('no-controller');
  });

  it('a defaultBackend-only Ingress catches every unmatched host', () => {
    const c = cluster([
      { name: 'catch', defaultBackend: { service: { name: 'svc-default', port: { number: 80 } } } },
      { name: 'site', rules: [{ host: 'a.io', paths: [path('/a', 'Exact', 'svc-a')] }] },
    ]);
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'zzz.io', path: '/' }).service?.name).toBe('svc-default');
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'a.io', path: '/a' }).service?.name).toBe('svc-a');
  });

  /** Ingress metadata with a creationTimestamp, as a snapshot prints it. */
  const made = (name: string, creationTimestamp?: string) => ({
    name,
    meta: { name, namespace: 'default', labels: {}, annotations: {}, ...(creationTimestamp !== undefined ? { creationTimestamp } : {}) },
  });

  it('a named host\'s server answers unmatched paths with its oldest Ingress\'s defaultBackend only (controller.go createServers)', () => {
    const c = cluster([
      { ...made('catch', '2024-01-01T00:00:00Z'), defaultBackend: { service: { name: 'svc-default', port: { number: 80 } } } },
      { ...made('site', '2024-01-01T00:00:01Z'), rules: [{ host: 'a.io', paths: [path('/a', 'Exact', 'svc-a')] }] },
      { ...made('site-2', '2024-01-01T00:00:02Z'), defaultBackend: { service: { name: 'svc-b', port: { number: 80 } } }, rules: [{ host: 'a.io', paths: [path('/z', 'Exact', 'svc-c')] }] },
      { ...made('own', '2024-01-01T00:00:03Z'), defaultBackend: { service: { name: 'svc-c', port: { number: 80 } } }, rules: [{ host: 'b.io', paths: [path('/a', 'Exact', 'svc-a')] }] },
    ]);
    const r = (host: string, p: string) => resolveIngressRoute(c, { scheme: 'http', host, path: p });
    // a.io's server was made by "site" (the oldest with a.io, no defaultBackend): 404, not site-2's default.
    expect([r('a.io', '/b').status, r('a.io', '/b').service]).toEqual([404, undefined]);
    expect(r('a.io', '/b').reasons.join(' ')).toMatch(/made by ingress\/default\/site, which has no defaultBackend/);
    expect(r('b.io', '/b').service?.name).toBe('svc-c');
    // The catch-all server takes the defaultBackend of the last (newest) Ingress that has one.
    expect(r('zzz.io', '/').service?.name).toBe('svc-c');
  });

  it.each([
    { name: 'the older keeps it (creationTimestamp)', first: '2024-05-01T10:00:00Z', second: '2024-05-02T10:00:00Z', winner: 'first', why: /keeps the oldest Ingress \(creationTimestamp 2024-05-01T10:00:00Z\)/ },
    { name: 'the older keeps it, whatever the names', first: '2024-05-03T10:00:00Z', second: '2024-05-02T10:00:00Z', winner: 'second', why: /creationTimestamp 2024-05-02/ },
    { name: 'no timestamps (applied together): the name that sorts last', first: undefined, second: undefined, winner: 'second', why: /sorts last/ },
  ])('two Ingresses with the same host, path and type: $name', ({ first, second, winner, why }) => {
    const c = cluster([
      { ...made('first', first), rules: [{ host: 'a.io', paths: [path('/api', 'Prefix', 'svc-a')] }] },
      { ...made('second', second), rules: [{ host: 'a.io', paths: [path('/api', 'Prefix', 'svc-b'), path('/api', 'Exact', 'svc-c')] }] },
    ]);
    const sub = resolveIngressRoute(c, { scheme: 'http', host: 'a.io', path: '/api/x' });
    expect([sub.ingress, sub.service?.name]).toEqual([`ingress/default/${winner}`, winner === 'first' ? 'svc-a' : 'svc-b']);
    expect(sub.reasons.join(' ')).toMatch(/also defines \/api \(Prefix\) for this host/);
    expect(sub.reasons.join(' ')).toMatch(why);
    // Same path, another type: both locations exist; Exact wins for the exact path.
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'a.io', path: '/api' }).service?.name).toBe('svc-c');
  });

  it.each([
    { name: 'ImplementationSpecific /docs/', paths: [path('/docs/', 'ImplementationSpecific', 'svc-a')], request: '/docs', status: 301 },
    { name: 'Prefix /docs/', paths: [path('/docs/', 'Prefix', 'svc-a')], request: '/docs', status: 301 },
    { name: 'Prefix /docs (ingress-nginx adds = /docs)', paths: [path('/docs', 'Prefix', 'svc-a')], request: '/docs', status: undefined },
    { name: 'an Exact /docs beside /docs/', paths: [path('/docs/', 'ImplementationSpecific', 'svc-a'), path('/docs', 'Exact', 'svc-b')], request: '/docs', status: undefined },
    { name: 'an ImplementationSpecific /docs beside /docs/', paths: [path('/docs/', 'Prefix', 'svc-a'), path('/docs', 'ImplementationSpecific', 'svc-b')], request: '/docs', status: undefined },
    { name: 'a deeper request', paths: [path('/docs/', 'ImplementationSpecific', 'svc-a')], request: '/docs/x', status: undefined },
  ])('trailing slash: $name ← $request answers $status', ({ paths, request, status }) => {
    const c = cluster([{ name: 'docs', rules: [{ host: 'a.io', paths }] }]);
    const r = resolveIngressRoute(c, { scheme: 'http', host: 'a.io', path: request });
    expect(r.status).toBe(status);
    if (status === 301) {
      expect([r.outcome, r.location]).toEqual(['redirect', `http://a.io${request}/`]);
      expect(r.reasons.at(-1)).toMatch(/nginx answers 301/);
      expect(resolveIngressRoute(c, { scheme: 'http', host: 'a.io', path: `${request}/` }).service?.name).toBe('svc-a');
    } else {
      expect(r.outcome).toBe('backend');
    }
  });

  it('no trailing-slash redirect in regex mode (regex locations)', () => {
    const c = cluster([
      {
        name: 'rx',
        meta: { name: 'rx', namespace: 'default', labels: {}, annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } },
        rules: [{ host: 'a.io', paths: [path('/docs/', 'ImplementationSpecific', 'svc-a')] }],
      },
    ]);
    expect(resolveIngressRoute(c, { scheme: 'http', host: 'a.io', path: '/docs' }).status).toBe(404);
  });
});
