/**
 * Pods: Pod objects and workloads expanded into `<workload>-<ordinal>` pods, scheduled onto
 * nodes and given IPs — deterministically, so the same text always gives the same cluster.
 *
 * Placement is stable under edits, as in a real cluster where running pods stay put: each pod's
 * node and address depend on its own identity, not on the other workloads, so scaling, adding or
 * removing one workload leaves every other pod where it was.
 *
 * Scheduling:
 * 1. `spec.nodeName` pins the pod (the scheduler is bypassed, as in Kubernetes). A name that
 *    matches no node leaves it Pending — except for a pod that carries `status.podIP`/`hostIP`
 *    (a `kubectl get -o yaml` snapshot) when no Node objects are given: its node joins the cluster.
 * 2. `status.hostIP` naming a node's IP pins it too (a snapshot says where it runs).
 * 3. Otherwise the nodes that pass `nodeSelector` and required node affinity are candidates, in
 *    node order; a workload's ordinals go round them starting at a node picked by a hash of the
 *    workload's identity (ordinal i on candidate `(start + i) mod n`), a bare Pod on the one its
 *    own hash picks. No candidate: Pending, in the scheduler's words. Only a node whose podCIDR
 *    is full passes its turn to the next candidate.
 * 4. DaemonSets: one pod on every node that passes the filters, ordinals in node order.
 *
 * IPAM (per node podCIDR): the network address and the bridge/gateway (`cni0` is `.1`) are never
 * handed out, nor the broadcast address, so pods get `.2` … `.254`. Each pod's address is the
 * slot a hash of its `namespace/name` picks in that range; a slot already taken (a
 * `status.podIP` the manifests state, or an older pod) sends it to the next free one. Older
 * means: the implicit system pods (CoreDNS, the ingress controller) first, then document order,
 * then ordinal, so a document added at the end never moves anything. `hostNetwork` pods take
 * their node's IP.
 *
 * WARNING: no stateless rule can keep every address through every edit (two pods whose slots
 * collide share a fate); the hash makes a collision rare, and the older pod always keeps its slot.
 *
 * Deleted pods (the Scenario's `deletedPods`, in order) are placed first like any pod, so nobody
 * else moves, then removed; their controller's replacement runs on the same node at the next free
 * address after the deleted one (see `replacePods`).
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
  ScenarioDeletedPod,
  SourceRef,
  WorkloadObject,
} from '../types';
import type { Mutable } from '../mutable';
import { objectRef } from '../refs';
import { clusterDiagnostic } from './diagnostics';
import { hashString } from './hash';
import { formatIPv4, parseIPv4, parseIPv4Range } from '../match/cidr';
import type { NodeAddressPool } from './nodes';
import { nodeLabels } from './nodes';
import { matchesLabels, matchesRequirement } from '../match/labels';

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
  /** What picks the first candidate node: the workload's identity (a bare Pod: its own). */
  readonly spreadKey: string;
  /** The replica's ordinal (0 for a bare Pod): ordinal i runs on the i-th candidate after the first. */
  readonly ordinal: number;
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

/** Per-node IP allocator: the addresses pods may get (`.2` … `.254` of a /24), and how many are taken. */
interface NodeIpam {
  readonly first: number;
  readonly last: number;
  used: number;
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
  deletedPods: readonly ScenarioDeletedPod[] = [],
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
        spreadKey: objectRef('pod', pod.meta.namespace, pod.meta.name),
        ordinal: 0,
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

  // Per-node state in arrays indexed like `nodes` (this runs once per pod: keep it flat).
  const nodeIndex = new Map<string, number>();
  const ipam: NodeIpam[] = [];
  const track = (node: ClusterNode): void => {
    nodeIndex.set(node.name, ipam.length);
    const range = parseIPv4Range(node.podCIDR);
    // Network address and the gateway (.1) are never handed out; nor the broadcast address.
    const first = range === undefined ? 1 : range.first + 2;
    const last = range === undefined ? 0 : range.last - 1;
    let used = 0;
    for (const ip of takenPodIPs) if (ip >= first && ip <= last) used++;
    ipam.push({ first, last, used });
  };
  nodes.forEach(track);
  const hasFreeIP = (i: number): boolean => {
    const state = ipam[i]!;
    return state.used <= state.last - state.first;
  };
  /** The slot `key` hashes to (or the one after `after`), else the next free one, wrapping round. */
  const allocateIP = (i: number, key: string, after?: number): number | undefined => {
    const state = ipam[i]!;
    const size = state.last - state.first + 1;
    if (size <= 0 || state.used >= size) return undefined;
    const start = after !== undefined && after >= state.first && after <= state.last ? after - state.first + 1 : hashString(key) % size;
    for (let k = 0; k < size; k++) {
      const ip = state.first + ((start + k) % size);
      if (takenPodIPs.has(ip)) continue;
      takenPodIPs.add(ip);
      state.used++;
      return ip;
    }
    return undefined;
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

  /** Where one pod runs and its address; `at`/`ipAfter` for a replacement (same node, the next free address). */
  const place = (spec: PodSpecToPlace, notes: Diagnostic[], replacing?: { at: number; ipAfter?: number }): PlacedPod => {
    const ref = objectRef('pod', spec.namespace, spec.name);
    // A pod's hostname defaults to its name (dns-pod-service: "Pod's hostname and subdomain fields").
    const hostname = spec.hostname ?? spec.template.hostname ?? spec.name;
    const subdomain = spec.subdomain ?? spec.template.subdomain;
    const containerPorts = portsOf(spec.template);
    // Two literals rather than a spread in the middle (one per pod adds up); the key order is the pod's JSON.
    const base: Mutable<ClusterPod> =
      subdomain === undefined
        ? { ref, name: spec.name, namespace: spec.namespace, labels: spec.labels, phase: 'Running', hostNetwork: spec.template.hostNetwork, hostname, ready: false, containerPorts, implicit: spec.implicit }
        : { ref, name: spec.name, namespace: spec.namespace, labels: spec.labels, phase: 'Running', hostNetwork: spec.template.hostNetwork, hostname, subdomain, ready: false, containerPorts, implicit: spec.implicit };
    if (spec.owner !== undefined) base.owner = spec.owner;
    if (spec.meta.source !== undefined) base.source = spec.meta.source;
    const pending = (reason: string, nodeName?: string): PlacedPod => {
      base.phase = 'Pending';
      base.pendingReason = reason;
      if (nodeName !== undefined) base.nodeName = nodeName;
      notes.push(clusterDiagnostic('cluster.pod.pending', 'warning', `pod ${spec.namespace}/${spec.name} stays Pending: ${reason}`, { meta: spec.meta, ref }));
      return { pod: base, spec };
    };

    // Where does it run?
    let at: number | undefined;
    const statedIP = replacing === undefined ? statedPodIP(spec) : undefined;
    const pinned = spec.daemonNode ?? spec.template.nodeName;
    const hostIP = spec.status?.hostIP;
    if (replacing !== undefined) {
      at = replacing.at;
    } else if (pinned !== undefined) {
      at = nodeIndex.get(pinned);
      if (at === undefined && !nodesGiven && (statedIP !== undefined || hostIP !== undefined)) {
        const added = addSnapshotNode(pinned, spec, nodes, pool);
        addedNodes.push(added);
        track(added);
        fittingCache.clear(); // the new node may fit templates seen before
        at = nodes.length - 1;
        notes.push(
          clusterDiagnostic('cluster.node.implicit', 'info', `node "${pinned}" added: pod ${spec.namespace}/${spec.name} runs there (no Node objects given)`, { meta: spec.meta, ref }),
        );
      }
      if (at === undefined) return pending(`spec.nodeName: node "${pinned}" does not exist, and nothing schedules a pod that names its node`);
    } else if (hostIP !== undefined && nodes.some((n) => n.ip === hostIP)) {
      at = nodes.findIndex((n) => n.ip === hostIP);
    } else {
      const fitting = fittingNodes(spec.template);
      if (fitting.length === 0) {
        return pending(`0/${nodes.length} nodes are available: ${nodes.length} node(s) didn't match Pod's node affinity/selector`);
      }
      const needsIP = !spec.template.hostNetwork && statedIP === undefined;
      // The workload's own round over the candidates; a full node passes its turn on.
      const first = (hashString(spec.spreadKey) + spec.ordinal) % fitting.length;
      for (let k = 0; k < fitting.length && at === undefined; k++) {
        const i = fitting[(first + k) % fitting.length]!;
        if (!needsIP || hasFreeIP(i)) at = i;
      }
      if (at === undefined) {
        return pending(`0/${nodes.length} nodes are available: no free address left in the podCIDR of ${fitting.map((i) => nodes[i]!.name).join(', ')}`);
      }
    }
    const node = nodes[at]!;

    // A snapshot's phase other than Running means it does not serve.
    const phase = replacing === undefined ? spec.status?.phase : undefined;
    if (phase !== undefined && phase !== 'Running') return pending(`status.phase is ${phase}: the pod is not running`, node.name);

    // Its address.
    let ip: string | undefined;
    if (spec.template.hostNetwork) ip = node.ip;
    else if (statedIP !== undefined) ip = formatIPv4(statedIP);
    else {
      const n = allocateIP(at, ref, replacing?.ipAfter);
      ip = n === undefined ? undefined : formatIPv4(n);
    }
    if (ip === undefined) return pending(`no free address left in ${node.name}'s podCIDR ${node.podCIDR}`, node.name);
    base.nodeName = node.name;
    base.ip = ip;
    base.ready = replacing === undefined ? (spec.status?.ready ?? true) : true;
    return { pod: base, spec, at };
  };

  // 3. One pod per name: a later object of the same name is ignored (document order decides).
  const seenRefs = new Set<string>();
  const notesAt: Diagnostic[][] = specs.map(() => []);
  const unique: number[] = [];
  specs.forEach((spec, i) => {
    const ref = objectRef('pod', spec.namespace, spec.name);
    if (seenRefs.has(ref)) {
      notesAt[i]!.push(
        clusterDiagnostic('cluster.pod.duplicate', 'warning', `pod "${spec.namespace}/${spec.name}" already exists; this one is ignored (rename the Pod or the workload)`, {
          meta: spec.meta,
          ref,
        }),
      );
      return;
    }
    seenRefs.add(ref);
    unique.push(i);
  });

  // 4. Placed oldest first (the implicit system pods, then document order), so an older pod
  //    keeps its slot when a newer one hashes to it; listed in document order.
  const placedAt: (PlacedPod | undefined)[] = specs.map(() => undefined);
  const byAge = [...unique.filter((i) => specs[i]!.implicit), ...unique.filter((i) => !specs[i]!.implicit)];
  for (const i of byAge) placedAt[i] = place(specs[i]!, notesAt[i]!);

  // 5. Pods deleted by hand, in order; their controllers replace them.
  const deletionNotes = replacePods(placedAt, deletedPods, nodeIndex, (spec, notes, replacing) => place(spec, notes, replacing));

  const pods: ClusterPod[] = [];
  const pendingSummary = summarisePending();
  specs.forEach((_, i) => {
    for (const d of notesAt[i]!) {
      const kept = pendingSummary.keep(d);
      if (kept !== undefined) diagnostics.push(kept);
    }
    const placed = placedAt[i];
    if (placed !== undefined) pods.push(placed.pod);
  });
  pendingSummary.finish();
  for (const d of deletionNotes) diagnostics.push(d);
  return { pods, addedNodes };
}

/**
 * One Pending warning per workload and reason, not one per replica: 10,000 replicas on three
 * full nodes would otherwise bury every other message. The first keeps its pod's name and says
 * how many more of the same workload stay Pending for the same reason (each pod still carries
 * its own `pendingReason` for the graph).
 */
function summarisePending(): { keep(d: Diagnostic): Diagnostic | undefined; finish(): void } {
  const firsts = new Map<string, { diagnostic: Mutable<Diagnostic>; more: number }>();
  return {
    keep(d) {
      if (d.code !== 'cluster.pod.pending' || d.range === undefined) return d;
      const reason = d.message.slice(d.message.indexOf(' stays Pending: '));
      const key = `${d.range.file}:${d.range.startLine}:${d.range.startColumn}${reason}`;
      const first = firsts.get(key);
      if (first === undefined) {
        const diagnostic: Mutable<Diagnostic> = { ...d };
        firsts.set(key, { diagnostic, more: 0 });
        return diagnostic;
      }
      first.more += 1;
      return undefined;
    },
    finish() {
      for (const { diagnostic, more } of firsts.values())
        if (more > 0)
          diagnostic.message = diagnostic.message.replace(
            ' stays Pending: ',
            ` and ${more} more pod${more === 1 ? '' : 's'} of the same workload stay Pending: `,
          );
    },
  };
}

/** One placed pod, with the spec it came from and its node's index (when it has one). */
interface PlacedPod {
  readonly pod: ClusterPod;
  readonly spec: PodSpecToPlace;
  readonly at?: number;
}

const REPLACING_CONTROLLER: Readonly<Record<string, string>> = {
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
};

/**
 * Applies the Scenario's `deletedPods`, in order: each entry deletes the pod of that name that
 * exists at that point of the list (`placed` is updated in place, the replacement taking the
 * deleted pod's position). What replaces it, as the controllers do:
 * 1. Deployment / ReplicaSet / DaemonSet: a new pod with the workload's next unused ordinal.
 * 2. StatefulSet: the same name (stable identity).
 * 3. A bare Pod: nothing.
 * The replacement runs on the deleted pod's node, at the next free address after the deleted
 * one; the deleted address stays taken, so no pod that already existed moves or gets it.
 */
function replacePods(
  placed: (PlacedPod | undefined)[],
  deletedPods: readonly ScenarioDeletedPod[],
  nodeIndex: ReadonlyMap<string, number>,
  place: (spec: PodSpecToPlace, notes: Diagnostic[], replacing?: { at: number; ipAfter?: number }) => PlacedPod,
): Diagnostic[] {
  const notes: Diagnostic[] = [];
  if (deletedPods.length === 0) return notes;
  const slotByRef = new Map<string, number>();
  const nextOrdinal = new Map<string, number>();
  placed.forEach((p, i) => {
    if (p === undefined) return;
    slotByRef.set(p.pod.ref, i);
    if (p.spec.owner !== undefined) nextOrdinal.set(p.spec.owner, Math.max(nextOrdinal.get(p.spec.owner) ?? 0, p.spec.ordinal + 1));
  });
  deletedPods.forEach((entry) => {
    const ref = objectRef('pod', entry.namespace, entry.name);
    const where = { ...(entry.range !== undefined ? { range: entry.range } : {}), path: entry.path };
    const slot = slotByRef.get(ref);
    if (slot === undefined) {
      notes.push({ code: 'cluster.pod.delete-unknown', severity: 'warning', message: `${entry.path}: pod ${entry.namespace}/${entry.name} does not exist (at this point of the list), so nothing is deleted`, ...where });
      return;
    }
    const old = placed[slot]!;
    slotByRef.delete(ref);
    const owner = old.spec.owner;
    const controller = owner === undefined ? undefined : REPLACING_CONTROLLER[owner.slice(0, owner.indexOf('/'))];
    if (owner === undefined || controller === undefined) {
      placed[slot] = undefined;
      notes.push({ code: 'cluster.pod.deleted', severity: 'info', message: `${entry.path}: pod ${entry.namespace}/${entry.name} is deleted; no controller owns it, so nothing replaces it`, ref, ...where });
      return;
    }
    const workloadName = owner.slice(owner.lastIndexOf('/') + 1);
    const stateful = controller === 'StatefulSet';
    const ordinal = stateful ? old.spec.ordinal : (nextOrdinal.get(owner) ?? old.spec.ordinal + 1);
    if (!stateful) nextOrdinal.set(owner, ordinal + 1);
    const name = stateful ? old.spec.name : `${workloadName}-${ordinal}`;
    const { status: _status, ...rest } = old.spec;
    const spec: PodSpecToPlace = { ...rest, name, ordinal };
    const at = old.at ?? (old.pod.nodeName !== undefined ? nodeIndex.get(old.pod.nodeName) : undefined);
    const oldIP = old.pod.ip !== undefined && !old.pod.hostNetwork ? parseIPv4(old.pod.ip) : undefined;
    const next = at !== undefined ? place(spec, notes, { at, ...(oldIP !== undefined ? { ipAfter: oldIP } : {}) }) : place(spec, notes);
    placed[slot] = next;
    slotByRef.set(next.pod.ref, slot);
    notes.push({
      code: 'cluster.pod.deleted',
      severity: 'info',
      message: `${entry.path}: pod ${entry.namespace}/${entry.name} is deleted; ${controller} ${entry.namespace}/${workloadName} replaces it with ${stateful ? 'a new pod of the same name' : `pod ${name}`}${next.pod.nodeName !== undefined ? ` on ${next.pod.nodeName}` : ''}${next.pod.ip !== undefined ? ` (${next.pod.ip}, a new address)` : ''}`,
      ref: next.pod.ref,
      ...where,
    });
  });
  return notes;
}

function statedPodIP(spec: PodSpecToPlace): number | undefined {
  const text = spec.status?.podIP ?? spec.status?.podIPs[0];
  return text === undefined ? undefined : parseIPv4(text);
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
    // One shape for every replica, optional fields set after (no spread per replica).
    const spec: Mutable<PodSpecToPlace> = { name, namespace: workload.meta.namespace, labels, template: workload.template, owner, implicit, meta: workload.meta, spreadKey: owner, ordinal };
    // The StatefulSet controller sets each pod's hostname to its name and its subdomain to
    // spec.serviceName (pkg/controller/statefulset: updateIdentity).
    if (workload.kind === 'StatefulSet') {
      spec.hostname = name;
      if (workload.serviceName !== undefined) spec.subdomain = workload.serviceName;
    }
    if (daemonNode !== undefined) spec.daemonNode = daemonNode;
    return spec;
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
  if (hostIP !== undefined && parseIPv4(hostIP) !== undefined && !nodes.some((n) => n.ip === hostIP)) {
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
      podCIDR = `${formatIPv4(first)}/24`;
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
