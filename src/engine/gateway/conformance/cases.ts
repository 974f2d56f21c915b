/**
 * The HTTPRoute conformance tests of kubernetes-sigs/gateway-api v1.6.1
 * (`conformance/tests/httproute-*.go`), as data: each test's manifests (copied under
 * `tests/fixtures/gateway-api/`), the Gateway its requests go to, and every request with the
 * response the Go test expects (status, backend Service and namespace, the path and Host the
 * backend receives, the redirect's scheme/host/port/path). Written from each Go test's own
 * `ExpectedResponse` values; the tests we skip are listed with why in the fixtures' README.
 */

export const INFRA = 'gateway-conformance-infra';
export const WEB = 'gateway-conformance-web-backend';
export const APP = 'gateway-conformance-app-backend';

/** The GatewayClass the suite renders `{GATEWAY_CLASS_NAME}` with. */
export const SUITE_CLASS_NAME = 'gateway-conformance';

/**
 * What the Go suite creates at setup besides the manifests: the GatewayClass under test, and the
 * certificate Secret its HTTPS listeners refer to (without it they are not programmed).
 */
export const SUITE_SETUP_FILES: readonly { readonly name: string; readonly text: string }[] = [
  {
    name: 'suite-gatewayclass.yaml',
    text: `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: ${SUITE_CLASS_NAME}\nspec:\n  controllerName: example.net/gateway-controller\n`,
  },
  {
    name: 'suite-secrets.yaml',
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls-validity-checks-certificate\n  namespace: ${INFRA}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ''\n  tls.key: ''\n`,
  },
];

/** One request and what the Go test expects of it. */
export interface ConformanceRequest {
  /** The Host header (absent: the Gateway's address, as the Go client sends it). May carry a port. */
  readonly host?: string;
  readonly path: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** `https` requests set the SNI to `serverName` (default: the Host). */
  readonly scheme?: 'http' | 'https';
  readonly serverName?: string;
  /** The Gateway address port the request goes to (default 80, 443 for https). */
  readonly port?: number;
  /** Another Gateway (`NS/NAME`) than the test's. */
  readonly gateway?: string;
  /** Default 200. */
  readonly status?: number;
  /** The backend (Deployment) whose pod must receive it, in `namespace` (the Go suite checks the pod name). */
  readonly backend?: string;
  /** The Service the rule sends it to, when it is not named like the backend. */
  readonly service?: string;
  readonly namespace?: string;
  /** `ExpectedRequest`: what the backend receives. */
  readonly backendPath?: string;
  readonly backendHost?: string;
  /** `RedirectRequest`: absent fields default as the Go suite does (scheme and path of the request, any host, the scheme's port). */
  readonly redirect?: { readonly scheme?: string; readonly host?: string; readonly port?: string; readonly path?: string };
}

/** A status-only expectation: the route is not accepted by the Gateway, for this reason. */
export interface ConformanceRouteStatus {
  readonly route: string;
  readonly gateway: string;
  readonly reason: 'NotAllowedByListeners' | 'NoMatchingParent' | 'NoMatchingListenerHostname';
}

export interface ConformanceTest {
  /** The Go test's ShortName. */
  readonly name: string;
  /** Manifests under `tests/fixtures/gateway-api/conformance/tests/`. */
  readonly manifests: string;
  /** `NS/NAME` of the Gateway the requests go to. */
  readonly gateway: string;
  readonly requests: readonly ConformanceRequest[];
  readonly routeStatus?: readonly ConformanceRouteStatus[];
  /** Weighted tests: the share each backend must get (the Go test's tolerance is ±5%). */
  readonly weights?: Readonly<Record<string, number>>;
  /** Files to leave out (the Go test deletes them before its last requests). */
  readonly without?: readonly string[];
}

const SAME = `${INFRA}/same-namespace`;
const v1 = 'infra-backend-v1';
const v2 = 'infra-backend-v2';
const v3 = 'infra-backend-v3';
const to = (backend: string, path: string, more: Partial<ConformanceRequest> = {}): ConformanceRequest => ({ path, backend, namespace: INFRA, ...more });
const status = (code: number, path: string, more: Partial<ConformanceRequest> = {}): ConformanceRequest => ({ path, status: code, ...more });
const redirect = (code: number, path: string, r: NonNullable<ConformanceRequest['redirect']>, more: Partial<ConformanceRequest> = {}): ConformanceRequest => ({
  path,
  status: code,
  redirect: r,
  ...more,
});

export const CONFORMANCE_TESTS: readonly ConformanceTest[] = [
  { name: 'HTTPRouteSimpleSameNamespace', manifests: 'httproute-simple-same-namespace.yaml', gateway: SAME, requests: [to(v1, '/')] },
  {
    name: 'HTTPRouteMatching',
    manifests: 'httproute-matching.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/'),
      to(v1, '/example'),
      to(v1, '/', { headers: { Version: 'one' } }),
      to(v2, '/v2'),
      to(v2, '/v2/example'),
      to(v2, '/', { headers: { Version: 'two' } }),
      to(v2, '/v2/'),
      to(v1, '/v2example'),
      to(v1, '/foo/v2/example'),
    ],
  },
  {
    name: 'HTTPExactPathMatching',
    manifests: 'httproute-exact-path-matching.yaml',
    gateway: SAME,
    requests: [to(v1, '/one'), to(v2, '/two'), status(404, '/'), status(404, '/one/example'), status(404, '/two/'), status(404, '/Two')],
  },
  {
    name: 'HTTPRouteHeaderMatching',
    manifests: 'httproute-header-matching.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/', { headers: { Version: 'one' } }),
      to(v2, '/', { headers: { Version: 'two' } }),
      to(v1, '/', { headers: { Version: 'two', Color: 'orange' } }),
      to(v2, '/', { headers: { Version: 'two', Color: 'blue' } }),
      status(404, '/', { headers: { Color: 'orange' } }),
      status(404, '/', { headers: { 'Some-Other-Header': 'one' } }),
      to(v1, '/', { headers: { Color: 'blue' } }),
      to(v1, '/', { headers: { Color: 'green' } }),
      to(v2, '/', { headers: { Color: 'red' } }),
      to(v2, '/', { headers: { Color: 'yellow' } }),
      status(404, '/', { headers: { Color: 'purple' } }),
    ],
  },
  {
    name: 'HTTPRouteMethodMatching',
    manifests: 'httproute-method-matching.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/', { method: 'POST' }),
      to(v2, '/', { method: 'GET' }),
      status(404, '/', { method: 'HEAD' }),
      to(v1, '/path1', { method: 'GET' }),
      to(v2, '/', { method: 'PUT', headers: { version: 'one' } }),
      to(v3, '/path2', { method: 'POST', headers: { version: 'two' } }),
      to(v1, '/path3', { method: 'PATCH' }),
      to(v1, '/path4', { method: 'DELETE', headers: { version: 'three' } }),
      status(404, '/', { method: 'PUT' }),
      status(404, '/path4', { method: 'DELETE' }),
      to(v1, '/path5', { method: 'PATCH' }),
      to(v2, '/', { method: 'PATCH', headers: { version: 'four' } }),
    ],
  },
  {
    name: 'HTTPRouteQueryParamMatching',
    manifests: 'httproute-query-param-matching.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/?animal=whale'),
      to(v2, '/?animal=dolphin'),
      to(v3, '/?animal=dolphin&color=blue'),
      to(v3, '/?ANIMAL=Whale'),
      to(v1, '/?animal=whale&otherparam=irrelevant'),
      to(v2, '/?animal=dolphin&color=yellow'),
      status(404, '/?color=blue'),
      status(404, '/?animal=dog'),
      status(404, '/?animal=whaledolphin'),
      status(404, '/'),
      to(v1, '/path1?animal=whale'),
      to(v2, '/?animal=whale', { headers: { version: 'one' } }),
      to(v3, '/path2?animal=whale', { headers: { version: 'two' } }),
      to(v1, '/path3?animal=shark'),
      to(v1, '/path4?animal=kraken', { headers: { version: 'three' } }),
      status(404, '/?animal=shark'),
      status(404, '/path4?animal=kraken'),
      to(v1, '/path5?animal=hydra'),
      to(v3, '/?animal=hydra', { headers: { version: 'four' } }),
    ],
  },
  {
    name: 'HTTPRoutePathMatchOrder',
    manifests: 'httproute-path-match-order.yaml',
    gateway: SAME,
    requests: [
      to(v3, '/match/exact/one'),
      to(v2, '/match/exact'),
      to(v1, '/match'),
      to(v2, '/match/prefix/one/any'),
      to(v1, '/match/prefix/any'),
      to(v3, '/match/any'),
    ],
  },
  {
    name: 'HTTPRouteMatchingAcrossRoutes',
    manifests: 'httproute-matching-across-routes.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/', { host: 'example.com' }),
      to(v1, '/example', { host: 'example.com' }),
      to(v1, '/example', { host: 'example.net' }),
      to(v1, '/example', { host: 'example.com', headers: { Version: 'one' } }),
      to(v2, '/v2', { host: 'example.com' }),
      to(v1, '/v2', { host: 'example.net' }),
      to(v2, '/v2/example', { host: 'example.com' }),
      to(v2, '/', { host: 'example.com', headers: { Version: 'two' } }),
    ],
  },
  {
    name: 'HTTPRoute303Redirect',
    manifests: 'httproute-303-redirect.yaml',
    gateway: SAME,
    requests: [redirect(303, '/see-other', { path: '/see-other' }, { method: 'POST' })],
  },
  { name: 'HTTPRoute307Redirect', manifests: 'httproute-307-redirect.yaml', gateway: SAME, requests: [redirect(307, '/temporary', { path: '/temporary' })] },
  { name: 'HTTPRoute308Redirect', manifests: 'httproute-308-redirect.yaml', gateway: SAME, requests: [redirect(308, '/permanent', { path: '/permanent' })] },
  {
    name: 'HTTPRouteRedirectHostAndStatus',
    manifests: 'httproute-redirect-host-and-status.yaml',
    gateway: SAME,
    requests: [redirect(302, '/hostname-redirect', { host: 'example.org' }), redirect(301, '/host-and-status', { host: 'example.org' })],
  },
  {
    name: 'HTTPRouteRedirectPath',
    manifests: 'httproute-redirect-path.yaml',
    gateway: SAME,
    requests: [
      redirect(302, '/original-prefix/lemon', { path: '/replacement-prefix/lemon' }),
      redirect(302, '/full/path/original', { path: '/full-path-replacement' }),
      redirect(302, '/path-and-host', { host: 'example.org', path: '/replacement-prefix' }),
      redirect(301, '/path-and-status', { path: '/replacement-prefix' }),
      redirect(302, '/full-path-and-host', { host: 'example.org', path: '/replacement-full' }),
      redirect(301, '/full-path-and-status', { path: '/replacement-full' }),
    ],
  },
  {
    name: 'HTTPRouteRedirectPort',
    manifests: 'httproute-redirect-port.yaml',
    gateway: SAME,
    requests: [
      redirect(302, '/port', { port: '8083' }),
      redirect(302, '/port-and-host', { host: 'example.org', port: '8083' }),
      redirect(301, '/port-and-status', { port: '8083' }),
      redirect(302, '/port-and-host-and-status', { port: '8083', host: 'example.org' }),
    ],
  },
  {
    name: 'HTTPRouteRedirectScheme',
    manifests: 'httproute-redirect-scheme.yaml',
    gateway: SAME,
    requests: [
      redirect(302, '/scheme', { scheme: 'https' }),
      redirect(302, '/scheme-and-host', { host: 'example.org', scheme: 'https' }),
      redirect(301, '/scheme-and-status', { scheme: 'https' }),
      redirect(302, '/scheme-and-host-and-status', { scheme: 'https', host: 'example.org' }),
    ],
  },
  {
    name: 'HTTPRouteRedirectPortAndScheme',
    manifests: 'httproute-redirect-port-and-scheme.yaml',
    gateway: SAME,
    requests: [
      // gwAddr80: same-namespace
      redirect(302, '/scheme-nil-and-port-nil', { scheme: 'http', host: 'example.org' }),
      redirect(302, '/scheme-nil-and-port-80', { scheme: 'http', host: 'example.org' }),
      redirect(302, '/scheme-nil-and-port-8080', { scheme: 'http', port: '8080', host: 'example.org' }),
      redirect(302, '/scheme-https-and-port-nil', { scheme: 'https', host: 'example.org' }),
      redirect(302, '/scheme-https-and-port-443', { scheme: 'https', host: 'example.org' }),
      redirect(302, '/scheme-https-and-port-8443', { scheme: 'https', port: '8443', host: 'example.org' }),
      // gwAddr8080: same-namespace-with-http-listener-on-8080
      ...[
        redirect(302, '/scheme-nil-and-port-nil', { scheme: 'http', port: '8080', host: 'example.org' }),
        redirect(302, '/scheme-nil-and-port-80', { scheme: 'http', host: 'example.org' }),
        redirect(302, '/scheme-https-and-port-nil', { scheme: 'https', host: 'example.org' }),
      ].map((r) => ({ ...r, port: 8080, gateway: `${INFRA}/same-namespace-with-http-listener-on-8080` })),
      // gwAddr443: same-namespace-with-https-listener, SNI example.org
      ...[
        redirect(302, '/scheme-nil-and-port-nil', { scheme: 'https', host: 'example.org' }),
        redirect(302, '/scheme-nil-and-port-443', { scheme: 'https', host: 'example.org' }),
        redirect(302, '/scheme-nil-and-port-8443', { scheme: 'https', port: '8443', host: 'example.org' }),
        redirect(302, '/scheme-http-and-port-nil', { scheme: 'http', host: 'example.org' }),
        redirect(302, '/scheme-http-and-port-80', { scheme: 'http', host: 'example.org' }),
        redirect(302, '/scheme-http-and-port-8080', { scheme: 'http', port: '8080', host: 'example.org' }),
      ].map((r) => ({ ...r, host: 'example.org', scheme: 'https' as const, gateway: `${INFRA}/same-namespace-with-https-listener` })),
    ],
  },
  {
    name: 'HTTPRouteRewriteHost',
    manifests: 'httproute-rewrite-host.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/one', { host: 'rewrite.example', backendPath: '/one', backendHost: 'one.example.org' }),
      to(v2, '/two', { host: 'rewrite.example', backendPath: '/two', backendHost: 'example.org' }),
      to(v2, '/rewrite-host-and-modify-headers', {
        host: 'rewrite.example',
        headers: { 'X-Header-Remove': 'remove-val', 'X-Header-Add-Append': 'append-val-1', 'X-Header-Set': 'set-val' },
        backendPath: '/rewrite-host-and-modify-headers',
        backendHost: 'test.example.org',
      }),
    ],
  },
  {
    name: 'HTTPRouteRewritePath',
    manifests: 'httproute-rewrite-path.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/prefix/one/two', { backendPath: '/one/two' }),
      to(v1, '/strip-prefix/three', { backendPath: '/three' }),
      to(v1, '/strip-prefix', { backendPath: '/' }),
      to(v1, '/full/one/two', { backendPath: '/one' }),
      to(v1, '/full/rewrite-path-and-modify-headers/test', {
        headers: { 'X-Header-Remove': 'remove-val', 'X-Header-Add-Append': 'append-val-1', 'X-Header-Set': 'set-val' },
        backendPath: '/test',
      }),
      to(v1, '/prefix/rewrite-path-and-modify-headers/one', {
        headers: { 'X-Header-Remove': 'remove-val', 'X-Header-Add-Append': 'append-val-1', 'X-Header-Set': 'set-val' },
        backendPath: '/prefix/one',
      }),
    ],
  },
  {
    name: 'HTTPRouteCrossNamespace',
    manifests: 'httproute-cross-namespace.yaml',
    gateway: `${INFRA}/backend-namespaces`,
    requests: [{ path: '/', status: 200, backend: 'web-backend', namespace: WEB }],
  },
  {
    name: 'HTTPRouteDisallowedKind',
    manifests: 'httproute-disallowed-kind.yaml',
    gateway: `${INFRA}/tlsroutes-only`,
    requests: [],
    routeStatus: [{ route: `${INFRA}/disallowed-kind`, gateway: `${INFRA}/tlsroutes-only`, reason: 'NotAllowedByListeners' }],
  },
  {
    name: 'HTTPRouteInvalidBackendRefUnknownKind',
    manifests: 'httproute-invalid-backendref-unknown-kind.yaml',
    gateway: SAME,
    requests: [status(500, '/v2', { method: 'GET' })],
  },
  {
    name: 'HTTPRouteInvalidCrossNamespaceBackendRef',
    manifests: 'httproute-invalid-cross-namespace-backend-ref.yaml',
    gateway: SAME,
    requests: [status(500, '/', { method: 'GET' })],
  },
  {
    name: 'HTTPRouteInvalidCrossNamespaceParentRef',
    manifests: 'httproute-invalid-cross-namespace-parent-ref.yaml',
    gateway: SAME,
    requests: [],
    routeStatus: [{ route: `${WEB}/invalid-cross-namespace-parent-ref`, gateway: SAME, reason: 'NotAllowedByListeners' }],
  },
  {
    name: 'HTTPRouteInvalidNonExistentBackendRef',
    manifests: 'httproute-invalid-nonexistent-backendref.yaml',
    gateway: SAME,
    requests: [status(500, '/', { method: 'GET' })],
  },
  {
    name: 'HTTPRouteInvalidParentRefNotMatchingListenerPort',
    manifests: 'httproute-invalid-parentref-not-matching-listener-port.yaml',
    gateway: SAME,
    requests: [],
    routeStatus: [{ route: `${INFRA}/httproute-listener-not-matching-route-port`, gateway: SAME, reason: 'NoMatchingParent' }],
  },
  {
    name: 'HTTPRouteInvalidParentRefNotMatchingSectionName',
    manifests: 'httproute-invalid-parentref-not-matching-section-name.yaml',
    gateway: SAME,
    requests: [],
    routeStatus: [{ route: `${INFRA}/httproute-listener-not-matching-section-name`, gateway: SAME, reason: 'NoMatchingParent' }],
  },
  {
    name: 'HTTPRouteInvalidParentRefSectionNameNotMatchingPort',
    manifests: 'httproute-invalid-parentref-section-name-not-matching-port.yaml',
    gateway: `${INFRA}/gateway-with-one-not-matching-port-and-section-name-route`,
    requests: [],
    routeStatus: [
      {
        route: `${INFRA}/httproute-listener-section-name-not-matching-port`,
        gateway: `${INFRA}/gateway-with-one-not-matching-port-and-section-name-route`,
        reason: 'NoMatchingParent',
      },
    ],
  },
  {
    name: 'HTTPRouteInvalidReferenceGrant',
    manifests: 'httproute-invalid-reference-grant.yaml',
    gateway: SAME,
    requests: [status(500, '/', { method: 'GET' })],
  },
  {
    name: 'HTTPRouteReferenceGrant',
    manifests: 'httproute-reference-grant.yaml',
    gateway: SAME,
    requests: [{ path: '/', method: 'GET', status: 200, backend: 'web-backend', namespace: WEB }],
  },
  {
    // The Go test's second half: the same request after deleting the ReferenceGrant gets 500.
    name: 'HTTPRouteReferenceGrant (grant deleted)',
    manifests: 'httproute-reference-grant.yaml',
    gateway: SAME,
    without: ['ReferenceGrant'],
    requests: [status(500, '/', { method: 'GET' })],
  },
  {
    name: 'HTTPRoutePartiallyInvalidViaInvalidReferenceGrant',
    manifests: 'httproute-partially-invalid-via-invalid-reference-grant.yaml',
    gateway: SAME,
    requests: [status(500, '/v2', { method: 'GET' }), { path: '/', method: 'GET', status: 200, backend: 'app-backend-v1', namespace: APP }],
  },
  {
    name: 'HTTPRouteListenerHostnameMatching',
    manifests: 'httproute-listener-hostname-matching.yaml',
    gateway: `${INFRA}/httproute-listener-hostname-matching`,
    requests: [
      to(v1, '/', { host: 'bar.com' }),
      to(v2, '/', { host: 'foo.bar.com' }),
      to(v3, '/', { host: 'baz.bar.com' }),
      to(v3, '/', { host: 'boo.bar.com' }),
      to(v3, '/', { host: 'multiple.prefixes.bar.com' }),
      to(v3, '/', { host: 'multiple.prefixes.foo.com' }),
      status(404, '/', { host: 'foo.com' }),
      status(404, '/', { host: 'no.matching.host' }),
    ],
  },
  {
    name: 'HTTPRouteListenerPortMatching',
    manifests: 'httproute-listener-port-matching.yaml',
    gateway: `${INFRA}/httproute-listener-port-matching`,
    requests: [
      to(v1, '/', { host: 'foo.com' }),
      to(v2, '/', { host: 'foo.com:8080', port: 8080 }),
      to(v2, '/', { host: 'bar.com:8080', port: 8080 }),
      to(v3, '/', { host: 'foo.com:8090', port: 8090 }),
      status(404, '/', { host: 'bar.com:8090', port: 8090 }),
    ],
  },
  {
    name: 'HTTPRouteHostnameIntersection',
    manifests: 'httproute-hostname-intersection.yaml',
    gateway: `${INFRA}/httproute-hostname-intersection`,
    requests: [
      to(v1, '/s1', { host: 'very.specific.com' }),
      to(v1, '/s1', { host: 'very.specific.com:1234' }),
      status(404, '/s1', { host: 'non.matching.com' }),
      status(404, '/s1', { host: 'foo.nonmatchingwildcard.io' }),
      status(404, '/s1', { host: 'foo.wildcard.io' }),
      status(404, '/non-matching-prefix', { host: 'very.specific.com' }),
      to(v2, '/s2', { host: 'foo.wildcard.io' }),
      to(v2, '/s2', { host: 'bar.wildcard.io' }),
      to(v2, '/s2', { host: 'foo.bar.wildcard.io' }),
      status(404, '/s2', { host: 'non.matching.com' }),
      status(404, '/s2', { host: 'wildcard.io' }),
      status(404, '/s2', { host: 'very.specific.com' }),
      status(404, '/non-matching-prefix', { host: 'foo.wildcard.io' }),
      to(v3, '/s3', { host: 'very.specific.com' }),
      status(404, '/s3', { host: 'non.matching.com' }),
      status(404, '/s3', { host: 'foo.specific.com' }),
      status(404, '/s3', { host: 'foo.wildcard.io' }),
      status(404, '/non-matching-prefix', { host: 'very.specific.com' }),
      to(v1, '/s4', { host: 'foo.anotherwildcard.io' }),
      to(v1, '/s4', { host: 'bar.anotherwildcard.io' }),
      to(v1, '/s4', { host: 'foo.bar.anotherwildcard.io' }),
      status(404, '/s4', { host: 'anotherwildcard.io' }),
      status(404, '/s4', { host: 'foo.wildcard.io' }),
      status(404, '/s4', { host: 'very.specific.com' }),
      status(404, '/non-matching-prefix', { host: 'foo.anotherwildcard.io' }),
      // "HTTPRoutes that do not intersect with listener hostnames"
      status(404, '/s5', { host: 'specific.but.wrong.com' }),
      status(404, '/s5', { host: 'wildcard.io' }),
    ],
    routeStatus: [{ route: `${INFRA}/no-intersecting-hosts`, gateway: `${INFRA}/httproute-hostname-intersection`, reason: 'NoMatchingListenerHostname' }],
  },
  {
    name: 'HTTPRouteMultipleGateways',
    manifests: 'httproute-multiple-gateways.yaml',
    gateway: SAME,
    requests: [
      to(v1, '/shared'),
      to(v2, '/'),
      to(v1, '/shared', { gateway: `${INFRA}/all-namespaces` }),
      to(v3, '/', { gateway: `${INFRA}/all-namespaces` }),
    ],
  },
  {
    name: 'HTTPRouteNamedRule',
    manifests: 'httproute-named-rule.yaml',
    gateway: SAME,
    requests: [
      { path: '/named', status: 200, namespace: INFRA },
      { path: '/unnamed', status: 200, namespace: INFRA },
    ],
  },
  {
    // Only /headless: the other two Services get EndpointSlices the Go test writes at run time
    // from the live pod IPs (the manifests carry placeholders).
    name: 'HTTPRouteServiceTypes',
    manifests: 'httproute-service-types.yaml',
    gateway: SAME,
    requests: [to(v1, '/headless', { service: 'headless' })],
  },
  {
    name: 'HTTPRouteNoForwardsOnOmittedBackendRefs',
    manifests: 'httproute-omitted-backendrefs.yaml',
    gateway: SAME,
    requests: [to(v1, '/forward'), status(500, '/omitted-no-forward'), status(500, '/empty-no-forward')],
  },
  {
    name: 'HTTPRouteWeight',
    manifests: 'httproute-weight.yaml',
    gateway: SAME,
    requests: [{ path: '/', status: 200, namespace: INFRA }],
    weights: { [v1]: 0.7, [v2]: 0.3, [v3]: 0 },
  },
  {
    name: 'HTTPRouteHTTPSListener',
    manifests: 'httproute-https-listener.yaml',
    gateway: `${INFRA}/same-namespace-with-https-listener`,
    requests: [
      { scheme: 'https', host: 'example.org', path: '/', status: 200, backend: v1, namespace: INFRA },
      { scheme: 'https', host: 'unknown-example.org', path: '/', status: 404 },
      { scheme: 'https', host: 'second-example.org', path: '/', status: 200, backend: v2, namespace: INFRA },
    ],
  },
  {
    name: 'HTTPRouteHTTPSListenerDetectMisdirectedRequests',
    manifests: 'httproute-https-listener-detect-misdirected-requests.yaml',
    gateway: `${INFRA}/same-namespace-with-https-listener`,
    requests: (
      [
        ['example.org', 'example.org', 200, v1],
        ['example.org', 'second-example.org', 421],
        ['example.org', 'unknown-example.org', 404],
        ['second-example.org', 'second-example.org', 200, v2],
        ['second-example.org', 'example.org', 421],
        ['second-example.org', 'unknown-example.org', 421],
        ['third-example.wildcard.org', 'third-example.wildcard.org', 200, v3],
        ['third-example.wildcard.org', 'fith-example.wildcard.org', 200, v3],
        ['third-example.wildcard.org', 'fourth-example.wildcard.org', 421],
        ['third-example.wildcard.org', 'second-example.org', 421],
        ['third-example.wildcard.org', 'unknown-example.org', 421],
        ['fourth-example.wildcard.org', 'fourth-example.wildcard.org', 200, v1],
        ['fourth-example.wildcard.org', 'fith-example.wildcard.org', 421],
        ['unknown-example.org', 'example.org', 200, v1],
        ['unknown-example.org', 'unknown-example.org', 404],
      ] as const
    ).map(([serverName, host, code, backend]): ConformanceRequest => ({
      scheme: 'https',
      serverName,
      host,
      path: '/detect-misdirected-requests',
      status: code,
      ...(backend !== undefined ? { backend, namespace: INFRA } : {}),
    })),
  },
];
