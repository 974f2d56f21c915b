/**
 * The round-2 Service rules through the real `netplay trace` (one batch, JSON answers): headless
 * Services as `service/...`, an ExternalName pointing at another Service's cluster name, a
 * Service kube-proxy ignores, and an Ingress `resource` backend. The engine tests
 * (src/engine/trace/service-rules.test.ts) cite the Kubernetes docs and sources for each.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, json, netplay, tempFiles } from './run';

interface Answer {
  verdict?: string;
  status?: number;
  endpoints?: string[];
  hops?: { kind: string; ref: string; verdict: string; reason: string; before?: { dstPort?: number } }[];
  error?: string;
}

const CLUSTER = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Namespace
metadata: {name: prod}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: prod, labels: {app: db}}
spec: {containers: [{name: c, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: my-service}
spec:
  type: ExternalName
  externalName: db.prod.svc.cluster.local
---
apiVersion: v1
kind: Pod
metadata: {name: api-0, labels: {app: api}}
spec: {containers: [{name: c, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata:
  name: api
  labels: {service.kubernetes.io/service-proxy-name: other-proxy}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ingress-resource-backend}
spec:
  rules:
    - http:
        paths:
          - path: /icons
            pathType: ImplementationSpecific
            backend:
              resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: icon-assets}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: curl}]}
`;

const QUERIES = [
  { from: 'pod/default/client', to: 'service/default/web:http' },
  { from: 'pod/default/client', to: 'service/default/web:80' },
  { from: 'pod/default/client', to: 'dns/my-service:5432' },
  { from: 'pod/default/client', to: 'service/default/api:80' },
  { from: 'internet', to: 'http://example.com/icons' },
];

describe('netplay trace: the round-2 Service rules', () => {
  const t = tempFiles({ 'cluster.yaml': CLUSTER, 'queries.json': JSON.stringify(QUERIES) });
  afterAll(t.cleanup);
  const r = netplay(['trace', join(t.dir, 'cluster.yaml'), '--queries', join(t.dir, 'queries.json'), '--json']);
  const answers = (): Answer[] => json(r) as Answer[];

  it('answers the batch without errors', () => {
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(answers().map((a) => a.error)).toEqual(QUERIES.map(() => undefined));
  });

  it('service/ on a headless Service connects to its pods: by port name on the targetPort, by number untranslated', () => {
    const [byName, byNumber] = answers();
    expect([byName!.verdict, byName!.endpoints]).toEqual(['allow', ['default/web-0', 'default/web-1']]);
    expect(byName!.hops!.some((h) => h.kind === 'kube-proxy')).toBe(false);
    expect(byName!.hops!.at(-1)!.before?.dstPort).toBe(8080);
    expect(byNumber!.hops!.at(-1)!.before?.dstPort).toBe(80);
  });

  it('an ExternalName to db.prod.svc.cluster.local reaches Service prod/db', () => {
    const a = answers()[2]!;
    expect([a.verdict, a.endpoints]).toEqual(['allow', ['prod/db-0']]);
    expect(a.hops!.some((h) => h.kind === 'kube-proxy' && h.ref === 'service/prod/db' && h.verdict === 'pass')).toBe(true);
  });

  it('a Service labelled service.kubernetes.io/service-proxy-name is dropped at kube-proxy', () => {
    const a = answers()[3]!;
    expect(a.verdict).toBe('deny');
    const dropped = a.hops!.find((h) => h.verdict === 'drop')!;
    expect([dropped.kind, dropped.ref]).toEqual(['kube-proxy', 'service/default/api']);
    expect(dropped.reason).toMatch(/kube-proxy ignores Services labelled service\.kubernetes\.io\/service-proxy-name=other-proxy/);
  });

  it('an Ingress resource backend answers 404', () => {
    const a = answers()[4]!;
    expect([a.verdict, a.status]).toEqual(['allow', 404]);
  });
});
