/**
 * Seeded fuzz: random routes and requests through one Gateway. The routing never throws, answers
 * only the statuses the API allows, and its winner agrees with a plain reference: every matching
 * (route, rule, match) sorted by one precedence tuple.
 */
import { describe, expect, it } from 'vitest';
import type { HTTPRouteObject } from '../types';
import { makeTestCluster } from '../testing/cluster';
import { testGateway, testHttpRoute, withGatewayApi, type TestMatch } from '../testing/gateway';
import { resolveGatewayRoute, toGatewayHttpRequest, type GatewayHttpRequest } from './route-request';

/** mulberry32: a tiny deterministic PRNG, so every run sees the same cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = ['/', '/a', '/a/', '/a/b', '/ab', '/a/b/c', '/b', '/A'];
const HOSTS = ['x.example.com', 'y.example.com', 'a.b.example.com', 'example.com', 'other.test'];
const ROUTE_HOSTNAMES = ['x.example.com', '*.example.com', '*.b.example.com', 'other.test', 'example.com'];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

function randomMatch(r: () => number): TestMatch {
  const type = r() < 0.3 ? ('Exact' as const) : ('PathPrefix' as const);
  return {
    path: { type, value: pick(r, PATHS) },
    ...(r() < 0.3 ? { headers: [{ name: pick(r, ['X', 'y']), value: pick(r, ['1', '2']) }] } : {}),
    ...(r() < 0.3 ? { queryParams: [{ name: 'q', value: pick(r, ['1', '2']) }] } : {}),
    ...(r() < 0.2 ? { method: pick(r, ['GET', 'POST']) } : {}),
  };
}

function randomRoutes(r: () => number): HTTPRouteObject[] {
  const count = 1 + Math.floor(r() * 5);
  return Array.from({ length: count }, (_, i) =>
    testHttpRoute({
      namespace: 'infra',
      name: `r${Math.floor(r() * 100)}-${i}`,
      parentRefs: [{ name: 'gw' }],
      hostnames: r() < 0.5 ? [] : [pick(r, ROUTE_HOSTNAMES), ...(r() < 0.3 ? [pick(r, ROUTE_HOSTNAMES)] : [])],
      rules: Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
        matches: r() < 0.2 ? [] : Array.from({ length: 1 + Math.floor(r() * 2) }, () => randomMatch(r)),
        backendRefs: r() < 0.1 ? [] : [{ name: pick(r, ['web', 'missing']), port: 8080, weight: pick(r, [0, 1, 3]) }],
      })),
    }),
  );
}

// The reference: an independent reading of the API reference's matching and precedence.
function refHostnameMatches(pattern: string, host: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : pattern === host;
}
function refPrefix(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || path === p || path.startsWith(`${p}/`);
}
function referenceWinner(routes: readonly HTTPRouteObject[], req: GatewayHttpRequest): string | undefined {
  const [path, query = ''] = req.path.split('?');
  const params = new Map<string, string>();
  for (const kv of query.split('&').filter(Boolean)) {
    const [k, v = ''] = kv.split('=');
    if (!params.has(k!)) params.set(k!, v);
  }
  const keyed: { key: (number | string)[]; id: string }[] = [];
  routes.forEach((route, order) => {
    const hostnames = route.hostnames.length === 0 ? [''] : route.hostnames.filter((h) => refHostnameMatches(h, req.host));
    if (hostnames.length === 0) return;
    const best = hostnames.map((h) => (h === '' ? [0, 0] : h.startsWith('*.') ? [0, h.length] : [h.length, h.length])).sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!)[0]!;
    route.rules.forEach((rule, ri) => {
      const matches = rule.matches.length === 0 ? [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }] : rule.matches;
      matches.forEach((m, mi) => {
        const pathOk = m.path.type === 'Exact' ? m.path.value === path : refPrefix(m.path.value, path!);
        const ok =
          pathOk &&
          ('method' in m && m.method !== undefined ? m.method === req.method : true) &&
          m.headers.every((h) => req.headers[h.name.toLowerCase()] === h.value) &&
          m.queryParams.every((q) => params.get(q.name) === q.value);
        if (!ok) return;
        const exact = m.path.type === 'Exact' ? 1 : 0;
        keyed.push({
          key: [-best[0]!, -best[1]!, -exact, exact ? 0 : -m.path.value.length, 'method' in m && m.method !== undefined ? -1 : 0, -m.headers.length, -m.queryParams.length, order, `${route.meta.namespace}/${route.meta.name}`, ri, mi],
          id: `httproute/${route.meta.namespace}/${route.meta.name}#${ri}`,
        });
      });
    });
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i]!;
      const y = b.key[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return keyed[0]?.id;
}

describe('fuzz: routing against a reference', () => {
  it('300 random route sets × 10 requests', () => {
    const base = makeTestCluster({
      ingressController: false,
      pods: [{ namespace: 'infra', name: 'web-0', labels: { app: 'web' }, ports: [{ containerPort: 80 }] }],
      services: [{ namespace: 'infra', name: 'web', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] }],
    });
    for (let s = 0; s < 300; s++) {
      const r = rng(s + 1);
      const routes = randomRoutes(r);
      // Route names may repeat: keep the first of each name, as the API server would.
      const unique = routes.filter((x, i) => routes.findIndex((y) => y.meta.name === x.meta.name) === i);
      const cluster = withGatewayApi(base, { gateways: [testGateway({ namespace: 'infra', name: 'gw', listeners: [{ name: 'http' }] })], routes: unique });
      for (let q = 0; q < 10; q++) {
        const url = `http://${pick(r, HOSTS)}${pick(r, PATHS)}${r() < 0.4 ? `?q=${pick(r, ['1', '2'])}` : ''}`;
        const headers = r() < 0.4 ? { [pick(r, ['x', 'Y'])]: pick(r, ['1', '2']) } : {};
        const request = toGatewayHttpRequest(url, pick(r, ['GET', 'POST']), headers);
        if ('error' in request) throw new Error(request.error);
        const got = resolveGatewayRoute(cluster, 'gateway/infra/gw', request, Math.floor(r() * 10));
        const label = `seed ${s + 1}, ${request.method} ${url} ${JSON.stringify(headers)}`;
        expect([200, 404, 500, 503], label).toContain(got.status);
        const want = referenceWinner(unique, request);
        expect(got.winner === undefined ? undefined : `${got.winner.routeRef}#${got.winner.rule}`, label).toBe(want);
        if (got.status === 200) expect(got.backends[got.chosen!]?.problem, label).toBeUndefined();
      }
    }
  });

  it('odd input never throws', () => {
    const cluster = withGatewayApi(makeTestCluster({ ingressController: false }), {
      gateways: [testGateway({ namespace: 'infra', name: 'gw', listeners: [{ name: 'http' }, { name: 'odd', protocol: 'UDP', port: 53 }] })],
      routes: [testHttpRoute({ namespace: 'infra', name: 'r', parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type: 'RegularExpression', value: '[' } }] }, {}] })],
    });
    for (const url of ['http://x/%', 'http://x/?%zz=1&&=&a', 'http://[::1]:80/p', 'http://x/p#frag', 'http://user@x:8080/p', 'http://x?only=query']) {
      const request = toGatewayHttpRequest(url, '', { Host: '' });
      if ('error' in request) throw new Error(`${url}: ${request.error}`);
      expect(() => resolveGatewayRoute(cluster, 'gateway/infra/gw', request, Number.NaN)).not.toThrow();
    }
  });
});
