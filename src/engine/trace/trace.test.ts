import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../simulate';
import type { Hop, Trace } from '../types';
import { auditQuery } from '../testing/trace-audit';

const FULL_FLOW = readFileSync(new URL('../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');

/**
 * Every trace these tests ask for is also held to the promises of a teaching trace (hops with
 * addresses, acting objects, one sentence; policy hops naming policy and rule), and every policy
 * drop's fix is applied to the scenario text, re-simulated, and must flip the same query.
 */
function audited(text: string, name = 'test.yaml') {
  const { cluster } = simulate([{ name, text }]);
  const run = (from: string, to: string, seed?: number): Trace => {
    const { trace: t, problems } = auditQuery(text, cluster, { from, to, ...(seed !== undefined ? { seed } : {}) });
    expect(problems, `${from} → ${to}`).toEqual([]);
    return t;
  };
  return { cluster, run };
}

function trace(text: string, from: string, to: string, seed?: number): Trace {
  return audited(text).run(from, to, seed);
}

const drop = (t: Trace): Hop | undefined => t.hops.find((h) => h.verdict === 'drop');
const hopOf = (t: Trace, kind: Hop['kind']): Hop | undefined => t.hops.find((h) => h.kind === kind);
/** Hop kinds with a run of CNI hops (one on a node, two across nodes) counted once. */
const pathKinds = (t: Trace): string[] => t.hops.map((h) => h.kind).filter((k, i, all) => k !== 'cni' || all[i - 1] !== 'cni');
/** Drops a whole YAML document (by `name:`) from a multi-document text. */
const withoutDocument = (text: string, name: string): string =>
  text
    .split(/^---$/m)
    .filter((doc) => !new RegExp(`^\\s*name: ${name}$`, 'm').test(doc))
    .join('---');

describe('traceQuery on scenarios/full-flow.yaml', () => {
  const { cluster, run } = audited(FULL_FLOW, 'full-flow.yaml');
  it.each([
    {
      from: 'internet',
      to: 'http://example.com/api',
      verdict: 'allow',
      status: 200,
      backend: 'service/default/backend-service:8080',
      endpoints: ['default/backend-0', 'default/backend-1'],
    },
    {
      from: 'internet',
      to: 'http://example.com/api/users?page=2',
      verdict: 'allow',
      status: 200,
      backend: 'service/default/backend-service:8080',
      endpoints: ['default/backend-0', 'default/backend-1'],
    },
    { from: 'internet', to: 'http://example.com/auth', verdict: 'allow', status: 200, backend: 'service/default/auth-service:80', endpoints: ['default/auth-0'] },
    { from: 'internet', to: 'http://example.com/', verdict: 'allow', status: 200, backend: 'service/default/frontend-service:80', endpoints: ['default/frontend-0', 'default/frontend-1'] },
    { from: 'internet', to: 'http://example.com/apis', verdict: 'allow', status: 200, backend: 'service/default/frontend-service:80', endpoints: ['default/frontend-0', 'default/frontend-1'] },
    { from: 'internet', to: 'http://unknown.example.org/', verdict: 'allow', status: 404, backend: undefined, endpoints: [] },
    { from: 'deployment/default/frontend', to: 'service/default/backend-service:8080', verdict: 'allow', status: undefined, backend: undefined, endpoints: ['default/backend-0', 'default/backend-1'] },
    { from: 'deployment/default/database', to: 'service/default/backend-service:8080', verdict: 'deny', status: undefined, backend: undefined, endpoints: [] },
    { from: 'deployment/default/backend', to: 'service/default/database:3306', verdict: 'allow', status: undefined, backend: undefined, endpoints: ['default/database-0'] },
    { from: 'deployment/default/backend', to: 'dns/database:3306', verdict: 'deny', status: undefined, backend: undefined, endpoints: [] },
    { from: 'deployment/default/frontend', to: 'dns/backend-service.default.svc.cluster.local:8080', verdict: 'allow', status: undefined, backend: undefined, endpoints: ['default/backend-0', 'default/backend-1'] },
    { from: 'internet', to: 'service/default/backend-service:8080', verdict: 'deny', status: undefined, backend: undefined, endpoints: [] },
    { from: 'deployment/default/frontend', to: 'service/default/backend-service:9999', verdict: 'deny', status: undefined, backend: undefined, endpoints: [] },
  ])('$from → $to: $verdict $status', ({ from, to, verdict, status, backend, endpoints }) => {
    const [t] = traceQueries(cluster, [{ from, to }]);
    expect(t).toEqual(run(from, to));
    expect(t!.error).toBeUndefined();
    expect({ verdict: t!.verdict, status: t!.status, backend: t!.backend, endpoints: t!.endpoints }).toEqual({ verdict, status, backend, endpoints });
    // A denied trace shows where; an allowed one ends at a pod or the controller's own answer.
    if (verdict === 'deny') expect(drop(t!)).toBeDefined();
    for (const h of t!.hops) expect(h.at).toMatch(/^(internet|loadbalancer\/[^/]+\/[^/]+|node\/[^/]+|ingress\/[^/]+\/[^/]+|service\/[^/]+\/[^/]+|pod\/[^/]+\/[^/]+)$/);
  });

  it('internet → /api travels LB → node (SNAT) → controller → Ingress → Service → CNI → policy → pod', () => {
    const t = run('internet', 'http://example.com/api');
    const kinds = t.hops.map((h) => h.kind).filter((k) => k !== 'cni');
    expect(kinds).toEqual(['client', 'loadbalancer', 'node', 'ingress-controller', 'ingress', 'service', 'policy', 'pod']);
    const lb = hopOf(t, 'loadbalancer')!;
    expect(lb.at).toBe('loadbalancer/ingress-nginx/ingress-nginx-controller');
    expect(lb.before).toMatchObject({ dstIP: '203.0.113.10', dstPort: 80 });
    const node = hopOf(t, 'node')!;
    const nodeIP = cluster.nodes.find((n) => n.ref === node.ref)!.ip;
    // externalTrafficPolicy: Cluster: the controller pod sees the node IP.
    expect(node.before?.dstIP).toBe(nodeIP);
    expect(node.after?.srcIP).toBe(nodeIP);
    expect(hopOf(t, 'ingress-controller')!.before?.srcIP).toBe(nodeIP);
    expect(hopOf(t, 'ingress')!.ref).toBe('ingress/default/webapp-ingress');
    const policy = hopOf(t, 'policy')!;
    expect(policy).toMatchObject({ verdict: 'pass', policy: 'default/allow-ingress-to-backend', rule: 0, direction: 'ingress' });
    const ctrlIP = cluster.pods[cluster.lookups.podByRef['pod/ingress-nginx/ingress-nginx-controller-0']!]!.ip;
    expect(t.hops.at(-1)!.before).toMatchObject({ srcIP: ctrlIP, dstPort: 8080 });
  });

  it('/auth reaches the named targetPort (http → 9000)', () => {
    const t = run('internet', 'http://example.com/auth/login');
    expect(t.hops.at(-1)).toMatchObject({ kind: 'pod', ref: 'pod/default/auth-0' });
    expect(t.hops.at(-1)!.before?.dstPort).toBe(9000);
  });

  it('database → backend drops at allow-frontend-to-backend with the isolating policies and a fix', () => {
    const t = run('deployment/default/database', 'service/default/backend-service:8080');
    const d = drop(t)!;
    expect(d).toMatchObject({ kind: 'policy', ref: 'networkpolicy/default/allow-frontend-to-backend', direction: 'ingress' });
    expect(d.isolatingPolicies).toEqual(['default/allow-frontend-to-backend', 'default/allow-ingress-to-backend']);
    expect(d.fix).toBeDefined();
    expect(t.blocked).toEqual(['default/backend-0', 'default/backend-1']);
    expect(t.blocked).toContain(podOf(d.at));
  });

  it('kube-proxy DNATs the ClusterIP to the pod IP and the port to targetPort', () => {
    const t = run('deployment/default/backend', 'service/default/database:3306');
    const kp = hopOf(t, 'kube-proxy')!;
    const svc = cluster.services[cluster.lookups.serviceByRef['service/default/database']!]!;
    const db = cluster.pods[cluster.lookups.podByRef['pod/default/database-0']!]!;
    expect(kp.before).toMatchObject({ dstIP: svc.clusterIP, dstPort: 3306 });
    expect(kp.after).toMatchObject({ dstIP: db.ip, dstPort: 3306 });
    expect(hopOf(t, 'policy')).toMatchObject({ verdict: 'pass', policy: 'default/backend-egress-to-db', rule: 0, direction: 'egress' });
  });

  it('backend → dns/database drops at the DNS hop (isolated for egress), and the fix flips it', () => {
    const t = run('deployment/default/backend', 'dns/database:3306');
    const d = drop(t)!;
    expect(d).toMatchObject({ kind: 'dns', direction: 'egress', at: 'service/kube-system/kube-dns' });
    expect(d.isolatingPolicies).toEqual(['default/backend-egress-to-db']);
    expect(t.blocked).toEqual(['default/database-0']);
    const fixed = withoutDocument(FULL_FLOW, d.fix!.policy.split('/')[1]!) + '\n---\n' + d.fix!.yaml;
    const after = trace(fixed, 'deployment/default/backend', 'dns/database:3306');
    expect([after.verdict, after.endpoints]).toEqual(['allow', ['default/database-0']]);
  });

  it('removing allow-ingress-to-backend makes internet → /api deny at the backend pod; the fix flips it', () => {
    const broken = withoutDocument(FULL_FLOW, 'allow-ingress-to-backend');
    const t = trace(broken, 'internet', 'http://example.com/api');
    expect([t.verdict, t.status, t.endpoints]).toEqual(['deny', undefined, []]);
    expect(t.blocked).toEqual(['default/backend-0', 'default/backend-1']);
    const d = drop(t)!;
    expect(d.kind).toBe('policy');
    expect(d.direction).toBe('ingress');
    expect(d.at).toMatch(/^pod\/default\/backend-\d$/);
    expect(d.isolatingPolicies).toEqual(['default/allow-frontend-to-backend']);
    expect(d.fix).toBeDefined();
    const base = d.fix!.kind === 'patch' ? withoutDocument(broken, d.fix!.policy.split('/')[1]!) : broken;
    const fixed = trace(`${base}\n---\n${d.fix!.yaml}`, 'internet', 'http://example.com/api');
    expect([fixed.verdict, fixed.status, fixed.backend]).toEqual(['allow', 200, 'service/default/backend-service:8080']);
  });

  it('a node reaches its own pods whatever the policies, not the other nodes\' pods', () => {
    const backend0 = cluster.pods[cluster.lookups.podByRef['pod/default/backend-0']!]!;
    const other = cluster.nodes.find((n) => n.name !== backend0.nodeName)!;
    expect(run(`node/${backend0.nodeName!}`, 'pod/default/backend-0:8080').verdict).toBe('allow');
    expect(run(`node/${other.name}`, 'pod/default/backend-0:8080').verdict).toBe('deny');
  });

  it('egress to the world: an egress-isolated pod is stopped, the others are SNATed out', () => {
    const isolated = run('deployment/default/backend', 'ip/8.8.8.8:443');
    expect([isolated.verdict, drop(isolated)?.direction]).toEqual(['deny', 'egress']);
    const free = run('deployment/default/frontend', 'ip/8.8.8.8:443');
    expect(free.verdict).toBe('allow');
    const snat = hopOf(free, 'node')!;
    expect(snat.after?.srcIP).toBe(cluster.nodes.find((n) => n.ref === snat.ref)!.ip);
  });
});

function podOf(at: string): string {
  return at.replace(/^pod\//, '');
}

const TUTORIAL = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: my-app}
spec:
  replicas: 2
  selector: {matchLabels: {app: my-app}}
  template:
    metadata: {labels: {app: my-app}}
    spec:
      containers: [{name: app, image: my-app, ports: [{containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client}
spec:
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec:
      containers: [{name: c, image: curl}]
---
apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  type: ClusterIP
  selector:
    app: my-app
  ports:
    - protocol: TCP
      port: 80       # Service port
      targetPort: 8080 # Pod port
---
apiVersion: v1
kind: Service
metadata:
  name: my-nodeport-service
spec:
  type: NodePort
  selector:
    app: my-app
  ports:
    - protocol: TCP
      port: 80         # Service port
      targetPort: 8080 # Pod port
      nodePort: 30080  # Optional: static NodePort, else Kubernetes assigns one
---
apiVersion: v1
kind: Service
metadata:
  name: my-loadbalancer-service
spec:
  type: LoadBalancer
  selector:
    app: my-app
  ports:
    - protocol: TCP
      port: 80         # External port
      targetPort: 8080 # Pod port
`;

describe('the ingress controller reached at its other addresses routes by the Ingress rules', () => {
  const { cluster, run } = audited(FULL_FLOW, 'full-flow.yaml');
  const controller = cluster.services.find((s) => s.ref === 'service/ingress-nginx/ingress-nginx-controller')!;
  const httpNodePort = controller.ports.find((p) => p.port === 80)!.nodePort!;

  // The Host is the address asked, which no rule names (they name example.com): the controller
  // itself answers 404, as curl http://<NodeIP>:<NodePort>/api without a Host header gets.
  it.each(['node-1', 'node-2', 'node-3'])('http://<IP of %s>:<its NodePort>/api from the internet: NodePort → controller → Ingress rules (404)', (name) => {
    const ip = cluster.nodes.find((n) => n.name === name)!.ip;
    const t = run('internet', `http://${ip}:${httpNodePort}/api`);
    expect([t.verdict, t.status, t.backend]).toEqual(['allow', 404, undefined]);
    expect(pathKinds(t).slice(0, 4)).toEqual(['client', 'node', 'cni', 'ingress-controller']);
    expect(hopOf(t, 'loadbalancer')).toBeUndefined();
  });

  it('a rule without host answers any Host: through a NodePort the request reaches the backend (200)', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: any-host}
spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
`;
    const h = audited(text, 'any-host.yaml');
    const ctrl = h.cluster.services.find((x) => x.ref === 'service/ingress-nginx/ingress-nginx-controller')!;
    const nodePort = ctrl.ports.find((p) => p.port === 80)!.nodePort!;
    const t = h.run('internet', `http://${h.cluster.nodes[1]!.ip}:${nodePort}/`);
    expect([t.verdict, t.status, t.backend, t.endpoints]).toEqual(['allow', 200, 'service/default/web:80', ['default/web-0']]);
    const fromPod = h.run('deployment/default/web', `http://${ctrl.clusterIP!}/`);
    expect([fromPod.verdict, fromPod.status, fromPod.backend]).toEqual(['allow', 200, 'service/default/web:80']);
  });

  it.each(['http://ingress-nginx-controller.ingress-nginx/api', 'CLUSTER-IP'])('%s from a pod: its ClusterIP → controller → Ingress rules (404)', (to) => {
    const t = run('deployment/default/frontend', to.replace('CLUSTER-IP', `http://${controller.clusterIP!}/api`));
    expect([t.verdict, t.status, t.backend]).toEqual(['allow', 404, undefined]);
    expect(hopOf(t, 'kube-proxy')?.ref).toBe('service/ingress-nginx/ingress-nginx-controller');
    expect(hopOf(t, 'ingress-controller')?.ref).toBe('pod/ingress-nginx/ingress-nginx-controller-0');
    expect(hopOf(t, 'loadbalancer')).toBeUndefined();
  });
});

describe('the seed tutorial Service examples', () => {
  const { cluster, run } = audited(TUTORIAL, 'tutorial.yaml');

  it('ClusterIP: reachable from a pod, port 80 → targetPort 8080', () => {
    const t = run('deployment/default/client', 'service/default/my-service:80');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/my-app-0', 'default/my-app-1']]);
    expect(hopOf(t, 'kube-proxy')!.after?.dstPort).toBe(8080);
  });

  it('ClusterIP: not reachable from outside', () => {
    expect(run('internet', 'service/default/my-service:80').verdict).toBe('deny');
    expect(run('ip/203.0.113.99', 'service/default/my-service:80').verdict).toBe('deny');
  });

  it.each(['node-1', 'node-2', 'node-3'])('NodePort 30080 on %s: SNAT to that node (externalTrafficPolicy: Cluster)', (node) => {
    const t = run('internet', `nodeport/${node}:30080`);
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/my-app-0', 'default/my-app-1']]);
    const n = hopOf(t, 'node')!;
    const ip = cluster.nodes.find((x) => x.name === node)!.ip;
    expect(n.before).toMatchObject({ dstIP: ip, dstPort: 30080 });
    expect(n.after).toMatchObject({ srcIP: ip, dstPort: 8080 });
  });

  it.each(['node-1', 'node-2', 'node-3'])('the tutorial\'s <NodeIP>:<NodePort>: ip/<IP of %s>:30080 is that NodePort', (node) => {
    const ip = cluster.nodes.find((x) => x.name === node)!.ip;
    const t = run('internet', `ip/${ip}:30080`);
    const direct = run('internet', `nodeport/${node}:30080`);
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/my-app-0', 'default/my-app-1']]);
    expect(t.hops.map((h) => [h.kind, h.ref, h.verdict])).toEqual(direct.hops.map((h) => [h.kind, h.ref, h.verdict]));
    expect(hopOf(t, 'node')!.after).toMatchObject({ srcIP: ip, dstPort: 8080 });
    // From a pod too: kube-proxy answers on the node IP whoever sends.
    expect(run('deployment/default/client', `ip/${ip}:30080`).endpoints).toEqual(['default/my-app-0', 'default/my-app-1']);
  });

  it('ip/ on a node IP and a port no NodePort opens is the node\'s host network', () => {
    const ip = cluster.nodes[0]!.ip;
    const t = run('internet', `ip/${ip}:22`);
    expect(t.hops.map((h) => h.kind)).toEqual(['client', 'node']);
    expect(hopOf(t, 'node')!.reason).toMatch(/host network/);
  });

  it('ip/ addresses that belong to the cluster take their real path', () => {
    const svc = (name: string) => cluster.services[cluster.lookups.serviceByRef[`service/default/${name}`]!]!;
    const pod = cluster.pods[cluster.lookups.podByRef['pod/default/my-app-1']!]!;
    const viaClusterIP = run('deployment/default/client', `ip/${svc('my-service').clusterIP!}:80`);
    expect([viaClusterIP.verdict, pathKinds(viaClusterIP)]).toEqual(['allow', ['client', 'service', 'kube-proxy', 'cni', 'pod']]);
    expect(run('internet', `ip/${svc('my-service').clusterIP!}:80`).verdict).toBe('deny');
    const viaLB = run('internet', `ip/${svc('my-loadbalancer-service').loadBalancerIPs[0]!}:80`);
    expect([viaLB.verdict, hopOf(viaLB, 'loadbalancer')?.ref]).toEqual(['allow', 'service/default/my-loadbalancer-service']);
    const toPod = run('deployment/default/client', `ip/${pod.ip!}:8080`);
    expect([toPod.endpoints, toPod.hops.at(-1)?.ref]).toEqual([['default/my-app-1'], 'pod/default/my-app-1']);
    const outside = run('deployment/default/client', 'ip/8.8.8.8:53');
    expect(outside.hops.at(-1)).toMatchObject({ kind: 'client', ref: 'ip/8.8.8.8' });
  });

  it.each(['http://my-service/', 'http://my-service.default/', 'http://my-service.default.svc/', 'http://my-service.default.svc.cluster.local/'])(
    'curl %s in a pod: cluster DNS → ClusterIP:80 → kube-proxy → pod, not the load balancer',
    (url) => {
      const t = run('deployment/default/client', url);
      expect([t.verdict, t.status, t.backend, t.endpoints]).toEqual(['allow', 200, 'service/default/my-service:80', ['default/my-app-0', 'default/my-app-1']]);
      expect(pathKinds(t)).toEqual(['client', 'dns', 'service', 'kube-proxy', 'cni', 'pod']);
      const clusterIP = cluster.services[cluster.lookups.serviceByRef['service/default/my-service']!]!.clusterIP;
      expect(hopOf(t, 'service')!.before).toMatchObject({ dstIP: clusterIP, dstPort: 80 });
      expect(hopOf(t, 'kube-proxy')!.after?.dstPort).toBe(8080);
    },
  );

  it('http:// to a cluster name on a port the Service does not define: refused at the ClusterIP', () => {
    const t = run('deployment/default/client', 'http://my-service:8080/');
    expect([t.verdict, t.status, drop(t)?.kind]).toEqual(['deny', undefined, 'service']);
  });

  it('http:// from a node: the cluster DNS without a namespace in the search list', () => {
    const t = run('node/node-2', 'http://my-service.default/');
    expect([t.verdict, t.status, pathKinds(t)]).toEqual(['allow', 200, ['client', 'dns', 'service', 'kube-proxy', 'cni', 'pod']]);
    // A bare Service name is no cluster name for a node: out to the ingress controller (none here).
    expect(hopOf(run('node/node-2', 'http://my-service/'), 'dns')).toBeUndefined();
  });

  it('http:// from outside never uses the cluster DNS', () => {
    const t = run('internet', 'http://my-service/');
    expect([t.verdict, hopOf(t, 'dns')]).toEqual(['deny', undefined]);
    expect(drop(t)?.kind).toBe('ingress-controller');
  });

  it('http:// to a ClusterIP from a pod is that Service', () => {
    const clusterIP = cluster.services[cluster.lookups.serviceByRef['service/default/my-service']!]!.clusterIP!;
    const t = run('deployment/default/client', `http://${clusterIP}/`);
    expect([t.verdict, t.status, t.backend, hopOf(t, 'loadbalancer')]).toEqual(['allow', 200, 'service/default/my-service:80', undefined]);
  });

  it('a pod isolated for egress: to its own node\'s NodePort the policy judges the endpoint (after DNAT), to another node\'s the node address', () => {
    const egress = `${TUTORIAL}---
apiVersion: v1
kind: Pod
metadata: {name: locked, labels: {app: locked}}
spec: {nodeName: node-1, containers: [{name: c, image: curl}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: locked-egress}
spec:
  podSelector: {matchLabels: {app: locked}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: my-app}}}], ports: [{port: 8080}]}]
`;
    const e = audited(egress, 'egress.yaml');
    const ipOf = (name: string) => e.cluster.nodes.find((n) => n.name === name)!.ip;
    const own = e.run('pod/default/locked', `ip/${ipOf('node-1')}:30080`);
    expect([own.verdict, hopOf(own, 'policy')?.policy]).toEqual(['allow', 'default/locked-egress']);
    const far = e.run('pod/default/locked', `ip/${ipOf('node-2')}:30080`);
    expect([far.verdict, drop(far)?.kind, drop(far)?.direction]).toEqual(['deny', 'policy', 'egress']);
    expect(e.run('pod/default/locked', 'nodeport/node-2:30080').verdict).toBe('deny');
  });

  it('a NodePort nobody opens: nothing listens', () => {
    const t = run('internet', 'nodeport/node-1:30081');
    expect([t.verdict, drop(t)?.kind]).toEqual(['deny', 'node']);
  });

  it('LoadBalancer: external IP → NodePort → pod', () => {
    const t = run('internet', 'loadbalancer/default/my-loadbalancer-service:80');
    expect(t.verdict).toBe('allow');
    const lb = hopOf(t, 'loadbalancer')!;
    expect(lb.at).toBe('loadbalancer/default/my-loadbalancer-service');
    expect(lb.before?.dstIP).toMatch(/^203\.0\.113\.\d+$/);
    const svc = cluster.services[cluster.lookups.serviceByRef['service/default/my-loadbalancer-service']!]!;
    expect(lb.after?.dstPort).toBe(svc.ports[0]!.nodePort);
  });

  it('a ClusterIP Service is no load balancer', () => {
    expect(run('internet', 'loadbalancer/default/my-service:80').verdict).toBe('deny');
  });

  it.each([
    ['pod/default/nope', 'pod/default/my-app-0:8080', /pod default\/nope does not exist/],
    ['deployment/default/nope', 'pod/default/my-app-0:8080', /deployment default\/nope has no pod nope-0/],
    ['node/node-9', 'pod/default/my-app-0:8080', /node node-9 does not exist/],
    ['internet', 'service/default/nope:80', /Service default\/nope does not exist/],
    ['internet', 'pod/default/my-app-0:metrics', /declares no TCP port named "metrics"/],
    ['internet', 'loadbalancer/default/my-service:web', /no port named "web"/],
    ['deployment/default/client', 'service/default/my-service:http', /no port named "http"/],
    ['internet', 'dns/my-service:80', /use a pod, workload or node source/],
    ['pod/default', 'internet', /expected pod/],
    ['internet', 'pod/default/x', /port is required/],
  ])('%s → %s is an error', (from, to, message) => {
    const t = run(from, to);
    expect(t.error).toMatch(message);
    expect(t.verdict).toBe('deny');
  });

  it('a numeric port nothing declares is evaluated with a note', () => {
    const t = run('deployment/default/client', 'pod/default/my-app-0:9999');
    expect(t.verdict).toBe('allow');
    expect(t.notes.join(' ')).toMatch(/declares TCP 9999/);
  });

  it('internet and ip/ reach pods directly, no rewrite', () => {
    const t = run('ip/8.8.4.4', 'pod/default/my-app-1:8080');
    expect(t.verdict).toBe('allow');
    expect(t.hops.at(-1)!.before?.srcIP).toBe('8.8.4.4');
  });
});

const TRAFFIC_POLICY = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeName: node-2
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client-1, labels: {app: client}}
spec: {nodeName: node-1, containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client-2, labels: {app: client}}
spec: {nodeName: node-2, containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Service
metadata: {name: local-np}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: web}
  ports: [{port: 80, nodePort: 30090}]
---
apiVersion: v1
kind: Service
metadata: {name: local-lb}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: local-internal}
spec:
  internalTrafficPolicy: Local
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec:
  sessionAffinity: ClientIP
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: round-robin}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

describe('Service traffic policies end to end', () => {
  const { run } = audited(TRAFFIC_POLICY, 'tp.yaml');

  it('externalTrafficPolicy: Local on a node without endpoints drops', () => {
    const t = run('internet', 'nodeport/node-1:30090');
    expect(t.verdict).toBe('deny');
    expect(drop(t)).toMatchObject({ kind: 'node', ref: 'node/node-1' });
    expect(t.blocked).toEqual(['default/web-0', 'default/web-1']);
  });

  it('externalTrafficPolicy: Local keeps the client IP', () => {
    const t = run('ip/203.0.113.50', 'nodeport/node-2:30090');
    expect(t.verdict).toBe('allow');
    expect(hopOf(t, 'node')!.after?.srcIP).toBe('203.0.113.50');
    expect(t.hops.at(-1)!.before?.srcIP).toBe('203.0.113.50');
  });

  it('the cloud load balancer only sends to nodes with a local endpoint (Local)', () => {
    for (const seed of [0, 1, 2]) {
      const t = run('internet', 'loadbalancer/default/local-lb:80', seed);
      expect(t.verdict).toBe('allow');
      expect(hopOf(t, 'node')!.ref).toBe('node/node-2');
    }
  });

  it('internalTrafficPolicy: Local: only endpoints on the client node', () => {
    const far = run('pod/default/client-1', 'service/default/local-internal:80');
    expect([far.verdict, drop(far)?.kind, far.blocked]).toEqual(['deny', 'kube-proxy', ['default/web-0', 'default/web-1']]);
    const near = run('pod/default/client-2', 'service/default/local-internal:80');
    expect([near.verdict, near.endpoints]).toEqual(['allow', ['default/web-0', 'default/web-1']]);
  });

  it('the seed spreads connections; sessionAffinity: ClientIP pins one client', () => {
    const picked = (svc: string, seed: number) => run('pod/default/client-1', `service/default/${svc}:80`, seed).hops.at(-1)!.ref;
    expect(new Set([0, 1, 2, 3].map((s) => picked('round-robin', s))).size).toBe(2);
    expect(new Set([0, 1, 2, 3].map((s) => picked('sticky', s))).size).toBe(1);
  });
});

const INGRESS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ok}
spec:
  selector: {matchLabels: {app: ok}}
  template:
    metadata: {labels: {app: ok}}
    spec: {containers: [{name: ok, image: nginx, ports: [{name: web, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: ok}
spec:
  selector: {app: ok}
  ports: [{name: http, port: 80, targetPort: web}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec:
  selector: {app: nothing-runs-this}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: secure}
spec:
  ingressClassName: nginx
  tls: [{hosts: [secure.example.com], secretName: secure-tls}]
  rules:
  - host: secure.example.com
    http:
      paths:
      - {path: /ok, pathType: Prefix, backend: {service: {name: ok, port: {name: http}}}}
      - {path: /empty, pathType: Prefix, backend: {service: {name: empty, port: {number: 80}}}}
      - {path: /docs/, pathType: ImplementationSpecific, backend: {service: {name: ok, port: {number: 80}}}}
`;

describe('Ingress answers: 200, 404, 503, TLS redirect', () => {
  const { run: runFrom } = audited(INGRESS, 'ing.yaml');
  const run = (to: string) => runFrom('internet', to);

  it('http to a TLS host: 308 to https, followed, then 200 with the named port resolved', () => {
    const t = run('http://secure.example.com/ok');
    expect([t.verdict, t.status, t.backend, t.endpoints]).toEqual(['allow', 200, 'service/default/ok:80', ['default/ok-0']]);
    expect(t.hops.filter((h) => h.kind === 'ingress')[0]!.reason).toMatch(/308/);
    const lbs = t.hops.filter((h) => h.kind === 'loadbalancer');
    expect(lbs.map((h) => h.before?.dstPort)).toEqual([80, 443]);
    expect(t.hops.at(-1)!.before?.dstPort).toBe(8080);
  });

  it('a path written with a trailing slash: nginx 301 → /docs/, then the TLS 308, both followed, then 200', () => {
    const t = run('http://secure.example.com/docs');
    expect([t.verdict, t.status, t.backend]).toEqual(['allow', 200, 'service/default/ok:80']);
    expect(t.notes.filter((n) => /answered (301|308)/.test(n))).toEqual([
      'the controller answered 301 → http://secure.example.com/docs/; the client follows it',
      'the controller answered 308 → https://secure.example.com/docs/; the client follows it',
    ]);
    expect(t.hops.filter((h) => h.kind === 'ingress').map((h) => h.reason)).toEqual([
      expect.stringMatching(/nginx answers 301 → \/docs\//),
      expect.stringMatching(/redirects plain HTTP with 308/),
      expect.stringMatching(/matches \/docs\//),
    ]);
  });

  it('https straight away: no redirect', () => {
    const t = run('https://secure.example.com/ok/x');
    expect([t.status, t.hops.filter((h) => h.kind === 'loadbalancer').length]).toEqual([200, 1]);
  });

  it('no ready endpoints: 503 from the controller', () => {
    const t = run('https://secure.example.com/empty');
    expect([t.verdict, t.status, t.backend, t.endpoints]).toEqual(['allow', 503, 'service/default/empty:80', []]);
  });

  it('no rule, no default backend: 404', () => {
    const t = run('https://secure.example.com/other');
    expect([t.verdict, t.status, t.backend]).toEqual(['allow', 404, undefined]);
  });
});

const DNS = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: api.example.org
---
apiVersion: v1
kind: Pod
metadata: {name: app, labels: {app: app}}
spec: {containers: [{name: c, image: curl}]}
`;

describe('DNS, headless and ExternalName', () => {
  const { run } = audited(DNS, 'dns.yaml');

  it('headless: every ready pod could serve; the seed picks the A record used', () => {
    const a = run('pod/default/app', 'dns/db:5432', 0);
    const b = run('pod/default/app', 'dns/db:5432', 1);
    expect([a.verdict, a.endpoints]).toEqual(['allow', ['default/db-0', 'default/db-1']]);
    expect(a.hops.find((h) => h.kind === 'kube-proxy')).toBeUndefined();
    expect(new Set([a.hops.at(-1)!.ref, b.hops.at(-1)!.ref]).size).toBe(2);
  });

  it('a StatefulSet pod by its own name, with a named port', () => {
    const t = run('pod/default/app', 'dns/db-1.db.default.svc.cluster.local:pg');
    expect([t.verdict, t.endpoints, t.hops.at(-1)!.before?.dstPort]).toEqual(['allow', ['default/db-1'], 5432]);
  });

  it.each([
    { name: 'serviceName names the headless Service', change: (t: string) => t, rcode: 'allow' },
    { name: 'no serviceName: no per-pod record', change: (t: string) => t.replace('  serviceName: db\n', ''), rcode: 'deny' },
    { name: 'serviceName names another Service', change: (t: string) => t.replace('serviceName: db', 'serviceName: other'), rcode: 'deny' },
  ])('StatefulSet per-pod DNS follows spec.serviceName: $name', ({ change, rcode }) => {
    const t = audited(change(DNS)).run('pod/default/app', 'dns/db-0.db:5432');
    expect(t.verdict).toBe(rcode);
    if (rcode === 'deny') expect(drop(t)!.reason).toMatch(/NXDOMAIN/);
  });

  it('a plain Pod with hostname and subdomain gets HOSTNAME.SUBDOMAIN under its headless Service', () => {
    const pod = `\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {app: db}}\nspec: {hostname: primary, subdomain: db, containers: [{name: pg, image: postgres}]}\n`;
    const { run: r } = audited(DNS + pod);
    expect([r('pod/default/app', 'dns/primary.db:5432').verdict, r('pod/default/app', 'dns/primary.db:5432').endpoints]).toEqual(['allow', ['default/solo']]);
    expect(r('pod/default/app', 'dns/solo.db:5432').verdict).toBe('deny');
  });

  it('service/ on a headless Service connects straight to its ready pods, as DNS does (no ClusterIP, no kube-proxy)', () => {
    const t = run('pod/default/app', 'service/default/db:5432');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/db-0', 'default/db-1']]);
    expect(t.hops.find((h) => h.kind === 'kube-proxy')).toBeUndefined();
    expect(t.hops.at(-1)!.before?.dstIP).toMatch(/^10\.244\./);
  });

  it('no ClusterIP to connect to for an ExternalName Service', () => {
    expect(run('pod/default/app', 'service/default/ext:443').verdict).toBe('deny');
  });

  it('ExternalName by DNS: a CNAME, leaving the cluster', () => {
    const t = run('pod/default/app', 'dns/ext:443');
    expect(t.verdict).toBe('allow');
    expect(hopOf(t, 'dns')!.reason).toMatch(/CNAME api\.example\.org/);
  });

  it('an unknown name: NXDOMAIN', () => {
    const t = run('pod/default/app', 'dns/nothing:80');
    expect([t.verdict, drop(t)?.kind]).toEqual(['deny', 'dns']);
    expect(drop(t)!.reason).toMatch(/NXDOMAIN/);
  });
});

describe('egress to ipBlock', () => {
  const text = `
apiVersion: v1
kind: Pod
metadata: {name: app, labels: {app: app}}
spec: {containers: [{name: c, image: curl}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-google-dns}
spec:
  podSelector: {matchLabels: {app: app}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 8.8.8.0/24, except: [8.8.8.4/32]}}]
    ports: [{protocol: UDP, port: 53}]
`;
  const { run } = audited(text, 'egress.yaml');
  it.each([
    ['ip/8.8.8.8:53/udp', 'allow'],
    ['ip/8.8.8.8:53', 'deny'],
    ['ip/8.8.8.4:53/udp', 'deny'],
    ['ip/1.1.1.1:53/udp', 'deny'],
  ])('app → %s: %s', (to, verdict) => {
    const t = run('pod/default/app', to);
    expect(t.verdict).toBe(verdict);
    if (verdict === 'allow') expect(hopOf(t, 'policy')).toMatchObject({ policy: 'default/to-google-dns', rule: 0, direction: 'egress' });
  });
});

describe('Flannel does not enforce NetworkPolicy', () => {
  it('database → backend passes, the policy hop and a note say why', () => {
    const t = trace(FULL_FLOW.replace(/^cni: calico$/m, 'cni: flannel'), 'deployment/default/database', 'service/default/backend-service:8080');
    expect([t.verdict, t.endpoints]).toEqual(['allow', ['default/backend-0', 'default/backend-1']]);
    expect(hopOf(t, 'policy')).toMatchObject({ verdict: 'pass', direction: 'ingress' });
    expect(t.notes.join(' ')).toMatch(/Flannel does not enforce/);
  });
});

const ONE_LOCKED = `
apiVersion: v1
kind: Pod
metadata: {name: web-a, labels: {app: web, locked: "yes"}}
spec: {nodeName: node-1, containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-b, labels: {app: web}}
spec: {nodeName: node-2, containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {nodeName: node-3, containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, nodePort: 30081}]
---
apiVersion: v1
kind: Service
metadata: {name: web-headless}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: lock-a}
spec:
  podSelector: {matchLabels: {locked: "yes"}}
  policyTypes: [Ingress]
`;

describe('which endpoint a trace follows: any that accepts by default, kube-proxy\'s exact pick with a seed', () => {
  const { run } = audited(ONE_LOCKED, 'locked.yaml');
  const last = (t: Trace): Hop => t.hops.at(-1)!;
  it.each([
    { from: 'pod/default/client', to: 'service/default/web:80', balancer: 'kube-proxy', kind: 'kube-proxy' },
    // Through node-3, which runs neither pod (a node always reaches its own pods: kubelet probes).
    { from: 'internet', to: 'nodeport/node-3:30081', balancer: 'kube-proxy', kind: 'node' },
    { from: 'internet', to: 'http://web.example.com/', balancer: 'ingress-nginx', kind: 'service' },
  ] as const)('$from → $to', ({ from, to, balancer, kind }) => {
    // web-a (the first endpoint, kube-proxy's seed-0 pick) is isolated by a deny-all; web-b accepts.
    const t = run(from, to);
    expect([t.verdict, t.endpoints, t.blocked]).toEqual(['allow', ['default/web-b'], ['default/web-a']]);
    expect(t.hops.every((h) => h.verdict === 'pass')).toBe(true);
    expect(last(t).ref).toBe('pod/default/web-b');
    expect(hopOf(t, kind)!.reason).toContain(`${balancer} may pick any of 2 endpoints; following one that accepts`);
    // An explicit seed is followed exactly, drops included; the aggregate verdict does not change.
    const seeded = [0, 1, 2, 3].map((seed) => run(from, to, seed));
    expect(seeded.map((s) => s.verdict)).toEqual(['allow', 'allow', 'allow', 'allow']);
    expect(seeded.map((s) => drop(s)?.ref ?? last(s).ref)).toEqual([
      'networkpolicy/default/lock-a',
      'pod/default/web-b',
      'networkpolicy/default/lock-a',
      'pod/default/web-b',
    ]);
    for (const s of seeded) expect(hopOf(s, kind)!.reason).not.toContain('may pick any');
  });

  it('no note when every endpoint accepts, and the seed-0 pick is followed', () => {
    const open = audited(ONE_LOCKED.replace(/---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy[\s\S]*$/, ''), 'open.yaml').run('pod/default/client', 'service/default/web:80');
    expect([open.verdict, open.endpoints, last(open).ref]).toEqual(['allow', ['default/web-a', 'default/web-b'], 'pod/default/web-a']);
    expect(hopOf(open, 'kube-proxy')!.reason).not.toContain('may pick any');
  });

  it('headless DNS: the client may use any A record; the trace follows one that accepts', () => {
    const t = run('pod/default/client', 'dns/web-headless:80');
    expect([t.verdict, t.endpoints, t.blocked, last(t).ref]).toEqual(['allow', ['default/web-b'], ['default/web-a'], 'pod/default/web-b']);
    expect(t.notes.join(' ')).toMatch(/may use any of 2 A records; following one that accepts/);
    expect(drop(run('pod/default/client', 'dns/web-headless:80', 0))?.ref).toBe('networkpolicy/default/lock-a');
  });

  it('when no endpoint accepts, the default follows kube-proxy\'s pick to the drop', () => {
    const t = audited(ONE_LOCKED.replace('matchLabels: {locked: "yes"}', 'matchLabels: {app: web}'), 'all-locked.yaml').run('pod/default/client', 'service/default/web:80');
    expect([t.verdict, t.endpoints, t.blocked, drop(t)?.at]).toEqual(['deny', [], ['default/web-a', 'default/web-b'], 'pod/default/web-a']);
  });
});
