/**
 * Matrix step 2, selector bits: each distinct selector evaluated once per class, as a bitset
 * (Int32Array words, bit c = class c). Per policy: the classes it selects and, per rule, the
 * classes its peers admit. Then the port-independent facts: which classes each direction
 * isolates, the host-network classes per node (node-local traffic is always allowed), and the
 * groups of classes that every port's rows treat alike.
 */
import type { Cluster, LabelSelector, NetworkPolicyObject, NetworkPolicyRule } from '../../types';
import { matchesSelector } from '../../match/labels';
import { namespaceLabels } from '../endpoints';
import { compileIpBlock, ipBlockKey, rulesOf, type MatrixClasses } from './classes';

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
}

function selectorKey(s: LabelSelector): string {
  return JSON.stringify([Object.entries(s.matchLabels).sort(), s.matchExpressions]);
}

function setBit(bits: Int32Array, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

function hasBit(bits: Int32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

export function orInto(target: Int32Array, source: Int32Array, offset = 0): void {
  for (let w = 0; w < source.length; w++) target[offset + w]! |= source[w]!;
}

export function buildSelectorBits(cluster: Cluster, m: MatrixClasses, policies: readonly NetworkPolicyObject[]): SelectorBits {
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
  const selectedCache = new Map<string, Int32Array>();
  /** Pod-network classes in namespace `ns` (or any namespace matching nsSel) whose labels match podSel. */
  const selectClasses = (podSel: LabelSelector | undefined, ns: string | undefined, nsSel: LabelSelector | undefined): Int32Array => {
    const pk = podSel ? selectorKey(podSel) : '*';
    const nk = nsSel ? `sel:${selectorKey(nsSel)}` : `ns:${ns ?? ''}`;
    const cacheKey = `${pk}#${nk}`;
    const cached = selectedCache.get(cacheKey);
    if (cached) return cached;
    const bits = new Int32Array(W);
    const consider = (c: number): void => {
      const cls = classes[c]!;
      if (cls.hostNetwork) return;
      if (!podSel || matchesSelector(podSel, cls.rep.labels)) setBit(bits, c);
    };
    if (nsSel) {
      const nsOk = namespacesMatching(nsSel, nk);
      for (let c = 0; c < C; c++) if (nsOk[classNs[c]!]) consider(c);
    } else {
      const i = ns === undefined ? undefined : nsIndex.get(ns);
      if (i !== undefined) for (const c of classesInNs[i]!) consider(c);
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
    const selectedList: number[] = [];
    for (let c = 0; c < C; c++) if (hasBit(selected, c)) selectedList.push(c);
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

  // Classes that every port's rows treat alike: selected by the same policies (so the same
  // isolation and the same rules), on the same node when node-local traffic matters, with the
  // same named ports (the only thing of a destination a rule's ports read). Step 3 builds one
  // ingress and one egress row per group, not per class.
  const selectedBy: number[][] = classes.map(() => []);
  infos.forEach((info, i) => {
    for (const c of info.selectedList) selectedBy[c]!.push(i);
  });
  const groupOf = new Int32Array(C);
  const groupReps: number[] = [];
  const groupByKey = new Map<string, number>();
  for (let c = 0; c < C; c++) {
    const cls = classes[c]!;
    const node = cls.rep.nodeName;
    const local = !cls.hostNetwork && node !== undefined && hostOnNode.has(node) ? node : '';
    const key = `${cls.hostNetwork ? 'H' : 'P'}|${selectedBy[c]!.join(',')}|${local}|${cls.portKey}`;
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
  return { allBits, policies: policyBits, isolatedIngress, isolatedEgress, hostOnNode, groupOf, groupReps };
}
