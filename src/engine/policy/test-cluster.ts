/**
 * A small builder of `Cluster` values for policy tests: pods with labels, IPs and container
 * ports, namespaces with labels, NetworkPolicies. It makes the plain data directly, so policy
 * tests do not depend on the manifest and cluster stages.
 *
 * @example
 * const cluster = buildTestCluster({
 *   pods: [{ namespace: 'x', name: 'a', labels: { pod: 'a' }, ports: [{ containerPort: 80, protocol: 'TCP' }] }],
 *   policies: [buildTestPolicy({ namespace: 'x', name: 'deny', ingress: [] })],
 * });
 */
import type {
  CniPlugin,
  Cluster,
  ClusterNamespace,
  ClusterNode,
  ClusterPod,
  ContainerPort,
  LabelSelector,
  Labels,
  NetworkPolicyObject,
  NetworkPolicyRule,
  PolicyType,
} from '../types';

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

/** Builds the cluster; pods get IPs per node (`10.244.(i-1).(10+n)`), nodes `192.168.0.(10+i)`. */
export function buildTestCluster(input: TestClusterInput): Cluster {
  const nodeCount = input.nodeCount ?? 3;
  const nodes: ClusterNode[] = [];
  for (let i = 1; i <= nodeCount; i++) {
    nodes.push({
      ref: `node/node-${i}`,
      name: `node-${i}`,
      ip: `192.168.0.${10 + i}`,
      podCIDR: `10.244.${i - 1}.0/24`,
      labels: { 'kubernetes.io/hostname': `node-${i}` },
      implicit: true,
    });
  }
  const nsLabels = new Map<string, Labels>();
  for (const ns of input.namespaces ?? []) nsLabels.set(ns.name, ns.labels ?? {});
  for (const p of input.pods ?? []) if (!nsLabels.has(p.namespace)) nsLabels.set(p.namespace, {});
  for (const p of input.policies ?? []) if (!nsLabels.has(p.meta.namespace)) nsLabels.set(p.meta.namespace, {});
  const namespaces: ClusterNamespace[] = [...nsLabels.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, labels]) => ({ name, labels: { ...labels, 'kubernetes.io/metadata.name': name }, implicit: false }));

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
    const pod: ClusterPod = {
      ref: `pod/${p.namespace}/${p.name}`,
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
    return pod;
  });

  const podByRef: Record<string, number> = {};
  const podByIP: Record<string, number> = {};
  pods.forEach((p, i) => {
    podByRef[p.ref] = i;
    if (p.ip !== undefined && !p.hostNetwork) podByIP[p.ip] = i;
  });
  const nodeByName: Record<string, number> = {};
  nodes.forEach((n, i) => (nodeByName[n.name] = i));
  const namespaceByName: Record<string, number> = {};
  namespaces.forEach((n, i) => (namespaceByName[n.name] = i));

  return {
    settings: {
      cni: input.cni ?? 'calico',
      nodeCount,
      bareMetal: false,
      clusterDomain: 'cluster.local',
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
    },
    nodes,
    namespaces,
    pods,
    services: [],
    ingresses: [],
    ingressClasses: [],
    networkPolicies: input.policies ?? [],
    endpointSlices: [],
    dns: { serviceRef: 'service/kube-system/kube-dns', ip: '10.96.0.10', podRefs: [] },
    lookups: { podByRef, podByIP, serviceByRef: {}, serviceByClusterIP: {}, nodeByName, namespaceByName },
  };
}
