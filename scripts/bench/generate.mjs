/**
 * A synthetic cluster generator for the engine benchmarks: deterministic (seeded), so every
 * run measures the same YAML.
 *
 * A cluster of `pods` pods holds, in proportion:
 * - namespaces (about one per 60 pods, labelled team/env), a Scenario document that sets
 *   enough nodes for the pod CIDRs (a /24 per node) and calico;
 * - Deployments (1-6 replicas) whose pod templates carry `pod-template-hash` labels, as pods
 *   copied from a live cluster do, plus a few StatefulSets and bare Pods with status.podIP;
 * - a Service per workload (named targetPorts on some), a few NodePort/LoadBalancer ones;
 * - Ingresses with host/path rules over those Services;
 * - NetworkPolicies (`policies`, default pods / 5): default-deny, podSelector and
 *   namespaceSelector peers (alone and ANDed), matchExpressions (In, NotIn, Exists,
 *   DoesNotExist), ipBlocks with except, named ports, endPort ranges, DNS egress.
 * - ClusterNetworkPolicies (`clusterPolicies`, default none), policy.networking.k8s.io/v1alpha2,
 *   three fifths in the Admin tier and two fifths in the Baseline tier, with spread and equal
 *   priorities: subjects by namespace labels or namespace AND pod labels; Accept, Deny and Pass
 *   rules from namespaces and pods, to networks (with pod and node CIDRs), nodes and
 *   domainNames; port numbers, ranges, every port of a protocol and named ports.
 *   Also returned as engine objects (`clusterPolicyObjects`), for a bench whose reader does not
 *   read them yet.
 * - Gateway API (`gateways`, `httpRoutes`, `rulesPerRoute`; default none): a GatewayClass, Gateways
 *   in namespace `infra` with an HTTP and an HTTPS listener for `*.gw-N.example.com` admitting
 *   routes from all namespaces, and HTTPRoutes spread over them, each with its own host and
 *   `rulesPerRoute` rules: path prefixes and exact paths, header, query and method matches,
 *   weighted splits over two Services, a redirect and a rewrite. The trace sample is then an
 *   HTTP request through the first Gateway.
 * Container ports come from 8 port classes, as in budget B10.
 *
 * `uniqueLabels: true` makes the worst case: every pod is a bare Pod with its own
 * `statefulset.kubernetes.io/pod-name` label, and some policies select by that key, so no two
 * pods share a label set after projection on the selected keys.
 *
 * @example
 * const { yaml, stats } = generateCluster({ pods: 1000, seed: 1 });
 */

/** mulberry32: a tiny seeded PRNG (the bench must be reproducible). */
function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** The 8 port classes: number, name, protocol. */
export const PORT_CLASSES = [
  { port: 80, name: 'http', protocol: 'TCP' },
  { port: 443, name: 'https', protocol: 'TCP' },
  { port: 8080, name: 'http-alt', protocol: 'TCP' },
  { port: 9090, name: 'metrics', protocol: 'TCP' },
  { port: 5432, name: 'postgres', protocol: 'TCP' },
  { port: 6379, name: 'redis', protocol: 'TCP' },
  { port: 50051, name: 'grpc', protocol: 'TCP' },
  { port: 5353, name: 'mdns', protocol: 'UDP' },
];

const TIERS = ['frontend', 'backend', 'cache', 'db', 'worker', 'api'];
const TEAMS = ['payments', 'search', 'identity', 'catalog', 'ops'];
const ENVS = ['prod', 'staging', 'dev'];

function hashOf(random) {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[Math.floor(random.next() * alphabet.length)];
  return s;
}

function labelsYaml(labels, indent) {
  const pad = ' '.repeat(indent);
  return Object.entries(labels)
    .map(([k, v]) => `${pad}${k}: "${v}"`)
    .join('\n');
}

function portsYaml(ports, indent) {
  const pad = ' '.repeat(indent);
  return ports
    .map((p) => `${pad}- name: ${p.name}\n${pad}  containerPort: ${p.port}\n${pad}  protocol: ${p.protocol}`)
    .join('\n');
}

function selectorYaml(sel, indent) {
  const pad = ' '.repeat(indent);
  const out = [];
  if (sel.matchLabels && Object.keys(sel.matchLabels).length > 0) {
    out.push(`${pad}matchLabels:\n${labelsYaml(sel.matchLabels, indent + 2)}`);
  }
  if (sel.matchExpressions && sel.matchExpressions.length > 0) {
    out.push(
      `${pad}matchExpressions:\n` +
        sel.matchExpressions
          .map(
            (e) =>
              `${pad}  - key: ${e.key}\n${pad}    operator: ${e.operator}` +
              (e.values ? `\n${pad}    values: [${e.values.map((v) => `"${v}"`).join(', ')}]` : ''),
          )
          .join('\n'),
    );
  }
  return out.length > 0 ? out.join('\n') : `${pad}{}`;
}

function peerYaml(peer, indent) {
  const pad = ' '.repeat(indent);
  const parts = [];
  if (peer.podSelector) parts.push(`podSelector:\n${selectorYaml(peer.podSelector, indent + 4)}`);
  if (peer.namespaceSelector) parts.push(`namespaceSelector:\n${selectorYaml(peer.namespaceSelector, indent + 4)}`);
  if (peer.ipBlock) {
    parts.push(
      `ipBlock:\n${pad}    cidr: ${peer.ipBlock.cidr}` +
        (peer.ipBlock.except ? `\n${pad}    except: [${peer.ipBlock.except.join(', ')}]` : ''),
    );
  }
  return `${pad}- ` + parts.join(`\n${pad}  `);
}

function rulePortsYaml(ports, indent) {
  const pad = ' '.repeat(indent);
  return ports
    .map(
      (p) =>
        `${pad}- protocol: ${p.protocol}` +
        (p.port !== undefined ? `\n${pad}  port: ${p.port}` : '') +
        (p.endPort !== undefined ? `\n${pad}  endPort: ${p.endPort}` : ''),
    )
    .join('\n');
}

function ruleYaml(rule, direction, indent) {
  const pad = ' '.repeat(indent);
  const key = direction === 'ingress' ? 'from' : 'to';
  const lines = [];
  if (rule.peers.length > 0) lines.push(`${key}:\n${rule.peers.map((p) => peerYaml(p, indent + 2)).join('\n')}`);
  if (rule.ports.length > 0) lines.push(`ports:\n${rulePortsYaml(rule.ports, indent + 2)}`);
  if (lines.length === 0) return `${pad}- {}`;
  return `${pad}- ` + lines.join(`\n${pad}  `);
}

const selector = (matchLabels = {}, matchExpressions = []) => ({ matchLabels, matchExpressions });

/**
 * One cluster policy, as the engine's ClusterPolicyObject (plain data; `clusterPolicyYaml`
 * writes it as v1alpha2 YAML). A rotating mix of the shapes platform teams write.
 */
function generateClusterPolicy(i, random, workloads) {
  const wl = workloads[Math.floor(random.next() * workloads.length)];
  const other = workloads[Math.floor(random.next() * workloads.length)];
  const team = (ns) => selector({ team: ns.team });
  const tier = i % 5 < 3 ? 'Admin' : 'Baseline';
  // Spread priorities, and some equal ones (upstream: ambiguous; the engine orders them by name).
  const priority = (i * 7) % 50;
  const subjects = [
    { kind: 'namespaces', namespaceSelector: team(wl.ns) },
    { kind: 'pods', namespaceSelector: selector({ env: wl.ns.env }), podSelector: selector({ tier: wl.tier }) },
    { kind: 'namespaces', namespaceSelector: selector({}, [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }]) },
  ];
  const subject = subjects[i % subjects.length];
  const port = (p) => (random.chance(0.3) ? { kind: 'namedPort', name: p.name } : { kind: 'port', protocol: p.protocol, port: p.port });
  const rule = (name, action, peers, ports) => ({ name, action, peers, ...(ports ? { ports } : {}) });
  const ingress = [];
  const egress = [];
  switch (i % 6) {
    case 0: // always allow monitoring, deny dev
      ingress.push(rule('from-ops', 'Accept', [{ kind: 'namespaces', namespaceSelector: selector({ team: 'ops' }) }], [{ kind: 'port', protocol: 'TCP', port: 9090 }]));
      ingress.push(rule('no-dev', 'Deny', [{ kind: 'namespaces', namespaceSelector: selector({ env: 'dev' }) }]));
      break;
    case 1: // hand same-team traffic to the namespaces' NetworkPolicies, deny the rest of one team
      ingress.push(rule('same-team', 'Pass', [{ kind: 'namespaces', namespaceSelector: team(wl.ns) }]));
      ingress.push(rule('not-from-other', 'Deny', [{ kind: 'pods', namespaceSelector: team(other.ns), podSelector: selector({ app: other.app }) }], [port(wl.ports[0])]));
      break;
    case 2: // egress: DNS accepted, the pod network passed, the world denied except on 443
      egress.push(rule('dns', 'Accept', [{ kind: 'pods', namespaceSelector: selector({ 'kubernetes.io/metadata.name': 'kube-system' }), podSelector: selector({ 'k8s-app': 'kube-dns' }) }], [{ kind: 'port', protocol: 'UDP', port: 53 }, { kind: 'port', protocol: 'TCP', port: 53 }]));
      egress.push(rule('pods', 'Pass', [{ kind: 'networks', cidrs: ['10.244.0.0/16'] }]));
      egress.push(rule('https-out', 'Accept', [{ kind: 'networks', cidrs: ['0.0.0.0/0'] }, { kind: 'domainNames', domainNames: ['*.example.com'] }], [{ kind: 'port', protocol: 'TCP', port: 443 }]));
      egress.push(rule('world', 'Deny', [{ kind: 'networks', cidrs: ['0.0.0.0/0'] }]));
      break;
    case 3: // nodes: kubelet and host agents; private ranges (the whole pod network) on a port range
      egress.push(rule('to-nodes', 'Accept', [{ kind: 'nodes', nodeSelector: selector() }], [{ kind: 'port', protocol: 'TCP', port: 10250 }]));
      egress.push(rule('private', 'Deny', [{ kind: 'networks', cidrs: ['10.0.0.0/8', '172.16.0.0/12'] }], [{ kind: 'port', protocol: 'TCP', port: 5000, endPort: 9999 }]));
      break;
    case 4: // a port range and every UDP port from one app
      ingress.push(rule('range', 'Deny', [{ kind: 'pods', namespaceSelector: selector(), podSelector: selector({ app: other.app }) }], [{ kind: 'port', protocol: 'TCP', port: 5000, endPort: 9999 }, { kind: 'port', protocol: 'UDP', port: 1, endPort: 65535 }]));
      ingress.push(rule('same-env', 'Accept', [{ kind: 'namespaces', namespaceSelector: selector({ env: wl.ns.env }) }], [port(wl.ports[0])]));
      break;
    case 5: // both directions
      ingress.push(rule('frontends', 'Accept', [{ kind: 'pods', namespaceSelector: selector(), podSelector: selector({ tier: 'frontend' }) }], [{ kind: 'port', protocol: 'TCP', port: 80 }]));
      egress.push(rule('to-db', 'Pass', [{ kind: 'pods', namespaceSelector: team(wl.ns), podSelector: selector({ tier: 'db' }) }]));
      egress.push(rule('no-cache', 'Deny', [{ kind: 'pods', namespaceSelector: selector(), podSelector: selector({ tier: 'cache' }) }], [port(other.ports[0])]));
      break;
  }
  return {
    kind: 'ClusterNetworkPolicy',
    meta: { name: `cnp-${i}`, namespace: '', labels: {}, annotations: {} },
    tier,
    priority,
    subject,
    ingress,
    egress,
  };
}

function cnpPodsYaml(p, indent) {
  const pad = ' '.repeat(indent);
  if (p.kind === 'namespaces') return `${pad}namespaces:\n${selectorYaml(p.namespaceSelector, indent + 2)}`;
  return `${pad}pods:\n${pad}  namespaceSelector:\n${selectorYaml(p.namespaceSelector, indent + 4)}\n${pad}  podSelector:\n${selectorYaml(p.podSelector, indent + 4)}`;
}

function cnpPeerYaml(peer, indent) {
  const pad = ' '.repeat(indent);
  if (peer.kind === 'networks') return `${pad}- networks: [${peer.cidrs.join(', ')}]`;
  if (peer.kind === 'domainNames') return `${pad}- domainNames: [${peer.domainNames.map((d) => `"${d}"`).join(', ')}]`;
  if (peer.kind === 'nodes') return `${pad}- nodes:\n${selectorYaml(peer.nodeSelector, indent + 4)}`;
  return `${pad}-${cnpPodsYaml(peer, indent + 2).slice(indent + 1)}`;
}

function cnpPortYaml(p, indent) {
  const pad = ' '.repeat(indent);
  if (p.kind === 'namedPort') return `${pad}- destinationNamedPort: ${p.name}`;
  const proto = p.protocol.toLowerCase();
  // Every port of a protocol is a full range: the CRD refuses `udp: {}` (at least 1 property).
  if (p.port === undefined) return `${pad}- ${proto}:\n${pad}    destinationPort: { range: { start: 1, end: 65535 } }`;
  const dest = p.endPort !== undefined ? `{ range: { start: ${p.port}, end: ${p.endPort} } }` : `{ number: ${p.port} }`;
  return `${pad}- ${proto}:\n${pad}    destinationPort: ${dest}`;
}

function cnpRuleYaml(rule, direction, indent) {
  const pad = ' '.repeat(indent);
  const lines = [`${pad}- name: ${rule.name}`, `${pad}  action: ${rule.action}`, `${pad}  ${direction === 'ingress' ? 'from' : 'to'}:`, ...rule.peers.map((p) => cnpPeerYaml(p, indent + 4))];
  if (rule.ports) lines.push(`${pad}  protocols:`, ...rule.ports.map((p) => cnpPortYaml(p, indent + 4)));
  return lines.join('\n');
}

/** A generated cluster policy as ClusterNetworkPolicy v1alpha2 YAML. */
function clusterPolicyYaml(p) {
  const spec = [`  tier: ${p.tier}`, `  priority: ${p.priority}`, `  subject:\n${cnpPodsYaml(p.subject, 4)}`];
  if (p.ingress.length > 0) spec.push(`  ingress:\n${p.ingress.map((r) => cnpRuleYaml(r, 'ingress', 4)).join('\n')}`);
  if (p.egress.length > 0) spec.push(`  egress:\n${p.egress.map((r) => cnpRuleYaml(r, 'egress', 4)).join('\n')}`);
  return `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: ${p.meta.name}
spec:
${spec.join('\n')}`;
}

/**
 * Generates one cluster as multi-document YAML.
 *
 * @param {{ pods: number, policies?: number, clusterPolicies?: number, gateways?: number, httpRoutes?: number, rulesPerRoute?: number, seed?: number, uniqueLabels?: boolean }} options
 * @returns {{ yaml: string, stats: Record<string, number>, sample: { from: string, to: string }, clusterPolicyObjects: object[] }}
 */
export function generateCluster({
  pods,
  policies = Math.round(pods / 5),
  clusterPolicies = 0,
  gateways = 0,
  httpRoutes = 0,
  rulesPerRoute = 10,
  seed = 1,
  uniqueLabels = false,
}) {
  const random = createRandom(seed * 7919 + pods);
  const docs = [];
  const namespaceCount = Math.max(1, Math.ceil(pods / 60));
  const nodes = Math.max(3, Math.ceil(pods / 120));
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => ({
    name: namespaceCount === 1 ? 'default' : `ns-${String(i).padStart(2, '0')}`,
    team: TEAMS[i % TEAMS.length],
    env: ENVS[i % ENVS.length],
  }));

  docs.push(`apiVersion: netplay.dev/v1
kind: Scenario
metadata:
  name: bench-${pods}${uniqueLabels ? '-unique' : ''}
cni: calico
nodes: ${nodes}`);
  for (const ns of namespaces) {
    if (ns.name === 'default') continue;
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: ${ns.name}
  labels:
    team: ${ns.team}
    env: ${ns.env}`);
  }

  /** What was made, for Services, Ingresses and policies to refer to. */
  const workloads = [];
  let podCount = 0;
  let w = 0;
  while (podCount < pods) {
    const ns = namespaces[w % namespaceCount];
    const tier = TIERS[w % TIERS.length];
    const app = `${tier}-${w}`;
    const portCount = random.int(1, 2);
    const first = random.int(0, PORT_CLASSES.length - 1);
    const ports = Array.from({ length: portCount }, (_, i) => PORT_CLASSES[(first + i * 3) % PORT_CLASSES.length]);
    const version = random.pick(['v1', 'v2', 'v3']);
    const labels = { app, tier, version };
    if (uniqueLabels) {
      // Bare pods, each with its own label set (a StatefulSet-style pod-name label).
      const replicas = Math.min(random.int(1, 6), pods - podCount);
      for (let r = 0; r < replicas; r++) {
        const name = `${app}-${r}`;
        docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns.name}
  labels:
${labelsYaml({ ...labels, 'statefulset.kubernetes.io/pod-name': name, 'pod-template-hash': hashOf(random) }, 4)}
spec:
  containers:
    - name: main
      image: registry.example/${tier}:${version}
      ports:
${portsYaml(ports, 8)}
status:
  phase: Running`);
      }
      workloads.push({ ns, app, tier, ports, replicas, podNames: Array.from({ length: replicas }, (_, r) => `${app}-${r}`) });
      podCount += replicas;
      w++;
      continue;
    }
    const kind = w % 17 === 16 ? 'StatefulSet' : 'Deployment';
    const replicas = Math.min(random.int(1, 6), pods - podCount);
    const templateLabels = kind === 'Deployment' ? { ...labels, 'pod-template-hash': hashOf(random) } : labels;
    docs.push(`apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${app}
  namespace: ${ns.name}
  labels:
${labelsYaml({ app, tier }, 4)}
spec:
  replicas: ${replicas}${kind === 'StatefulSet' ? `\n  serviceName: ${app}` : ''}
  selector:
    matchLabels:
${labelsYaml({ app }, 6)}
  template:
    metadata:
      labels:
${labelsYaml(templateLabels, 8)}
    spec:
      containers:
        - name: main
          image: registry.example/${tier}:${version}
          ports:
${portsYaml(ports, 12)}`);
    workloads.push({ ns, app, tier, ports, replicas, podNames: Array.from({ length: replicas }, (_, r) => `${app}-${r}`) });
    podCount += replicas;
    w++;
  }

  // A Service per workload; every 10th NodePort, every 25th LoadBalancer; some named targetPorts.
  const services = [];
  workloads.forEach((wl, i) => {
    const type = i % 25 === 24 ? 'LoadBalancer' : i % 10 === 9 ? 'NodePort' : 'ClusterIP';
    const named = random.chance(0.4);
    const ports = wl.ports.map(
      (p) =>
        `    - name: ${p.name}\n      port: ${p.port === 80 || p.port === 443 ? p.port : 80 + (p.port % 1000)}\n      targetPort: ${named ? p.name : p.port}\n      protocol: ${p.protocol}`,
    );
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${wl.app}
  namespace: ${wl.ns.name}
spec:
  type: ${type}${i % 17 === 16 && !uniqueLabels ? '\n  clusterIP: None' : ''}
  selector:
    app: ${wl.app}
  ports:
${ports.join('\n')}`);
    const first = wl.ports[0];
    services.push({ wl, port: first, servicePort: first.port === 80 || first.port === 443 ? first.port : 80 + (first.port % 1000) });
  });

  // Ingresses: one per 10 TCP services, each a host with a few paths.
  const tcpServices = services.filter((s) => s.port.protocol === 'TCP');
  const ingressCount = Math.max(1, Math.ceil(tcpServices.length / 10));
  for (let i = 0; i < ingressCount; i++) {
    const group = tcpServices.slice(i * 10, i * 10 + 10);
    if (group.length === 0) break;
    const byNs = group.filter((s) => s.wl.ns.name === group[0].wl.ns.name);
    const paths = byNs
      .map(
        (s, j) => `      - path: /${j === 0 ? '' : s.wl.tier + '/' + j}
        pathType: ${j % 3 === 2 ? 'Exact' : 'Prefix'}
        backend:
          service:
            name: ${s.wl.app}
            port:
              ${s.port.port === 80 || s.port.port === 443 ? `number: ${s.port.port}` : `name: ${s.port.name}`}`,
      )
      .join('\n');
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: site-${i}
  namespace: ${group[0].wl.ns.name}
spec:
  ingressClassName: nginx
  rules:
  - host: site-${i}.example.com
    http:
      paths:
${paths}`);
  }

  // NetworkPolicies, in a rotating mix of the shapes real clusters use.
  const portRef = (p) => (random.chance(0.5) ? p.name : p.port);
  for (let i = 0; i < policies; i++) {
    const wl = workloads[Math.floor(random.next() * workloads.length)];
    const other = workloads[Math.floor(random.next() * workloads.length)];
    const ns = wl.ns;
    const shape = i % 10;
    let podSelector = { matchLabels: { app: wl.app } };
    let policyTypes = ['Ingress'];
    let ingress = [];
    let egress = [];
    switch (shape) {
      case 0: // default deny ingress for the namespace
        podSelector = {};
        break;
      case 1: // same-namespace peers by tier, named port
        ingress = [{ peers: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ protocol: 'TCP', port: portRef(wl.ports[0]) }] }];
        break;
      case 2: // namespaceSelector AND podSelector
        ingress = [
          {
            peers: [{ namespaceSelector: { matchLabels: { team: other.ns.team } }, podSelector: { matchLabels: { app: other.app } } }],
            ports: wl.ports.map((p) => ({ protocol: p.protocol, port: p.port })),
          },
        ];
        break;
      case 3: // namespaceSelector alone, matchExpressions
        podSelector = { matchExpressions: [{ key: 'tier', operator: 'In', values: [wl.tier, 'api'] }] };
        ingress = [{ peers: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] } }], ports: [] }];
        break;
      case 4: // ipBlock ingress from outside, with except
        ingress = [{ peers: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }], ports: [{ protocol: 'TCP', port: wl.ports[0].port }] }];
        break;
      case 5: // egress: DNS plus one backend, the world minus private ranges
        policyTypes = ['Egress'];
        egress = [
          { peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
          { peers: [{ podSelector: { matchLabels: { app: other.app } } }], ports: [{ protocol: other.ports[0].protocol, port: portRef(other.ports[0]) }] },
          { peers: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 443 }] },
        ];
        break;
      case 6: // port ranges
        ingress = [{ peers: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }], ports: [{ protocol: 'TCP', port: 5000, endPort: 9999 }] }];
        break;
      case 7: // allow from the ingress controller
        ingress = [
          {
            peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
            ports: [{ protocol: 'TCP', port: wl.ports[0].port }],
          },
        ];
        break;
      case 8: // both directions, DoesNotExist
        policyTypes = ['Ingress', 'Egress'];
        podSelector = { matchLabels: { tier: wl.tier }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] };
        ingress = [{ peers: [{ podSelector: { matchLabels: { tier: 'api' } } }, { podSelector: { matchLabels: { version: 'v2' } } }], ports: [] }];
        egress = [{ peers: [{ podSelector: {} }], ports: [] }];
        break;
      case 9: // allow all ingress (ingress: [{}]) or, with unique labels, pick pods by name
        if (uniqueLabels) {
          podSelector = { matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'In', values: wl.podNames }] };
          ingress = [{ peers: [{ podSelector: { matchLabels: { 'statefulset.kubernetes.io/pod-name': other.podNames[0] } } }], ports: [] }];
        } else {
          ingress = [{ peers: [], ports: [] }];
        }
        break;
    }
    const spec = [`  podSelector:\n${selectorYaml(podSelector, 4)}`, `  policyTypes: [${policyTypes.join(', ')}]`];
    if (policyTypes.includes('Ingress')) spec.push(ingress.length > 0 ? `  ingress:\n${ingress.map((r) => ruleYaml(r, 'ingress', 4)).join('\n')}` : '  ingress: []');
    if (policyTypes.includes('Egress')) spec.push(`  egress:\n${egress.map((r) => ruleYaml(r, 'egress', 4)).join('\n')}`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np-${i}-${wl.app}
  namespace: ${ns.name}
spec:
${spec.join('\n')}`);
  }

  const clusterPolicyObjects = [];
  for (let i = 0; i < clusterPolicies; i++) {
    const policy = generateClusterPolicy(i, random, workloads);
    clusterPolicyObjects.push(policy);
    docs.push(clusterPolicyYaml(policy));
  }

  const gatewaySample = gateways > 0 ? generateGateways({ gateways, httpRoutes, rulesPerRoute, services: tcpServices, docs }) : undefined;

  const a = workloads[0];
  const b = services[Math.min(1, services.length - 1)];
  const yaml = docs.join('\n---\n') + '\n';
  return {
    yaml,
    stats: {
      pods: podCount,
      namespaces: namespaceCount,
      nodes,
      workloads: workloads.length,
      services: services.length,
      ingresses: ingressCount,
      policies,
      clusterPolicies,
      gateways,
      httpRoutes: gateways > 0 ? httpRoutes : 0,
      bytes: Buffer.byteLength(yaml),
    },
    clusterPolicyObjects,
    sample: gatewaySample ?? { from: `pod/${a.ns.name}/${a.podNames[0]}`, to: `service/${b.wl.ns.name}/${b.wl.app}:${b.port.name}` },
  };
}

/** About `bytes` of realistic manifests (for the YAML budget B11): a generated cluster, cut at a document. */
export function generateYamlOfSize(bytes, seed = 3) {
  let pods = Math.max(10, Math.round(bytes / 350));
  for (;;) {
    const { yaml } = generateCluster({ pods, seed });
    if (yaml.length >= bytes) {
      const cut = yaml.indexOf('\n---\n', bytes);
      return cut === -1 ? yaml : yaml.slice(0, cut + 1);
    }
    pods = Math.ceil(pods * 1.5);
  }
}

/** A "billion laughs" alias bomb under 1 KB (budget B12: refused in ≤ 300 ms). */
export function aliasBomb() {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => '  ' + l).join('\n')}\n`;
}

// `node scripts/bench/generate.mjs 1000 [--unique]` prints a cluster (to look at, or to pipe into netplay).
if (import.meta.url === `file://${process.argv[1]}`) {
  const pods = Number(process.argv[2] ?? 100);
  const { yaml, stats } = generateCluster({ pods, uniqueLabels: process.argv.includes('--unique') });
  process.stdout.write(yaml);
  process.stderr.write(JSON.stringify(stats) + '\n');
}

/**
 * Appends a GatewayClass, `gateways` Gateways and `httpRoutes` HTTPRoutes over `services` to
 * `docs`; returns the trace sample (a request through the first Gateway to a rule in the middle).
 */
function generateGateways({ gateways, httpRoutes, rulesPerRoute, services, docs }) {
  docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: infra
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: bench
spec:
  controllerName: example.com/bench-gateway`);
  for (let g = 0; g < gateways; g++) {
    docs.push(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw-${g}
  namespace: infra
spec:
  gatewayClassName: bench
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: "*.gw-${g}.example.com"
      allowedRoutes:
        namespaces:
          from: All
    - name: https
      protocol: HTTPS
      port: 443
      hostname: "*.gw-${g}.example.com"
      tls:
        certificateRefs:
          - name: gw-${g}-cert
      allowedRoutes:
        namespaces:
          from: All
---
apiVersion: v1
kind: Secret
metadata:
  name: gw-${g}-cert
  namespace: infra
type: kubernetes.io/tls`);
  }
  for (let r = 0; r < httpRoutes; r++) {
    const home = services[r % services.length];
    const ns = home.wl.ns.name;
    const local = services.filter((s) => s.wl.ns.name === ns);
    const backend = (k) => local[(r + k) % local.length];
    const ref = (s, weight) =>
      `          - name: ${s.wl.app}\n            port: ${s.servicePort}${weight === undefined ? '' : `\n            weight: ${weight}`}`;
    const rules = [];
    for (let k = 0; k < rulesPerRoute; k++) {
      const s = backend(k);
      switch (k % 5) {
        case 0: // a path prefix, split over two Services
          rules.push(`    - matches:
        - path: {type: PathPrefix, value: /p${k}}
      backendRefs:
${ref(s, 90)}
${ref(backend(k + 1), 10)}`);
          break;
        case 1: // an exact path with a method
          rules.push(`    - matches:
        - path: {type: Exact, value: /p${k}/item}
          method: POST
      backendRefs:
${ref(s)}`);
          break;
        case 2: // a header and a query parameter
          rules.push(`    - matches:
        - path: {type: PathPrefix, value: /p${k}}
          headers:
            - name: version
              value: v${k}
          queryParams:
            - name: debug
              value: "1"
      backendRefs:
${ref(s)}`);
          break;
        case 3: // a rewrite of the prefix
          rules.push(`    - matches:
        - path: {type: PathPrefix, value: /old${k}}
      filters:
        - type: URLRewrite
          urlRewrite:
            path: {type: ReplacePrefixMatch, replacePrefixMatch: /new${k}}
      backendRefs:
${ref(s)}`);
          break;
        default: // a redirect
          rules.push(`    - matches:
        - path: {type: PathPrefix, value: /moved${k}}
      filters:
        - type: RequestRedirect
          requestRedirect:
            scheme: https
            statusCode: 301`);
      }
    }
    docs.push(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-${r}
  namespace: ${ns}
spec:
  parentRefs:
    - name: gw-${r % gateways}
      namespace: infra
  hostnames:
    - app-${r}.gw-${r % gateways}.example.com
  rules:
${rules.join('\n')}`);
  }
  return { from: 'internet', to: 'http://app-0.gw-0.example.com/p5/a?x=1', via: 'gateway/infra/gw-0' };
}
