/**
 * Pods: Pod objects and workloads expanded into `<workload>-<ordinal>` pods, scheduled onto
 * nodes and given IPs — deterministically, so the same text always gives the same cluster.
 *
 * Scheduling, in document order (implicit pods last):
 * 1. `spec.nodeName` pins the pod (the scheduler is bypassed, as in Kubernetes). A name that
 *    matches no node leaves it Pending — except for a pod that carries `status.podIP`/`hostIP`
 *    (a `kubectl get -o yaml` snapshot) when no Node objects are given: its node joins the cluster.
 * 2. `status.hostIP` naming a node's IP pins it too (a snapshot says where it runs).
 * 3. Otherwise the nodes that pass `nodeSelector` and required node affinity are candidates;
 *    the one running the fewest pods wins, ties by node order (a stable round-robin). No
 *    candidate: Pending, in the scheduler's words.
 * 4. DaemonSets: one pod on every node that passes the filters, ordinals in node order.
 *
 * IPAM (host-local style, per node podCIDR): the first address is the network, the second the
 * bridge/gateway (`cni0` is `.1`), so pods get `.2`, `.3`, … in scheduling order, skipping
 * every `status.podIP` the manifests state. `hostNetwork` pods take their node's IP.
 */
import type {
  ClusterNode,
  ClusterPod,
  ContainerPort,
  Diagnostic,
  LabelSelectorRequirement,
  Labels,
  ObjectMeta,
  PodObject,
  PodTemplate,
  SourceRef,
  WorkloadObject,
} from '../types';
import { objectRef } from '../refs';
import { clusterDiagnostic } from './diagnostics';
import { formatIPv4Address, parseIPv4Address, parseIPv4Range } from './ipv4';
import type { NodeAddressPool } from './nodes';
import { nodeLabels } from './nodes';
import { matchesLabels, matchesRequirement } from './selectors';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A pod to place: from a Pod object or one replica of a workload. */
interface PodSpecToPlace {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly template: PodTemplate;
  readonly status?: PodObject['status'];
  readonly owner?: string;
  readonly implicit: boolean;
  readonly meta: ObjectMeta;
  /** For DaemonSet pods: the node it is made for. */
  readonly daemonNode?: string;
  /** For StatefulSet pods: the hostname and subdomain the controller sets (the template stays shared). */
  readonly hostname?: string;
  readonly subdomain?: string;
}

const WORKLOAD_REF_KIND = {
  Deployment: 'deployment',
  ReplicaSet: 'replicaset',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
} as const;

/** Document order: file, document index, position; objects without a source (implicit) last. */
export function compareSources(a: SourceRef | undefined, b: SourceRef | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.documentIndex - b.documentIndex ||
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn
  );
}

/**
 * Required node affinity: terms are ORed, expressions in a term ANDed; an empty term matches
 * no node (API docs of NodeSelectorTerm). No terms: no constraint.
 */
export function matchesNodeAffinity(
  terms: readonly (readonly LabelSelectorRequirement[])[],
  labels: Labels,
): boolean {
  if (terms.length === 0) return true;
  return terms.some((term) => term.length > 0 && term.every((req) => matchesRequirement(req, labels)));
}

export function nodeFits(template: PodTemplate, node: ClusterNode): boolean {
  return matchesLabels(template.nodeSelector, node.labels) && matchesNodeAffinity(template.requiredNodeAffinity, node.labels);
}

function containerPortsOf(template: PodTemplate): ContainerPort[] {
  return template.containers.flatMap((c) => c.ports);
}

/** Per-node IP allocator: `.2` upwards inside the podCIDR, skipping taken addresses. */
interface NodeIpam {
  cursor: number;
  readonly last: number;
}

export interface PlacedPods {
  readonly pods: ClusterPod[];
  /** Nodes added for snapshot pods pinned to a node the manifests did not declare. */
  readonly addedNodes: ClusterNode[];
}

export function buildPods(
  podObjects: readonly PodObject[],
  workloads: readonly WorkloadObject[],
  initialNodes: readonly ClusterNode[],
  nodesGiven: boolean,
  pool: NodeAddressPool,
  diagnostics: Diagnostic[],
): PlacedPods {
  const nodes: ClusterNode[] = [...initialNodes];
  const addedNodes: ClusterNode[] = [];

  // 1. Everything that makes pods, in document order.
  type Maker = { readonly source: SourceRef | undefined; readonly order: number; readonly pod?: PodObject; readonly workload?: WorkloadObject };
  const makers: Maker[] = [
    ...podObjects.map((pod, order) => ({ source: pod.meta.source, order, pod })),
    ...workloads.map((workload, i) => ({ source: workload.meta.source, order: podObjects.length + i, workload })),
  ];
  makers.sort((a, b) => compareSources(a.source, b.source) || a.order - b.order);

  const specs: PodSpecToPlace[] = [];
  for (const maker of makers) {
    if (maker.pod !== undefined) {
      const pod = maker.pod;
      specs.push({
        name: pod.meta.name,
        namespace: pod.meta.namespace,
        labels: pod.template.labels,
        template: pod.template,
        status: pod.status,
        implicit: pod.meta.source === undefined,
        meta: pod.meta,
      });
    } else if (maker.workload !== undefined) {
      // A loop, not push(...): a spread passes every pod as an argument and overflows the stack.
      for (const spec of expandWorkload(maker.workload, nodes)) specs.push(spec);
    }
  }

  // 2. Reserve every stated pod IP before assigning any.
  const takenPodIPs = new Set<number>();
  for (const spec of specs) {
    const given = statedPodIP(spec);
    if (given !== undefined) takenPodIPs.add(given);
  }

  // Per-node state in arrays indexed like `nodes` (this loop runs once per pod: keep it flat).
  const nodeIndex = new Map<string, number>();
  const ipam: NodeIpam[] = [];
  const podCount: number[] = [];
  const track = (node: ClusterNode): void => {
    nodeIndex.set(node.name, ipam.length);
    const range = parseIPv4Range(node.podCIDR);
    // Network address and the gateway (.1) are never handed out; nor the broadcast address.
    ipam.push(range === undefined ? { cursor: 1, last: 0 } : { cursor: range.first + 2, last: range.last - 1 });
    podCount.push(0);
  };
  nodes.forEach(track);
  const hasFreeIP = (i: number): boolean => {
    const state = ipam[i]!;
    while (state.cursor <= state.last && takenPodIPs.has(state.cursor)) state.cursor++;
    return state.cursor <= state.last;
  };
  const allocateIP = (i: number): string | undefined => {
    if (!hasFreeIP(i)) return undefined;
    const state = ipam[i]!;
    const ip = state.cursor;
    takenPodIPs.add(ip);
    state.cursor++;
    return formatIPv4Address(ip);
  };
  // Replicas share their template: filter the nodes once per template.
  const fittingCache = new Map<PodTemplate, number[]>();
  const fittingNodes = (template: PodTemplate): number[] => {
    let list = fittingCache.get(template);
    if (list === undefined) {
      list = [];
      for (let i = 0; i < nodes.length; i++) if (nodeFits(template, nodes[i]!)) list.push(i);
      fittingCache.set(template, list);
    }
    return list;
  };
  const portsCache = new Map<PodTemplate, ContainerPort[]>();
  const portsOf = (template: PodTemplate): ContainerPort[] => {
    let ports = portsCache.get(template);
    if (ports === undefined) {
      ports = containerPortsOf(template);
      portsCache.set(template, ports);
    }
    return ports;
  };

  const seenRefs = new Set<string>();
  const pods: ClusterPod[] = [];

  for (const spec of specs) {
    const ref = objectRef('pod', spec.namespace, spec.name);
    if (seenRefs.has(ref)) {
      diagnostics.push(
        clusterDiagnostic('cluster.pod.duplicate', 'warning', `pod "${spec.namespace}/${spec.name}" already exists; this one is ignored (rename the Pod or the workload)`, {
          meta: spec.meta,
          ref,
        }),
      );
      continue;
    }
    seenRefs.add(ref);

    const base: Mutable<ClusterPod> = {
      ref,
      name: spec.name,
      namespace: spec.namespace,
      labels: spec.labels,
      phase: 'Running',
      hostNetwork: spec.template.hostNetwork,
      // A pod's hostname defaults to its name (dns-pod-service: "Pod's hostname and subdomain fields").
      hostname: spec.hostname ?? spec.template.hostname ?? spec.name,
      ...((spec.subdomain ?? spec.template.subdomain) !== undefined ? { subdomain: (spec.subdomain ?? spec.template.subdomain)! } : {}),
      ready: false,
      containerPorts: portsOf(spec.template),
      implicit: spec.implicit,
    };
    if (spec.owner !== undefined) base.owner = spec.owner;
    if (spec.meta.source !== undefined) base.source = spec.meta.source;
    const pending = (reason: string, nodeName?: string): void => {
      base.phase = 'Pending';
      base.pendingReason = reason;
      if (nodeName !== undefined) base.nodeName = nodeName;
      pods.push(base);
      diagnostics.push(
        clusterDiagnostic('cluster.pod.pending', 'warning', `pod ${spec.namespace}/${spec.name} stays Pending: ${reason}`, { meta: spec.meta, ref }),
      );
    };

    // 3. Where does it run?
    let at: number | undefined;
    const statedIP = statedPodIP(spec);
    const pinned = spec.daemonNode ?? spec.template.nodeName;
    const hostIP = spec.status?.hostIP;
    if (pinned !== undefined) {
      at = nodeIndex.get(pinned);
      if (at === undefined && !nodesGiven && (statedIP !== undefined || hostIP !== undefined)) {
        const added = addSnapshotNode(pinned, spec, nodes, pool);
        addedNodes.push(added);
        track(added);
        fittingCache.clear(); // the new node may fit templates seen before
        at = nodes.length - 1;
        diagnostics.push(
          clusterDiagnostic('cluster.node.implicit', 'info', `node "${pinned}" added: pod ${spec.namespace}/${spec.name} runs there (no Node objects given)`, { meta: spec.meta, ref }),
        );
      }
      if (at === undefined) {
        pending(`spec.nodeName: node "${pinned}" does not exist, and nothing schedules a pod that names its node`);
        continue;
      }
    } else if (hostIP !== undefined && nodes.some((n) => n.ip === hostIP)) {
      at = nodes.findIndex((n) => n.ip === hostIP);
    } else {
      const fitting = fittingNodes(spec.template);
      if (fitting.length === 0) {
        pending(`0/${nodes.length} nodes are available: ${nodes.length} node(s) didn't match Pod's node affinity/selector`);
        continue;
      }
      const needsIP = !spec.template.hostNetwork && statedIP === undefined;
      // The fitting node running the fewest pods; ties go to the first in node order.
      // The free-address check only for a node that would win (it is the costly part, and
      // asking it less often changes nothing: its cursor only skips addresses already taken).
      for (const i of fitting) {
        if (at !== undefined && podCount[i]! >= podCount[at]!) continue;
        if (needsIP && !hasFreeIP(i)) continue;
        at = i;
      }
      if (at === undefined) {
        pending(`0/${nodes.length} nodes are available: no free address left in the podCIDR of ${fitting.map((i) => nodes[i]!.name).join(', ')}`);
        continue;
      }
    }
    const node = nodes[at]!;
    podCount[at] = podCount[at]! + 1;

    // 4. A snapshot's phase other than Running means it does not serve.
    const phase = spec.status?.phase;
    if (phase !== undefined && phase !== 'Running') {
      pending(`status.phase is ${phase}: the pod is not running`, node.name);
      continue;
    }

    // 5. Its address.
    let ip: string | undefined;
    if (spec.template.hostNetwork) ip = node.ip;
    else if (statedIP !== undefined) ip = formatIPv4Address(statedIP);
    else ip = allocateIP(at);
    if (ip === undefined) {
      pending(`no free address left in ${node.name}'s podCIDR ${node.podCIDR}`, node.name);
      continue;
    }
    base.nodeName = node.name;
    base.ip = ip;
    base.ready = spec.status?.ready ?? true;
    pods.push(base);
  }
  return { pods, addedNodes };
}

function statedPodIP(spec: PodSpecToPlace): number | undefined {
  const text = spec.status?.podIP ?? spec.status?.podIPs[0];
  return text === undefined ? undefined : parseIPv4Address(text);
}

function expandWorkload(workload: WorkloadObject, nodes: readonly ClusterNode[]): PodSpecToPlace[] {
  const owner = objectRef(WORKLOAD_REF_KIND[workload.kind], workload.meta.namespace, workload.meta.name);
  const implicit = workload.meta.source === undefined;
  const make = (ordinal: number, daemonNode?: string): PodSpecToPlace => {
    const name = `${workload.meta.name}-${ordinal}`;
    // StatefulSet pods carry their name and index as labels (the controller adds them).
    const labels: Labels =
      workload.kind === 'StatefulSet'
        ? { ...workload.template.labels, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) }
        : workload.template.labels;
    // The StatefulSet controller sets each pod's hostname to its name and its subdomain to
    // spec.serviceName (pkg/controller/statefulset: updateIdentity).
    const identity =
      workload.kind === 'StatefulSet'
        ? { hostname: name, ...(workload.serviceName !== undefined ? { subdomain: workload.serviceName } : {}) }
        : {};
    return {
      name,
      namespace: workload.meta.namespace,
      labels,
      template: workload.template,
      ...identity,
      owner,
      implicit,
      meta: workload.meta,
      ...(daemonNode !== undefined ? { daemonNode } : {}),
    };
  };
  if (workload.kind === 'DaemonSet') {
    // One pod per node that passes nodeSelector / required affinity (no taints are modelled).
    return nodes.filter((n) => nodeFits(workload.template, n)).map((n, i) => make(i, n.name));
  }
  const replicas = Number.isInteger(workload.replicas) && workload.replicas > 0 ? workload.replicas : 0;
  const pods: PodSpecToPlace[] = [];
  for (let i = 0; i < replicas; i++) pods.push(make(i));
  return pods;
}

/** A node known only from a snapshot pod: its hostIP, and the /24 around its pod IP when free. */
function addSnapshotNode(name: string, spec: PodSpecToPlace, nodes: ClusterNode[], pool: NodeAddressPool): ClusterNode {
  const hostIP = spec.status?.hostIP;
  let ip: string;
  if (hostIP !== undefined && parseIPv4Address(hostIP) !== undefined && !nodes.some((n) => n.ip === hostIP)) {
    ip = hostIP;
    pool.takeIP(ip);
  } else ip = pool.nextIP();
  let podCIDR: string | undefined;
  const podIP = statedPodIP(spec);
  if (podIP !== undefined) {
    const first = podIP - (podIP % 256);
    const overlaps = nodes.some((n) => {
      const r = parseIPv4Range(n.podCIDR);
      return r !== undefined && first <= r.last && r.first <= first + 255;
    });
    if (!overlaps) {
      podCIDR = `${formatIPv4Address(first)}/24`;
      pool.takePodCIDR(podCIDR);
    }
  }
  const node: ClusterNode = {
    ref: `node/${name}`,
    name,
    ip,
    podCIDR: podCIDR ?? pool.nextPodCIDR(),
    labels: nodeLabels(name),
    implicit: true,
  };
  nodes.push(node);
  return node;
}
