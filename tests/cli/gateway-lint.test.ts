/**
 * `netplay lint` on the Gateway API: CRD errors at file:line:col in the API server's words
 * (exit 1), and the warnings a controller's status would carry (a route not attached and why, a
 * backendRef that cannot be resolved, a missing class, weights that sum to 0) at their lines.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, json, netplay, tempFiles } from './run';

const bad = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bad}
spec:
  rules:
  - filters:
    - type: RequestRedirect
      requestRedirect:
        path: {type: ReplaceFullPath, replaceFullPath: /a, replacePrefixMatch: /b}
    backendRefs: [{name: web, port: 80, weight: 2000000}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: example
  listeners:
  - {name: web, port: 0, protocol: HTTP}
  - {name: odd, port: 81, protocol: SPDY}
`;

const warnings = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: missing
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: apps}
spec:
  parentRefs:
  - {name: public, namespace: infra}
  - {name: nowhere, namespace: infra}
  rules:
  - matches: [{path: {type: RegularExpression, value: "/v[0-9]+"}}]
    backendRefs:
    - {name: db, namespace: data, port: 5432}
    - {name: web, port: 80, weight: 0}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: rpc}
spec: {}
`;

const t = tempFiles({ 'bad.yaml': bad, 'warnings.yaml': warnings });
afterAll(t.cleanup);

describe('netplay lint: Gateway API', () => {
  it('each CRD error at its line, in the API server words; exit 1', () => {
    const file = join(t.dir, 'bad.yaml');
    const r = netplay(['lint', file]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toContain(`${file}:9:9: error: spec.rules[0].filters[0].requestRedirect.path: Invalid value: "object": type must be 'ReplacePrefixMatch' when replacePrefixMatch is set`);
    expect(out).toContain(`${file}:6:5: error: spec.rules[0]: Invalid value: "object": RequestRedirect filter must not be used together with backendRefs`);
    expect(out).toContain(`${file}:10:49: error: spec.rules[0].backendRefs[0].weight: Invalid value: 2000000: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000`);
    expect(out).toContain(`${file}:18:23: error: spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1`);
    expect(out).toContain(`${file}:19:37: warning: spec.listeners[1].protocol: listener "odd" has protocol "SPDY"`);
    expect(out).toMatch(/:3:\d+: info: HTTPRoute default\/bad is refused \(3 errors in it\)/);
    expect(out).toMatch(/:14:\d+: info: Gateway default\/gw is refused \(1 error in it\)/);
  });

  it('--json gives the codes and ranges', () => {
    const r = netplay(['lint', join(t.dir, 'bad.yaml'), '--json']);
    expect(r.code).toBe(1);
    const diagnostics = json(r) as { code: string; severity: string; range?: { startLine: number } }[];
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.range?.startLine])).toEqual([
      ['gateway.invalid', 6],
      ['gateway.invalid', 9],
      ['gateway.invalid', 10],
      ['gateway.invalid', 18],
    ]);
  });

  it('route not attached and why, backendRefs, class, weights, regex and kinds not simulated: warnings at their lines, exit 0', () => {
    const file = join(t.dir, 'warnings.yaml');
    const r = netplay(['lint', file]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '').map((l) => l.slice(file.length));
    expect(lines).toEqual([
      ':5:21: warning: Gateway infra/public: GatewayClass "missing" does not exist, so no controller programs this Gateway: it gets no address and no data plane, and the routes attached to it carry no traffic',
      ':14:5: warning: HTTPRoute apps/web: parentRefs[0] is not attached (NotAllowedByListeners): no listener of Gateway infra/public allows HTTPRoutes from namespace apps (allowedRoutes: namespaces.from defaults to Same; kinds must include HTTPRoute on an HTTP or HTTPS listener)',
      ':15:5: warning: HTTPRoute apps/web: parentRefs[1] is not attached (NoMatchingParent): Gateway infra/nowhere does not exist',
      ':17:29: warning: spec.rules[0].matches[0].path.type: RegularExpression path match "/v[0-9]+": its syntax and meaning are implementation-specific, so the playground reads it but never matches it',
      ':19:7: warning: HTTPRoute apps/web: backendRef data/db cannot be resolved (RefNotPermitted): Service data/db is in another namespace and no ReferenceGrant in namespace data lets HTTPRoutes from namespace apps refer to it, so the Gateway answers 500 for its share of requests',
      ':20:7: warning: HTTPRoute apps/web: backendRef apps/web cannot be resolved (BackendNotFound): Service apps/web does not exist, so the Gateway answers 500 for its share of requests',
      ':23:7: info: GRPCRoute is read, not simulated yet: the routes it declares carry no traffic in the playground',
    ]);
  });
});
