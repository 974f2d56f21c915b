/**
 * Matrix step 2, selector bits: each distinct selector evaluated once per class, as a bitset
 * (Int32Array words, bit c = class c). Per policy: the classes it selects and, per rule, the
 * classes its peers admit; the same for cluster policies (subject, and per rule the classes
 * its peers match). Then the port-independent facts: which classes each direction isolates, the
 * host-network classes per node (node-local traffic is always allowed), the groups of classes
 * that every port's rows treat alike, and per direction the tier sets: the distinct lists of
 * cluster policies selecting a group, whose first-match walk step 3 resolves once per set.
 */
import type { Cluster, ClusterPolicyObject, ClusterPolicyRule, LabelSelector, NetworkPolicyObject, NetworkPolicyRule } from '../../types';
import { matchesSelector } from '../../match/labels';
import { namespaceLabels } from '../endpoints';
import { compileIpBlock, ipBlockKey, networkBlock, rulesOf, type MatrixClasses } from './classes';

export interface RuleBits {
  readonly rule: NetworkPolicyRule;
  /** The classes the rule's peers admit (every class for a rule without peers). */
  readonly peers: Int32Array;
}

export interface PolicyBits {
  /** The classes the policy selects, ascending. */
  readonly selectedList: readonly number[];
  /** The groups it selects, in order of their first selected class. */
  readonly selectedGroups: readonly number[];
  readonly ingress: readonly RuleBits[];
  readonly egress: readonly RuleBits[];
}

export interface ClusterRuleBits {
  readonly rule: ClusterPolicyRule;
  /** The classes the rule's peers match. */
  readonly peers: Int32Array;
}

/** One cluster policy (enforced ones only, in walk order). */
export interface ClusterPolicyBits {
  readonly policy: ClusterPolicyObject;
  /** Its index in `SelectorBits.clusterPolicies`. */
  readonly index: number;
  readonly ingress: readonly ClusterRuleBits[];
  readonly egress: readonly ClusterRuleBits[];
}

/**
 * The cluster policies (with rules of one direction) that select some groups, in walk order:
 * every group of the set resolves the tiers' first matching rules alike.
 */
export interface TierSet {
  readonly admin: readonly ClusterPolicyBits[];
  readonly baseline: readonly ClusterPolicyBits[];
  /** A class of the set: for ingress, the destination whose named ports the rules resolve. */
  readonly rep: number;
}

/** Step 2's output. */
export interface SelectorBits {
  /** Every class. */
  readonly allBits: Int32Array;
  readonly policies: readonly PolicyBits[];
  /** Per class: 1 when some NetworkPolicy isolates it for ingress / egress. */
  readonly isolatedIngress: Uint8Array;
  readonly isolatedEgress: Uint8Array;
  /** Host-network classes per node name. */
  readonly hostOnNode: ReadonlyMap<string, Int32Array>;
  /** `groupOf[c]`: the group of class c; `groupReps[g]`: its first class. */
  readonly groupOf: Int32Array;
  readonly groupReps: readonly number[];
  /** Cluster policies in walk order (empty when the CNI plugin does not enforce them). */
  readonly clusterPolicies: readonly ClusterPolicyBits[];
  /** Per group: its ingress / egress tier set (index into the lists), -1 when no cluster policy applies. */
  readonly ingressTierSetOf: Int32Array;
  readonly egressTierSetOf: Int32Array;
  readonly ingressTierSets: readonly TierSet[];
  readonly egressTierSets: readonly TierSet[];
}

/**
 * Each selector's text key, by the selector object: the typed policies are immutable, and
 * normalize hands back the same objects for documents a keystroke did not change, so a
 * recompute builds keys only for the selectors of edited documents.
 */
const selectorTextKeys = new WeakMap<LabelSelector, string>();

function selectorKey(s: LabelSelector): string {
  let key = selectorTextKeys.get(s);
  if (key === undefined) selectorTextKeys.set(s, (key = JSON.stringify([Object.entries(s.matchLabels).sort(), s.matchExpressions])));
  return key;
}

function setBit(bits: Int32Array, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

/**
 * Per class, a number naming the list of policies that select it (equal lists, equal numbers):
 * policies are added in ascending order, and each (list so far, next policy) gets its number
 * once, so no list is ever written out as text.
 */
class SelectionIds {
  readonly ids: Int32Array;
  private readonly next = new Map<number, number>();
  private count = 1;

  constructor(
    classCount: number,
    private readonly policyCount: number,
  ) {
    this.ids = new Int32Array(classCount);
  }

  /** Policy `i` selects class `c` (calls in ascending `i`). */
  add(c: number, i: number): void {
    const key = this.ids[c]! * (this.policyCount + 1) + i;
    let id = this.next.get(key);
    if (id === undefined) this.next.set(key, (id = this.count++));
    this.ids[c] = id;
  }
}

/** The set bits, ascending. */
function bitList(bits: Int32Array): number[] {
  const out: number[] = [];
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const bit = word & -word;
      out.push((w << 5) | (31 - Math.clz32(bit)));
      word ^= bit;
    }
  }
  return out;
}

export function orInto(target: Int32Array, source: Int32Array, offset = 0): void {
  for (let w = 0; w < source.length; w++) target[offset + w]! |= source[w]!;
}

export function buildSelectorBits(
  cluster: Cluster,
  m: MatrixClasses,
  policies: readonly NetworkPolicyObject[],
  clusterPolicies: readonly ClusterPolicyObject[] = [],
): SelectorBits {
  const classes = m.classes;
  const C = classes.length;
  const W = m.words;

  // Classes are grouped by namespace, and a namespaceSelector is evaluated once per namespace.
  const nsIndex = new Map<string, number>();
  const nsNames: string[] = [];
  const classNs = new Int32Array(C);
  const classesInNs: number[][] = [];
  for (let c = 0; c < C; c++) {
    const ns = classes[c]!.rep.namespace;
    let i = nsIndex.get(ns);
    if (i === undefined) {
      i = nsNames.length;
      nsIndex.set(ns, i);
      nsNames.push(ns);
      classesInNs.push([]);
    }
    classNs[c] = i;
    classesInNs[i]!.push(c);
  }
  const nsMatchCache = new Map<string, Uint8Array>();
  const namespacesMatching = (sel: LabelSelector, sk: string): Uint8Array => {
    let v = nsMatchCache.get(sk);
    if (v === undefined) {
      v = new Uint8Array(nsNames.length);
      for (let i = 0; i < nsNames.length; i++) v[i] = matchesSelector(sel, namespaceLabels(cluster, nsNames[i]!)) ? 1 : 0;
      nsMatchCache.set(sk, v);
    }
    return v;
  };
  const keyOf = selectorKey;
  // Pod-network classes by `key=value` label (ascending): a selector with matchLabels is
  // matched only against the classes holding its rarest pair.
  const classesByLabel = new Map<string, number[]>();
  for (let c = 0; c < C; c++) {
    const cls = classes[c]!;
    if (cls.hostNetwork) continue;
    const labels = cls.rep.labels;
    for (const k of Object.keys(labels)) {
      const pair = `${k}\u0000${labels[k]!}`;
      const list = classesByLabel.get(pair);
      if (list === undefined) classesByLabel.set(pair, [c]);
      else list.push(c);
    }
  }
  const NO_CLASSES: readonly number[] = [];
  /** The classes a podSelector can select (a superset, ascending), or undefined when it names no label value. */
  const podCandidates = (podSel: LabelSelector): readonly number[] | undefined => {
    let best: readonly number[] | undefined;
    for (const k of Object.keys(podSel.matchLabels)) {
      const list = classesByLabel.get(`${k}\u0000${podSel.matchLabels[k]!}`) ?? NO_CLASSES;
      if (best === undefined || list.length < best.length) best = list;
    }
    return best;
  };
  const selectedCache = new Map<string, Int32Array>();
  /** Pod-network classes in namespace `ns` (or any namespace matching nsSel) whose labels match podSel. */
  const selectClasses = (podSel: LabelSelector | undefined, ns: string | undefined, nsSel: LabelSelector | undefined): Int32Array => {
    const pk = podSel ? keyOf(podSel) : '*';
    const nk = nsSel ? `sel:${keyOf(nsSel)}` : `ns:${ns ?? ''}`;
    const cacheKey = `${pk}#${nk}`;
    const cached = selectedCache.get(cacheKey);
    if (cached) return cached;
    const bits = new Int32Array(W);
    const candidates = podSel ? podCandidates(podSel) : undefined;
    if (nsSel) {
      const nsOk = namespacesMatching(nsSel, nk);
      if (candidates !== undefined) {
        for (const c of candidates) if (nsOk[classNs[c]!] && matchesSelector(podSel!, classes[c]!.rep.labels)) setBit(bits, c);
      } else {
        for (let c = 0; c < C; c++) {
          const cls = classes[c]!;
          if (nsOk[classNs[c]!] && !cls.hostNetwork && (!podSel || matchesSelector(podSel, cls.rep.labels))) setBit(bits, c);
        }
      }
    } else {
      const i = ns === undefined ? undefined : nsIndex.get(ns);
      if (i !== undefined) {
        const inNs = classesInNs[i]!;
        if (candidates !== undefined && candidates.length < inNs.length) {
          for (const c of candidates) if (classNs[c] === i && matchesSelector(podSel!, classes[c]!.rep.labels)) setBit(bits, c);
        } else {
          for (const c of inNs) {
            const cls = classes[c]!;
            if (!cls.hostNetwork && (!podSel || matchesSelector(podSel, cls.rep.labels))) setBit(bits, c);
          }
        }
      }
    }
    selectedCache.set(cacheKey, bits);
    return bits;
  };
  const blockBits = new Map<string, Int32Array>();
  for (const [k, b] of m.ipBlocks) {
    const bits = new Int32Array(W);
    const contains = compileIpBlock(b);
    for (let c = 0; c < C; c++) if (contains(m.classIPs[c])) setBit(bits, c);
    blockBits.set(k, bits);
  }
  const allBits = new Int32Array(W);
  for (let c = 0; c < C; c++) setBit(allBits, c);

  const peerBitsOf = (rule: NetworkPolicyRule, ns: string): Int32Array => {
    if (rule.peers.length === 0) return allBits;
    const bits = new Int32Array(W);
    for (const peer of rule.peers) {
      // The API forbids ipBlock with selectors; an element with an ipBlock is read as ipBlock only.
      if (peer.ipBlock) orInto(bits, blockBits.get(ipBlockKey(peer.ipBlock))!);
      else if (peer.podSelector || peer.namespaceSelector) orInto(bits, selectClasses(peer.podSelector, ns, peer.namespaceSelector));
    }
    return bits;
  };
  const infos = policies.map((p) => {
    const ns = p.meta.namespace;
    const selected = selectClasses(p.podSelector, ns, undefined);
    const selectedList = bitList(selected);
    const { ingress, egress } = rulesOf(p);
    return {
      selectedList,
      ingress: ingress.map((rule) => ({ rule, peers: peerBitsOf(rule, ns) })),
      egress: egress.map((rule) => ({ rule, peers: peerBitsOf(rule, ns) })),
      isolatesIngress: p.policyTypes.includes('Ingress'),
      isolatesEgress: p.policyTypes.includes('Egress'),
    };
  });

  // Isolation does not depend on the port.
  const isolatedIngress = new Uint8Array(C);
  const isolatedEgress = new Uint8Array(C);
  for (const info of infos) {
    for (const c of info.selectedList) {
      if (info.isolatesIngress) isolatedIngress[c] = 1;
      if (info.isolatesEgress) isolatedEgress[c] = 1;
    }
  }
  // Node-local traffic is always allowed: hostNetwork classes per node.
  const hostOnNode = new Map<string, Int32Array>();
  for (let c = 0; c < C; c++) {
    const cls = classes[c]!;
    if (!cls.hostNetwork) continue;
    const node = cls.rep.nodeName ?? '';
    let bits = hostOnNode.get(node);
    if (!bits) hostOnNode.set(node, (bits = new Int32Array(W)));
    setBit(bits, c);
  }

  // Cluster policies: subjects and peers. Host-network pods are never subjects nor pod peers
  // (selectClasses skips them); `nodes` peers match host-network classes on matching nodes.
  const nodeClassesMatching = (sel: LabelSelector): Int32Array => {
    const bits = new Int32Array(W);
    for (const [nodeName, hostBits] of hostOnNode) {
      const i = cluster.lookups.nodeByName[nodeName];
      const node = i === undefined ? undefined : cluster.nodes[i];
      if (node !== undefined && matchesSelector(sel, node.labels)) orInto(bits, hostBits);
    }
    return bits;
  };
  const clusterPeerBitsOf = (rule: ClusterPolicyRule): Int32Array => {
    const bits = new Int32Array(W);
    for (const peer of rule.peers) {
      if (peer.kind === 'namespaces') orInto(bits, selectClasses(undefined, undefined, peer.namespaceSelector));
      else if (peer.kind === 'pods') orInto(bits, selectClasses(peer.podSelector, undefined, peer.namespaceSelector));
      else if (peer.kind === 'networks') for (const cidr of peer.cidrs) orInto(bits, blockBits.get(ipBlockKey(networkBlock(cidr)))!);
      else if (peer.kind === 'nodes') orInto(bits, nodeClassesMatching(peer.nodeSelector));
      // domainNames: not simulated, never matches.
    }
    return bits;
  };
  const clusterSelection = new SelectionIds(C, clusterPolicies.length);
  const clusterSelectedBy: number[][] = classes.map(() => []);
  const clusterBits: ClusterPolicyBits[] = clusterPolicies.map((policy, i) => {
    const subject = policy.subject;
    const selected = selectClasses(subject.kind === 'pods' ? subject.podSelector : undefined, undefined, subject.namespaceSelector);
    for (const c of bitList(selected)) {
      clusterSelectedBy[c]!.push(i);
      clusterSelection.add(c, i);
    }
    return {
      policy,
      index: i,
      ingress: policy.ingress.map((rule) => ({ rule, peers: clusterPeerBitsOf(rule) })),
      egress: policy.egress.map((rule) => ({ rule, peers: clusterPeerBitsOf(rule) })),
    };
  });

  // Classes that every port's rows treat alike: selected by the same policies (so the same
  // isolation and the same rules), on the same node when node-local traffic matters, with the
  // same named ports (the only thing of a destination a rule's ports read). Step 3 builds one
  // ingress and one egress row per group, not per class.
  const selection = new SelectionIds(C, infos.length);
  infos.forEach((info, i) => {
    for (const c of info.selectedList) selection.add(c, i);
  });
  const groupOf = new Int32Array(C);
  const groupReps: number[] = [];
  const groupByKey = new Map<string, number>();
  for (let c = 0; c < C; c++) {
    const cls = classes[c]!;
    const node = cls.rep.nodeName;
    const local = !cls.hostNetwork && node !== undefined && hostOnNode.has(node) ? node : '';
    const key = `${cls.hostNetwork ? 'H' : 'P'}|${selection.ids[c]!}|${local}|${cls.portKey}|${clusterSelection.ids[c]!}`;
    let g = groupByKey.get(key);
    if (g === undefined) {
      g = groupReps.length;
      groupReps.push(c);
      groupByKey.set(key, g);
    }
    groupOf[c] = g;
  }
  const lastPolicyOf = new Int32Array(groupReps.length).fill(-1);
  const policyBits: PolicyBits[] = infos.map((info, i) => {
    const selectedGroups: number[] = [];
    for (const c of info.selectedList) {
      const g = groupOf[c]!;
      if (lastPolicyOf[g] !== i) {
        lastPolicyOf[g] = i;
        selectedGroups.push(g);
      }
    }
    return { selectedList: info.selectedList, selectedGroups, ingress: info.ingress, egress: info.egress };
  });
  // Tier sets per direction: the selecting cluster policies with rules of that direction; for
  // ingress also how the destination resolves the port names in play (the destination is the
  // subject, its names resolve the rules): a named grid port, and the `destinationNamedPort`s of
  // the set's own ingress rules. Only its own: a name no rule of the set reads cannot change its
  // walk, and splitting by every policy's names multiplies the sets (398 instead of 85 in the
  // 5,000-pod bench).
  const gridNames: string[] = [];
  for (const pc of m.portClasses) if (typeof pc.port === 'string' && !gridNames.includes(pc.port)) gridNames.push(pc.port);
  /** Per name list (as text), per containerPorts list (replicas share one): how the names resolve, as a key. */
  const nameKeysByNames = new Map<string, Map<object, string>>();
  const namedPortsKey = (names: readonly string[], memo: Map<object, string>, c: number): string => {
    if (names.length === 0) return '';
    const ports = classes[c]!.rep.containerPorts;
    let key = memo.get(ports);
    if (key === undefined) {
      key = names.map((n) => ports.filter((cp) => cp.name === n).map((cp) => `${cp.protocol}${cp.containerPort}`).join('+')).join(';');
      memo.set(ports, key);
    }
    return key;
  };
  interface Applying {
    readonly list: readonly number[];
    /** Ingress: the port names the set's walk reads, sorted, and their keys per containerPorts list. */
    readonly names: readonly string[];
    readonly nameKeys: Map<object, string>;
    /** The list's tier sets by name key. */
    readonly setByNameKey: Map<string, number>;
  }
  const tierSets = (direction: 'ingress' | 'egress'): { setOf: Int32Array; sets: TierSet[] } => {
    const setOf = new Int32Array(groupReps.length).fill(-1);
    const sets: TierSet[] = [];
    // Selection lists with equal applying lists share their sets.
    const applyingByKey = new Map<string, Applying>();
    const applyingByList = new Map<number, Applying>();
    groupReps.forEach((c, g) => {
      // Classes selected by the same cluster policies apply the same ones: filtered once per list.
      const listId = clusterSelection.ids[c]!;
      let applying = applyingByList.get(listId);
      if (applying === undefined) {
        const list = clusterSelectedBy[c]!.filter((i) => clusterBits[i]![direction].length > 0);
        const key = list.join(',');
        applying = applyingByKey.get(key);
        if (applying === undefined) {
          const nameSet = new Set<string>(direction === 'ingress' ? gridNames : []);
          if (direction === 'ingress') {
            for (const i of list) for (const r of clusterBits[i]!.policy.ingress) for (const port of r.ports ?? []) if (port.kind === 'namedPort') nameSet.add(port.name);
          }
          const names = [...nameSet].sort();
          const namesKey = names.join('\u0000');
          let nameKeys = nameKeysByNames.get(namesKey);
          if (nameKeys === undefined) nameKeysByNames.set(namesKey, (nameKeys = new Map<object, string>()));
          applying = { list, names, nameKeys, setByNameKey: new Map<string, number>() };
          applyingByKey.set(key, applying);
        }
        applyingByList.set(listId, applying);
      }
      if (applying.list.length === 0) return;
      const nameKey = namedPortsKey(applying.names, applying.nameKeys, c);
      let t = applying.setByNameKey.get(nameKey);
      if (t === undefined) {
        t = sets.length;
        const list = applying.list.map((i) => clusterBits[i]!);
        sets.push({ admin: list.filter((p) => p.policy.tier === 'Admin'), baseline: list.filter((p) => p.policy.tier === 'Baseline'), rep: c });
        applying.setByNameKey.set(nameKey, t);
      }
      setOf[g] = t;
    });
    return { setOf, sets };
  };
  const ingressTiers = tierSets('ingress');
  const egressTiers = tierSets('egress');
  return {
    allBits,
    policies: policyBits,
    isolatedIngress,
    isolatedEgress,
    hostOnNode,
    groupOf,
    groupReps,
    clusterPolicies: clusterBits,
    ingressTierSetOf: ingressTiers.setOf,
    egressTierSetOf: egressTiers.setOf,
    ingressTierSets: ingressTiers.sets,
    egressTierSets: egressTiers.sets,
  };
}
