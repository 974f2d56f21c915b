/**
 * The pod-to-pod reachability matrix, fast (performance.md B10):
 * 1. Collect the label keys any podSelector reads; a pod's class is its namespace, its labels
 *    projected on those keys, its ipBlock memberships, its named ports, hostNetwork and (when a
 *    hostNetwork pod exists) its node. Pods of one class get the same verdicts.
 * 2. Evaluate each distinct selector once per class, as a bitset (Int32Array words).
 * 3. Per port class and direction: which classes are isolated, and the OR of the peer bitsets of
 *    every rule that admits that port.
 * 4. allowed(s, d) = egress(s → d) ∧ ingress(d ← s); pods are expanded only for output.
 * `reference.ts` is the per-pair oracle the property tests compare this with.
 */
import type {
  Cluster,
  ClusterPod,
  IPBlock,
  LabelSelector,
  NetworkPolicyObject,
  NetworkPolicyRule,
  Protocol,
  ReachabilityGrid,
  ReachabilityMatrix,
} from '../types';
import { matchesSelector, selectorKeys } from '../match/labels';
import { parseCidr, parseIPv4, parsedCidrContains } from '../match/cidr';
import { portsAdmit, resolveNamedPort } from '../match/ports';
import { cniPlugin } from '../cni-plugins';
import { namespaceLabels } from './endpoints';
import { expandGlyphs, hashWords, nibbleGlyphs, sameWords, transposeBits } from './bits';

/** Per-pod `rows` are only materialised up to this many pods. */
export const MATRIX_EXPAND_LIMIT = 1000;

const PROTOCOL_ORDER: Record<Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };

interface PortClass {
  readonly port: number | string;
  readonly protocol: Protocol;
}

interface PodClass {
  readonly rep: ClusterPod;
  readonly hostNetwork: boolean;
}

function podKey(p: ClusterPod): string {
  return `${p.namespace}/${p.name}`;
}

function ipBlockKey(b: IPBlock): string {
  return `${b.cidr}|${b.except.join(',')}`;
}

/**
 * `ipBlockContains` with the CIDRs parsed once, for parsed addresses: inside `cidr` and no
 * `except` entry; a malformed cidr or address admits nothing, a malformed except excludes nothing.
 */
function compileIpBlock(b: IPBlock): (ip: number | undefined) => boolean {
  const cidr = parseCidr(b.cidr);
  const except = b.except.map(parseCidr).filter((e) => e !== undefined);
  return (ip) =>
    cidr !== undefined &&
    ip !== undefined &&
    parsedCidrContains(cidr, ip) &&
    !except.some((e) => parsedCidrContains(e, ip));
}

function selectorKey(s: LabelSelector): string {
  return JSON.stringify([Object.entries(s.matchLabels).sort(), s.matchExpressions]);
}

function rulesOf(policy: NetworkPolicyObject): {
  readonly ingress: readonly NetworkPolicyRule[];
  readonly egress: readonly NetworkPolicyRule[];
} {
  return {
    ingress: policy.policyTypes.includes('Ingress') ? policy.ingress : [],
    egress: policy.policyTypes.includes('Egress') ? policy.egress : [],
  };
}

/** Which (port, protocol) pairs to draw: the asked one, or every port some pod declares. */
function selectPortClasses(
  pods: readonly ClusterPod[],
  options: { port?: number | string; protocol?: Protocol },
): PortClass[] {
  if (options.port !== undefined) {
    const asNumber =
      typeof options.port === 'number'
        ? options.port
        : /^[0-9]+$/.test(options.port)
          ? Number(options.port)
          : undefined;
    return [{ port: asNumber ?? options.port, protocol: options.protocol ?? 'TCP' }];
  }
  const seen = new Map<string, PortClass>();
  for (const pod of pods) {
    for (const cp of pod.containerPorts) {
      if (options.protocol !== undefined && cp.protocol !== options.protocol) continue;
      seen.set(`${cp.protocol}/${cp.containerPort}`, {
        port: cp.containerPort,
        protocol: cp.protocol,
      });
    }
  }
  return [...seen.values()].sort(
    (a, b) =>
      PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] ||
      (a.port as number) - (b.port as number),
  );
}

function newBits(words: number): Int32Array {
  return new Int32Array(words);
}

function setBit(bits: Int32Array, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

function hasBit(bits: Int32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

function orInto(target: Int32Array, source: Int32Array, offset = 0): void {
  for (let w = 0; w < source.length; w++) target[offset + w]! |= source[w]!;
}

/** TextDecoder where the platform has it (browsers, workers, Node): far faster for long rows. */
const latin1 = (() => {
  const Decoder = (
    globalThis as unknown as {
      TextDecoder?: new (label: string) => { decode(bytes: Uint8Array): string };
    }
  ).TextDecoder;
  return Decoder ? new Decoder('latin1') : undefined;
})();

function glyphRow(codes: Uint8Array): string {
  if (latin1) return latin1.decode(codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) {
    out += String.fromCharCode.apply(
      null,
      codes.subarray(i, Math.min(i + 8192, codes.length)) as unknown as number[],
    );
  }
  return out;
}

const DOT = 46;
const CROSS = 88;
/** Bits to glyphs four at a time: set → `.`, clear → `X`. */
const GLYPHS = nibbleGlyphs(DOT, CROSS);

/**
 * Computes the reachability matrix for every running pod (with an IP), per port class.
 *
 * @example
 * const m = computeMatrix(cluster, { port: 80 });
 * m.pods // ['x/a', 'x/b', ...]; m.ports[0].rows[0] // '.X.' (from x/a to each pod)
 */
export function computeMatrix(
  cluster: Cluster,
  options: { port?: number | string; protocol?: Protocol },
): ReachabilityMatrix {
  // Sorted by `NS/NAME`, each key built once.
  const sortedPods = cluster.pods
    .filter((p) => p.phase === 'Running' && p.ip !== undefined)
    .map((p) => ({ pod: p, key: podKey(p) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pods = sortedPods.map((e) => e.pod);
  const podKeys = sortedPods.map((e) => e.key);
  const portClasses = selectPortClasses(pods, options);
  const notes: string[] = [];
  const plugin = cniPlugin(cluster.settings.cni);
  const enforced = plugin.enforcesPolicy;
  if (!enforced) notes.push(`${plugin.title} does not enforce NetworkPolicy: every connection is allowed`);
  if (options.port === undefined && portClasses.length === 0 && pods.length > 0)
    notes.push('no pod declares a container port: pass --port to draw a matrix');
  const expand = pods.length <= MATRIX_EXPAND_LIMIT;
  if (!expand)
    notes.push(
      `${pods.length} pods: per-pod rows are not expanded above ${MATRIX_EXPAND_LIMIT} pods; read classRows with podClasses`,
    );
  const policies = enforced ? cluster.networkPolicies : [];

  // Step 1: what of a pod can matter, and the classes.
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
  const namedGridPort = portClasses.find((pc) => typeof pc.port === 'string');
  if (namedGridPort) portNames.add(namedGridPort.port as string);
  const keyList = [...keys].sort();
  const blockList = [...ipBlocks.values()].map(compileIpBlock);
  const nameList = [...portNames].sort();
  const anyHostNetwork = pods.some((p) => p.hostNetwork);

  const classes: PodClass[] = [];
  const classByKey = new Map<string, number>();
  // Addresses matter only to ipBlocks.
  const podIPs = blockList.length > 0 ? pods.map((p) => parseIPv4(p.ip!)) : [];
  const classRepIndex: number[] = [];
  // Replicas share their labels and containerPorts objects: project each object once.
  const labelParts = new Map<object, string>();
  const labelPart = (labels: ClusterPod['labels']): string => {
    let part = labelParts.get(labels);
    if (part === undefined) {
      part = JSON.stringify(
        keyList.map((k) =>
          Object.prototype.hasOwnProperty.call(labels, k) ? `=${labels[k]!}` : '-',
        ),
      );
      labelParts.set(labels, part);
    }
    return part;
  };
  const portParts = new Map<object, string>();
  const portPart = (containerPorts: ClusterPod['containerPorts']): string => {
    let part = portParts.get(containerPorts);
    if (part === undefined) {
      part = JSON.stringify(
        nameList.map((n) =>
          containerPorts
            .filter((c) => c.name === n)
            .map((c) => `${c.protocol}${c.containerPort}`)
            .join('+'),
        ),
      );
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
  const podClasses = pods.map((pod, podIndex) => {
    let blocks = '';
    for (const contains of blockList) blocks += contains(podIPs[podIndex]) ? '1' : '0';
    const key = `${idOf(`N${pod.namespace}`)},${pod.hostNetwork ? 'H' : 'P'},${anyHostNetwork ? idOf(`D${pod.nodeName ?? ''}`) : ''},${labelId(pod.labels)},${blocks},${pod.hostNetwork ? '' : portId(pod.containerPorts)}`;
    let c = classByKey.get(key);
    if (c === undefined) {
      c = classes.length;
      classes.push({ rep: pod, hostNetwork: pod.hostNetwork });
      classRepIndex.push(podIndex);
      classByKey.set(key, c);
    }
    return c;
  });
  const C = classes.length;
  const W = (C + 31) >>> 5;

  // Step 2: each distinct selector once per class. Classes are grouped by namespace, and a
  // namespaceSelector is evaluated once per namespace.
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
      for (let i = 0; i < nsNames.length; i++)
        v[i] = matchesSelector(sel, namespaceLabels(cluster, nsNames[i]!)) ? 1 : 0;
      nsMatchCache.set(sk, v);
    }
    return v;
  };
  const selectedCache = new Map<string, Int32Array>();
  /** Pod-network classes in namespace `ns` (or any namespace matching nsSel) whose labels match podSel. */
  const selectClasses = (
    podSel: LabelSelector | undefined,
    ns: string | undefined,
    nsSel: LabelSelector | undefined,
  ): Int32Array => {
    const pk = podSel ? selectorKey(podSel) : '*';
    const nk = nsSel ? `sel:${selectorKey(nsSel)}` : `ns:${ns ?? ''}`;
    const cacheKey = `${pk}#${nk}`;
    const cached = selectedCache.get(cacheKey);
    if (cached) return cached;
    const bits = newBits(W);
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
  const classIPs = blockList.length > 0 ? classRepIndex.map((i) => podIPs[i]) : [];
  for (const [k, b] of ipBlocks) {
    const bits = newBits(W);
    const contains = compileIpBlock(b);
    for (let c = 0; c < C; c++) if (contains(classIPs[c])) setBit(bits, c);
    blockBits.set(k, bits);
  }
  const allBits = newBits(W);
  for (let c = 0; c < C; c++) setBit(allBits, c);

  interface RuleInfo {
    readonly rule: NetworkPolicyRule;
    readonly peers: Int32Array;
  }
  interface PolicyInfo {
    readonly selected: Int32Array;
    readonly selectedList: readonly number[];
    readonly ingress: readonly RuleInfo[];
    readonly egress: readonly RuleInfo[];
    readonly isolatesIngress: boolean;
    readonly isolatesEgress: boolean;
  }
  const peerBitsOf = (rule: NetworkPolicyRule, ns: string): Int32Array => {
    if (rule.peers.length === 0) return allBits;
    const bits = newBits(W);
    for (const peer of rule.peers) {
      // The API forbids ipBlock with selectors; an element with an ipBlock is read as ipBlock only.
      if (peer.ipBlock) orInto(bits, blockBits.get(ipBlockKey(peer.ipBlock))!);
      else if (peer.podSelector || peer.namespaceSelector)
        orInto(bits, selectClasses(peer.podSelector, ns, peer.namespaceSelector));
    }
    return bits;
  };
  const policyInfos: PolicyInfo[] = policies.map((p) => {
    const ns = p.meta.namespace;
    const selected = selectClasses(p.podSelector, ns, undefined);
    const selectedList: number[] = [];
    for (let c = 0; c < C; c++) if (hasBit(selected, c)) selectedList.push(c);
    const { ingress, egress } = rulesOf(p);
    return {
      selected,
      selectedList,
      ingress: ingress.map((rule) => ({ rule, peers: peerBitsOf(rule, ns) })),
      egress: egress.map((rule) => ({ rule, peers: peerBitsOf(rule, ns) })),
      isolatesIngress: p.policyTypes.includes('Ingress'),
      isolatesEgress: p.policyTypes.includes('Egress'),
    };
  });

  // Isolation does not depend on the port.
  const isoIn = new Uint8Array(C);
  const isoOut = new Uint8Array(C);
  for (const info of policyInfos) {
    for (const c of info.selectedList) {
      if (info.isolatesIngress) isoIn[c] = 1;
      if (info.isolatesEgress) isoOut[c] = 1;
    }
  }
  // Node-local traffic is always allowed: hostNetwork classes per node.
  const hostOnNode = new Map<string, Int32Array>();
  for (let c = 0; c < C; c++) {
    const cls = classes[c]!;
    if (!cls.hostNetwork) continue;
    const node = cls.rep.nodeName ?? '';
    let bits = hostOnNode.get(node);
    if (!bits) hostOnNode.set(node, (bits = newBits(W)));
    setBit(bits, c);
  }

  // Classes that every port's step 3 treats alike: selected by the same policies (so the same
  // isolation and the same rules), on the same node when node-local traffic matters, with the
  // same named ports (the only thing of a destination a rule's ports read). Step 3 builds one
  // ingress and one egress row per group, not per class.
  const selectedBy: number[][] = classes.map(() => []);
  policyInfos.forEach((info, i) => {
    for (const c of info.selectedList) selectedBy[c]!.push(i);
  });
  const groupOf = new Int32Array(C);
  const groupReps: number[] = [];
  {
    const groupByKey = new Map<string, number>();
    for (let c = 0; c < C; c++) {
      const cls = classes[c]!;
      const node = cls.rep.nodeName;
      const local = !cls.hostNetwork && node !== undefined && hostOnNode.has(node) ? node : '';
      const key = `${cls.hostNetwork ? 'H' : 'P'}|${selectedBy[c]!.join(',')}|${local}|${cls.hostNetwork ? '' : portPart(cls.rep.containerPorts)}`;
      let g = groupByKey.get(key);
      if (g === undefined) {
        g = groupReps.length;
        groupReps.push(c);
        groupByKey.set(key, g);
      }
      groupOf[c] = g;
    }
  }
  const G = groupReps.length;
  /** Per policy: the groups it selects, in order of their first selected class. */
  const lastPolicyOf = new Int32Array(G).fill(-1);
  const selectedGroups: number[][] = policyInfos.map((info, i) => {
    const list: number[] = [];
    for (const c of info.selectedList) {
      const g = groupOf[c]!;
      if (lastPolicyOf[g] !== i) {
        lastPolicyOf[g] = i;
        list.push(g);
      }
    }
    return list;
  });

  // Which numbers/protocols each container port name resolves to on some class.
  // (as `name|protocol` → numbers; replicas share one containerPorts list: read it once)
  const nameTargets = new Map<string, Set<number>>();
  const seenPortLists = new Set<object>();
  for (const cls of classes) {
    if (cls.hostNetwork || seenPortLists.has(cls.rep.containerPorts)) continue;
    seenPortLists.add(cls.rep.containerPorts);
    for (const cp of cls.rep.containerPorts) {
      if (cp.name === undefined) continue;
      const key = `${cp.name}|${cp.protocol}`;
      let targets = nameTargets.get(key);
      if (!targets) nameTargets.set(key, (targets = new Set()));
      targets.add(cp.containerPort);
    }
  }
  const allRules = policyInfos.flatMap((info) =>
    [...info.ingress, ...info.egress].map((r) => r.rule),
  );
  /** Two port classes with the same signature give the same grid: compute it once. */
  const gridSignature = (pc: PortClass): string => {
    if (typeof pc.port === 'string') return `named:${pc.port}/${pc.protocol}`;
    let sig = '';
    for (const rule of allRules) {
      if (rule.ports.length === 0) continue;
      let numeric = false;
      let named = false;
      for (const p of rule.ports) {
        if (typeof p.port === 'string')
          named ||=
            p.protocol === pc.protocol && (nameTargets.get(`${p.port}|${pc.protocol}`)?.has(pc.port) ?? false);
        else numeric ||= portsAdmit([p], pc.port, pc.protocol, undefined);
      }
      sig += named ? `n${pc.port}/${pc.protocol};` : numeric ? '1' : '0';
    }
    return sig;
  };
  const classRowsBySignature = new Map<string, string[]>();
  /** Buffers every grid reuses (C × W words each), allocated once. */
  const glyphs32 = new Int32Array(W * 8);
  const scratch = {
    inAdmitG: new Int32Array(G * W),
    outAdmitG: new Int32Array(G * W),
    okG: new Int8Array(G),
    targets: new Int32Array(W),
    transposed: new Int32Array(C * W),
    row: new Int32Array(W),
    glyphs32,
    glyphs: new Uint8Array(glyphs32.buffer, 0, C),
  };

  /** Node-local traffic (always allowed) into isolated groups' rows. */
  const addNodeLocal = (inG: Int32Array, outG: Int32Array): void => {
    for (let g = 0; g < G; g++) {
      const c = groupReps[g]!;
      const cls = classes[c]!;
      if (!cls.hostNetwork && cls.rep.nodeName !== undefined) {
        const local = hostOnNode.get(cls.rep.nodeName);
        if (local) {
          if (isoIn[c]) orInto(inG, local, g * W);
          if (isoOut[c]) orInto(outG, local, g * W);
        }
      }
    }
  };
  let portFree: { readonly inG: Int32Array; readonly outG: Int32Array } | undefined;
  /**
   * The step-3 rows every numbered port shares: node-local traffic and the rules without
   * `ports` (they admit every port and protocol), built once.
   */
  const portFreeRows = (): { readonly inG: Int32Array; readonly outG: Int32Array } => {
    if (portFree) return portFree;
    const inG = new Int32Array(G * W);
    const outG = new Int32Array(G * W);
    addNodeLocal(inG, outG);
    policyInfos.forEach((info, i) => {
      const groups = selectedGroups[i]!;
      for (const r of info.ingress)
        if (r.rule.ports.length === 0) for (const g of groups) orInto(inG, r.peers, g * W);
      for (const r of info.egress)
        if (r.rule.ports.length === 0) for (const g of groups) orInto(outG, r.peers, g * W);
    });
    return (portFree = { inG, outG });
  };

  /**
   * Distinct rows so far, over every port: their bits (`distinct` × W words), strings, and hash
   * buckets. Equal rows share one string, within a port and across ports.
   */
  let distinctBits = new Int32Array(W * 16);
  const distinctRows: string[] = [];
  const rowByHash = new Map<number, number[]>();

  const grids: ReachabilityGrid[] = portClasses.map((pc) => {
    // The number each destination class is reached on (named ports resolve per pod).
    const dstPort: (number | undefined)[] = classes.map((cls) =>
      typeof pc.port === 'number'
        ? pc.port
        : cls.hostNetwork
          ? undefined
          : resolveNamedPort(cls.rep.containerPorts, pc.port, pc.protocol),
    );
    const missing = dstPort.some((p) => p === undefined);
    const portOkFor = (rule: NetworkPolicyRule, c: number): boolean => {
      const p = dstPort[c];
      if (p === undefined) return false;
      const cls = classes[c]!;
      return portsAdmit(
        rule.ports,
        p,
        pc.protocol,
        cls.hostNetwork ? undefined : cls.rep.containerPorts,
      );
    };
    const constantPorts = (rule: NetworkPolicyRule): boolean =>
      typeof pc.port === 'number' && rule.ports.every((p) => typeof p.port !== 'string');

    const signature = gridSignature(pc);
    const reused = classRowsBySignature.get(signature);
    const classRows = reused ?? computeClassRows();
    if (!reused) classRowsBySignature.set(signature, classRows);
    function computeClassRows(): string[] {
      // Step 3: ingress (rows per destination class, bits over sources) and egress (rows per source, bits over destinations).
      // Numbered ports start from the rows every port shares; a named port (resolved per pod,
      // so even a rule without ports admits only pods that have it) starts from nothing.
      const numbered = typeof pc.port === 'number';
      const base = numbered ? portFreeRows() : undefined;
      const inAdmitG = scratch.inAdmitG;
      const outAdmitG = scratch.outAdmitG;
      if (base) {
        inAdmitG.set(base.inG);
        outAdmitG.set(base.outG);
      } else {
        inAdmitG.fill(0);
        outAdmitG.fill(0);
        addNodeLocal(inAdmitG, outAdmitG);
      }
      /** Per group, whether the current rule's ports admit it as a destination (-1: not asked yet). */
      const okG = scratch.okG;
      const targets = scratch.targets;
      for (let i = 0; i < policyInfos.length; i++) {
        const info = policyInfos[i]!;
        const groups = selectedGroups[i]!;
        if (groups.length === 0) continue;
        for (const r of info.ingress) {
          if (base && r.rule.ports.length === 0) continue;
          const constant = constantPorts(r.rule);
          const ok =
            constant && portsAdmit(r.rule.ports, pc.port as number, pc.protocol, undefined);
          if (constant && !ok) continue;
          for (const g of groups) {
            if (!constant && !portOkFor(r.rule, groupReps[g]!)) continue;
            orInto(inAdmitG, r.peers, g * W);
          }
        }
        for (const r of info.egress) {
          if (base && r.rule.ports.length === 0) continue;
          const constant = constantPorts(r.rule);
          let source: Int32Array = r.peers;
          if (constant) {
            if (!portsAdmit(r.rule.ports, pc.port as number, pc.protocol, undefined)) continue;
          } else {
            okG.fill(-1);
            const peers = r.peers;
            for (let w = 0; w < W; w++) {
              let word = peers[w]!;
              let keep = 0;
              while (word !== 0) {
                const bit = word & -word;
                const d = (w << 5) | (31 - Math.clz32(bit));
                const g = groupOf[d]!;
                let ok = okG[g]!;
                if (ok === -1) okG[g] = ok = portOkFor(r.rule, groupReps[g]!) ? 1 : 0;
                if (ok === 1) keep |= bit;
                word ^= bit;
              }
              targets[w] = keep;
            }
            source = targets;
          }
          for (const g of groups) orInto(outAdmitG, source, g * W);
        }
      }
      // Ingress rows per destination class are their group's rows: transposed to rows per source.
      const inBySource = transposeBits(inAdmitG, C, W, scratch.transposed, groupOf);
      const dstOk = newBits(W);
      const inOpen = newBits(W);
      for (let d = 0; d < C; d++) {
        if (dstPort[d] !== undefined) setBit(dstOk, d);
        if (!isoIn[d] || classes[d]!.hostNetwork) setBit(inOpen, d);
      }
      const row = scratch.row;
      const classRows: string[] = [];
      for (let s = 0; s < C; s++) {
        const base = s * W;
        // The row and its hash (hashWords' FNV-1a) in one pass.
        let h = 0x811c9dc5;
        if (!enforced) {
          row.set(allBits);
          h = hashWords(row, 0, W);
        } else if (classes[s]!.hostNetwork || !isoOut[s]) {
          // Egress open: only the destination side limits the row.
          for (let w = 0; w < W; w++) {
            const v = dstOk[w]! & (inOpen[w]! | inBySource[base + w]!);
            row[w] = v;
            h = Math.imul(h ^ v, 0x01000193);
          }
        } else {
          const outBase = groupOf[s]! * W;
          for (let w = 0; w < W; w++) {
            const v = dstOk[w]! & outAdmitG[outBase + w]! & (inOpen[w]! | inBySource[base + w]!);
            row[w] = v;
            h = Math.imul(h ^ v, 0x01000193);
          }
        }
        const bucket = rowByHash.get(h);
        let shared: string | undefined;
        if (bucket)
          for (const r of bucket)
            if (sameWords(distinctBits, r * W, row, 0, W)) {
              shared = distinctRows[r];
              break;
            }
        if (shared !== undefined) {
          classRows.push(shared);
          continue;
        }
        const r = distinctRows.length;
        if ((r + 1) * W > distinctBits.length) {
          const grown = new Int32Array(distinctBits.length * 2);
          grown.set(distinctBits);
          distinctBits = grown;
        }
        distinctBits.set(row, r * W);
        if (bucket) bucket.push(r);
        else rowByHash.set(h, [r]);
        expandGlyphs(row, 0, W, GLYPHS, scratch.glyphs32);
        const text = glyphRow(scratch.glyphs);
        distinctRows.push(text);
        classRows.push(text);
      }
      return classRows;
    }
    if (missing && typeof pc.port === 'string') {
      const lacking = pods.filter((_, i) => dstPort[podClasses[i]!] === undefined).map(podKey);
      notes.push(
        `port ${pc.port}/${pc.protocol}: ${lacking.length} pod(s) have no container port of that name and are shown as X: ${lacking.slice(0, 5).join(', ')}${lacking.length > 5 ? ', ...' : ''}`,
      );
    }

    const rows: string[] = [];
    if (expand) {
      const expanded = new Map<number, string>();
      const podCodes = new Uint8Array(pods.length);
      for (let i = 0; i < pods.length; i++) {
        const c = podClasses[i]!;
        let row = expanded.get(c);
        if (row === undefined) {
          const classRow = classRows[c]!;
          for (let j = 0; j < pods.length; j++) podCodes[j] = classRow.charCodeAt(podClasses[j]!);
          row = glyphRow(podCodes);
          expanded.set(c, row);
        }
        // A pod can always reach itself (loopback).
        rows.push(row[i] === '.' ? row : `${row.slice(0, i)}.${row.slice(i + 1)}`);
      }
    }
    return { port: pc.port, protocol: pc.protocol, rows, classRows };
  });

  return {
    pods: podKeys,
    podClasses,
    expandLimit: MATRIX_EXPAND_LIMIT,
    ports: grids,
    enforced,
    notes,
  };
}

/**
 * One cell, whether or not rows were expanded: `.` or `X`.
 *
 * @example matrixCell(m, m.ports[0], 0, 1) // 'X'
 */
export function matrixCell(
  matrix: ReachabilityMatrix,
  grid: ReachabilityGrid,
  from: number,
  to: number,
): '.' | 'X' {
  if (from === to) return '.';
  const row = grid.classRows[matrix.podClasses[from]!];
  return row?.[matrix.podClasses[to]!] === '.' ? '.' : 'X';
}

/**
 * A grid as the upstream e2e truth tables print it (truthtable.go `PrettyPrint`): a header row
 * `-` then the column pods, one row per from-pod, tab-separated.
 *
 * @example toTruthTable(m, m.ports[0]) // '-\tx/a\tx/b\nx/a\t.\tX\nx/b\t.\t.'
 */
export function toTruthTable(matrix: ReachabilityMatrix, grid: ReachabilityGrid): string {
  const lines = [['-', ...matrix.pods].join('\t')];
  matrix.pods.forEach((from, i) => {
    const marks = matrix.pods.map((_, j) => matrixCell(matrix, grid, i, j));
    lines.push([from, ...marks].join('\t'));
  });
  return lines.join('\n');
}
