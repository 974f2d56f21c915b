/**
 * Route and listener status the upstream conformance suite (gateway-api v1.6, conformance/tests)
 * expects, rebuilt here with our own manifests: which listeners a route attaches to (the
 * listener's AttachedRoutes), the route's Accepted reason, and the ResolvedRefs reasons of
 * listeners and backendRefs.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../types';
import { simulate } from '../simulate';

const run = (...docs: string[]): Analysis => simulate([{ name: 'c.yaml', text: docs.join('---\n') }]);
const CLASS = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: conformance}\nspec: {controllerName: example.com/conformance}\n';
const INFRA = 'gateway-conformance-infra';

const gateway = (name: string, listeners: string, namespace = INFRA) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  gatewayClassName: conformance\n  listeners:\n${listeners}`;
const route = (name: string, spec: string, namespace = INFRA) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}`;
const backend = (name: string, namespace = INFRA) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {ports: [{port: 8080}]}\n`;

/** A route's status per parent: Accepted when any listener took it, else the reason. */
function accepted(a: Analysis, name: string): string {
  const r = a.cluster.httpRoutes.find((x) => x.object.meta.name === name);
  const attachments = r?.attachments ?? [];
  if (attachments.some((x) => x.reason === 'Accepted')) return 'Accepted';
  return attachments[0]?.reason ?? 'none';
}

/** A listener's AttachedRoutes: the routes accepted on it. */
function attachedRoutes(a: Analysis, gatewayRef: string, listener: string): number {
  return a.cluster.httpRoutes.filter((r) => r.attachments.some((x) => x.gatewayRef === gatewayRef && x.listener === listener && x.reason === 'Accepted')).length;
}

describe('conformance: HTTPRouteHostnameIntersection', () => {
  const gw = gateway(
    'httproute-hostname-intersection',
    `  - {name: listener-1, port: 80, protocol: HTTP, hostname: very.specific.com}
  - {name: listener-2, port: 80, protocol: HTTP, hostname: "*.wildcard.io"}
  - {name: listener-3, port: 80, protocol: HTTP, hostname: "*.anotherwildcard.io"}
`,
  );
  const r = (name: string, hostnames: string) => route(name, `  parentRefs: [{name: httproute-hostname-intersection}]\n  hostnames: ${hostnames}\n  rules: [{backendRefs: [{name: infra-backend-v1, port: 8080}]}]\n`);
  const a = run(
    CLASS,
    gw,
    backend('infra-backend-v1'),
    r('specific-host-matches-listener-specific-host', '[non.matching.com, "*.nonmatchingwildcard.io", very.specific.com]'),
    r('specific-host-matches-listener-wildcard-host', '[non.matching.com, wildcard.io, foo.wildcard.io, bar.wildcard.io, foo.bar.wildcard.io]'),
    r('wildcard-host-matches-listener-specific-host', '[non.matching.com, "*.specific.com"]'),
    r('wildcard-host-matches-listener-wildcard-host', '["*.anotherwildcard.io"]'),
    r('no-intersecting-hosts', '[specific.but.wrong.com, wildcard.io]'),
  );
  const taken = (name: string) =>
    a.cluster.httpRoutes.find((x) => x.object.meta.name === name)!.attachments.filter((x) => x.reason === 'Accepted').map((x) => [x.listener, x.hostnames]);

  it('routes that intersect attach to those listeners, for the intersecting hostnames only', () => {
    expect(taken('specific-host-matches-listener-specific-host')).toEqual([['listener-1', ['very.specific.com']]]);
    expect(taken('specific-host-matches-listener-wildcard-host')).toEqual([['listener-2', ['foo.wildcard.io', 'bar.wildcard.io', 'foo.bar.wildcard.io']]]);
    expect(taken('wildcard-host-matches-listener-specific-host')).toEqual([['listener-1', ['very.specific.com']]]);
    expect(taken('wildcard-host-matches-listener-wildcard-host')).toEqual([['listener-3', ['*.anotherwildcard.io']]]);
  });

  it('a route that intersects no listener is not accepted: NoMatchingListenerHostname, and lint says so', () => {
    expect(accepted(a, 'no-intersecting-hosts')).toBe('NoMatchingListenerHostname');
    expect(a.diagnostics.filter((d) => d.code === 'gateway.route.not-attached').map((d) => d.message)).toEqual([
      expect.stringContaining(`HTTPRoute ${INFRA}/no-intersecting-hosts: parentRefs[0] is not attached (NoMatchingListenerHostname)`),
    ]);
  });
});

describe('conformance: GatewayWithAttachedRoutes', () => {
  const selector = `allowedRoutes: {kinds: [{kind: HTTPRoute}], namespaces: {from: Selector, selector: {matchLabels: {kubernetes.io/metadata.name: ${INFRA}}}}}`;
  const rules = '  rules: [{backendRefs: [{name: infra-backend-v1, port: 8080}]}]\n';
  const a = run(
    CLASS,
    backend('infra-backend-v1'),
    gateway('gateway-with-one-attached-route', `  - {name: http, port: 80, protocol: HTTP, ${selector}}\n`),
    route('http-route-1', `  parentRefs: [{kind: Gateway, name: gateway-with-one-attached-route, namespace: ${INFRA}}]\n${rules}`),
    gateway('gateway-with-two-attached-routes', `  - {name: http, port: 80, protocol: HTTP, hostname: foo.example.com, ${selector}}\n`),
    route('http-route-2', `  parentRefs: [{kind: Gateway, name: gateway-with-two-attached-routes, namespace: ${INFRA}}]\n${rules}`),
    route('http-route-3', `  parentRefs: [{kind: Gateway, name: gateway-with-two-attached-routes, namespace: ${INFRA}}]\n${rules}`),
    route('http-route-not-accepted', `  hostnames: [not-accepted.test.com]\n  parentRefs: [{kind: Gateway, name: gateway-with-two-attached-routes, namespace: ${INFRA}}]\n${rules}`),
    gateway(
      'unresolved-gateway-with-one-attached-unresolved-route',
      `  - {name: tls, port: 443, protocol: HTTPS, ${selector}, tls: {certificateRefs: [{group: "", kind: Secret, name: does-not-exist}], mode: Terminate}}\n`,
    ),
    route('http-route-4', `  parentRefs: [{kind: Gateway, name: unresolved-gateway-with-one-attached-unresolved-route, namespace: ${INFRA}, sectionName: tls}]\n${rules}`),
  );

  it('counts the routes attached to each listener', () => {
    expect(attachedRoutes(a, `gateway/${INFRA}/gateway-with-one-attached-route`, 'http')).toBe(1);
    expect(attachedRoutes(a, `gateway/${INFRA}/gateway-with-two-attached-routes`, 'http')).toBe(2);
    expect(accepted(a, 'http-route-not-accepted')).toBe('NoMatchingListenerHostname');
  });

  it('a listener with an unresolved certificate still has its route attached, and says why it is not programmed', () => {
    const ref = `gateway/${INFRA}/unresolved-gateway-with-one-attached-unresolved-route`;
    expect(attachedRoutes(a, ref, 'tls')).toBe(1);
    expect(a.cluster.gateways.find((g) => g.ref === ref)?.invalidListeners?.map((x) => [x.listener, x.reason])).toEqual([['tls', 'InvalidCertificateRef']]);
  });
});

describe('conformance: routes a listener does not allow', () => {
  it('HTTPRouteDisallowedKind: a TLS listener for TLSRoutes only refuses an HTTPRoute (NotAllowedByListeners), 0 attached', () => {
    const a = run(
      CLASS,
      gateway('tlsroutes-only', '  - {name: tls, port: 443, protocol: TLS, tls: {mode: Passthrough}, allowedRoutes: {namespaces: {from: Same}, kinds: [{kind: TLSRoute}]}}\n'),
      route('disallowed-kind', `  parentRefs: [{name: tlsroutes-only, namespace: ${INFRA}}]\n  rules: [{backendRefs: [{name: infra-backend-v1, port: 8080}]}]\n`),
    );
    expect(accepted(a, 'disallowed-kind')).toBe('NotAllowedByListeners');
    expect(attachedRoutes(a, `gateway/${INFRA}/tlsroutes-only`, 'tls')).toBe(0);
  });

  it('HTTPRouteInvalidCrossNamespaceParentRef: a route of another namespace on a Same listener (NotAllowedByListeners)', () => {
    const a = run(
      CLASS,
      gateway('same-namespace', '  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Same}}}\n'),
      route('invalid-cross-namespace-parent-ref', `  parentRefs: [{name: same-namespace, namespace: ${INFRA}}]\n  rules: [{backendRefs: [{name: web-backend, port: 8080}]}]\n`, 'gateway-conformance-web-backend'),
    );
    expect(accepted(a, 'invalid-cross-namespace-parent-ref')).toBe('NotAllowedByListeners');
    expect(attachedRoutes(a, `gateway/${INFRA}/same-namespace`, 'http')).toBe(0);
  });
});

describe('conformance: ReferenceGrants for certificates and backends', () => {
  const https = gateway(
    'gateway-secret-reference-grant',
    '  - {name: https, port: 443, protocol: HTTPS, allowedRoutes: {namespaces: {from: All}}, tls: {certificateRefs: [{group: "", kind: Secret, name: certificate, namespace: gateway-conformance-web-backend}]}}\n',
  );
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: certificate, namespace: gateway-conformance-web-backend}\n';
  const grant = (name: string, namespace: string, from: string, to: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  from: [${from}]\n  to: [${to}]\n`;
  const fromGateway = `{group: gateway.networking.k8s.io, kind: Gateway, namespace: ${INFRA}}`;
  const reasons = (...docs: string[]) => run(CLASS, https, secret, ...docs).cluster.gateways[0]?.invalidListeners?.map((x) => x.reason) ?? [];

  it('GatewaySecretInvalidReferenceGrant: grants in the wrong namespace, or for another group, kind, namespace or name, permit nothing (RefNotPermitted)', () => {
    expect(
      reasons(
        grant('wrong-namespace', 'gateway-conformance-app-backend', fromGateway, '{group: "", kind: Secret, name: certificate}'),
        grant('wrong-from-group', 'gateway-conformance-web-backend', `{group: not-the-group, kind: Gateway, namespace: ${INFRA}}`, '{group: "", kind: Secret, name: certificate}'),
        grant('wrong-from-kind', 'gateway-conformance-web-backend', `{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: ${INFRA}}`, '{group: "", kind: Secret, name: certificate}'),
        grant('wrong-from-namespace', 'gateway-conformance-web-backend', '{group: gateway.networking.k8s.io, kind: Gateway, namespace: elsewhere}', '{group: "", kind: Secret, name: certificate}'),
        grant('wrong-to-group', 'gateway-conformance-web-backend', fromGateway, '{group: not-the-group, kind: Secret, name: certificate}'),
        grant('wrong-to-kind', 'gateway-conformance-web-backend', fromGateway, '{group: "", kind: Service, name: certificate}'),
        grant('wrong-to-name', 'gateway-conformance-web-backend', fromGateway, '{group: "", kind: Secret, name: not-the-certificate}'),
      ),
    ).toEqual(['RefNotPermitted']);
  });

  it('GatewaySecretMissingReferenceGrant: RefNotPermitted; GatewaySecretReferenceGrantSpecific / AllInNamespace: resolved', () => {
    expect(reasons()).toEqual(['RefNotPermitted']);
    expect(reasons(grant('specific', 'gateway-conformance-web-backend', fromGateway, '{group: "", kind: Secret, name: certificate}'))).toEqual([]);
    expect(reasons(grant('all', 'gateway-conformance-web-backend', fromGateway, '{group: "", kind: Secret}'))).toEqual([]);
  });

  it('HTTPRouteInvalidCrossNamespaceBackendRef and HTTPRouteInvalidBackendRefUnknownKind: RefNotPermitted and InvalidKind', () => {
    const a = run(
      CLASS,
      gateway('same-namespace', '  - {name: http, port: 80, protocol: HTTP}\n'),
      backend('web-backend', 'gateway-conformance-web-backend'),
      route('invalid-cross-namespace-backend-ref', `  parentRefs: [{name: same-namespace}]\n  rules: [{backendRefs: [{name: web-backend, namespace: gateway-conformance-web-backend, port: 8080}]}]\n`),
      route('invalid-backend-ref-unknown-kind', `  parentRefs: [{name: same-namespace}]\n  rules: [{backendRefs: [{group: unknownkind.example.com, kind: NonExistent, name: infra-backend-v1, port: 8080}]}]\n`),
    );
    expect(a.cluster.httpRoutes.map((r) => [r.object.meta.name, accepted(a, r.object.meta.name), r.invalidBackendRefs?.map((x) => x.reason)])).toEqual([
      ['invalid-cross-namespace-backend-ref', 'Accepted', ['RefNotPermitted']],
      ['invalid-backend-ref-unknown-kind', 'Accepted', ['InvalidKind']],
    ]);
  });
});
