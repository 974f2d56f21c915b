/**
 * The Gateway API warnings `lint` adds: a class that does not exist, a route not attached and
 * why, a backendRef that cannot be resolved, weights that sum to 0, an unusable certificate.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../types';
import { simulate } from '../simulate';

const CLASS = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: example}\nspec: {controllerName: example.com/gw}\n';
const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}
`;
const WEB = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: infra}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: infra, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}
`;
const route = (spec: string, namespace = 'infra') => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: ${namespace}}\nspec:\n${spec}`;

/** Gateway warnings only, as `[line, code, message]`. */
function warnings(...docs: string[]): [number | undefined, string, string][] {
  // One file per document, so each line is counted from the top of its own document.
  const a = simulate(docs.map((text, i) => ({ name: `d${i}.yaml`, text })));
  return a.diagnostics.filter((d: Diagnostic) => d.code.startsWith('gateway.') && d.severity === 'warning').map((d) => [d.range?.startLine, d.code, d.message]);
}

describe('lint: Gateway API', () => {
  it('says nothing about a route that attaches and resolves', () => {
    expect(warnings(CLASS, GATEWAY, WEB, route('  parentRefs: [{name: public}]\n  hostnames: [app.example.com]\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n'))).toEqual([]);
  });

  it('a Gateway whose GatewayClass does not exist is not programmed', () => {
    expect(warnings(GATEWAY)).toEqual([
      [5, 'gateway.class.missing', 'Gateway infra/public: GatewayClass "example" does not exist, so no controller programs this Gateway: it gets no address and no data plane, and the routes attached to it carry no traffic'],
    ]);
  });

  it('a route naming a missing Gateway, or a listener that does not exist: NoMatchingParent at the parentRef', () => {
    expect(warnings(CLASS, GATEWAY, WEB, route('  parentRefs:\n  - name: nope\n  - {name: public, sectionName: https}\n  - {name: public, sectionName: http, port: 443}\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n'))).toEqual([
      [6, 'gateway.route.not-attached', 'HTTPRoute infra/r: parentRefs[0] is not attached (NoMatchingParent): Gateway infra/nope does not exist'],
      [7, 'gateway.route.not-attached', 'HTTPRoute infra/r: parentRefs[1] is not attached (NoMatchingParent): Gateway infra/public has no listener named "https"'],
      [8, 'gateway.route.not-attached', 'HTTPRoute infra/r: parentRefs[2] is not attached (NoMatchingParent): Gateway infra/public has no listener named "http" on port 443'],
    ]);
  });

  it('a route with no parentRefs is attached nowhere', () => {
    expect(warnings(CLASS, GATEWAY, WEB, route('  rules: [{backendRefs: [{name: web, port: 80}]}]\n'))).toEqual([
      [4, 'gateway.route.not-attached', 'HTTPRoute infra/r: it is not attached (NoMatchingParent): spec.parentRefs names no Gateway, so no Gateway routes its requests'],
    ]);
  });

  it('NotAllowedByListeners for a route of another namespace, NoMatchingListenerHostname for hostnames outside the listener', () => {
    expect(warnings(CLASS, GATEWAY, route('  parentRefs: [{name: public, namespace: infra}]\n', 'apps'))).toEqual([
      [
        5,
        'gateway.route.not-attached',
        'HTTPRoute apps/r: parentRefs[0] is not attached (NotAllowedByListeners): no listener of Gateway infra/public allows HTTPRoutes from namespace apps (allowedRoutes: namespaces.from defaults to Same; kinds must include HTTPRoute on an HTTP or HTTPS listener)',
      ],
    ]);
    expect(warnings(CLASS, GATEWAY, route('  parentRefs: [{name: public}]\n  hostnames: [example.com, app.example.org]\n'))).toEqual([
      [
        5,
        'gateway.route.not-attached',
        "HTTPRoute infra/r: parentRefs[0] is not attached (NoMatchingListenerHostname): none of its hostnames (example.com, app.example.org) intersects the hostnames of Gateway infra/public's listeners (*.example.com)",
      ],
    ]);
  });

  it('backendRefs: BackendNotFound, RefNotPermitted without a ReferenceGrant, InvalidKind', () => {
    const spec = `  parentRefs: [{name: public}]
  rules:
  - backendRefs:
    - {name: gone, port: 80}
    - {name: db, namespace: data, port: 5432}
    - {name: web, kind: Pod, port: 80}
`;
    const db = 'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: data}\nspec: {ports: [{port: 5432}]}\n';
    expect(warnings(CLASS, GATEWAY, WEB, db, route(spec))).toEqual([
      [8, 'gateway.backend.invalid', 'HTTPRoute infra/r: backendRef infra/gone cannot be resolved (BackendNotFound): Service infra/gone does not exist, so the Gateway answers 500 for its share of requests'],
      [
        9,
        'gateway.backend.invalid',
        'HTTPRoute infra/r: backendRef data/db cannot be resolved (RefNotPermitted): Service data/db is in another namespace and no ReferenceGrant in namespace data lets HTTPRoutes from namespace infra refer to it, so the Gateway answers 500 for its share of requests',
      ],
      [10, 'gateway.backend.invalid', 'HTTPRoute infra/r: backendRef infra/web cannot be resolved (InvalidKind): it is a Pod; only core Services are backends, so the Gateway answers 500 for its share of requests'],
    ]);
    // A grant for that Service (or every Service) in its namespace permits the ref; one for another Service does not.
    const grant = (to: string) =>
      `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: data}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]\n  to: [${to}]\n`;
    const codes = (...docs: string[]) => warnings(...docs).map((w) => w[2].match(/\((\w+)\)/)?.[1]);
    expect(codes(CLASS, GATEWAY, WEB, db, route(spec), grant('{group: "", kind: Service, name: db}'))).toEqual(['BackendNotFound', 'InvalidKind']);
    expect(codes(CLASS, GATEWAY, WEB, db, route(spec), grant('{group: "", kind: Service}'))).toEqual(['BackendNotFound', 'InvalidKind']);
    expect(codes(CLASS, GATEWAY, WEB, db, route(spec), grant('{group: "", kind: Service, name: other}'))).toEqual(['BackendNotFound', 'RefNotPermitted', 'InvalidKind']);
    // A grant in the route's namespace does not count: grants live beside what they share.
    expect(codes(CLASS, GATEWAY, WEB, db, route(spec), grant('{group: "", kind: Service}').replace('namespace: data', 'namespace: infra'))).toEqual(['BackendNotFound', 'RefNotPermitted', 'InvalidKind']);
  });

  it('a rule whose backendRef weights sum to 0', () => {
    expect(warnings(CLASS, GATEWAY, WEB, route('  parentRefs: [{name: public}]\n  rules:\n  - backendRefs: [{name: web, port: 80, weight: 0}]\n  - backendRefs: [{name: web, port: 80, weight: 0}, {name: web, port: 80}]\n'))).toEqual([
      [7, 'gateway.rule.weights-zero', 'HTTPRoute infra/r: every backendRef of spec.rules[0] has weight 0, so no request goes to a backend: the Gateway answers 500 for this rule'],
    ]);
  });

  it('an HTTPS listener whose certificate is missing, or in another namespace without a grant', () => {
    const gw = (cert: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: secure, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [${cert}]}
`;
    const secret = (ns: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: cert, namespace: ${ns}}\ntype: kubernetes.io/tls\n`;
    expect(warnings(CLASS, gw('{name: cert}'), secret('infra'))).toEqual([]);
    expect(warnings(CLASS, gw('{name: cert}'))).toEqual([
      [10, 'gateway.listener.certificate', 'Gateway infra/secure: HTTPS listener "https" has no usable certificate (InvalidCertificateRef): Secret infra/cert is not in the manifests; a real controller does not program this listener'],
    ]);
    expect(warnings(CLASS, gw('{name: cert, namespace: certs}'), secret('certs'))).toEqual([
      [
        10,
        'gateway.listener.certificate',
        'Gateway infra/secure: HTTPS listener "https" has no usable certificate (RefNotPermitted): Secret certs/cert is in another namespace and no ReferenceGrant in namespace certs lets Gateways from namespace infra refer to it; a real controller does not program this listener',
      ],
    ]);
    const grant = 'apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: certs}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]\n  to: [{group: "", kind: Secret}]\n';
    expect(warnings(CLASS, gw('{name: cert, namespace: certs}'), secret('certs'), grant)).toEqual([]);
    expect(warnings(CLASS, gw('{name: cert}').replace('    tls: {certificateRefs: [{name: cert}]}\n', ''))).toEqual([
      [7, 'gateway.listener.certificate', 'Gateway infra/secure: HTTPS listener "https" has no usable certificate (InvalidCertificateRef): it has no tls.certificateRefs, so it has no certificate to terminate TLS with; a real controller does not program this listener'],
    ]);
  });
});
