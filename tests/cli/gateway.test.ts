/**
 * `netplay trace` through a Gateway, as users run it: manifests (Gateway API v1 objects with an
 * implicit data plane) -> `netplay trace --json`: Internet -> Gateway -> route -> Service -> pod,
 * a redirect, a 404, a policy drop behind the Gateway, a weighted split, the --via, --method and
 * --header flags, the HTTP fields of --queries and of `check`, and the errors (via to a missing
 * Gateway, a host two entry points claim).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { json, netplay, tempFiles } from './run';

/**
 * A shop behind a Gateway: www.shop.test routes / to web, /api to api (rewritten to /v2), /old
 * is redirected, /split is shared 3:1 by web and api, /admin needs a header. The api pods admit
 * only the Gateway's data-plane pods; the admin pods admit nothing.
 */
const SHOP = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: example}
spec: {controllerName: example.com/gateway-controller}
---
apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    hostname: "*.shop.test"
    allowedRoutes: {namespaces: {from: All}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: site, namespace: default}
spec:
  parentRefs: [{name: public, namespace: infra}]
  hostnames: [www.shop.test]
  rules:
  - backendRefs: [{name: web, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /api}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}}]
    backendRefs: [{name: api, port: 8080}]
  - matches: [{path: {type: Exact, value: /old}}]
    filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /new}, statusCode: 301}}]
  - matches: [{path: {type: PathPrefix, value: /split}}]
    backendRefs: [{name: web, port: 80, weight: 3}, {name: api, port: 8080, weight: 1}]
  - matches: [{path: {type: PathPrefix, value: /admin}, headers: [{name: X-Admin, value: "yes"}]}]
    backendRefs: [{name: admin, port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 9000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 8080, targetPort: 9000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin}
spec:
  replicas: 1
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec: {containers: [{name: admin, image: admin, ports: [{containerPort: 7000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: admin}
spec:
  selector: {app: admin}
  ports: [{port: 80, targetPort: 7000}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-gateway}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: infra}}
      podSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: public}}
    ports: [{port: 9000}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: admin-deny-all}
spec:
  podSelector: {matchLabels: {app: admin}}
  policyTypes: [Ingress]
`;

/** A second Gateway whose listener takes every host, with a route for www.shop.test. */
const SECOND = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: second, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: also, namespace: default}
spec:
  parentRefs: [{name: second, namespace: infra}]
  hostnames: [www.shop.test]
  rules:
  - backendRefs: [{name: api, port: 8080}]
`;

const CHECKS = `
---
apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: shop-checks}
checks:
  - name: the api gets /v2
    from: internet
    to: http://www.shop.test/api/items?page=2
    expect: {verdict: allow, status: 200, backend: service/default/api:8080, backendPath: /v2/items?page=2}
  - name: old pages move
    from: internet
    to: http://www.shop.test/old
    expect: {status: 301, location: http://www.shop.test/new}
  - name: admin with the header is dropped by its policy
    from: internet
    to: http://www.shop.test/admin
    headers: {X-Admin: "yes"}
    expect: {verdict: deny}
  - name: wrong on purpose
    from: internet
    to: http://www.shop.test/old
    via: ingress
    expect: {status: 301}
`;

interface Hop {
  kind: string;
  ref: string;
  verdict: string;
  reason: string;
  listener?: string;
  pod?: string;
  rule?: number;
  match?: number;
}
interface Answer {
  verdict?: string;
  status?: number;
  backend?: string;
  location?: string;
  backendPath?: string;
  endpoints?: string[];
  blocked?: string[];
  hops?: Hop[];
  error?: string;
}

const files = tempFiles({
  'shop.yaml': SHOP,
  'two/shop.yaml': SHOP + SECOND,
  'checks/shop.yaml': SHOP + CHECKS,
  'queries.json': JSON.stringify([
    { from: 'internet', to: 'http://www.shop.test/admin', headers: { 'X-Admin': 'yes' } },
    { from: 'internet', to: 'http://www.shop.test/admin' },
    { from: 'internet', to: 'http://www.shop.test/api', method: 'DELETE', via: 'gateway/infra/public' },
    { from: 'internet', to: 'http://www.shop.test/', via: 'gateway/infra/missing' },
    { from: 'internet', to: 'http://www.shop.test/', headers: 'X-Admin: yes' },
    ...Array.from({ length: 8 }, (_, seed) => ({ from: 'internet', to: 'http://www.shop.test/split', seed })),
  ]),
});
afterAll(() => files.cleanup());
const shop = `${files.dir}/shop.yaml`;

function trace(...args: string[]): Answer {
  const r = netplay(['trace', shop, '--from', 'internet', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return json(r) as Answer;
}
const kinds = (a: Answer): string[] => a.hops!.map((h) => h.kind).filter((k, i, all) => k !== 'cni' || all[i - 1] !== 'cni');

describe('netplay trace through a Gateway', () => {
  it('Internet -> Gateway -> route -> Service -> pod', () => {
    const a = trace('--to', 'http://www.shop.test/');
    expect(a).toMatchObject({ verdict: 'allow', status: 200, backend: 'service/default/web:80', backendPath: '/', endpoints: ['default/web-0', 'default/web-1'], blocked: [] });
    expect(kinds(a)).toEqual(['client', 'loadbalancer', 'node', 'cni', 'gateway', 'route', 'service', 'cni', 'pod']);
    expect(a.hops!.find((h) => h.kind === 'loadbalancer')!.ref).toBe('service/infra/public-example');
    expect(a.hops!.find((h) => h.kind === 'gateway')).toMatchObject({ ref: 'gateway/infra/public', verdict: 'pass', listener: 'http', pod: 'pod/infra/public-example-0' });
    expect(a.hops!.find((h) => h.kind === 'route')).toMatchObject({ ref: 'httproute/default/site', verdict: 'pass', rule: 0, match: 0 });
  });

  it('a rewrite: backendPath is what the api receives; the route hop says what it beat', () => {
    const a = trace('--to', 'http://www.shop.test/api/items?page=2');
    expect(a).toMatchObject({ verdict: 'allow', status: 200, backend: 'service/default/api:8080', backendPath: '/v2/items?page=2', endpoints: ['default/api-0'] });
    const route = a.hops!.find((h) => h.kind === 'route')!;
    expect(route).toMatchObject({ rule: 1, match: 0 });
    expect(route.reason).toMatch(/rule 1 wins .*PathPrefix \/api.*it beat httproute\/default\/site rule 0/);
    expect(a.hops!.find((h) => h.kind === 'policy')).toMatchObject({ verdict: 'pass', ref: 'networkpolicy/default/api-from-gateway' });
  });

  it('a redirect ends at the route hop with its Location', () => {
    const a = trace('--to', 'http://www.shop.test/old');
    expect(a).toMatchObject({ verdict: 'allow', status: 301, location: 'http://www.shop.test/new', endpoints: [] });
    expect(a.backend).toBeUndefined();
    expect(a.hops!.at(-1)).toMatchObject({ kind: 'route', verdict: 'pass' });
  });

  it('a 404: no listener for the host (via the Gateway), at the gateway hop', () => {
    const a = trace('--to', 'http://shop.example/', '--via', 'gateway/infra/public');
    expect(a).toMatchObject({ verdict: 'allow', status: 404 });
    expect(a.hops!.at(-1)).toMatchObject({ kind: 'gateway', verdict: 'drop' });
  });

  it('a policy drop behind the Gateway: deny, no status, the pod blocked, the fix admits the data plane', () => {
    const a = trace('--to', 'http://www.shop.test/admin', '--header', 'X-Admin: yes');
    expect(a).toMatchObject({ verdict: 'deny', endpoints: [], blocked: ['default/admin-0'] });
    expect(a.status).toBeUndefined();
    const drop = a.hops!.find((h) => h.verdict === 'drop')! as Hop & { fix?: { yaml: string } };
    expect(drop).toMatchObject({ kind: 'policy', ref: 'networkpolicy/default/admin-deny-all' });
    expect(drop.fix?.yaml).toContain('gateway.networking.k8s.io/gateway-name: public');
  });

  it('--method takes part in matching; the readable table names listener and rule', () => {
    const r = netplay(['trace', shop, '--from', 'internet', '--to', 'http://www.shop.test/api', '--method', 'post']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gateway\s+gateway\/infra\/public \(listener http\)/);
    expect(r.stdout).toMatch(/route\s+httproute\/default\/site \(rule 1, match 0\)/);
    expect(r.stdout).toContain('verdict: ✓ allow (HTTP 200, backend service/default/api:8080, backend path /v2)');
  });

  it('via a missing Gateway, and a host two Gateways claim: exit 2 with the message', () => {
    const missing = netplay(['trace', shop, '--from', 'internet', '--to', 'http://www.shop.test/', '--via', 'gateway/infra/nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('netplay: trace: via gateway/infra/nope: Gateway infra/nope does not exist (Gateways: gateway/infra/public)\n');
    const two = netplay(['trace', `${files.dir}/two/shop.yaml`, '--from', 'internet', '--to', 'http://www.shop.test/']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/www\.shop\.test is claimed by 2 entry points: gateway\/infra\/public .*gateway\/infra\/second .*via/);
    const chosen = netplay(['trace', `${files.dir}/two/shop.yaml`, '--from', 'internet', '--to', 'http://www.shop.test/', '--via', 'gateway/infra/second', '--json']);
    // The api admits only the data plane of Gateway public: through second it is dropped.
    expect(json(chosen)).toMatchObject({ verdict: 'deny', backend: 'service/default/api:8080', blocked: ['default/api-0'] });
  });

  it('bad flags are bad usage', () => {
    const r = netplay(['trace', shop, '--from', 'internet', '--to', 'http://www.shop.test/', '--header', 'nocolon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--header must be NAME:VALUE');
  });

  it('--queries: headers, method, via and seed per query; a bad one is an error answer only', () => {
    const r = netplay(['trace', shop, '--queries', `${files.dir}/queries.json`, '--json']);
    expect(r.code).toBe(0);
    const answers = json(r) as Answer[];
    expect(answers[0]).toMatchObject({ verdict: 'deny', blocked: ['default/admin-0'] });
    // Without the header /admin falls to the catch-all rule.
    expect(answers[1]).toMatchObject({ status: 200, backend: 'service/default/web:80' });
    expect(answers[2]).toMatchObject({ status: 200, backend: 'service/default/api:8080' });
    expect(answers[3]!.error).toContain('Gateway infra/missing does not exist');
    expect(answers[4]!.error).toBe('query 4: "headers" must be an object of header names to string values');
    // The 3:1 split: no single backend, endpoints of both, seeds 0..7 spread by weight.
    const split = answers.slice(5);
    for (const a of split) {
      expect(a.backend).toBeUndefined();
      expect(a.endpoints).toEqual(['default/api-0', 'default/web-0', 'default/web-1']);
    }
    const toWeb = split.filter((a) => a.hops!.some((h) => h.kind === 'service' && h.ref === 'service/default/web')).length;
    expect(toWeb).toBe(7);
  });
});

describe('netplay check with HTTP expectations', () => {
  it('status, backend, backendPath, location, headers, via', () => {
    const r = netplay(['check', `${files.dir}/checks/shop.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ the api gets /v2: allowed, status 200, backend service/default/api:8080, backend path /v2/items?page=2');
    expect(r.stdout).toContain('✓ old pages move: status 301, Location http://www.shop.test/new');
    expect(r.stdout).toMatch(/✓ admin with the header is dropped by its policy: denied/);
    // via ingress: these manifests run no ingress controller, nothing answers.
    expect(r.stdout).toMatch(/✗ wrong on purpose: expected status 301, got no status/);
  });
});
