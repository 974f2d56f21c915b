/**
 * Matrix step 1, classes: the pods drawn, the port classes asked, and the pod classes. A pod's
 * class is its namespace, its labels projected on the keys any podSelector reads (NetworkPolicy
 * and cluster policy subjects and peers), its ipBlock and `networks` memberships, its named ports,
 * hostNetwork and (when a hostNetwork pod exists) its node (which `nodes` peers read): pods of
 * one class get the same verdicts, so later steps work per class.
 */
import type { ClusterPod, ClusterPolicyObject, IPBlock, NetworkPolicyObject, NetworkPolicyRule, Protocol } from '../../types';
import { selectorKeys } from '../../match/labels';
import { parseCidr, parseIPv4, parsedCidrContains } from '../../match/cidr';
import { namespacedName } from '../../refs';

const PROTOCOL_ORDER: Record<Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };

export interface PortClass {
  readonly port: number | string;
  readonly protocol: Protocol;
}

export interface PodClass {
  /** The first pod of the class: every other pod of it answers alike. */
  readonly rep: ClusterPod;
  readonly hostNetwork: boolean;
  /** The class's named container ports, as a key (classes with equal keys resolve names alike). */
  readonly portKey: string;
}

/** Step 1's output. */
export interface MatrixClasses {
  /** Running pods with an IP, sorted by `NS/NAME`. */
  readonly pods: readonly ClusterPod[];
  readonly podKeys: readonly string[];
  readonly portClasses: readonly PortClass[];
  readonly classes: readonly PodClass[];
  /** `podClasses[i]`: the class of `pods[i]`. */
  readonly podClasses: readonly number[];
  /** Each class's address, parsed (only filled when some policy has an ipBlock). */
  readonly classIPs: readonly (number | undefined)[];
  /** Every distinct ipBlock of the policies, by `ipBlockKey` (a cluster policy's `networks` CIDR is an ipBlock without `except`). */
  readonly ipBlocks: ReadonlyMap<string, IPBlock>;
  /** Bit words per row: `ceil(classes / 32)`. */
  readonly words: number;
}

export function podKey(p: ClusterPod): string {
  return namespacedName(p.namespace, p.name);
}

export function ipBlockKey(b: IPBlock): string {
  return `${b.cidr}|${b.except.join(',')}`;
}

/** A `networks` CIDR read as an ipBlock (it has no `except`). */
export function networkBlock(cidr: string): IPBlock {
  return { cidr, except: [] };
}

/** The rules that count: those of the directions the policy isolates (`policyTypes`). */
export function rulesOf(policy: NetworkPolicyObject): {
  readonly ingress: readonly NetworkPolicyRule[];
  readonly egress: readonly NetworkPolicyRule[];
} {
  return {
    ingress: policy.policyTypes.includes('Ingress') ? policy.ingress : [],
    egress: policy.policyTypes.includes('Egress') ? policy.egress : [],
  };
}

/**
 * `ipBlockContains` with the CIDRs parsed once, for parsed addresses: inside `cidr` and no
 * `except` entry; a malformed cidr or address admits nothing, a malformed except excludes nothing.
 */
export function compileIpBlock(b: IPBlock): (ip: number | undefined) => boolean {
  const cidr = parseCidr(b.cidr);
  const except = b.except.map(parseCidr).filter((e) => e !== undefined);
  return (ip) => cidr !== undefined && ip !== undefined && parsedCidrContains(cidr, ip) && !except.some((e) => parsedCidrContains(e, ip));
}

/** The longest prefix length of the blocks' CIDRs and excepts (0 without any; malformed ones match no address either way). */
function longestPrefix(blocks: readonly IPBlock[]): number {
  let longest = 0;
  for (const b of blocks) {
    for (const text of [b.cidr, ...b.except]) {
      const cidr = parseCidr(text);
      if (cidr !== undefined && cidr.prefix > longest) longest = cidr.prefix;
    }
  }
  return longest;
}

/** Which (port, protocol) pairs to draw: the asked one, or every port some pod declares. */
function selectPortClasses(pods: readonly ClusterPod[], options: { port?: number | string; protocol?: Protocol }): PortClass[] {
  if (options.port !== undefined) {
    const asNumber = typeof options.port === 'number' ? options.port : /^[0-9]+$/.test(options.port) ? Number(options.port) : undefined;
    return [{ port: asNumber ?? options.port, protocol: options.protocol ?? 'TCP' }];
  }
  const seen = new Map<string, PortClass>();
  // Replicas share one containerPorts list: read each list once.
  const lists = new Set<ClusterPod['containerPorts']>();
  for (const pod of pods) {
    if (lists.has(pod.containerPorts)) continue;
    lists.add(pod.containerPorts);
    for (const cp of pod.containerPorts) {
      if (options.protocol !== undefined && cp.protocol !== options.protocol) continue;
      seen.set(`${cp.protocol}/${cp.containerPort}`, { port: cp.containerPort, protocol: cp.protocol });
    }
  }
  return [...seen.values()].sort((a, b) => PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] || (a.port as number) - (b.port as number));
}

/** One level of the class lookup: a part's number to the next level (the last level holds class numbers). */
type ClassLevel = Map<number, ClassLevel | number>;

function levelOf(level: ClassLevel, part: number): ClassLevel {
  let next = level.get(part) as ClassLevel | undefined;
  if (next === undefined) level.set(part, (next = new Map()));
  return next;
}

/**
 * Step 1 over the running pods of a cluster and the policies that are enforced.
 */
export function buildMatrixClasses(
  allPods: readonly ClusterPod[],
  policies: readonly NetworkPolicyObject[],
  options: { port?: number | string; protocol?: Protocol },
  clusterPolicies: readonly ClusterPolicyObject[] = [],
): MatrixClasses {
  // Sorted by `NS/NAME`, each key built once.
  const sortedPods = allPods
    .filter((p) => p.phase === 'Running' && p.ip !== undefined)
    .map((p) => ({ pod: p, key: podKey(p) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pods = sortedPods.map((e) => e.pod);
  const podKeys = sortedPods.map((e) => e.key);
  const portClasses = selectPortClasses(pods, options);

  // What of a pod can matter.
  const keys = new Set<string>();
  const ipBlocks = new Map<string, IPBlock>();
  const portNames = new Set<string>();
  for (const p of policies) {
    for (const k of selectorKeys(p.podSelector)) keys.add(k);
    const { ingress, egress } = rulesOf(p);
    for (const rule of [...ingress, ...egress]) {
      for (const peer of rule.peers) {
        if (peer.ipBlock) ipBlocks.set(ipBlockKey(peer.ipBlock), peer.ipBlock);
        else if (peer.podSelector) for (const k of selectorKeys(peer.podSelector)) keys.add(k);
      }
      for (const port of rule.ports) if (typeof port.port === 'string') portNames.add(port.port);
    }
  }
  for (const p of clusterPolicies) {
    if (p.subject.kind === 'pods') for (const k of selectorKeys(p.subject.podSelector)) keys.add(k);
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind === 'pods') for (const k of selectorKeys(peer.podSelector)) keys.add(k);
        else if (peer.kind === 'networks') for (const cidr of peer.cidrs) ipBlocks.set(ipBlockKey(networkBlock(cidr)), networkBlock(cidr));
      }
      for (const port of rule.ports ?? []) if (port.kind === 'namedPort') portNames.add(port.name);
    }
  }
  const namedGridPort = portClasses.find((pc) => typeof pc.port === 'string');
  if (namedGridPort) portNames.add(namedGridPort.port as string);
  const keyList = [...keys].sort();
  const blockList = [...ipBlocks.values()].map(compileIpBlock);
  const nameList = [...portNames].sort();
  const nameIndex = new Map(nameList.map((n, i) => [n, i] as const));
  const anyHostNetwork = pods.some((p) => p.hostNetwork);

  // Addresses matter only to ipBlocks.
  const podIPs = blockList.length > 0 ? pods.map((p) => parseIPv4(p.ip!)) : [];
  // Replicas share their labels and containerPorts objects: project each object once.
  const labelParts = new Map<object, string>();
  const labelPart = (labels: ClusterPod['labels']): string => {
    let part = labelParts.get(labels);
    if (part === undefined) {
      part = JSON.stringify(keyList.map((k) => (Object.prototype.hasOwnProperty.call(labels, k) ? `=${labels[k]!}` : '-')));
      labelParts.set(labels, part);
    }
    return part;
  };
  const portParts = new Map<object, string>();
  const portPart = (containerPorts: ClusterPod['containerPorts']): string => {
    let part = portParts.get(containerPorts);
    if (part === undefined) {
      // Per name in `nameList`, its ports joined by '+' (one pass over the list, not one per name).
      const perName: string[] = nameList.map(() => '');
      for (const c of containerPorts) {
        const at = c.name === undefined ? -1 : nameIndex.get(c.name);
        if (at === undefined || at < 0) continue;
        perName[at] = perName[at] === '' ? `${c.protocol}${c.containerPort}` : `${perName[at]}+${c.protocol}${c.containerPort}`;
      }
      part = JSON.stringify(perName);
      portParts.set(containerPorts, part);
    }
    return part;
  };
  // Class keys are short: each part is replaced by the number of its distinct value.
  const partIds = new Map<string, number>();
  const idOf = (part: string): number => {
    let id = partIds.get(part);
    if (id === undefined) partIds.set(part, (id = partIds.size));
    return id;
  };
  const objectIds = new Map<object, number>();
  const labelId = (labels: ClusterPod['labels']): number => {
    let id = objectIds.get(labels);
    if (id === undefined) objectIds.set(labels, (id = idOf(`L${labelPart(labels)}`)));
    return id;
  };
  const portId = (containerPorts: ClusterPod['containerPorts']): number => {
    let id = objectIds.get(containerPorts);
    if (id === undefined) objectIds.set(containerPorts, (id = idOf(`P${portPart(containerPorts)}`)));
    return id;
  };

  // Namespaces and nodes numbered apart (no key text per pod).
  const nameIds = new Map<string, number>();
  const nameId = (name: string): number => {
    let id = nameIds.get(name);
    if (id === undefined) nameIds.set(name, (id = nameIds.size));
    return id;
  };
  const nodeIds = new Map<string, number>();
  const nodeId = (name: string): number => {
    let id = nodeIds.get(name);
    if (id === undefined) nodeIds.set(name, (id = nodeIds.size));
    return id;
  };

  // An address's ipBlock memberships depend only on its first `longest` bits (the longest
  // prefix of any block's cidr or except): worked out once per such prefix, not per pod.
  const shift = 32 - longestPrefix([...ipBlocks.values()]);
  // Each distinct membership list numbered (equal lists, equal numbers).
  const blocksByPrefix = new Map<number, number>();
  const blockListIds = new Map<string, number>();
  const blocksOf = (ip: number | undefined): number => {
    const k = ip === undefined ? -1 : shift >= 32 ? 0 : ip >>> shift;
    let id = blocksByPrefix.get(k);
    if (id === undefined) {
      let blocks = '';
      for (const contains of blockList) blocks += contains(ip) ? '1' : '0';
      id = blockListIds.get(blocks);
      if (id === undefined) blockListIds.set(blocks, (id = blockListIds.size));
      blocksByPrefix.set(k, id);
    }
    return id;
  };

  const classes: PodClass[] = [];
  const classIPs: (number | undefined)[] = [];
  // A pod's class by its parts, each a small number, looked up one level per part (namespace
  // and hostNetwork, node, labels, ipBlocks, named ports): no key text per pod.
  const classByParts = new Map<number, ClassLevel>();
  const podClasses = pods.map((pod, podIndex) => {
    const byNode = levelOf(classByParts, nameId(pod.namespace) * 2 + (pod.hostNetwork ? 1 : 0));
    const byLabels = levelOf(byNode, anyHostNetwork ? nodeId(pod.nodeName ?? '') : 0);
    const byBlocks = levelOf(byLabels, labelId(pod.labels));
    const byPorts = levelOf(byBlocks, blockList.length === 0 ? 0 : blocksOf(podIPs[podIndex]));
    const portsPart = pod.hostNetwork ? -1 : portId(pod.containerPorts);
    let c = byPorts.get(portsPart) as number | undefined;
    if (c === undefined) {
      c = classes.length;
      classes.push({ rep: pod, hostNetwork: pod.hostNetwork, portKey: pod.hostNetwork ? '' : portPart(pod.containerPorts) });
      if (blockList.length > 0) classIPs.push(podIPs[podIndex]);
      byPorts.set(portsPart, c);
    }
    return c;
  });
  return { pods, podKeys, portClasses, classes, podClasses, classIPs, ipBlocks, words: (classes.length + 31) >>> 5 };
}
