import { beforeEach, describe, expect, it } from 'vitest';
import type {
  Cluster,
  ClusterGateway,
  ClusterHttpRoute,
  GatewayListener,
  GraphModel,
  HTTPBackendRef,
  HTTPRouteRule,
  RouteAttachment,
} from '../types';
import { buildCluster } from '../cluster/build-cluster';
import { deployment, manifestsOf, metaOf, namespace, pod, resetDocumentOrder, service } from '../testing/manifests';
import { simulate } from '../simulate';
import { buildGraph } from './build-graph';
import { GRAPH_TIERS } from './graph-tiers';

// Until the Gateway reader fills them, Cluster.gateways/httpRoutes are built by hand here, over
// a cluster of real pods and Services.

const listener = (name: string, port: number, o: Partial<GatewayListener> = {}): GatewayListener => ({
  name,
  port,
  protocol: 'HTTP',
  allowedRoutes: { from: 'Same' },
  ...o,
});

function gateway(name: string, o: Partial<ClusterGateway> & { listeners?: GatewayListener[] } = {}): ClusterGateway {
  const { listeners, ...rest } = o;
  return {
    ref: `gateway/default/${name}`,
    object: { kind: 'Gateway', meta: metaOf(name), gatewayClassName: 'example', listeners: listeners ?? [listener('http', 80)] },
    programmed: true,
    programmedReason: 'Programmed',
    podRefs: [],
    implicit: false,
    ...rest,
  };
}

const backend = (name: string, o: Partial<HTTPBackendRef> = {}): HTTPBackendRef => ({ group: '', kind: 'Service', name, port: 80, weight: 1, ...o });
const prefix = (value: string) => ({ path: { type: 'PathPrefix' as const, value }, headers: [], queryParams: [] });
const rule = (o: Partial<HTTPRouteRule>): HTTPRouteRule => ({ name: '', matches: [], filters: [], backendRefs: [], ...o });
const accepted = (gatewayRef: string, listenerName = 'http', hostnames: string[] = []): RouteAttachment => ({ gatewayRef, listener: listenerName, parentRefIndex: 0, reason: 'Accepted', hostnames });

function httpRoute(name: string, rules: HTTPRouteRule[], attachments: RouteAttachment[], o: { hostnames?: string[]; namespace?: string } = {}): ClusterHttpRoute {
  const ns = o.namespace ?? 'default';
  return {
    ref: `httproute/${ns}/${name}`,
    object: { kind: 'HTTPRoute', meta: metaOf(name, ns), parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'default', name: 'gw' }], hostnames: o.hostnames ?? [], rules },
    order: 0,
    attachments,
  };
}

/** A shop: frontend, canary, api; a data-plane pod `gw-dp` and its LoadBalancer Service `gw-lb`. */
function shop(): Cluster {
  return buildCluster(
    manifestsOf(
      namespace('other'),
      deployment('frontend'),
      deployment('canary'),
      deployment('api', { ports: [{ containerPort: 8080 }] }),
      deployment('billing', { namespace: 'other' }),
      service('frontend'),
      service('canary'),
      service('api', { ports: [{ port: 8080 }] }),
      service('billing', { namespace: 'other' }),
      pod('gw-dp', { labels: { 'gateway.networking.k8s.io/gateway-name': 'gw' } }),
      service('gw-lb', { type: 'LoadBalancer', selector: { 'gateway.networking.k8s.io/gateway-name': 'gw' }, statusLoadBalancerIPs: ['203.0.113.7'] }),
    ),
    {},
  ).cluster;
}

function graphWith(cluster: Cluster, gateways: ClusterGateway[], httpRoutes: ClusterHttpRoute[]): GraphModel {
  return buildGraph({ ...cluster, gateways, httpRoutes });
}

const nodeById = (g: GraphModel, id: string) => g.nodes.find((n) => n.id === id);
const edgeById = (g: GraphModel, id: string) => g.edges.find((e) => e.id === id);

beforeEach(() => resetDocumentOrder());

describe('buildGraph: the Gateway API beside the Ingress path', () => {
  it('load balancer → Gateway → HTTPRoute → Services, with the rule paths and shares on the edges', () => {
    const gw = gateway('gw', { podRefs: ['pod/default/gw-dp'], serviceRef: 'service/default/gw-lb', listeners: [listener('http', 80), listener('https', 443, { protocol: 'HTTPS', hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [] } })] });
    const route = httpRoute(
      'shop',
      [
        rule({ matches: [prefix('/')], backendRefs: [backend('frontend', { weight: 90 }), backend('canary', { weight: 10 })] }),
        rule({ matches: [{ path: { type: 'Exact', value: '/api' }, headers: [], queryParams: [], method: 'POST' }], backendRefs: [backend('api', { port: 8080 })] }),
      ],
      [accepted(gw.ref, 'http', ['shop.example.com']), accepted(gw.ref, 'https', ['shop.example.com'])],
      { hostnames: ['shop.example.com'] },
    );
    const g = graphWith(shop(), [gw], [route]);

    expect(nodeById(g, 'gateway/default/gw')).toMatchObject({ kind: 'gateway', tier: GRAPH_TIERS.proxy, status: 'ok', implicit: false, sublabel: 'HTTP 80 · HTTPS 443 shop.example.com' });
    expect(nodeById(g, 'gateway/default/gw')?.details).toEqual({
      class: 'example',
      programmed: 'yes',
      listeners: 'http: HTTP 80 * (routes from this namespace); https: HTTPS 443 shop.example.com, TLS Terminate (routes from this namespace)',
      address: '203.0.113.7',
      'data plane': 'gw-dp',
      service: 'service/default/gw-lb',
    });
    expect(nodeById(g, 'httproute/default/shop')).toMatchObject({ kind: 'httproute', tier: GRAPH_TIERS.route, status: 'ok', sublabel: 'shop.example.com' });
    expect(nodeById(g, 'httproute/default/shop')?.details).toMatchObject({
      attached: 'gateway/default/gw (http, https)',
      'rule 0': 'PathPrefix / → frontend:80 weight 90 (90%), canary:80 weight 10 (10%)',
      'rule 1': 'POST Exact /api → api:8080',
    });

    // The Gateway's load balancer leads to the Gateway (not straight to its Service).
    expect(edgeById(g, 'loadbalancer/default/gw-lb->gateway/default/gw')).toMatchObject({ kind: 'forwards' });
    expect(edgeById(g, 'loadbalancer/default/gw-lb->service/default/gw-lb')).toBeUndefined();
    expect(edgeById(g, 'gateway/default/gw->httproute/default/shop')).toMatchObject({ kind: 'routes', label: 'http, https' });
    expect(edgeById(g, 'gateway/default/gw->pod/default/gw-dp')).toMatchObject({ kind: 'selects', label: 'data plane' });
    expect(edgeById(g, 'httproute/default/shop->service/default/frontend')).toMatchObject({ kind: 'routes', label: '/ 90%' });
    expect(edgeById(g, 'httproute/default/shop->service/default/canary')?.label).toBe('/ 10%');
    expect(edgeById(g, 'httproute/default/shop->service/default/api')?.label).toBe('POST =/api');
  });

  it('a route without hostnames serves its listeners\' hosts (any host when a listener names none)', () => {
    const gw = gateway('gw', { listeners: [listener('http', 80), listener('shop', 8080, { hostname: '*.shop.example' })] });
    const shopOnly = httpRoute('a', [], [accepted(gw.ref, 'shop')]);
    const both = httpRoute('b', [], [accepted(gw.ref, 'shop'), accepted(gw.ref, 'http')]);
    const g = graphWith(shop(), [gw], [shopOnly, both]);
    expect(nodeById(g, shopOnly.ref)?.sublabel).toBe('*.shop.example');
    expect(nodeById(g, both.ref)?.sublabel).toBe('*.shop.example, *');
    expect(nodeById(g, shopOnly.ref)?.details['hostnames']).toBe('(none: the listeners’)');
  });

  it('an implicit data plane: no edge to the engine-made pods, and the details say so', () => {
    const gw = gateway('gw', { podRefs: ['pod/default/gw-dp'], implicit: true, serviceRef: 'service/default/gw-lb' });
    const g = graphWith(shop(), [gw], []);
    expect(nodeById(g, gw.ref)?.details['data plane']).toMatch(/^gw-dp \(implicit: added by the engine/);
    expect(edgeById(g, 'gateway/default/gw->pod/default/gw-dp')).toBeUndefined();
    expect(edgeById(g, 'loadbalancer/default/gw-lb->gateway/default/gw')).toBeDefined();
  });

  it('a listener the controller would not program says why', () => {
    const gw = gateway('gw', { listeners: [listener('http', 80), listener('odd', 81, { protocol: 'SPDY' })], invalidListeners: [{ listener: 'odd', reason: 'UnsupportedProtocol', detail: '' }] });
    expect(nodeById(graphWith(shop(), [gw], []), gw.ref)?.details['listeners']).toBe('http: HTTP 80 * (routes from this namespace); odd: SPDY 81 * (routes from this namespace) [not programmed: UnsupportedProtocol]');
  });

  it('a Gateway whose class does not exist is a warning with the reason, and has no address', () => {
    const gw = gateway('gw', { programmed: false, programmedReason: 'GatewayClass "nope" not found' });
    const node = nodeById(graphWith(shop(), [gw], []), gw.ref);
    expect(node).toMatchObject({ status: 'warning' });
    expect(node?.details).toEqual({ class: 'example', programmed: 'no: GatewayClass "nope" not found', listeners: 'http: HTTP 80 * (routes from this namespace)' });
  });

  it('a route attached nowhere is a warning that says why, per Gateway and listener', () => {
    const gw = gateway('gw');
    const lost = httpRoute('lost', [rule({ backendRefs: [backend('frontend')] })], [{ gatewayRef: gw.ref, listener: 'http', parentRefIndex: 0, reason: 'NotAllowedByListeners', hostnames: [] }], { namespace: 'other' });
    const g = graphWith(shop(), [gw], [lost]);
    expect(nodeById(g, lost.ref)).toMatchObject({ status: 'warning', namespace: 'other' });
    expect(nodeById(g, lost.ref)?.details['attached']).toBe('no: NotAllowedByListeners (gateway/default/gw: http)');
    expect(edgeById(g, `${gw.ref}->${lost.ref}`)).toBeUndefined();
    // A route naming a missing Gateway.
    const orphan = httpRoute('orphan', [], []);
    expect(nodeById(graphWith(shop(), [], [orphan]), orphan.ref)?.details['attached']).toBe('no: NoMatchingParent (default/gw)');
  });

  it('backendRefs that cannot carry traffic get no edge, and the rule says why', () => {
    const gw = gateway('gw');
    const route = httpRoute(
      'refs',
      [
        rule({ backendRefs: [backend('nope'), backend('billing', { namespace: 'other' }), backend('bucket', { group: 'storage.example.com', kind: 'Bucket' }), backend('canary', { weight: 0 }), backend('frontend')] }),
        rule({ matches: [prefix('/old')], filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 301, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }] }),
        rule({ matches: [prefix('/empty')] }),
        rule({ matches: [prefix('/v1')], filters: [{ type: 'URLRewrite', hostname: 'api.internal', path: { type: 'ReplaceFullPath', replaceFullPath: '/' } }], backendRefs: [backend('api', { port: 8080 })] }),
      ],
      [accepted(gw.ref)],
    );
    // What the cluster stage resolves (ResolvedRefs).
    const unresolved: ClusterHttpRoute = {
      ...route,
      invalidBackendRefs: [
        { rule: 0, backendRef: 0, reason: 'BackendNotFound', detail: '' },
        { rule: 0, backendRef: 1, reason: 'RefNotPermitted', detail: '' },
        { rule: 0, backendRef: 2, reason: 'InvalidKind', detail: '' },
      ],
    };
    const g = graphWith(shop(), [gw], [unresolved]);
    const targets = g.edges.filter((e) => e.source === unresolved.ref).map((e) => e.target);
    expect(targets).toEqual(['service/default/api', 'service/default/frontend']);
    expect(nodeById(g, unresolved.ref)?.details).toMatchObject({
      'rule 0': 'PathPrefix / → nope:80 weight 1 (25%) [BackendNotFound], other/billing:80 weight 1 (25%) [RefNotPermitted], bucket:80 weight 1 (25%) [InvalidKind], canary:80 weight 0 (0%), frontend:80 weight 1 (25%)',
      'rule 1': 'PathPrefix /old → redirect 301 (scheme https, path prefix → /new)',
      'rule 2': 'PathPrefix /empty → nothing (500)',
      'rule 3': 'PathPrefix /v1 → rewrite (host api.internal, path → /), api:8080',
    });

    // Granted (a ReferenceGrant in its namespace), the Service in another namespace is reached.
    const granted = graphWith(shop(), [gw], [{ ...unresolved, invalidBackendRefs: unresolved.invalidBackendRefs!.filter((r) => r.reason !== 'RefNotPermitted') }]);
    expect(edgeById(granted, `${route.ref}->service/other/billing`)?.label).toBe('/ 25%');
  });

  it('without Gateways the graph is what it was', () => {
    const cluster = shop();
    expect(graphWith(cluster, [], [])).toEqual(buildGraph(cluster));
    expect(buildGraph(cluster).nodes.some((n) => n.kind === 'gateway' || n.kind === 'httproute')).toBe(false);
  });
});

describe('buildGraph from YAML (the engine-built cluster)', () => {
  it('an implicit data plane: its load balancer → Gateway → HTTPRoute → Service → pods', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: example}
spec: {controllerName: example.com/gateway}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop}
spec:
  gatewayClassName: example
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: shop.example.com}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop}
spec:
  parentRefs: [{name: shop}]
  rules: [{matches: [{path: {type: Exact, value: /}}], backendRefs: [{name: web, port: 80}, {name: missing, port: 80}]}]
`;
    const { graph } = simulate([{ name: 'gateway.yaml', text }]);
    const ids = graph.edges.map((e) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'internet->loadbalancer/default/shop-example',
        'loadbalancer/default/shop-example->gateway/default/shop',
        'gateway/default/shop->httproute/default/shop',
        'httproute/default/shop->service/default/web',
      ]),
    );
    expect(ids.filter((id) => id.startsWith('gateway/default/shop->pod/'))).toEqual([]);
    expect(nodeById(graph, 'loadbalancer/default/shop-example')?.implicit).toBe(true);
    expect(nodeById(graph, 'gateway/default/shop')?.details['data plane']).toMatch(/^shop-example-\S+ \(implicit/);
    expect(edgeById(graph, 'httproute/default/shop->service/default/web')?.label).toBe('=/ 50%');
    expect(nodeById(graph, 'httproute/default/shop')?.details['rule 0']).toBe('Exact / → web:80 weight 1 (50%), missing:80 weight 1 (50%) [BackendNotFound]');
  });
});
