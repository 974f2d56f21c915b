/**
 * Matrix step 3, port rows: for one port class, what the NetworkPolicy rules admit.
 * - `ingressAdmit`: one row per destination group, bits over source classes: the rules of the
 *   policies selecting that group whose ports admit the port and whose peers admit the source;
 * - `egressAdmit`: one row per source group, bits over destination classes (a named port is
 *   resolved on each destination, so the rule's ports are checked per destination group).
 * Node-local traffic (a host-network class on the same node) is admitted too. Rows a numbered
 * port shares with every other numbered port (rules without `ports`) are built once.
 * - the cluster tiers, per tier set (see selector-bits) and direction: the first matching rule
 *   resolved in walk order into three rows, Admin Accept, Admin Deny (Pass and no match go on
 *   to NetworkPolicy) and Baseline Deny (Accept, Pass and no match allow).
 */
import type { ClusterPolicyRule, NetworkPolicyRule } from '../../types';
import { portsAdmit, resolveNamedPort } from '../../match/ports';
import { clusterPortsMatch } from '../cluster-match';
import type { MatrixClasses, PortClass } from './classes';
import { orInto, type ClusterPolicyBits, type ClusterRuleBits, type SelectorBits, type TierSet } from './selector-bits';

/** The cluster tiers of one direction for one port: rows per tier set (sets × words). */
export interface TierRows {
  /** Admin Accept: the first matching Admin rule accepts. */
  readonly adminAccept: Int32Array;
  /** Admin Deny: the first matching Admin rule denies. */
  readonly adminDeny: Int32Array;
  /** Baseline Deny: the first matching Baseline rule denies. */
  readonly baselineDeny: Int32Array;
}

/** Step 3's output for one port class. */
export interface PortRows {
  /** The port number each destination class is reached on (named ports resolve per pod). */
  readonly dstPort: readonly (number | undefined)[];
  /** Groups × words: per destination group, the admitted source classes. */
  readonly ingressAdmit: Int32Array;
  /** Groups × words: per source group, the admitted destination classes. */
  readonly egressAdmit: Int32Array;
  /** Per ingress tier set, rows over source classes. */
  readonly ingressTiers: TierRows;
  /** Per egress tier set, rows over destination classes. */
  readonly egressTiers: TierRows;
}

/** The rules of one tier of a tier set in walk order: their numbers (per direction) and bits. */
interface TierRuleList {
  readonly index: Int32Array;
  readonly rules: readonly ClusterRuleBits[];
}

/** Builds the port rows of one matrix, reusing buffers and the port-free rows across ports. */
export interface PortRowsBuilder {
  /** Port classes with the same signature get the same rows (and so the same grid). */
  signature(pc: PortClass): string;
  /** The port number each destination class is reached on (named ports resolve per pod). */
  destinationPorts(pc: PortClass): (number | undefined)[];
  /** The rows for `pc`; valid until the next call (the buffers are reused). */
  build(pc: PortClass, dstPort: readonly (number | undefined)[]): PortRows;
}

export function createPortRowsBuilder(m: MatrixClasses, b: SelectorBits): PortRowsBuilder {
  const classes = m.classes;
  const W = m.words;
  const G = b.groupReps.length;
  const { groupOf, groupReps, isolatedIngress, isolatedEgress, hostOnNode } = b;

  // Which numbers each container port name resolves to on some class (`name|protocol` →
  // numbers; replicas share one containerPorts list: read it once).
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
  const allRules = b.policies.flatMap((info) => [...info.ingress, ...info.egress].map((r) => r.rule));
  const allClusterRules = b.clusterPolicies.flatMap((info) => [...info.ingress, ...info.egress].map((r) => r.rule));
  const tierRows = (sets: number): TierRows => ({
    adminAccept: new Int32Array(sets * W),
    adminDeny: new Int32Array(sets * W),
    baselineDeny: new Int32Array(sets * W),
  });
  const ingressTiers = tierRows(b.ingressTierSets.length);
  const egressTiers = tierRows(b.egressTierSets.length);
  const undecided = new Int32Array(W);
  const clusterOkG = new Int8Array(G);
  // Cluster rules numbered policy by policy, per direction: per port, whether their ports
  // match, and for egress rules that depend on the destination, their filtered rows.
  const ingressRuleBase = new Int32Array(b.clusterPolicies.length);
  const egressRuleBase = new Int32Array(b.clusterPolicies.length);
  let ingressRuleCount = 0;
  let egressRuleCount = 0;
  b.clusterPolicies.forEach((info, i) => {
    ingressRuleBase[i] = ingressRuleCount;
    egressRuleBase[i] = egressRuleCount;
    ingressRuleCount += info.ingress.length;
    egressRuleCount += info.egress.length;
  });
  const ingressRuleState = new Int8Array(ingressRuleCount);
  const egressRuleState = new Int8Array(egressRuleCount);
  const egressHits = new Int32Array(egressRuleCount * W);
  const egressHitDone = new Uint8Array(egressRuleCount);
  // Classes by their named ports (host-network classes apart: they have no pod ports).
  const portKeyIds = new Map<string, number>();
  const portKeyOf = new Int32Array(classes.length);
  classes.forEach((cls, c) => {
    const key = cls.hostNetwork ? '\u0000host' : cls.portKey;
    let id = portKeyIds.get(key);
    if (id === undefined) portKeyIds.set(key, (id = portKeyIds.size));
    portKeyOf[c] = id;
  });
  const portKeyCount = portKeyIds.size;
  const ingressPortMemo = new Int8Array(ingressRuleCount * portKeyCount);
  /** A tier walk's rows (Accept, then Deny) by a hash of the rules it walked (see `walkTier`). */
  const walkedRows = new Map<number, { direction: 'ingress' | 'egress'; port: number; rules: Int32Array; rows: Int32Array }[]>();
  /** Positions (in a set's rule list) of the rules that match on the current port. */
  const chosen = new Int32Array(Math.max(ingressRuleCount, egressRuleCount));
  /** Per direction, per tier set: the rules of its Admin and Baseline policies in walk order, numbered per direction. */
  const ruleLists: Partial<Record<'ingress' | 'egress', { admin: TierRuleList; baseline: TierRuleList }[]>> = {};
  const tierRuleLists = (direction: 'ingress' | 'egress'): { admin: TierRuleList; baseline: TierRuleList }[] => {
    const known = ruleLists[direction];
    if (known !== undefined) return known;
    const ruleBase = direction === 'egress' ? egressRuleBase : ingressRuleBase;
    const listOf = (tier: readonly ClusterPolicyBits[]): TierRuleList => {
      const index: number[] = [];
      const rules: ClusterRuleBits[] = [];
      for (const info of tier) {
        info[direction].forEach((r, k) => {
          index.push(ruleBase[info.index]! + k);
          rules.push(r);
        });
      }
      return { index: Int32Array.from(index), rules };
    };
    const sets = direction === 'egress' ? b.egressTierSets : b.ingressTierSets;
    return (ruleLists[direction] = sets.map((set) => ({ admin: listOf(set.admin), baseline: listOf(set.baseline) })));
  };
  /** Counts the `build` calls: names the egress hits filtered for one port. */
  let portSerial = 0;

  const scratch = {
    inAdmitG: new Int32Array(G * W),
    outAdmitG: new Int32Array(G * W),
    okG: new Int8Array(G),
    targets: new Int32Array(W),
  };

  /** Node-local traffic (always allowed) into isolated groups' rows. */
  const addNodeLocal = (inG: Int32Array, outG: Int32Array): void => {
    for (let g = 0; g < G; g++) {
      const c = groupReps[g]!;
      const cls = classes[c]!;
      if (!cls.hostNetwork && cls.rep.nodeName !== undefined) {
        const local = hostOnNode.get(cls.rep.nodeName);
        if (local) {
          if (isolatedIngress[c]) orInto(inG, local, g * W);
          if (isolatedEgress[c]) orInto(outG, local, g * W);
        }
      }
    }
  };
  let portFree: { readonly inG: Int32Array; readonly outG: Int32Array } | undefined;
  /** The rows every numbered port shares: node-local traffic and the rules without `ports`. */
  const portFreeRows = (): { readonly inG: Int32Array; readonly outG: Int32Array } => {
    if (portFree) return portFree;
    const inG = new Int32Array(G * W);
    const outG = new Int32Array(G * W);
    addNodeLocal(inG, outG);
    for (const info of b.policies) {
      const groups = info.selectedGroups;
      for (const r of info.ingress) if (r.rule.ports.length === 0) for (const g of groups) orInto(inG, r.peers, g * W);
      for (const r of info.egress) if (r.rule.ports.length === 0) for (const g of groups) orInto(outG, r.peers, g * W);
    }
    return (portFree = { inG, outG });
  };

  return {
    signature(pc: PortClass): string {
      if (typeof pc.port === 'string') return `named:${pc.port}/${pc.protocol}`;
      let sig = '';
      for (const rule of allRules) {
        if (rule.ports.length === 0) continue;
        let numeric = false;
        let named = false;
        for (const p of rule.ports) {
          if (typeof p.port === 'string') named ||= p.protocol === pc.protocol && (nameTargets.get(`${p.port}|${pc.protocol}`)?.has(pc.port) ?? false);
          else numeric ||= portsAdmit([p], pc.port, pc.protocol, undefined);
        }
        sig += named ? `n${pc.port}/${pc.protocol};` : numeric ? '1' : '0';
      }
      for (const rule of allClusterRules) {
        if (rule.ports === undefined || rule.ports.length === 0) continue;
        let numeric = false;
        let named = false;
        for (const p of rule.ports) {
          if (p.kind === 'namedPort') named ||= nameTargets.get(`${p.name}|${pc.protocol}`)?.has(pc.port) ?? false;
          else numeric ||= clusterPortsMatch([p], pc.port, pc.protocol, undefined);
        }
        sig += named ? `n${pc.port}/${pc.protocol};` : numeric ? '1' : '0';
      }
      return sig;
    },

    destinationPorts(pc: PortClass): (number | undefined)[] {
      return classes.map((cls) =>
        typeof pc.port === 'number' ? pc.port : cls.hostNetwork ? undefined : resolveNamedPort(cls.rep.containerPorts, pc.port, pc.protocol),
      );
    },

    build(pc: PortClass, dstPort: readonly (number | undefined)[]): PortRows {
      const portOkFor = (rule: NetworkPolicyRule, c: number): boolean => {
        const p = dstPort[c];
        if (p === undefined) return false;
        const cls = classes[c]!;
        return portsAdmit(rule.ports, p, pc.protocol, cls.hostNetwork ? undefined : cls.rep.containerPorts);
      };
      const constantPorts = (rule: NetworkPolicyRule): boolean => typeof pc.port === 'number' && rule.ports.every((p) => typeof p.port !== 'string');

      // Numbered ports start from the rows every port shares; a named port (resolved per pod,
      // so even a rule without ports admits only pods that have it) starts from nothing.
      const base = typeof pc.port === 'number' ? portFreeRows() : undefined;
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
      for (const info of b.policies) {
        const groups = info.selectedGroups;
        if (groups.length === 0) continue;
        for (const r of info.ingress) {
          if (base && r.rule.ports.length === 0) continue;
          const constant = constantPorts(r.rule);
          const ok = constant && portsAdmit(r.rule.ports, pc.port as number, pc.protocol, undefined);
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
      const clusterPortOk = (rule: ClusterPolicyRule, c: number): boolean => {
        const p = dstPort[c];
        if (p === undefined) return false;
        const cls = classes[c]!;
        return clusterPortsMatch(rule.ports, p, pc.protocol, cls.hostNetwork ? undefined : cls.rep.containerPorts);
      };
      // Per cluster rule on this port: 1 its ports always match, 0 never, -1 it depends on the
      // destination (a named port, or a named grid port resolved per pod).
      for (const info of b.clusterPolicies) {
        for (const direction of ['ingress', 'egress'] as const) {
          const rules = info[direction];
          const base = (direction === 'ingress' ? ingressRuleBase : egressRuleBase)[info.index]!;
          const states = direction === 'ingress' ? ingressRuleState : egressRuleState;
          for (let k = 0; k < rules.length; k++) {
            const ports = rules[k]!.rule.ports;
            const constant = typeof pc.port === 'number' && (ports === undefined || ports.every((p) => p.kind === 'port'));
            states[base + k] = !constant ? -1 : clusterPortsMatch(ports, pc.port, pc.protocol, undefined) ? 1 : 0;
          }
        }
      }
      egressHitDone.fill(0);
      ingressPortMemo.fill(-1);
      /**
       * Whether an ingress rule whose ports depend on the destination matches towards class
       * `c`: classes with the same named ports (`portKey`) answer alike, so once per port key.
       */
      const ingressPortOk = (rule: ClusterPolicyRule, index: number, c: number): boolean => {
        const at = index * portKeyCount + portKeyOf[c]!;
        let ok = ingressPortMemo[at]!;
        if (ok === -1) ingressPortMemo[at] = ok = clusterPortOk(rule, c) ? 1 : 0;
        return ok === 1;
      };
      /**
       * The destinations an egress rule whose ports depend on the destination matches on this
       * port: its peers, less destinations its ports miss. Filtered once per port (the filter
       * does not depend on the subject), then reused by every tier set.
       */
      const egressHit = (rule: ClusterPolicyRule, peers: Int32Array, index: number): Int32Array => {
        const out = egressHits.subarray(index * W, index * W + W);
        if (egressHitDone[index]) return out;
        egressHitDone[index] = 1;
        clusterOkG.fill(-1);
        for (let w = 0; w < W; w++) {
          let word = peers[w]!;
          let keep = 0;
          while (word !== 0) {
            const bit = word & -word;
            const d = (w << 5) | (31 - Math.clz32(bit));
            const g = groupOf[d]!;
            let ok = clusterOkG[g]!;
            if (ok === -1) clusterOkG[g] = ok = clusterPortOk(rule, groupReps[g]!) ? 1 : 0;
            if (ok === 1) keep |= bit;
            word ^= bit;
          }
          out[w] = keep;
        }
        return out;
      };
      /**
       * First match wins: walks the rules of one tier of a set that match on this port, in
       * order, over the undecided classes into `accept`/`deny` rows. Sets of many groups, and
       * ports, often end up with the same matching rules: the walk is done once per list (an
       * egress rule filtered by this port's destinations counts as a rule of this port only)
       * and its rows reused.
       */
      const walkTier = (tierRules: TierRuleList, direction: 'ingress' | 'egress', set: TierSet, accept: Int32Array | undefined, deny: Int32Array, base: number): void => {
        const states = direction === 'egress' ? egressRuleState : ingressRuleState;
        const { index, rules } = tierRules;
        let n = 0;
        let hash = direction === 'egress' ? 0x2f3a9c1d : 0x811c9dc5;
        let portBound = false;
        for (let i = 0; i < index.length; i++) {
          const k = index[i]!;
          const state = states[k]!;
          if (state === 0) continue;
          if (state === -1) {
            // Ingress: the destination is the set's own class; egress: filtered per destination.
            if (direction === 'ingress') {
              if (!ingressPortOk(rules[i]!.rule, k, set.rep)) continue;
            } else portBound = true;
          }
          chosen[n++] = i;
          hash = Math.imul(hash ^ k, 16777619);
        }
        const port = portBound ? portSerial : -1;
        hash = Math.imul(hash ^ (port + 1), 16777619);
        const bucket = walkedRows.get(hash);
        let walked: Int32Array | undefined;
        if (bucket !== undefined) {
          for (const entry of bucket) {
            if (entry.direction !== direction || entry.port !== port || entry.rules.length !== n) continue;
            let same = true;
            for (let j = 0; j < n && same; j++) same = entry.rules[j] === index[chosen[j]!];
            if (same) {
              walked = entry.rows;
              break;
            }
          }
        }
        if (walked === undefined) {
          walked = new Int32Array(2 * W);
          undecided.set(b.allBits);
          for (let j = 0; j < n; j++) {
            const i = chosen[j]!;
            const r = rules[i]!;
            const k = index[i]!;
            const hit = direction === 'egress' && states[k] === -1 ? egressHit(r.rule, r.peers, k) : r.peers;
            // Accept rows are the first W words, Deny rows the next W.
            const into = r.rule.action === 'Deny' ? W : r.rule.action === 'Accept' ? 0 : -1;
            let left = 0;
            for (let w = 0; w < W; w++) {
              const m = hit[w]! & undecided[w]!;
              if (m !== 0) {
                if (into >= 0) walked[into + w]! |= m;
                undecided[w]! &= ~m;
              }
              left |= undecided[w]!;
            }
            // Every class decided: later rules cannot match first.
            if (left === 0) break;
          }
          const entry = { direction, port, rules: Int32Array.from({ length: n }, (_, j) => index[chosen[j]!]!), rows: walked };
          if (bucket === undefined) walkedRows.set(hash, [entry]);
          else bucket.push(entry);
        }
        if (accept !== undefined) for (let w = 0; w < W; w++) accept[base + w] = walked[w]!;
        for (let w = 0; w < W; w++) deny[base + w] = walked[W + w]!;
      };
      const resolveTiers = (sets: readonly TierSet[], rowsOut: TierRows, direction: 'ingress' | 'egress'): void => {
        rowsOut.adminAccept.fill(0);
        rowsOut.adminDeny.fill(0);
        rowsOut.baselineDeny.fill(0);
        const lists = tierRuleLists(direction);
        sets.forEach((set, t) => {
          const { admin, baseline } = lists[t]!;
          if (set.admin.length > 0) walkTier(admin, direction, set, rowsOut.adminAccept, rowsOut.adminDeny, t * W);
          if (set.baseline.length > 0) walkTier(baseline, direction, set, undefined, rowsOut.baselineDeny, t * W);
        });
      };
      resolveTiers(b.ingressTierSets, ingressTiers, 'ingress');
      resolveTiers(b.egressTierSets, egressTiers, 'egress');
      portSerial++;

      return { dstPort, ingressAdmit: inAdmitG, egressAdmit: outAdmitG, ingressTiers, egressTiers };
    },
  };
}
