/**
 * The Kubernetes networking tutorial the playground brings to life: its Ingress and both NetworkPolicy
 * examples verbatim (its three Service examples are in trace.test.ts), with the workloads they
 * talk about, and the results the tutorial states ("Frontend → Backend:8080 ✔ ALLOWED",
 * "Database → Backend:8080 ✖ BLOCKED", "Any Pod → Backend ✖ BLOCKED"), plus what follows from
 * them on a real cluster: the ingress controller is "any pod" too, and an egress policy also
 * blocks DNS. Every trace is audited and every drop's fix applied and re-checked.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { Trace } from '../types';
import { auditQuery } from '../testing/trace-audit';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend}
spec:
  replicas: 2
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: backend}
spec:
  replicas: 2
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: database}
spec:
  selector: {matchLabels: {app: database}}
  template:
    metadata: {labels: {app: database}}
    spec: {containers: [{name: db, image: mysql, ports: [{containerPort: 3306}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: any-pod, labels: {app: other}}
spec: {containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Service
metadata: {name: frontend-service}
spec: {selector: {app: frontend}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend-service}
spec: {selector: {app: backend}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: database}
spec: {selector: {app: database}, ports: [{port: 3306}]}
`;

// Verbatim from the tutorial ("YAML" under Ingress, "Example 1", "Example 2").
const TUTORIAL_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: webapp-ingress
spec:
  rules:
  - host: example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: frontend-service
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: backend-service
            port:
              number: 8080
`;
const EXAMPLE_1 = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-frontend-to-backend
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - protocol: TCP
          port: 8080
`;
const EXAMPLE_2 = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-egress-to-db
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: database
      ports:
        - protocol: TCP
          port: 3306
`;

const TEXT = [WORKLOADS, TUTORIAL_INGRESS, EXAMPLE_1, EXAMPLE_2].join('---\n');

describe('the seed tutorial: Ingress, Example 1 and Example 2, verbatim', () => {
  const analysis = simulate([{ name: 'tutorial.yaml', text: TEXT }]);
  const run = (from: string, to: string): Trace => {
    const { trace, problems } = auditQuery(TEXT, analysis.cluster, { from, to });
    expect(problems, `${from} → ${to}`).toEqual([]);
    expect(trace.error).toBeUndefined();
    return trace;
  };

  it('loads with no error; the Ingress (no class) is served by the implicit controller', () => {
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(analysis.cluster.ingresses.map((i) => [i.ref, i.served])).toEqual([['ingress/default/webapp-ingress', true]]);
    expect(analysis.cluster.ingressController?.implicit).toBe(true);
  });

  it.each([
    // "Example Routing": example.com/ → frontend, example.com/api → backend.
    { from: 'internet', to: 'http://example.com/', verdict: 'allow', status: 200, backend: 'service/default/frontend-service:80', policy: undefined },
    // Example 1, "Frontend → Backend:8080 ✔ ALLOWED".
    { from: 'deployment/default/frontend', to: 'service/default/backend-service:8080', verdict: 'allow', policy: 'default/allow-frontend-to-backend' },
    { from: 'pod/default/frontend-1', to: 'pod/default/backend-1:8080', verdict: 'allow', policy: 'default/allow-frontend-to-backend' },
    // "Database → Backend:8080 ✖ BLOCKED", "Any Pod → Backend ✖ BLOCKED".
    { from: 'deployment/default/database', to: 'service/default/backend-service:8080', verdict: 'deny', policy: 'default/allow-frontend-to-backend' },
    { from: 'pod/default/any-pod', to: 'pod/default/backend-0:8080', verdict: 'deny', policy: 'default/allow-frontend-to-backend' },
    // Only port 8080 is opened, even for the frontend.
    { from: 'deployment/default/frontend', to: 'pod/default/backend-0:9090', verdict: 'deny', policy: 'default/allow-frontend-to-backend' },
    // The ingress controller is "any pod": example.com/api is blocked at the backend.
    { from: 'internet', to: 'http://example.com/api', verdict: 'deny', backend: 'service/default/backend-service:8080', policy: 'default/allow-frontend-to-backend' },
    // Example 2: backend → database:3306 allowed; everything else from the backend is not.
    { from: 'deployment/default/backend', to: 'service/default/database:3306', verdict: 'allow', policy: 'default/backend-egress-to-db' },
    { from: 'deployment/default/backend', to: 'service/default/frontend-service:80', verdict: 'deny', policy: 'default/backend-egress-to-db' },
    { from: 'deployment/default/backend', to: 'ip/8.8.8.8:443', verdict: 'deny', policy: 'default/backend-egress-to-db' },
    // ... including DNS: the name "database" does not even resolve.
    { from: 'deployment/default/backend', to: 'dns/database:3306', verdict: 'deny', policy: 'default/backend-egress-to-db' },
    // \`curl http://backend-service:8080/\` in a pod: cluster DNS, then the ClusterIP, not the load balancer.
    { from: 'deployment/default/frontend', to: 'http://backend-service:8080/', verdict: 'allow', status: 200, backend: 'service/default/backend-service:8080', policy: 'default/allow-frontend-to-backend' },
    { from: 'deployment/default/database', to: 'http://backend-service:8080/', verdict: 'deny', policy: 'default/allow-frontend-to-backend' },
    // The backend's egress policy blocks the DNS query before any connection.
    { from: 'deployment/default/backend', to: 'http://frontend-service/', verdict: 'deny', policy: 'default/backend-egress-to-db' },
  ])('$from → $to: $verdict', ({ from, to, verdict, policy, ...http }) => {
    const t = run(from, to);
    expect(t.verdict).toBe(verdict);
    if ('status' in http) expect(t.status).toBe(http.status);
    if ('backend' in http) expect(t.backend).toBe(http.backend);
    const deciding = t.hops.filter((h) => h.kind === 'policy' || (h.kind === 'dns' && h.direction !== undefined));
    if (policy === undefined) expect(deciding).toEqual([]);
    else if (verdict === 'allow') expect(deciding.some((h) => h.policy === policy && h.rule === 0)).toBe(true);
    else expect(t.hops.find((h) => h.verdict === 'drop')?.isolatingPolicies).toEqual([policy]);
  });
});
