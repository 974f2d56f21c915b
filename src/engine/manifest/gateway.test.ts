/**
 * Reading the Gateway API (GatewayClass, Gateway, HTTPRoute, ReferenceGrant; v1 and v1beta1):
 * the model with the CRDs' defaults, and the CRDs' rules in the API server's words at their line.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, NormalizedManifests } from '../types';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';

function read(text: string): { manifests: NormalizedManifests; diagnostics: Diagnostic[] } {
  const parsed = parseManifests([{ name: 'g.yaml', text }]);
  expect(parsed.diagnostics).toEqual([]);
  return normalizeManifests(parsed.documents);
}

/** `[line, severity, message]` of every diagnostic but the `refused` note. */
const said = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.code !== 'gateway.refused').map((d) => [d.range?.startLine, d.severity, d.message]);
const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

const GW = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n';
const ROUTE = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n';

describe('Gateway API: the model and its defaults', () => {
  it('reads a GatewayClass, a Gateway with listeners and an HTTPRoute with the CRD defaults applied', () => {
    const { manifests, diagnostics } = read(`apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: example}
spec: {controllerName: example.com/gateway-controller}
---
${GW}metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: https
    port: 443
    protocol: HTTPS
    hostname: "*.example.com"
    tls: {certificateRefs: [{name: cert}]}
    allowedRoutes: {namespaces: {from: All}, kinds: [{kind: HTTPRoute}]}
---
${ROUTE}metadata: {name: web, namespace: infra}
spec:
  parentRefs: [{name: public}]
  hostnames: [app.example.com]
  rules:
  - backendRefs: [{name: web, port: 8080}]
  - matches: [{path: {type: Exact, value: /login}, method: POST, headers: [{name: Version, value: two}]}]
    filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
`);
    expect(diagnostics).toEqual([]);
    expect(manifests.gatewayClasses).toMatchObject([{ kind: 'GatewayClass', meta: { name: 'example', namespace: '' }, controllerName: 'example.com/gateway-controller' }]);
    expect(manifests.gateways[0]).toMatchObject({
      gatewayClassName: 'example',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { from: 'Same' } },
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: '*.example.com',
          tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'cert' }] },
          allowedRoutes: { from: 'All', kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }] },
        },
      ],
    });
    expect(manifests.gateways[0]!.listeners[0]!.tls).toBeUndefined();
    const route = manifests.httpRoutes[0]!;
    expect(route.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }]);
    expect(route.hostnames).toEqual(['app.example.com']);
    expect(route.rules[0]).toEqual({
      name: '',
      matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }],
      filters: [],
      backendRefs: [{ group: '', kind: 'Service', name: 'web', port: 8080, weight: 1 }],
    });
    expect(route.rules[1]).toEqual({
      name: '',
      matches: [{ path: { type: 'Exact', value: '/login' }, method: 'POST', headers: [{ type: 'Exact', name: 'Version', value: 'two' }], queryParams: [] }],
      filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 302 }],
      backendRefs: [],
    });
  });

  it('defaults a route without rules to one PathPrefix / rule, and a match without a path to PathPrefix /', () => {
    const { manifests } = read(`${ROUTE}metadata: {name: a}
spec: {parentRefs: [{name: gw}]}
---
${ROUTE}metadata: {name: b}
spec:
  rules:
  - matches: [{headers: [{name: x, value: "1"}]}, {path: {type: Exact}}]
    backendRefs: [{name: s, port: 80, weight: 0}]
`);
    expect(manifests.httpRoutes[0]!.rules).toEqual([{ name: '', matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }], filters: [], backendRefs: [] }]);
    expect(manifests.httpRoutes[1]!.rules[0]!.matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'x', value: '1' }], queryParams: [] },
      { path: { type: 'Exact', value: '/' }, headers: [], queryParams: [] },
    ]);
    expect(manifests.httpRoutes[1]!.rules[0]!.backendRefs[0]!.weight).toBe(0);
  });

  it('reads v1beta1 as v1, and ReferenceGrants of both versions', () => {
    const { manifests, diagnostics } = read(`apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata: {name: old}
spec: {parentRefs: [{name: gw, sectionName: http, port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: allow, namespace: backend}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: front}]
  to: [{group: "", kind: Service}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: {name: certs, namespace: secrets}
spec:
  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]
  to: [{group: "", kind: Secret, name: cert}]
`);
    expect(diagnostics).toEqual([]);
    expect(manifests.httpRoutes[0]!.parentRefs[0]).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', sectionName: 'http', port: 80 });
    expect(manifests.referenceGrants.map((g) => [g.meta.namespace, g.from, g.to])).toEqual([
      ['backend', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'front' }], [{ group: '', kind: 'Service' }]],
      ['secrets', [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], [{ group: '', kind: 'Secret', name: 'cert' }]],
    ]);
  });

  it('refuses an apiVersion the API does not serve', () => {
    const { manifests, diagnostics } = read(`apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: HTTPRoute\nmetadata: {name: x}\nspec: {}\n`);
    expect(manifests.httpRoutes).toEqual([]);
    expect(said(diagnostics)).toEqual([[1, 'error', 'no matches for kind "HTTPRoute" in version "gateway.networking.k8s.io/v1alpha2" (use apiVersion: gateway.networking.k8s.io/v1): this object was skipped']]);
  });

  it('reads GRPCRoute, TLSRoute, TCPRoute, UDPRoute and ListenerSet as not simulated yet', () => {
    const kinds = ['GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ListenerSet'];
    const { manifests, diagnostics } = read(kinds.map((k, i) => `apiVersion: gateway.networking.k8s.io/${i === 2 ? 'v1alpha2' : 'v1'}\nkind: ${k}\nmetadata: {name: r${i}}\nspec: {}\n`).join('---\n'));
    expect(manifests.notSimulated).toEqual(kinds.map((kind, i) => ({ kind, name: `r${i}`, namespace: 'default' })));
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual(kinds.map((k) => ['info', `${k} is read, not simulated yet: the routes it declares carry no traffic in the playground`]));
  });

  it('warns that a RegularExpression match is implementation-specific, and keeps it unmatched in the model', () => {
    const { manifests, diagnostics } = read(`${ROUTE}metadata: {name: r}
spec:
  rules:
  - matches:
    - path: {type: RegularExpression, value: "/v[0-9]+"}
      headers: [{type: RegularExpression, name: x, value: "a.*"}]
      queryParams: [{type: RegularExpression, name: q, value: "b.*"}]
`);
    expect(manifests.httpRoutes[0]!.rules[0]!.matches[0]).toEqual({
      path: { type: 'RegularExpression', value: '/v[0-9]+' },
      headers: [{ type: 'RegularExpression', name: 'x', value: 'a.*' }],
      queryParams: [{ type: 'RegularExpression', name: 'q', value: 'b.*' }],
    });
    expect(said(diagnostics)).toEqual([
      [7, 'warning', 'spec.rules[0].matches[0].path.type: RegularExpression path match "/v[0-9]+": its syntax and meaning are implementation-specific, so the playground reads it but never matches it'],
      [8, 'warning', 'spec.rules[0].matches[0].headers[0].type: RegularExpression header match "a.*": its syntax and meaning are implementation-specific, so the playground reads it but never matches it'],
      [9, 'warning', 'spec.rules[0].matches[0].queryParams[0].type: RegularExpression query parameter match "b.*": its syntax and meaning are implementation-specific, so the playground reads it but never matches it'],
    ]);
  });

  it('says a listener with a protocol nobody implements takes no traffic, and keeps the Gateway', () => {
    const { manifests, diagnostics } = read(`${GW}metadata: {name: gw}
spec:
  gatewayClassName: c
  listeners:
  - {name: web, port: 80, protocol: HTTP}
  - {name: odd, port: 81, protocol: QUIC}
`);
    expect(manifests.gateways).toHaveLength(1);
    expect(said(diagnostics)).toEqual([
      [8, 'warning', 'spec.listeners[1].protocol: listener "odd" has protocol "QUIC", which is not a core Gateway API protocol (HTTP, HTTPS, TLS, TCP, UDP): the simulated implementation reports UnsupportedProtocol (Accepted=False) and the listener takes no traffic. The playground routes HTTP and HTTPS'],
    ]);
  });

  it('lists filters it does not simulate, and keeps them in the rule', () => {
    const { manifests, diagnostics } = read(`${ROUTE}metadata: {name: r}
spec:
  rules:
  - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: a, value: b}]}}]
    backendRefs: [{name: s, port: 80}]
`);
    expect(manifests.httpRoutes[0]!.rules[0]!.filters).toEqual([{ type: 'Other', name: 'RequestHeaderModifier' }]);
    expect(said(diagnostics)).toEqual([[6, 'info', 'spec.rules[0].filters[0].type: the RequestHeaderModifier filter is read, not simulated']]);
  });
});

describe('Gateway API: what the API server refuses, in its words', () => {
  const gateway = (listeners: string) => `${GW}metadata: {name: gw}\nspec:\n  gatewayClassName: c\n  listeners:\n${listeners}`;
  const route = (rules: string) => `${ROUTE}metadata: {name: r}\nspec:\n  rules:\n${rules}`;
  const cases: [string, string, [number, string][]][] = [
    ['a listener port out of range', gateway('  - {name: a, port: 0, protocol: HTTP}\n'), [[7, 'spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1']]],
    ['a listener port above 65535', gateway('  - {name: a, port: 70000, protocol: HTTP}\n'), [[7, 'spec.listeners[0].port: Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535']]],
    [
      'two listeners with one name',
      gateway('  - {name: a, port: 80, protocol: HTTP}\n  - {name: a, port: 81, protocol: HTTP}\n'),
      [[6, 'spec.listeners: Invalid value: "array": Listener name must be unique within the Gateway']],
    ],
    [
      'two listeners with one port, protocol and hostname',
      gateway('  - {name: a, port: 80, protocol: HTTP}\n  - {name: b, port: 80, protocol: HTTP}\n'),
      [[6, 'spec.listeners: Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener']],
    ],
    ['no listener', `${GW}metadata: {name: gw}\nspec: {gatewayClassName: c, listeners: []}\n`, [[4, 'spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items']]],
    [
      'more than 64 listeners',
      gateway(Array.from({ length: 65 }, (_, i) => `  - {name: l${i}, port: ${1000 + i}, protocol: HTTP}\n`).join('')),
      [[6, 'spec.listeners: Too many: 65: must have at most 64 items']],
    ],
    [
      'a hostname that is not a DNS name',
      gateway('  - {name: a, port: 80, protocol: HTTP, hostname: "Foo.example.com"}\n'),
      [[7, `spec.listeners[0].hostname: Invalid value: "Foo.example.com": spec.listeners[0].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'`]],
    ],
    ['a Gateway without its class', `${GW}metadata: {name: gw}\nspec:\n  listeners: [{name: a, port: 80, protocol: HTTP}]\n`, [[4, 'spec.gatewayClassName: Required value']]],
    [
      'TLS settings on an HTTP listener',
      gateway('  - {name: a, port: 80, protocol: HTTP, tls: {certificateRefs: [{name: c}]}}\n'),
      [[6, `spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`]],
    ],
    [
      'an HTTPS listener terminating without a certificate',
      gateway('  - {name: a, port: 443, protocol: HTTPS, tls: {mode: Terminate}}\n'),
      [[7, 'spec.listeners[0].tls: Invalid value: "object": certificateRefs or options must be specified when mode is Terminate']],
    ],
    [
      'allowedRoutes from an unknown source',
      gateway('  - {name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Some}}}\n'),
      [[7, 'spec.listeners[0].allowedRoutes.namespaces.from: Unsupported value: "Some": supported values: "All", "Selector", "Same"']],
    ],
    ['an unknown field', gateway('  - {name: a, port: 80, protocol: HTTP, hostnames: [x]}\n'), [[7, 'strict decoding error: unknown field "spec.listeners[0].hostnames"']]],
    [
      'more than 16 rules',
      route(Array.from({ length: 17 }, () => '  - backendRefs: [{name: s, port: 80}]\n').join('')),
      [[5, 'spec.rules: Too many: 17: must have at most 16 items']],
    ],
    [
      'more than 64 matches in a rule',
      route(`  - matches:\n${Array.from({ length: 65 }, (_, i) => `    - path: {value: /p${i}}\n`).join('')}`),
      [[6, 'spec.rules[0].matches: Too many: 65: must have at most 64 items']],
    ],
    [
      'more than 16 backendRefs',
      route(`  - backendRefs:\n${Array.from({ length: 17 }, (_, i) => `    - {name: s${i}, port: 80}\n`).join('')}`),
      [[6, 'spec.rules[0].backendRefs: Too many: 17: must have at most 16 items']],
    ],
    [
      'a weight above 1000000',
      route('  - backendRefs: [{name: s, port: 80, weight: 1000001}]\n'),
      [[6, 'spec.rules[0].backendRefs[0].weight: Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000']],
    ],
    [
      'a negative weight',
      route('  - backendRefs: [{name: s, port: 80, weight: -1}]\n'),
      [[6, 'spec.rules[0].backendRefs[0].weight: Invalid value: -1: spec.rules[0].backendRefs[0].weight in body should be greater than or equal to 0']],
    ],
    ['a Service backendRef without a port', route('  - backendRefs: [{name: s}]\n'), [[6, 'spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference']]],
    [
      'a redirect with both ReplaceFullPath and ReplacePrefixMatch',
      route('  - filters:\n    - type: RequestRedirect\n      requestRedirect:\n        path: {type: ReplaceFullPath, replaceFullPath: /a, replacePrefixMatch: /b}\n'),
      [[9, `spec.rules[0].filters[0].requestRedirect.path: Invalid value: "object": type must be 'ReplacePrefixMatch' when replacePrefixMatch is set`]],
    ],
    [
      'a redirect and a rewrite in one rule',
      route('  - filters:\n    - {type: RequestRedirect, requestRedirect: {scheme: https}}\n    - {type: URLRewrite, urlRewrite: {hostname: a.example}}\n'),
      [[6, 'spec.rules[0].filters: Invalid value: "array": May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both']],
    ],
    [
      'a redirect beside backendRefs',
      route('  - filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]\n    backendRefs: [{name: s, port: 80}]\n'),
      [[6, 'spec.rules[0]: Invalid value: "object": RequestRedirect filter must not be used together with backendRefs']],
    ],
    [
      'ReplacePrefixMatch beside an Exact match',
      route('  - matches: [{path: {type: Exact, value: /a}}]\n    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /b}}}]\n    backendRefs: [{name: s, port: 80}]\n'),
      [[6, 'spec.rules[0]: Invalid value: "object": When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified']],
    ],
    [
      'ReplacePrefixMatch on a redirect with two matches',
      route('  - matches: [{path: {value: /a}}, {path: {value: /b}}]\n    filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /c}}}]\n'),
      [[6, 'spec.rules[0]: Invalid value: "object": When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified']],
    ],
    [
      'a path that does not start with /',
      route('  - matches: [{path: {type: PathPrefix, value: api}}]\n'),
      [[6, `spec.rules[0].matches[0].path: Invalid value: "object": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']`]],
    ],
    [
      'a path with //',
      route('  - matches: [{path: {type: Exact, value: /a//b}}]\n'),
      [[6, `spec.rules[0].matches[0].path: Invalid value: "object": must not contain '//' when type one of ['Exact', 'PathPrefix']`]],
    ],
    [
      'an unknown method',
      route('  - matches: [{method: FETCH}]\n'),
      [[6, 'spec.rules[0].matches[0].method: Unsupported value: "FETCH": supported values: "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"']],
    ],
    [
      'a redirect status the API does not allow',
      route('  - filters: [{type: RequestRedirect, requestRedirect: {statusCode: 305}}]\n'),
      [[6, 'spec.rules[0].filters[0].requestRedirect.statusCode: Unsupported value: 305: supported values: "301", "302", "303", "307", "308"']],
    ],
    [
      'a filter type without its field',
      route('  - filters: [{type: URLRewrite}]\n'),
      [[6, 'spec.rules[0].filters[0]: Invalid value: "object": filter.urlRewrite must be specified for URLRewrite filter.type']],
    ],
    [
      'two parentRefs to one Gateway without sectionNames',
      `${ROUTE}metadata: {name: r}\nspec:\n  parentRefs: [{name: gw}, {name: gw}]\n`,
      [[5, 'spec.parentRefs: Invalid value: "array": sectionName must be unique when parentRefs includes 2 or more references to the same parent']],
    ],
    [
      'a ReferenceGrant without from',
      'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g}\nspec:\n  to: [{group: "", kind: Service}]\n',
      [[4, 'spec.from: Required value']],
    ],
    ['a GatewayClass without a controller', 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: c}\nspec: {}\n', [[4, 'spec.controllerName: Required value']]],
  ];
  for (const [what, text, expected] of cases) {
    it(`refuses ${what}`, () => {
      const { manifests, diagnostics } = read(text);
      expect(said(diagnostics).filter((d) => d[1] === 'error').map(([line, , message]) => [line, message])).toEqual(expected);
      const kept = manifests.gateways.length + manifests.httpRoutes.length + manifests.referenceGrants.length + manifests.gatewayClasses.length;
      expect(kept).toBe(0);
      expect(diagnostics.filter((d) => d.code === 'gateway.refused')).toHaveLength(1);
    });
  }

  it('refuses a name that is not a DNS subdomain, and a namespace that is not a DNS label', () => {
    const { manifests, diagnostics } = read(`${ROUTE}metadata: {name: My_Route, namespace: Bad.NS}\nspec: {}\n`);
    expect(manifests.httpRoutes).toEqual([]);
    expect(errors(diagnostics)).toEqual([
      `metadata.name: Invalid value: "My_Route": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `metadata.namespace: Invalid value: "Bad.NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('keeps the first of two objects with one name', () => {
    const { manifests, diagnostics } = read(`${ROUTE}metadata: {name: r}\nspec: {hostnames: [a.example]}\n---\n${ROUTE}metadata: {name: r}\nspec: {hostnames: [b.example]}\n`);
    expect(manifests.httpRoutes.map((r) => r.hostnames)).toEqual([['a.example']]);
    expect(said(diagnostics)).toEqual([[8, 'warning', 'HTTPRoute default/r is declared twice; the first one is used']]);
  });

  it('reports wrong JSON types and never throws on junk', () => {
    const { diagnostics } = read(`${GW}metadata: {name: gw}\nspec: {gatewayClassName: c, listeners: {a: 1}}\n---\n${ROUTE}metadata: {name: r}\nspec: {rules: [null, 3, {matches: "x", backendRefs: [{name: 1, port: "80"}]}]}\n`);
    expect(errors(diagnostics).length).toBeGreaterThan(0);
    expect(diagnostics.some((d) => d.code === 'internal')).toBe(false);
  });
});

describe('Gateway API: parentRefs to one Gateway', () => {
  const route = (refs: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  parentRefs: ${refs}\n`;
  const messages = (text: string) =>
    normalizeManifests(parseManifests([{ name: 'g.yaml', text }]).documents).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.replace('spec.parentRefs: Invalid value: "array": ', ''));
  it('distinct sectionNames are fine; one with and one without is refused; the same twice is refused', () => {
    expect(messages(route('[{name: gw, sectionName: a}, {name: gw, sectionName: b}, {name: other}]'))).toEqual([]);
    expect(messages(route('[{name: gw, sectionName: a}, {name: gw}]'))).toEqual(['sectionName must be specified when parentRefs includes 2 or more references to the same parent']);
    expect(messages(route('[{name: gw, sectionName: a}, {name: gw, sectionName: a}]'))).toEqual(['sectionName must be unique when parentRefs includes 2 or more references to the same parent']);
    expect(messages(route('[{name: gw, namespace: x}, {name: gw}]'))).toEqual([]);
  });
});
