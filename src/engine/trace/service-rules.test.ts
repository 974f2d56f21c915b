/**
 * The Service rules of semantics.md ("Services") that round 2 adds, each checked against the
 * Kubernetes documentation or sources named in the test:
 * - headless Services reached by name or as `service/...` connect to their ready pods (all of
 *   them with `publishNotReadyAddresses`);
 * - an ExternalName whose target is another Service's cluster DNS name reaches that Service;
 * - kube-proxy ignores Services labelled `service.kubernetes.io/service-proxy-name` or
 *   `service.kubernetes.io/headless`;
 * - an Ingress path whose backend is a `resource` gets 404 from ingress-nginx.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { Hop, Trace } from '../types';
import { auditQuery } from '../testing/trace-audit';

function audited(text: string) {
  const { cluster } = simulate([{ name: 'services.yaml', text }]);
  return (from: string, to: string, seed?: number): Trace => {
    const { trace, problems } = auditQuery(text, cluster, { from, to, ...(seed !== undefined ? { seed } : {}) });
    expect(problems, `${from} → ${to}`).toEqual([]);
    return trace;
  };
}
const drop = (t: Trace): Hop | undefined => t.hops.find((h) => h.verdict === 'drop');

// ---------------------------------------------------------------------------------------------
// Headless Services

/**
 * The docs' headless Service (concepts/services-networking/service, "Headless Services": "DNS
 * returns A records ... that point directly to the Pods backing the Service"), with a port
 * whose targetPort differs, one pod that is not Ready, and a client pod.
 */
const HEADLESS = `
apiVersion: v1
kind: Pod
metadata: {name: web-0, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-2, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
status:
  conditions: [{type: Ready, status: "False"}]
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
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {containers: [{name: c, image: curl}]}
`;

describe('headless Services (docs: Service, "Headless Services")', () => {
  const run = audited(HEADLESS);

  it('service/NS/NAME connects straight to one of the ready pods, as the name does: the same set, no kube-proxy', () => {
    const bySvc = run('pod/default/client', 'service/default/web:http');
    const byName = run('pod/default/client', 'dns/web:http');
    expect([bySvc.verdict, bySvc.endpoints]).toEqual(['allow', ['default/web-0', 'default/web-1']]);
    expect(byName.endpoints).toEqual(bySvc.endpoints);
    expect(bySvc.hops.some((h) => h.kind === 'kube-proxy')).toBe(false);
    expect(bySvc.hops.find((h) => h.kind === 'service')!.reason).toMatch(/no virtual IP/);
  });

  it('a port name is an SRV lookup: each endpoint is reached on its own port (the targetPort)', () => {
    const t = run('pod/default/client', 'service/default/web:http');
    expect(t.hops.at(-1)!.before?.dstPort).toBe(8080);
  });

  it('a port number is used as is: without kube-proxy nothing translates 80 to the targetPort 8080', () => {
    const t = run('pod/default/client', 'service/default/web:80');
    expect(t.hops.at(-1)!.before?.dstPort).toBe(80);
    expect(t.hops.find((h) => h.kind === 'service')!.reason).toMatch(/port 80 is used as is \(targetPort 8080/);
  });

  it('the seed picks which A record the client uses', () => {
    const a = run('pod/default/client', 'service/default/web:http', 0);
    const b = run('pod/default/client', 'service/default/web:http', 1);
    expect(new Set([a.hops.at(-1)!.ref, b.hops.at(-1)!.ref])).toEqual(new Set(['pod/default/web-0', 'pod/default/web-1']));
  });

  it('publishNotReadyAddresses: true (API reference, ServiceSpec) publishes the not-ready pod too', () => {
    const t = audited(HEADLESS.replace('  clusterIP: None\n', '  clusterIP: None\n  publishNotReadyAddresses: true\n'))('pod/default/client', 'service/default/web:http');
    expect(t.endpoints).toEqual(['default/web-0', 'default/web-1', 'default/web-2']);
  });

  it('no ready pod: no A record, the connection is not made', () => {
    const t = audited(HEADLESS.replace('selector: {app: web}', 'selector: {app: nothing}'))('pod/default/client', 'service/default/web:http');
    expect(t.verdict).toBe('deny');
    expect(drop(t)!.reason).toMatch(/no A record/);
  });

  it('policies apply to the pod port actually used: a rule for 8080 admits the SRV port, not the untranslated 80', () => {
    const policy = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-8080}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{port: 8080}]}]
`;
    const r = audited(HEADLESS + policy);
    expect(r('pod/default/client', 'service/default/web:http').verdict).toBe('allow');
    expect(r('pod/default/client', 'service/default/web:80').verdict).toBe('deny');
  });
});

// ---------------------------------------------------------------------------------------------
// ExternalName to another Service's cluster name

/**
 * The docs' ExternalName (concepts/services-networking/service, "type: ExternalName") pointed at
 * a Service in another namespace by its cluster DNS name, the docs' way to reach a Service
 * elsewhere ("you might ... point ... to a Service in a different Namespace").
 */
const EXTERNAL_NAME = `
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
kind: Service
metadata: {name: short-alias}
spec:
  type: ExternalName
  externalName: db.prod
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: curl}]}
`;

describe('ExternalName pointing at a Service of the cluster (docs: Service, "type: ExternalName")', () => {
  const run = audited(EXTERNAL_NAME);

  it('CoreDNS answers the CNAME from its own zone: the client reaches that Service through its ClusterIP', () => {
    const t = run('pod/default/client', 'dns/my-service:5432');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['prod/db-0']]);
    expect(t.hops.find((h) => h.kind === 'dns')!.reason).toMatch(/CNAME db\.prod\.svc\.cluster\.local.*CoreDNS answers the CNAME from its own zone/);
    expect(t.hops.some((h) => h.kind === 'kube-proxy' && h.verdict === 'pass' && h.ref === 'service/prod/db')).toBe(true);
  });

  it('a fully qualified target with a trailing dot resolves the same', () => {
    const t = audited(EXTERNAL_NAME.replace('externalName: db.prod.svc.cluster.local', 'externalName: db.prod.svc.cluster.local.'))('pod/default/client', 'dns/my-service:5432');
    expect(t.endpoints).toEqual(['prod/db-0']);
  });

  it('a short target is not expanded with a search path: the CNAME leaves the cluster', () => {
    const t = run('pod/default/client', 'dns/short-alias:5432');
    expect(t.endpoints).toEqual([]);
    expect(t.hops.find((h) => h.kind === 'dns')!.reason).toMatch(/CNAME db\.prod, no proxying/);
  });

  it('service/ on an ExternalName is still no connection: it has no ClusterIP', () => {
    expect(run('pod/default/client', 'service/default/my-service:5432').verdict).toBe('deny');
  });
});

// ---------------------------------------------------------------------------------------------
// Services kube-proxy ignores

const PROXY_NAME = `
apiVersion: v1
kind: Pod
metadata: {name: api-0, labels: {app: api}}
spec: {containers: [{name: c, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata:
  name: api
  labels: {LABEL}
spec:
  type: NodePort
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: curl}]}
`;

/**
 * kube-proxy's informers list Services with the selector `!service.kubernetes.io/service-proxy-name,
 * !service.kubernetes.io/headless` (kubernetes cmd/kube-proxy/app/server.go; docs: "Well-Known
 * Labels, Annotations and Taints", service.kubernetes.io/service-proxy-name: "kube-proxy ...
 * ignores this Service").
 */
describe('Services kube-proxy ignores (kube-proxy server.go label selector)', () => {
  it('without either label kube-proxy forwards the ClusterIP and the NodePort', () => {
    const run = audited(PROXY_NAME.replace('  labels: {LABEL}\n', ''));
    expect(run('pod/default/client', 'service/default/api:80').verdict).toBe('allow');
    expect(run('internet', 'nodeport/node-1:30080').verdict).toBe('allow');
  });

  it.each(['service.kubernetes.io/service-proxy-name: cilium', 'service.kubernetes.io/headless: ""'])(
    'labelled %s: its ClusterIP and NodePort answer nothing although the pod runs',
    (label) => {
      const run = audited(PROXY_NAME.replace('{LABEL}', `{${label}}`));
      const inCluster = run('pod/default/client', 'service/default/api:80');
      expect(inCluster.verdict).toBe('deny');
      expect(drop(inCluster)!.kind).toBe('kube-proxy');
      expect(drop(inCluster)!.reason).toMatch(/kube-proxy ignores Services labelled service\.kubernetes\.io\/(service-proxy-name|headless)/);
      const byName = run('pod/default/client', 'dns/api:80');
      expect(byName.verdict).toBe('deny');
      const fromOutside = run('internet', 'nodeport/node-1:30080');
      expect(fromOutside.verdict).toBe('deny');
      expect(drop(fromOutside)!.reason).toMatch(/NodePort 30080/);
      // The pod itself still answers on its own IP.
      expect(run('pod/default/client', 'pod/default/api-0:8080').verdict).toBe('allow');
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Ingress resource backends

/** The docs' example "Resource backends" (concepts/services-networking/ingress), as given there. */
const RESOURCE_BACKEND = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ingress-resource-backend
spec:
  defaultBackend:
    resource:
      apiGroup: k8s.example.com
      kind: StorageBucket
      name: static-assets
  rules:
    - http:
        paths:
          - path: /icons
            pathType: ImplementationSpecific
            backend:
              resource:
                apiGroup: k8s.example.com
                kind: StorageBucket
                name: icon-assets
`;

describe('Ingress resource backends (docs: Ingress, "Resource backends"; ingress-nginx serves Services only)', () => {
  const run = audited(RESOURCE_BACKEND);

  it.each([
    ['/icons', 'icon-assets'],
    ['/anything-else', 'static-assets'],
  ])('%s: the %s StorageBucket is not a Service, so ingress-nginx answers 404', (path, bucket) => {
    const t = run('internet', `http://example.com${path}`);
    expect([t.verdict, t.status]).toEqual(['allow', 404]);
    const ingress = t.hops.find((h) => h.kind === 'ingress')!;
    expect(ingress.reason).toContain(`StorageBucket resource "${bucket}", not a Service`);
    expect(t.endpoints).toEqual([]);
  });
});
