/**
 * The one builder of hand-made `Cluster` values for tests, independent of the manifest and
 * cluster stages (so policy, routing and trace logic is tested on objects whose every field the
 * test chose). Two front doors over one core (`assembleTestCluster`: nodes, namespaces,
 * settings, lookups):
 * - `buildTestCluster`: pods, namespaces, NetworkPolicies and cluster policies (the policy tests;
 *   `buildTestClusterPolicy`, `cnpRule` and the `cnp*` peer/port helpers build cluster policies);
 * - `makeTestCluster`: adds CoreDNS, the implicit ingress-nginx controller, Services with
 *   endpoints and Ingresses (the routing and trace tests).
 * Not used by the engine itself. Manifest-level builders (input of `buildCluster`) are in
 * `./manifests`.
 */
import type {
  ClusterPolicyAction,
  ClusterPolicyObject,
  ClusterPolicyPeer,
  ClusterPolicyPods,
  ClusterPolicyPort,
  ClusterPolicyRule,
  ClusterPolicyTier,
  Protocol,
  Cluster,
  ClusterIngress,
  ClusterNamespace,
  ClusterNode,
  ClusterPod,
  ClusterService,
  ClusterServicePort,
  CniPlugin,
  ContainerPort,
  IngressObject,
  LabelSelector,
  Labels,
  NetworkPolicyObject,
  NetworkPolicyRule,
  PolicyType,
  ServiceEndpoint,
  ServiceType,
} from '../types';
import { clusterRef, objectRef } from '../refs';
import { sortClusterPolicies } from '../cluster/cluster-policies';

// ---------------------------------------------------------------------------------------------
// The core: nodes, namespaces, settings and lookups, shared by both front doors.

/** Nodes `node-1 … node-N` at `192.168.0.11 …`, podCIDRs `10.244.0.0/24 …` (semantics.md defaults). */
function testNodes(count: number): ClusterNode[] {
  return Array.from({ length: count }, (_, i) => ({
    ref: clusterRef('node', `node-${i + 1}`),
    name: `node-${i + 1}`,
    ip: `192.168.0.${11 + i}`,
    podCIDR: `10.244.${i}.0/24`,
    labels: { 'kubernetes.io/hostname': `node-${i + 1}`, 'kubernetes.io/os': 'linux' },
    implicit: true,
  }));
}

function indexBy<T>(items: readonly T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  items.forEach((t, i) => {
    const k = key(t);
    if (k !== undefined) out[k] = i;
  });
  return out;
}

interface TestClusterParts {
  readonly cni: CniPlugin;
  readonly nodes: readonly ClusterNode[];
  readonly pods: readonly ClusterPod[];
  readonly services?: readonly ClusterService[];
  readonly ingresses?: readonly ClusterIngress[];
  readonly policies: readonly NetworkPolicyObject[];
  readonly clusterPolicies?: readonly ClusterPolicyObject[];
  /** Every namespace name in use, with its extra labels. */
  readonly namespaces: ReadonlyMap<string, Labels>;
  readonly namespacesImplicit: boolean;
  readonly extra?: Pick<Cluster, 'ingressController'>;
  readonly dnsPodRefs: readonly string[];
}

function assembleTestCluster(parts: TestClusterParts): Cluster {
  const namespaces: ClusterNamespace[] = [...parts.namespaces.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, labels]) => ({ name, labels: { ...labels, 'kubernetes.io/metadata.name': name }, implicit: parts.namespacesImplicit }));
  const services = parts.services ?? [];
  return {
    settings: {
      cni: parts.cni,
      nodeCount: parts.nodes.length,
      bareMetal: false,
      clusterDomain: 'cluster.local',
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
    },
    nodes: parts.nodes,
    namespaces,
    pods: parts.pods,
    services,
    ingresses: parts.ingresses ?? [],
    ingressClasses: [],
    networkPolicies: parts.policies,
    clusterPolicies: sortClusterPolicies(parts.clusterPolicies ?? []),
    endpointSlices: [],
    gatewayClasses: [],
    gateways: [],
    httpRoutes: [],
    referenceGrants: [],
    ...(parts.extra ?? {}),
    dns: { serviceRef: 'service/kube-system/kube-dns', ip: '10.96.0.10', podRefs: parts.dnsPodRefs },
    lookups: {
      podByRef: indexBy(parts.pods, (p) => p.ref),
      podByIP: indexBy(parts.pods, (p) => (p.hostNetwork ? undefined : p.ip)),
      serviceByRef: indexBy(services, (s) => s.ref),
      serviceByClusterIP: indexBy(services, (s) => s.clusterIP),
      nodeByName: indexBy(parts.nodes, (n) => n.name),
      namespaceByName: indexBy(namespaces, (n) => n.name),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// buildTestCluster: pods, namespaces, NetworkPolicies (the policy tests)

export interface TestPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Labels;
  /** Default: assigned from the node's podCIDR in order. `null`: Pending, no IP. */
  readonly ip?: string | null;
  /** Default: node-1, node-2, ... round robin. */
  readonly nodeName?: string;
  readonly hostNetwork?: boolean;
  readonly ports?: readonly ContainerPort[];
  readonly owner?: string;
}

export interface TestClusterInput {
  readonly cni?: CniPlugin;
  readonly nodeCount?: number;
  /** Namespaces with extra labels; namespaces used by pods/policies are added implicitly. */
  readonly namespaces?: readonly { readonly name: string; readonly labels?: Labels }[];
  readonly pods?: readonly TestPod[];
  readonly policies?: readonly NetworkPolicyObject[];
  /** Cluster-scoped policies (any tier, any order: the cluster sorts them into walk order). */
  readonly clusterPolicies?: readonly ClusterPolicyObject[];
}

/** `{ matchLabels, matchExpressions: [] }` shorthand. */
export function labelSelector(matchLabels: Labels = {}, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

export interface TestPolicyInput {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector?: LabelSelector;
  /** Omit to default them as the API server does. */
  readonly policyTypes?: readonly PolicyType[];
  /** `undefined`: field absent. */
  readonly ingress?: readonly NetworkPolicyRule[];
  readonly egress?: readonly NetworkPolicyRule[];
}

/** A NetworkPolicyObject with the API server's `policyTypes` defaulting applied. */
export function buildTestPolicy(input: TestPolicyInput): NetworkPolicyObject {
  const egress = input.egress ?? [];
  const defaulted = input.policyTypes === undefined;
  const policyTypes: PolicyType[] = defaulted ? (egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']) : [...(input.policyTypes ?? [])];
  return {
    kind: 'NetworkPolicy',
    meta: { name: input.name, namespace: input.namespace, labels: {}, annotations: {} },
    podSelector: input.podSelector ?? labelSelector(),
    policyTypes,
    policyTypesDefaulted: defaulted,
    ingress: input.ingress ?? [],
    egress,
  };
}

// Cluster-scoped policies (ClusterNetworkPolicy v1alpha2, ANP/BANP v1alpha1) for tests.

export interface TestClusterPolicyInput {
  readonly name: string;
  /** Default `Admin`. */
  readonly tier?: ClusterPolicyTier;
  /** Default 0 (BANPs have none: leave it out). */
  readonly priority?: number;
  /** Default `ClusterNetworkPolicy`; `AdminNetworkPolicy`/`BaselineAdminNetworkPolicy` for v1alpha1. */
  readonly kind?: ClusterPolicyObject['kind'];
  /** Default: every pod of every namespace (`namespaces: {}`). */
  readonly subject?: ClusterPolicyPods;
  readonly ingress?: readonly ClusterPolicyRule[];
  readonly egress?: readonly ClusterPolicyRule[];
}

/**
 * A ClusterPolicyObject as the reader would produce it (cluster-scoped: namespace `''`).
 *
 * @example
 * buildTestClusterPolicy({ name: 'deny-x', priority: 10, subject: cnpNamespaces({ team: 'x' }),
 *   ingress: [cnpRule('Deny', [cnpNamespaces({ team: 'y' })], [{ kind: 'port', protocol: 'TCP', port: 80 }], 'no-y')] })
 */
export function buildTestClusterPolicy(input: TestClusterPolicyInput): ClusterPolicyObject {
  const kind = input.kind ?? 'ClusterNetworkPolicy';
  return {
    kind,
    meta: { name: input.name, namespace: '', labels: {}, annotations: {} },
    tier: input.tier ?? (kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : 'Admin'),
    priority: input.priority ?? 0,
    subject: input.subject ?? cnpNamespaces(),
    ingress: input.ingress ?? [],
    egress: input.egress ?? [],
  };
}

/** A rule: `action` on `peers`, on `ports` when given (absent: every port), with a `name` (default none). */
export function cnpRule(action: ClusterPolicyAction, peers: readonly ClusterPolicyPeer[], ports?: readonly ClusterPolicyPort[], name = ''): ClusterPolicyRule {
  return { name, action, peers, ...(ports !== undefined ? { ports } : {}) };
}

/** Subject or peer `namespaces`: every pod of the namespaces with these labels (none: all namespaces). */
export function cnpNamespaces(matchLabels: Labels = {}): ClusterPolicyPods {
  return { kind: 'namespaces', namespaceSelector: labelSelector(matchLabels) };
}

/** Subject or peer `pods`: pods with `podLabels` in namespaces with `namespaceLabels` (AND). */
export function cnpPods(namespaceLabels: Labels, podLabels: Labels): ClusterPolicyPods {
  return { kind: 'pods', namespaceSelector: labelSelector(namespaceLabels), podSelector: labelSelector(podLabels) };
}

/** Egress peer `networks`. */
export function cnpNetworks(...cidrs: string[]): ClusterPolicyPeer {
  return { kind: 'networks', cidrs };
}

/** Egress peer `nodes` with these node labels (none: every node). */
export function cnpNodes(matchLabels: Labels = {}): ClusterPolicyPeer {
  return { kind: 'nodes', nodeSelector: labelSelector(matchLabels) };
}

/** A `protocols` entry: one port, a range (`endPort`), or every port of the protocol (`port` absent). */
export function cnpPort(protocol: Protocol, port?: number, endPort?: number): ClusterPolicyPort {
  return { kind: 'port', protocol, ...(port !== undefined ? { port } : {}), ...(endPort !== undefined ? { endPort } : {}) };
}

/** A `destinationNamedPort` entry. */
export function cnpNamedPort(name: string): ClusterPolicyPort {
  return { kind: 'namedPort', name };
}

/**
 * Pods, namespaces and policies only (no Services, no system pods). Pods get IPs per node in
 * order from `.11` (`10.244.(i-1).11 …`), nodes `192.168.0.(10+i)`.
 *
 * @example
 * const cluster = buildTestCluster({
 *   pods: [{ namespace: 'x', name: 'a', labels: { pod: 'a' }, ports: [{ containerPort: 80, protocol: 'TCP' }] }],
 *   policies: [buildTestPolicy({ namespace: 'x', name: 'deny', ingress: [] })],
 * });
 */
export function buildTestCluster(input: TestClusterInput): Cluster {
  const nodeCount = input.nodeCount ?? 3;
  const nodes = testNodes(nodeCount).map((n) => ({ ...n, labels: { 'kubernetes.io/hostname': n.name } }));
  const nsLabels = new Map<string, Labels>();
  for (const ns of input.namespaces ?? []) nsLabels.set(ns.name, ns.labels ?? {});
  for (const p of input.pods ?? []) if (!nsLabels.has(p.namespace)) nsLabels.set(p.namespace, {});
  for (const p of input.policies ?? []) if (!nsLabels.has(p.meta.namespace)) nsLabels.set(p.meta.namespace, {});

  const nextHost = new Map<string, number>();
  const pods: ClusterPod[] = (input.pods ?? []).map((p, index) => {
    const nodeName = p.nodeName ?? `node-${(index % nodeCount) + 1}`;
    const node = nodes.find((n) => n.name === nodeName);
    let ip: string | undefined;
    if (p.hostNetwork) ip = node?.ip;
    else if (p.ip === null) ip = undefined;
    else if (p.ip !== undefined) ip = p.ip;
    else {
      const host = (nextHost.get(nodeName) ?? 10) + 1;
      nextHost.set(nodeName, host);
      const third = node ? Number(node.podCIDR.split('.')[2]) : 99;
      ip = `10.244.${third}.${host}`;
    }
    return {
      ref: objectRef('pod', p.namespace, p.name),
      name: p.name,
      namespace: p.namespace,
      labels: p.labels ?? {},
      phase: ip === undefined ? 'Pending' : 'Running',
      ...(ip === undefined ? {} : { nodeName, ip }),
      hostNetwork: p.hostNetwork ?? false,
      ready: true,
      containerPorts: p.ports ?? [],
      ...(p.owner ? { owner: p.owner } : {}),
      implicit: false,
    };
  });
  return assembleTestCluster({
    cni: input.cni ?? 'calico',
    nodes,
    pods,
    policies: input.policies ?? [],
    clusterPolicies: input.clusterPolicies ?? [],
    namespaces: nsLabels,
    namespacesImplicit: false,
    dnsPodRefs: [],
  });
}

// ---------------------------------------------------------------------------------------------
// makeTestCluster: Services, endpoints, Ingresses, CoreDNS and the ingress controller

export interface PodSpec {
  readonly namespace?: string;
  readonly name: string;
  readonly labels?: Labels;
  readonly node?: string;
  readonly ports?: readonly (Partial<ContainerPort> & { containerPort: number })[];
  readonly ready?: boolean;
  readonly hostNetwork?: boolean;
  readonly owner?: string;
  readonly ip?: string;
  /** `spec.subdomain` (a StatefulSet's serviceName); the hostname is the pod name. */
  readonly subdomain?: string;
}

export interface ServiceSpec {
  readonly namespace?: string;
  readonly name: string;
  readonly type?: ServiceType;
  readonly selector?: Labels;
  readonly headless?: boolean;
  readonly clusterIP?: string;
  readonly ports?: readonly (Partial<ClusterServicePort> & { port: number })[];
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  readonly sessionAffinity?: 'None' | 'ClientIP';
  readonly externalName?: string;
  readonly loadBalancerIPs?: readonly string[];
}

export interface ClusterSpec {
  readonly nodes?: number;
  readonly cni?: CniPlugin;
  readonly pods?: readonly PodSpec[];
  readonly services?: readonly ServiceSpec[];
  readonly ingresses?: readonly (Partial<IngressObject> & { name: string; namespace?: string; served?: boolean })[];
  readonly policies?: readonly NetworkPolicyObject[];
  readonly clusterPolicies?: readonly ClusterPolicyObject[];
  readonly namespaces?: Readonly<Record<string, Labels>>;
  /** Default true: the implicit ingress-nginx controller, its pod and LoadBalancer Service. */
  readonly ingressController?: boolean;
}

function meta(namespace: string, name: string, annotations: Labels = {}) {
  return { name, namespace, labels: {}, annotations };
}

/** Builds a Cluster from a few lines of spec, with the default addresses of semantics.md. */
export function makeTestCluster(spec: ClusterSpec): Cluster {
  const nodeCount = spec.nodes ?? 3;
  const nodes = testNodes(nodeCount);
  const withController = spec.ingressController ?? true;
  const podSpecs: PodSpec[] = [
    ...(withController
      ? [
          {
            namespace: 'ingress-nginx',
            name: 'ingress-nginx-controller-0',
            labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
            node: 'node-1',
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'https', containerPort: 443 },
            ],
            owner: 'deployment/ingress-nginx/ingress-nginx-controller',
          },
        ]
      : []),
    {
      namespace: 'kube-system',
      name: 'coredns-0',
      labels: { 'k8s-app': 'kube-dns' },
      node: 'node-1',
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      ],
    },
    {
      namespace: 'kube-system',
      name: 'coredns-1',
      labels: { 'k8s-app': 'kube-dns' },
      node: nodeCount > 1 ? 'node-2' : 'node-1',
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      ],
    },
    ...(spec.pods ?? []),
  ];
  const perNode: Record<string, number> = {};
  let spread = 0;
  const pods: ClusterPod[] = podSpecs.map((p) => {
    const ns = p.namespace ?? 'default';
    const nodeName = p.node ?? nodes[spread++ % nodeCount]!.name;
    const nodeIdx = nodes.findIndex((n) => n.name === nodeName);
    const next = (perNode[nodeName] ?? 1) + 1;
    perNode[nodeName] = next;
    const ip = p.hostNetwork === true ? nodes[nodeIdx]!.ip : (p.ip ?? `10.244.${nodeIdx}.${next}`);
    return {
      ref: objectRef('pod', ns, p.name),
      name: p.name,
      namespace: ns,
      labels: p.labels ?? {},
      phase: 'Running',
      nodeName,
      ip,
      hostNetwork: p.hostNetwork ?? false,
      ready: p.ready ?? true,
      containerPorts: (p.ports ?? []).map((c) => ({ protocol: 'TCP', ...c })),
      ...(p.owner !== undefined ? { owner: p.owner } : {}),
      hostname: p.name,
      ...(p.subdomain !== undefined ? { subdomain: p.subdomain } : {}),
      implicit: false,
    };
  });

  const serviceSpecs: ServiceSpec[] = [
    { namespace: 'default', name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    {
      namespace: 'kube-system',
      name: 'kube-dns',
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
    ...(withController
      ? [
          {
            namespace: 'ingress-nginx',
            name: 'ingress-nginx-controller',
            type: 'LoadBalancer' as const,
            selector: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
            ports: [
              { name: 'http', port: 80, targetPort: 'http', nodePort: 31080 },
              { name: 'https', port: 443, targetPort: 'https', nodePort: 31443 },
            ],
            loadBalancerIPs: ['203.0.113.10'],
          },
        ]
      : []),
    ...(spec.services ?? []),
  ];
  let nextIP = 100;
  let nextNodePort = 30000;
  const services: ClusterService[] = serviceSpecs.map((s) => {
    const ns = s.namespace ?? 'default';
    const type = s.type ?? 'ClusterIP';
    const headless = s.headless ?? false;
    const ports: ClusterServicePort[] = (s.ports ?? []).map((p) => ({
      protocol: 'TCP',
      targetPort: p.port,
      ...p,
      ...(type === 'NodePort' || type === 'LoadBalancer' ? { nodePort: p.nodePort ?? nextNodePort++ } : {}),
    }));
    const endpoints: Record<string, ServiceEndpoint[]> = {};
    for (const sp of ports) {
      const list: ServiceEndpoint[] = [];
      if (s.selector !== undefined) {
        for (const pod of pods) {
          if (pod.namespace !== ns) continue;
          if (!Object.entries(s.selector).every(([k, v]) => pod.labels[k] === v)) continue;
          let port: number | undefined;
          if (typeof sp.targetPort === 'number') port = sp.targetPort;
          else port = pod.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
          if (port === undefined || pod.ip === undefined) continue;
          list.push({
            podRef: pod.ref,
            ip: pod.ip,
            ...(pod.nodeName !== undefined ? { nodeName: pod.nodeName } : {}),
            port,
            protocol: sp.protocol,
            ready: pod.ready,
          });
        }
      }
      list.sort((a, b) => Number(b.ready) - Number(a.ready) || (a.podRef ?? '').localeCompare(b.podRef ?? ''));
      endpoints[sp.name ?? ''] = list;
    }
    const clusterIP =
      type === 'ExternalName' || headless ? undefined : (s.clusterIP ?? `10.96.0.${nextIP++}`);
    return {
      ref: objectRef('service', ns, s.name),
      name: s.name,
      namespace: ns,
      type,
      headless,
      ...(clusterIP !== undefined ? { clusterIP } : {}),
      ports,
      loadBalancerIPs: s.loadBalancerIPs ?? (type === 'LoadBalancer' ? [`203.0.113.${nextIP}`] : []),
      ...(s.selector !== undefined ? { selector: s.selector } : {}),
      externalTrafficPolicy: s.externalTrafficPolicy ?? 'Cluster',
      internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
      sessionAffinity: s.sessionAffinity ?? 'None',
      ...(s.externalName !== undefined ? { externalName: s.externalName } : {}),
      publishNotReadyAddresses: false,
      endpoints,
      implicit: false,
    };
  });

  const ingresses = (spec.ingresses ?? []).map((i) => {
    const ns = i.namespace ?? 'default';
    const object: IngressObject = {
      kind: 'Ingress',
      meta: {
        ...meta(ns, i.name),
        ...(i.meta !== undefined ? { annotations: i.meta.annotations } : {}),
        ...(i.meta?.creationTimestamp !== undefined ? { creationTimestamp: i.meta.creationTimestamp } : {}),
      },
      rules: i.rules ?? [],
      tls: i.tls ?? [],
      ...(i.defaultBackend !== undefined ? { defaultBackend: i.defaultBackend } : {}),
      ...(i.ingressClassName !== undefined ? { ingressClassName: i.ingressClassName } : {}),
    };
    const served = i.served ?? true;
    return { ref: objectRef('ingress', ns, i.name), object, served, servedReason: served ? 'served' : 'not served' };
  });

  const nsNames = new Map<string, Labels>();
  for (const name of ['default', 'kube-system', ...(withController ? ['ingress-nginx'] : [])]) nsNames.set(name, {});
  for (const p of pods) nsNames.set(p.namespace, {});
  for (const s of services) nsNames.set(s.namespace, {});
  for (const n of Object.keys(spec.namespaces ?? {})) nsNames.set(n, {});
  for (const [name, labels] of Object.entries(spec.namespaces ?? {})) nsNames.set(name, labels);

  return assembleTestCluster({
    cni: spec.cni ?? 'calico',
    nodes,
    pods,
    services,
    ingresses,
    policies: spec.policies ?? [],
    clusterPolicies: spec.clusterPolicies ?? [],
    namespaces: nsNames,
    namespacesImplicit: true,
    ...(withController
      ? {
          extra: {
            ingressController: {
              implicit: true,
              namespace: 'ingress-nginx',
              className: 'nginx',
              controller: 'k8s.io/ingress-nginx',
              podRefs: ['pod/ingress-nginx/ingress-nginx-controller-0'],
              serviceRef: 'service/ingress-nginx/ingress-nginx-controller',
            },
          },
        }
      : {}),
    dnsPodRefs: ['pod/kube-system/coredns-0', 'pod/kube-system/coredns-1'],
  });
}
