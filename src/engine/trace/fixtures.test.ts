/**
 * The real-world fixtures (tests/fixtures, unchanged) answer as a cluster would. The expected
 * verdicts are derived by hand from online-boutique/network-policies.yaml:
 * - `deny-all` (podSelector {}) isolates every pod of `default` both ways;
 * - every workload's own policy has `egress: [{}]` (all egress) and admits ingress only from the
 *   callers it names, on its port; `frontend` has `ingress: [{}]` (everyone);
 * - `loadgenerator` has only an Egress policy (egress all).
 * Policies see the pod port after DNAT (emailservice: Service port 5000 → targetPort 8080).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { computeMatrix, matrixCell } from '../policy/matrix';
import { runChecks } from './checks';
import { auditQuery } from '../testing/trace-audit';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/${path}`, import.meta.url)), 'utf8');
const BOUTIQUE = read('online-boutique/kubernetes-manifests.yaml');
const POLICIES = read('online-boutique/network-policies.yaml');
const CONTROLLER = read('ingress-nginx/deploy-cloud.yaml');

/** A small Ingress of our own in front of the boutique (the fixtures bring none). */
const SHOP_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: frontend, port: {name: http}}}}
      - {path: /redis, pathType: Prefix, backend: {service: {name: redis-cart, port: {number: 6379}}}}
`;

const ALL = [BOUTIQUE, POLICIES, CONTROLLER, SHOP_INGRESS].join('\n---\n');

describe('Online Boutique with its network policies and the ingress-nginx cloud controller', () => {
  const analysis = simulate([{ name: 'boutique.yaml', text: ALL }]);
  const { cluster } = analysis;

  it('loads with no error', () => {
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cluster.pods.filter((p) => p.namespace === 'default').map((p) => p.name)).toHaveLength(12);
    expect(cluster.ingressController).toMatchObject({ implicit: false, namespace: 'ingress-nginx', className: 'nginx' });
  });

  it.each([
    // Callers each policy names.
    { from: 'deployment/default/frontend', to: 'service/default/cartservice:7070', verdict: 'allow', endpoints: ['default/cartservice-0'] },
    { from: 'deployment/default/checkoutservice', to: 'service/default/cartservice:grpc', verdict: 'allow', endpoints: ['default/cartservice-0'] },
    { from: 'deployment/default/cartservice', to: 'service/default/redis-cart:6379', verdict: 'allow', endpoints: ['default/redis-cart-0'] },
    { from: 'deployment/default/loadgenerator', to: 'service/default/frontend:80', verdict: 'allow', endpoints: ['default/frontend-0'] },
    { from: 'deployment/default/loadgenerator', to: 'pod/default/frontend-0:8080', verdict: 'allow', endpoints: ['default/frontend-0'] },
    { from: 'deployment/default/checkoutservice', to: 'service/default/emailservice:5000', verdict: 'allow', endpoints: ['default/emailservice-0'] },
    { from: 'deployment/default/checkoutservice', to: 'service/default/paymentservice:50051', verdict: 'allow', endpoints: ['default/paymentservice-0'] },
    { from: 'deployment/default/recommendationservice', to: 'service/default/productcatalogservice:3550', verdict: 'allow', endpoints: ['default/productcatalogservice-0'] },
    { from: 'deployment/default/frontend', to: 'dns/adservice:9555', verdict: 'allow', endpoints: ['default/adservice-0'] },
    // Everyone else is stopped at the destination's ingress.
    { from: 'deployment/default/frontend', to: 'service/default/redis-cart:6379', verdict: 'deny', endpoints: [] },
    { from: 'deployment/default/loadgenerator', to: 'service/default/cartservice:7070', verdict: 'deny', endpoints: [] },
    { from: 'deployment/default/frontend', to: 'service/default/emailservice:5000', verdict: 'deny', endpoints: [] },
    { from: 'deployment/default/frontend', to: 'service/default/paymentservice:50051', verdict: 'deny', endpoints: [] },
    { from: 'deployment/default/checkoutservice', to: 'service/default/adservice:9555', verdict: 'deny', endpoints: [] },
    // The policy admits the named caller on the named port only.
    { from: 'deployment/default/cartservice', to: 'pod/default/redis-cart-0:6380', verdict: 'deny', endpoints: [] },
    // From outside: the LoadBalancer (SNAT to a node IP); frontend admits everyone.
    { from: 'internet', to: 'loadbalancer/default/frontend-external:80', verdict: 'allow', endpoints: ['default/frontend-0'] },
    { from: 'internet', to: 'service/default/frontend:80', verdict: 'deny', endpoints: [] },
  ])('$from → $to: $verdict', ({ from, to, verdict, endpoints }) => {
    const { trace, problems } = auditQuery(ALL, cluster, { from, to });
    expect(trace.error).toBeUndefined();
    expect([trace.verdict, trace.endpoints]).toEqual([verdict, endpoints]);
    expect(problems).toEqual([]);
    const policyDrop = trace.hops.find((h) => h.verdict === 'drop');
    if (verdict === 'deny' && from !== 'internet') {
      expect(policyDrop).toMatchObject({ kind: 'policy', direction: 'ingress' });
      expect(policyDrop!.isolatingPolicies).toContain('default/deny-all');
    }
  });

  it('through the ingress-nginx controller: the frontend answers, redis-cart refuses the controller pod', () => {
    const shop = auditQuery(ALL, cluster, { from: 'internet', to: 'http://shop.example.com/' });
    expect(shop.problems).toEqual([]);
    expect([shop.trace.verdict, shop.trace.status, shop.trace.backend]).toEqual(['allow', 200, 'service/default/frontend:80']);
    const redis = auditQuery(ALL, cluster, { from: 'internet', to: 'http://shop.example.com/redis' });
    // The fix (admit the controller's pods at redis-cart) is applied and re-checked by auditQuery.
    expect(redis.problems).toEqual([]);
    expect([redis.trace.verdict, redis.trace.backend]).toEqual(['deny', 'service/default/redis-cart:6379']);
    const drop = redis.trace.hops.find((h) => h.verdict === 'drop')!;
    expect(drop).toMatchObject({ kind: 'policy', direction: 'ingress', isolatingPolicies: ['default/deny-all', 'default/redis-cart'] });
    expect(drop.reason).toMatch(/ingress-nginx\/ingress-nginx-controller-0/);
  });

  it('matrix on 7070: only frontend, checkoutservice (and cartservice itself) reach cartservice', () => {
    const matrix = computeMatrix(cluster, { port: 7070 });
    const grid = matrix.ports.find((g) => g.port === 7070 && g.protocol === 'TCP')!;
    const at = (name: string): number => matrix.pods.indexOf(name);
    const cell = (from: string, to: string) => matrixCell(matrix, grid, at(from), at(to));
    const to = 'default/cartservice-0';
    const allowed = matrix.pods.filter((from) => cell(from, to) === '.');
    expect(allowed).toEqual(['default/cartservice-0', 'default/checkoutservice-0', 'default/frontend-0']);
    // The controller pod (another namespace) is stopped too; the boutique's pods reach the controller (not isolated).
    expect(cell('ingress-nginx/ingress-nginx-controller-0', to)).toBe('X');
    expect(cell('default/frontend-0', 'ingress-nginx/ingress-nginx-controller-0')).toBe('.');
  });

  it('a Scenario of checks over the boutique passes and fails where the policies say', () => {
    const checks = `apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: boutique}
checks:
- {from: deployment/default/frontend, to: service/default/cartservice:7070, expect: {verdict: allow}}
- {from: deployment/default/frontend, to: service/default/redis-cart:6379, expect: {verdict: allow}}
`;
    const results = runChecks(simulate([{ name: 'b.yaml', text: `${ALL}\n---\n${checks}` }]).cluster);
    expect(results.map((r) => r.pass)).toEqual([true, false]);
  });
});
