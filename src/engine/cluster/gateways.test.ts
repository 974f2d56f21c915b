/**
 * Gateways in the cluster (programmed or not, explicit or implicit data plane) and HTTPRoute
 * attachment: every parentRef × listener with the Gateway API's reason.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis, RouteAttachment } from '../types';
import { simulate } from '../simulate';
import { intersectHostnames } from './gateways';

const CLASS = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: example}
spec: {controllerName: example.com/gateway-controller}
`;

function gatewayYaml(listeners: string, opts: { name?: string; namespace?: string; className?: string } = {}): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${opts.name ?? 'public'}, namespace: ${opts.namespace ?? 'infra'}}
spec:
  gatewayClassName: ${opts.className ?? 'example'}
  listeners:
${listeners}`;
}

function routeYaml(spec: string, opts: { name?: string; namespace?: string } = {}): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${opts.name ?? 'web'}, namespace: ${opts.namespace ?? 'infra'}}
spec:
${spec}`;
}

const run = (...docs: string[]): Analysis => simulate([{ name: 'g.yaml', text: docs.join('---\n') }]);

/** `[listener, reason, hostnames]` of each attachment of the first route. */
const attachments = (a: Analysis): [string, string, readonly string[]][] =>
  (a.cluster.httpRoutes[0]?.attachments ?? []).map((x: RouteAttachment) => [x.listener, x.reason, x.hostnames]);

describe('Gateways: programmed or not, and their data plane', () => {
  it('runs an implicit Deployment and LoadBalancer Service <gateway>-<class> exposing every listener port', () => {
    const a = run(CLASS, gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n  - {name: alt, port: 80, protocol: HTTP, hostname: a.example}\n  - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}}\n'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: cert, namespace: infra}\n');
    const [gw] = a.cluster.gateways;
    expect(gw).toMatchObject({ ref: 'gateway/infra/public', programmed: true, implicit: true, podRefs: ['pod/infra/public-example-0'], serviceRef: 'service/infra/public-example' });
    const pod = a.cluster.pods.find((p) => p.ref === 'pod/infra/public-example-0');
    expect(pod).toMatchObject({ implicit: true, labels: { 'gateway.networking.k8s.io/gateway-name': 'public' }, namespace: 'infra' });
    expect(pod?.ip).toMatch(/^10\.244\./);
    const svc = a.cluster.services.find((s) => s.ref === 'service/infra/public-example');
    expect(svc).toMatchObject({ type: 'LoadBalancer', implicit: true });
    expect(svc?.ports.map((p) => [p.port, p.targetPort])).toEqual([
      [80, 80],
      [443, 443],
    ]);
    // The Service's endpoints are the data-plane pod: traces and policies see a real pod.
    expect(Object.values(svc?.endpoints ?? {}).flat().map((e) => e.podRef)).toContain('pod/infra/public-example-0');
    expect(a.cluster.namespaces.map((n) => n.name)).toContain('infra');
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('uses the pods labelled with the Gateway name when the manifests bring them, and the Service that fronts them', () => {
    const a = run(
      CLASS,
      gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n'),
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: envoy, namespace: infra}
spec:
  replicas: 2
  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: public}}
  template:
    metadata: {labels: {gateway.networking.k8s.io/gateway-name: public}}
    spec: {containers: [{name: envoy, ports: [{containerPort: 8080}]}]}
`,
      `apiVersion: v1
kind: Service
metadata: {name: envoy, namespace: infra}
spec:
  type: LoadBalancer
  selector: {gateway.networking.k8s.io/gateway-name: public}
  ports: [{port: 80, targetPort: 8080}]
`,
    );
    expect(a.cluster.gateways[0]).toMatchObject({ programmed: true, implicit: false, podRefs: ['pod/infra/envoy-0', 'pod/infra/envoy-1'], serviceRef: 'service/infra/envoy' });
    expect(a.cluster.pods.some((p) => p.name.startsWith('public-'))).toBe(false);
    expect(a.cluster.services.some((s) => s.name === 'public-example')).toBe(false);
  });

  it('does not program a Gateway whose GatewayClass does not exist: no data plane', () => {
    const a = run(gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n', { className: 'nope' }));
    expect(a.cluster.gateways[0]).toMatchObject({ programmed: false, podRefs: [], implicit: false });
    expect(a.cluster.gateways[0]?.serviceRef).toBeUndefined();
    expect(a.cluster.gateways[0]?.programmedReason).toContain('GatewayClass "nope" does not exist');
    expect(a.cluster.pods.some((p) => p.namespace === 'infra')).toBe(false);
  });

  it('keeps a Service the manifests already name <gateway>-<class>', () => {
    const a = run(CLASS, gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n'), 'apiVersion: v1\nkind: Service\nmetadata: {name: public-example, namespace: infra}\nspec: {type: NodePort, selector: {gateway.networking.k8s.io/gateway-name: public}, ports: [{port: 80}]}\n');
    const svc = a.cluster.services.filter((s) => s.ref === 'service/infra/public-example');
    expect(svc).toHaveLength(1);
    expect(svc[0]).toMatchObject({ type: 'NodePort', implicit: false });
    expect(a.cluster.gateways[0]).toMatchObject({ implicit: true, serviceRef: 'service/infra/public-example' });
  });
});

describe('HTTPRoute attachment: every parentRef × listener, with its reason', () => {
  const listeners = `  - {name: http, port: 80, protocol: HTTP}
  - {name: foo, port: 8080, protocol: HTTP, hostname: foo.example.com}
  - {name: wild, port: 8081, protocol: HTTP, hostname: "*.example.com"}
`;

  it('attaches to every listener of the Gateway, in document order, with the hostnames each takes', () => {
    const a = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: public}]\n  hostnames: [foo.example.com, bar.example.com, other.test]\n'));
    expect(a.cluster.httpRoutes[0]).toMatchObject({ ref: 'httproute/infra/web', order: 0 });
    expect(attachments(a)).toEqual([
      ['http', 'Accepted', ['foo.example.com', 'bar.example.com', 'other.test']],
      ['foo', 'Accepted', ['foo.example.com']],
      ['wild', 'Accepted', ['foo.example.com', 'bar.example.com']],
    ]);
  });

  it('a route without hostnames takes every host of each listener', () => {
    const a = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: public}]\n'));
    expect(attachments(a)).toEqual([
      ['http', 'Accepted', []],
      ['foo', 'Accepted', []],
      ['wild', 'Accepted', []],
    ]);
  });

  it('NoMatchingListenerHostname where no route hostname intersects the listener', () => {
    const a = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: public}]\n  hostnames: [example.com]\n'));
    expect(attachments(a)).toEqual([
      ['http', 'Accepted', ['example.com']],
      ['foo', 'NoMatchingListenerHostname', []],
      ['wild', 'NoMatchingListenerHostname', []],
    ]);
  });

  it('sectionName and port pick the listeners; naming none is NoMatchingParent', () => {
    const route = routeYaml('  parentRefs: [{name: public, sectionName: foo}, {name: public, sectionName: wild, port: 8081}, {name: public, sectionName: nope}]\n');
    const a = run(CLASS, gatewayYaml(listeners), route);
    expect(a.cluster.httpRoutes[0]?.attachments).toEqual([
      { gatewayRef: 'gateway/infra/public', listener: 'foo', parentRefIndex: 0, reason: 'Accepted', hostnames: [] },
      { gatewayRef: 'gateway/infra/public', listener: 'wild', parentRefIndex: 1, reason: 'Accepted', hostnames: [] },
      { gatewayRef: 'gateway/infra/public', listener: 'nope', parentRefIndex: 2, reason: 'NoMatchingParent', hostnames: [] },
    ]);
    const byPort = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: public, port: 8080}]\n'));
    expect(attachments(byPort)).toEqual([['foo', 'Accepted', []]]);
    const noPort = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: public, port: 9999}]\n'));
    expect(attachments(noPort)).toEqual([['', 'NoMatchingParent', []]]);
  });

  it('NoMatchingParent for a Gateway that does not exist, or a parent that is not a Gateway', () => {
    const a = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: missing}, {name: public, namespace: elsewhere}, {name: public, kind: Service, group: ""}]\n'));
    expect(a.cluster.httpRoutes[0]?.attachments.map((x) => [x.gatewayRef, x.reason])).toEqual([
      ['gateway/infra/missing', 'NoMatchingParent'],
      ['gateway/elsewhere/public', 'NoMatchingParent'],
      ['gateway/infra/public', 'NoMatchingParent'],
    ]);
  });

  it('allowedRoutes Same (the default) refuses a route from another namespace: NotAllowedByListeners', () => {
    const a = run(CLASS, gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n'), routeYaml('  parentRefs: [{name: public, namespace: infra}]\n', { namespace: 'apps' }));
    expect(attachments(a)).toEqual([['http', 'NotAllowedByListeners', []]]);
  });

  it('allowedRoutes All admits every namespace; Selector admits the namespaces whose labels match', () => {
    const gw = gatewayYaml(`  - {name: all, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
  - name: team
    port: 81
    protocol: HTTP
    allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {team: web}}}}
`);
    const ns = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {${labels}}}\n`;
    const a = run(CLASS, gw, ns('apps', 'team: web'), routeYaml('  parentRefs: [{name: public, namespace: infra}]\n', { namespace: 'apps' }));
    expect(attachments(a)).toEqual([
      ['all', 'Accepted', []],
      ['team', 'Accepted', []],
    ]);
    const b = run(CLASS, gw, ns('apps', 'team: db'), routeYaml('  parentRefs: [{name: public, namespace: infra}]\n', { namespace: 'apps' }));
    expect(attachments(b)).toEqual([
      ['all', 'Accepted', []],
      ['team', 'NotAllowedByListeners', []],
    ]);
    // A namespace nobody declares still has its kubernetes.io/metadata.name label.
    const byName = gatewayYaml('  - {name: sel, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {kubernetes.io/metadata.name: apps}}}}}\n');
    expect(attachments(run(CLASS, byName, routeYaml('  parentRefs: [{name: public, namespace: infra}]\n', { namespace: 'apps' })))).toEqual([['sel', 'Accepted', []]]);
  });

  it('allowedRoutes kinds without HTTPRoute, and listeners of other protocols, refuse the route', () => {
    const gw = gatewayYaml(`  - {name: grpc-only, port: 80, protocol: HTTP, allowedRoutes: {kinds: [{kind: GRPCRoute}]}}
  - {name: tls, port: 443, protocol: TLS, tls: {mode: Passthrough}}
  - {name: http, port: 81, protocol: HTTP, allowedRoutes: {kinds: [{kind: HTTPRoute}]}}
`);
    const a = run(CLASS, gw, routeYaml('  parentRefs: [{name: public}]\n'));
    expect(attachments(a)).toEqual([
      ['grpc-only', 'NotAllowedByListeners', []],
      ['tls', 'NotAllowedByListeners', []],
      ['http', 'Accepted', []],
    ]);
  });

  it('orders routes by document order, older first', () => {
    const a = run(CLASS, gatewayYaml(listeners), routeYaml('  parentRefs: [{name: public}]\n', { name: 'b' }), routeYaml('  parentRefs: [{name: public}]\n', { name: 'a' }));
    expect(a.cluster.httpRoutes.map((r) => [r.ref, r.order])).toEqual([
      ['httproute/infra/b', 0],
      ['httproute/infra/a', 1],
    ]);
  });
});

describe('what a controller would not resolve, kept on the cluster for routing and lint', () => {
  it('a route lists its invalid backendRefs by rule and index, with the ResolvedRefs reason', () => {
    const a = run(
      CLASS,
      gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: infra}\nspec: {ports: [{port: 80}]}\n',
      routeYaml('  parentRefs: [{name: public}]\n  rules:\n  - backendRefs: [{name: web, port: 80}, {name: gone, port: 80}]\n  - backendRefs: [{name: db, namespace: data, port: 5432}, {name: web, kind: Pod, port: 80}]\n'),
    );
    expect(a.cluster.httpRoutes[0]?.invalidBackendRefs?.map((x) => [x.rule, x.backendRef, x.reason])).toEqual([
      [0, 1, 'BackendNotFound'],
      [1, 0, 'RefNotPermitted'],
      [1, 1, 'InvalidKind'],
    ]);
    const ok = run(CLASS, gatewayYaml('  - {name: http, port: 80, protocol: HTTP}\n'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: infra}\nspec: {ports: [{port: 80}]}\n', routeYaml('  rules: [{backendRefs: [{name: web, port: 80}]}]\n'));
    expect(ok.cluster.httpRoutes[0]?.invalidBackendRefs).toBeUndefined();
  });

  it('a Gateway lists the listeners a controller would not program', () => {
    const a = run(
      CLASS,
      gatewayYaml(`  - {name: http, port: 80, protocol: HTTP}
  - {name: odd, port: 81, protocol: SPDY}
  - {name: bare, port: 443, protocol: HTTPS}
  - {name: far, port: 8443, protocol: HTTPS, tls: {certificateRefs: [{name: cert, namespace: certs}]}}
`),
      'apiVersion: v1\nkind: Secret\nmetadata: {name: cert, namespace: certs}\n',
    );
    expect(a.cluster.gateways[0]?.invalidListeners?.map((x) => [x.listener, x.reason, x.certificateRef])).toEqual([
      ['odd', 'UnsupportedProtocol', undefined],
      ['bare', 'InvalidCertificateRef', undefined],
      ['far', 'RefNotPermitted', 0],
    ]);
  });
});

describe('intersectHostnames: a wildcard matches one or more labels', () => {
  const cases: [string | undefined, string[], string[] | undefined][] = [
    [undefined, [], []],
    [undefined, ['a.example.com'], ['a.example.com']],
    ['a.example.com', [], []],
    ['a.example.com', ['a.example.com'], ['a.example.com']],
    ['a.example.com', ['b.example.com'], undefined],
    ['a.example.com', ['*.example.com'], ['a.example.com']],
    ['a.b.example.com', ['*.example.com'], ['a.b.example.com']],
    ['example.com', ['*.example.com'], undefined],
    ['*.example.com', ['a.example.com'], ['a.example.com']],
    ['*.example.com', ['a.b.example.com'], ['a.b.example.com']],
    ['*.example.com', ['example.com'], undefined],
    ['*.example.com', ['*.example.com'], ['*.example.com']],
    ['*.example.com', ['*.a.example.com'], ['*.a.example.com']],
    ['*.a.example.com', ['*.example.com'], ['*.a.example.com']],
    ['*.example.com', ['a.example.net', 'x.example.com'], ['x.example.com']],
    ['*.example.com', ['xexample.com'], undefined],
  ];
  for (const [listener, route, expected] of cases) {
    it(`${listener ?? '(none)'} × [${route.join(', ')}]`, () => {
      expect(intersectHostnames(listener, route)).toEqual(expected);
    });
  }
});

describe('manifests without Gateway API objects', () => {
  const root = join(__dirname, '../../..');
  const lessons = join(root, 'scenarios/lessons');
  const files = [
    join(root, 'scenarios/full-flow.yaml'),
    ...readdirSync(lessons).flatMap((dir) => ['start.yaml', 'solution.yaml'].map((f) => join(lessons, dir, f))).filter((f) => existsSync(f)),
  ].filter((f) => !readFileSync(f, 'utf8').includes('gateway.networking.k8s.io')); // the ingress lesson compares with a Gateway

  it('have no Gateways, routes or implicit data planes', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const a = simulate([{ name: file, text: readFileSync(file, 'utf8') }]);
      expect(a.cluster.gateways).toEqual([]);
      expect(a.cluster.httpRoutes).toEqual([]);
      expect(a.cluster.pods.some((p) => 'gateway.networking.k8s.io/gateway-name' in p.labels)).toBe(false);
    }
  });

  it('give the same cluster, graph and checks when Gateway API objects that add no Gateway are appended', () => {
    // A class, a grant and a route naming no Gateway add no pod, Service or namespace of their own.
    const extra = `${CLASS}---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: default}
spec: {from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}], to: [{group: "", kind: Service}]}
`;
    const text = readFileSync(files[0]!, 'utf8');
    const before = simulate([{ name: 'a.yaml', text }]);
    const after = simulate([{ name: 'a.yaml', text }, { name: 'b.yaml', text: extra }]);
    expect(after.cluster.pods).toEqual(before.cluster.pods);
    expect(after.cluster.services).toEqual(before.cluster.services);
    expect(after.cluster.namespaces).toEqual(before.cluster.namespaces);
    expect(after.graph).toEqual(before.graph);
    expect(after.checks).toEqual(before.checks);
  });
});
