/**
 * The Kubernetes rules the engine follows, end to end (text → simulate → trace), one test per rule that
 * the room tests did not already take from YAML to verdict. Every trace is audited and every
 * drop's fix applied and re-checked.
 */
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../simulate';
import type { Trace } from '../types';
import { auditQuery } from '../testing/trace-audit';

function scenario(text: string) {
  const analysis = simulate([{ name: 'rules.yaml', text }]);
  const run = (from: string, to: string, seed?: number): Trace => {
    const { trace, problems } = auditQuery(text, analysis.cluster, { from, to, ...(seed !== undefined ? { seed } : {}) });
    expect(problems, `${from} → ${to}`).toEqual([]);
    expect(trace.error).toBeUndefined();
    return trace;
  };
  return { analysis, run };
}

const drop = (t: Trace) => t.hops.find((h) => h.verdict === 'drop');

describe('semantics.md, Services: "externalTrafficPolicy: Cluster … the pod sees a node IP; Local: the client IP is kept"', () => {
  const text = (policy: 'Cluster' | 'Local') => `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeName: node-2, containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, externalTrafficPolicy: ${policy}, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-the-office}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24}}]}]
`;
  it('Cluster: SNAT to the node, so an ipBlock for the client does not match; the fix admits the node', () => {
    const t = scenario(text('Cluster')).run('ip/203.0.113.50', 'nodeport/node-2:30080');
    // node-2 runs the pod: a node always reaches its own pods, so ask through node-1.
    expect(t.verdict).toBe('allow');
    const far = scenario(text('Cluster')).run('ip/203.0.113.50', 'nodeport/node-1:30080');
    expect(far.verdict).toBe('deny');
    expect(drop(far)).toMatchObject({ kind: 'policy', direction: 'ingress', before: { srcIP: '192.168.0.11' } });
    expect(drop(far)!.fix!.yaml).toMatch(/192\.168\.0\.11\/32/);
  });
  it('Local: the client IP is kept and the ipBlock admits it', () => {
    const t = scenario(text('Local')).run('ip/203.0.113.50', 'nodeport/node-2:30080');
    expect(t.verdict).toBe('allow');
    expect(t.hops.at(-1)!.before?.srcIP).toBe('203.0.113.50');
  });
});

describe('semantics.md, Cluster: "hostNetwork: true pods use their node\'s IP, and NetworkPolicy does not apply to them"', () => {
  const { analysis, run } = scenario(`apiVersion: v1
kind: Pod
metadata: {name: agent, labels: {app: agent}}
spec: {nodeName: node-1, hostNetwork: true, containers: [{name: a, image: agent, ports: [{containerPort: 9100}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {nodeName: node-2, containers: [{name: c, image: curl}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-agent}
spec: {podSelector: {matchLabels: {app: agent}}, policyTypes: [Ingress]}
`);
  it('the host-network pod has its node IP and the deny-all selecting it does not stop traffic to it', () => {
    const agent = analysis.cluster.pods.find((p) => p.name === 'agent')!;
    expect(agent.ip).toBe('192.168.0.11');
    const t = run('pod/default/client', 'pod/default/agent:9100');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/agent']]);
  });
});

describe('semantics.md, Cluster: "loopback (a pod to itself) is always allowed"', () => {
  const { run } = scenario(`apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
spec: {nodeName: node-1, containers: [{name: a, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {selector: {app: a}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`);
  it.each(['pod/default/a:80', 'service/default/a:80'])('a → %s', (to) => {
    expect(run('pod/default/a', to).verdict).toBe('allow');
  });
  it('but another pod is stopped by the same deny-all', () => {
    expect(run('node/node-2', 'pod/default/a:80').verdict).toBe('deny');
  });
});

describe('semantics.md, Cluster: "a pod that cannot be scheduled stays Pending (no IP, never an endpoint)"', () => {
  const { analysis, run } = scenario(`apiVersion: apps/v1
kind: Deployment
metadata: {name: arm}
spec:
  replicas: 1
  selector: {matchLabels: {app: arm}}
  template:
    metadata: {labels: {app: arm}}
    spec: {nodeSelector: {kubernetes.io/arch: arm64}, containers: [{name: a, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: arm}
spec: {selector: {app: arm}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: curl}]}
`);
  it('Pending, no IP, no endpoint; its Service refuses; it sends nothing', () => {
    const pod = analysis.cluster.pods.find((p) => p.name === 'arm-0')!;
    expect([pod.phase, pod.ip]).toEqual(['Pending', undefined]);
    const svc = run('pod/default/client', 'service/default/arm:80');
    expect([svc.verdict, drop(svc)?.kind]).toEqual(['deny', 'kube-proxy']);
    expect(drop(run('pod/default/arm-0', 'pod/default/client:80'))?.kind).toBe('client');
  });
});

describe('semantics.md, NetworkPolicy: "a dns/... query from a pod isolated for egress fails … unless UDP/TCP 53 to kube-dns is allowed"', () => {
  const base = `apiVersion: v1
kind: Pod
metadata: {name: app, labels: {app: app}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, labels: {app: db}}
spec: {containers: [{name: db, image: x, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: app-egress}
spec:
  podSelector: {matchLabels: {app: app}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432}]
`;
  const dnsRule = `
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
`;
  it('without a DNS rule the name does not resolve (the fix opens UDP 53 to kube-dns)', () => {
    const t = scenario(base).run('pod/default/app', 'dns/db:5432');
    expect([t.verdict, drop(t)?.kind, drop(t)?.at]).toEqual(['deny', 'dns', 'service/kube-system/kube-dns']);
    expect(drop(t)!.fix!.yaml).toMatch(/port: 53/);
  });
  it('with UDP/TCP 53 to kube-dns the query passes, named by its rule, and the connection is made', () => {
    const t = scenario(base + dnsRule).run('pod/default/app', 'dns/db:5432');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/db']]);
    expect(t.hops.find((h) => h.kind === 'dns')).toMatchObject({ verdict: 'pass', policy: 'default/app-egress', rule: 1 });
  });
});

describe('semantics.md, Ingress: "Rules of several Ingresses for the same host are merged" (ingress-nginx order on conflicts)', () => {
  const ingress = (name: string, service: string, created?: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}${created !== undefined ? `, creationTimestamp: "${created}"` : ''}}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /${name}, pathType: Prefix, backend: {service: {name: ${service}, port: {number: 80}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: ${service}, port: {number: 80}}}}
`;
  const services = ['blue', 'green']
    .map((app) => `apiVersion: v1
kind: Pod
metadata: {name: ${app}, labels: {app: ${app}}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: ${app}}
spec: {selector: {app: ${app}}, ports: [{port: 80}]}
`)
    .join('---\n');
  it.each([
    // A snapshot's creationTimestamps: the older Ingress keeps the shared path.
    { a: '2024-03-01T08:00:00Z', b: '2024-03-01T09:00:00Z', root: 'service/default/blue:80' },
    { a: '2024-03-01T10:00:00Z', b: '2024-03-01T09:00:00Z', root: 'service/default/green:80' },
    // Applied together (no timestamps): ingress-nginx's tie-break, the namespace/name sorting last.
    { a: undefined, b: undefined, root: 'service/default/green:80' },
  ])('a created $a, b created $b: / goes to $root; each own path still routes', ({ a, b, root }) => {
    const text = [services, ingress('a', 'blue', a), ingress('b', 'green', b)].join('---\n');
    const { run } = scenario(text);
    expect(run('internet', 'http://shop.example.com/').backend).toBe(root);
    expect(run('internet', 'http://shop.example.com/a/x').backend).toBe('service/default/blue:80');
    expect(run('internet', 'http://shop.example.com/b').backend).toBe('service/default/green:80');
    expect(run('internet', 'http://shop.example.com/').hops.find((h) => h.kind === 'ingress')!.reason).toMatch(/also defines \/ \(Prefix\)/);
  });
});

describe('semantics.md, Services: "ExternalName: DNS CNAME only, no proxying" under egress isolation', () => {
  const text = (egress: string) => `apiVersion: v1
kind: Pod
metadata: {name: app, labels: {app: app}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {type: ExternalName, externalName: api.example.org}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: app-egress}
spec:
  podSelector: {matchLabels: {app: app}}
  policyTypes: [Egress]
  egress:
${egress}`;
  it('a rule admitting every address on the port lets the connection leave, and names itself', () => {
    const t = scenario(text('  - {}\n')).run('pod/default/app', 'dns/api:443');
    expect(t.verdict).toBe('allow');
    expect(t.hops.filter((h) => h.kind === 'policy')).toMatchObject([{ verdict: 'pass', policy: 'default/app-egress', rule: 0 }]);
  });
  it('an ipBlock-only rule: the address behind the CNAME is not known, so it is treated as dropped and said so', () => {
    const { analysis } = scenario(text('  - {ports: [{port: 53, protocol: UDP}]}\n  - {to: [{ipBlock: {cidr: 198.51.100.0/24}}], ports: [{port: 443}]}\n'));
    const t = traceQueries(analysis.cluster, [{ from: 'pod/default/app', to: 'dns/api:443' }])[0]!;
    expect(t.verdict).toBe('deny');
    expect(t.hops.find((h) => h.verdict === 'drop')!.reason).toMatch(/api\.example\.org is resolved outside the cluster: no egress rule admits every address on TCP 443/);
  });
});

describe('semantics.md, Services: a LoadBalancer sends to any node; "A pod can always be reached from its own node"', () => {
  const { run } = scenario(`apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {nodeName: node-2, containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-web}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
`);
  it('externalTrafficPolicy Cluster + a deny-all: only through the pod\'s own node (SNAT to it) does it get in', () => {
    const t = run('internet', 'loadbalancer/default/web:80');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/web']]);
    expect(t.hops.every((h) => h.verdict === 'pass')).toBe(true);
    expect(t.hops.find((h) => h.kind === 'loadbalancer')!.reason).toMatch(/→ node-2 NodePort .*may pick any of 3 nodes; following one through which an endpoint accepts/);
    // Seeded, each packet goes where the load balancer sends it: through node-1 and node-3 it is dropped.
    const seeded = [0, 1, 2].map((seed) => run('internet', 'loadbalancer/default/web:80', seed));
    expect(seeded.map((s) => s.hops.find((h) => h.kind === 'node')!.ref)).toEqual(['node/node-1', 'node/node-2', 'node/node-3']);
    expect(seeded.map((s) => s.hops.some((h) => h.verdict === 'drop'))).toEqual([true, false, true]);
    expect(seeded.map((s) => s.verdict)).toEqual(['allow', 'allow', 'allow']);
  });
});
