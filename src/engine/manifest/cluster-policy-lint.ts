/**
 * The project's own warnings about the cluster-scoped policies, read against the built cluster:
 * a subject that selects no pod, a CNI plugin that does not enforce the tiers, and two policies
 * of one tier at one priority whose rules can match the same connection (upstream leaves their
 * order to the implementation, so the answer may differ from cluster to cluster).
 *
 * The overlap check is conservative: it warns only when the cluster holds a connection both
 * rules match, i.e. a pod both subjects select, and a peer both rules' peers match (a pod, a
 * node, or a shared address range), on a port both rules' ports hold. Domain names are not
 * simulated and never overlap.
 */
import type {
  Cluster,
  ClusterPod,
  ClusterPolicyObject,
  ClusterPolicyPeer,
  ClusterPolicyPods,
  ClusterPolicyPort,
  ClusterPolicyRule,
  Diagnostic,
  LabelSelector,
  Labels,
  ObjectMeta,
} from '../types';
import { makeDiagnostic, type DiagnosticLocation } from '../diagnostics';
import { matchesSelector } from '../match/labels';
import { parseCidr, parseIPv4, parsedCidrContains } from '../match/cidr';
import { CNI_PLUGINS } from '../cni-plugins';
import { policyRef } from '../refs';

/** Where a warning about an object points: its field's source range. */
export type Locate = (meta: ObjectMeta | undefined, ref: string, path: string) => DiagnosticLocation;

/** Pods that share a namespace and a labels object: selectors are matched once per group. */
interface PodGroup {
  readonly namespace: string;
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  readonly pods: readonly ClusterPod[];
}

export function clusterPolicyWarnings(policies: readonly ClusterPolicyObject[], cluster: Cluster, at: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (policies.length === 0) return out;
  const groups = podGroups(cluster);
  const matcher = new GroupMatcher(groups);
  const cni = cluster?.settings?.cni;
  const selected = new Map<ClusterPolicyObject, Set<number>>();
  for (const policy of policies) {
    const ref = refOf(policy);
    const subject = matcher.select(policy.subject);
    selected.set(policy, subject);
    if (subject.size === 0) {
      out.push(makeDiagnostic('clusterpolicy.selects-nothing', { kind: policy.kind, name: policy.meta.name }, at(policy.meta, ref, 'spec.subject')));
    }
    if (cni !== undefined && CNI_PLUGINS[cni]?.enforcesClusterPolicy === false) {
      out.push(makeDiagnostic('clusterpolicy.not-enforced', { kind: policy.kind, name: policy.meta.name, cni }, at(policy.meta, ref, 'kind')));
    }
  }

  // Equal priorities in one tier: only policies sharing (tier, priority) can be ambiguous.
  const byRank = new Map<string, ClusterPolicyObject[]>();
  for (const policy of policies) {
    const key = `${policy.tier}\0${policy.priority}`;
    const list = byRank.get(key);
    if (list) list.push(policy);
    else byRank.set(key, [policy]);
  }
  const overlap = new OverlapFinder(matcher, cluster);
  for (const list of byRank.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const shared = intersect(selected.get(a)!, selected.get(b)!);
        if (shared === undefined) continue;
        const found = overlap.rules(a, b);
        if (!found) continue;
        const subjectPod = groups[shared]!.pods[0]!;
        const detail = `${found} for pods both select (e.g. ${subjectPod.namespace}/${subjectPod.name})`;
        for (const [policy, other] of [[a, b], [b, a]] as const) {
          const path = policy.kind === 'BaselineAdminNetworkPolicy' ? 'metadata.name' : 'spec.priority';
          out.push(
            makeDiagnostic(
              'clusterpolicy.priority-overlap',
              { policy: `${policy.kind} ${policy.meta.name}`, other: `${other.kind} ${other.meta.name}`, tier: policy.tier, priority: policy.priority, detail },
              at(policy.meta, refOf(policy), path),
            ),
          );
        }
      }
    }
  }
  return out;
}

function refOf(policy: ClusterPolicyObject): string {
  return policyRef(policy.kind.toLowerCase() as 'clusternetworkpolicy', policy.meta.name);
}

/** Pods grouped by namespace and labels object; host-network pods are never subjects or peers. */
function podGroups(cluster: Cluster): PodGroup[] {
  const nsLabels = new Map<string, Labels>();
  const namespaces: Cluster['namespaces'] = Array.isArray(cluster?.namespaces) ? cluster.namespaces : [];
  const pods: readonly ClusterPod[] = Array.isArray(cluster?.pods) ? cluster.pods : [];
  for (const ns of namespaces) nsLabels.set(ns.name, ns.labels);
  const byKey = new Map<string, Map<Labels, ClusterPod[]>>();
  for (const pod of pods) {
    if (pod.hostNetwork) continue;
    let inNs = byKey.get(pod.namespace);
    if (!inNs) byKey.set(pod.namespace, (inNs = new Map<Labels, ClusterPod[]>()));
    const list = inNs.get(pod.labels);
    if (list) list.push(pod);
    else inNs.set(pod.labels, [pod]);
  }
  const groups: PodGroup[] = [];
  for (const [namespace, inNs] of byKey) {
    const namespaceLabels = nsLabels.get(namespace) ?? { 'kubernetes.io/metadata.name': namespace };
    for (const [labels, pods] of inNs) groups.push({ namespace, namespaceLabels, labels, pods });
  }
  return groups;
}

function selectorKey(s: LabelSelector): string {
  return JSON.stringify([Object.entries(s.matchLabels).sort(), s.matchExpressions]);
}

/**
 * The groups a subject or pod peer selects, as a set of group indices. Selectors are matched
 * once per distinct selector text (policies repeat them): the namespace selector once per
 * namespace, the pod selector once per group of the namespaces it keeps.
 */
class GroupMatcher {
  private readonly byNamespace: { readonly namespaceLabels: Labels; readonly groups: number[] }[] = [];
  private readonly namespaceMatches = new Map<string, number[]>();
  private readonly matches = new Map<string, Set<number>>();
  /** The same subject or peer object asked again (each rule pair asks its peers). */
  private readonly bySelector = new Map<ClusterPolicyPods, Set<number>>();

  constructor(readonly groups: readonly PodGroup[]) {
    const index = new Map<string, number>();
    groups.forEach((g, i) => {
      let n = index.get(g.namespace);
      if (n === undefined) {
        index.set(g.namespace, (n = this.byNamespace.length));
        this.byNamespace.push({ namespaceLabels: g.namespaceLabels, groups: [] });
      }
      this.byNamespace[n]!.groups.push(i);
    });
  }

  select(sel: ClusterPolicyPods): Set<number> {
    const known = this.bySelector.get(sel);
    if (known !== undefined) return known;
    const nsKey = selectorKey(sel.namespaceSelector);
    const key = sel.kind === 'namespaces' ? nsKey : `${nsKey}#${selectorKey(sel.podSelector)}`;
    let out = this.matches.get(key);
    if (out !== undefined) {
      this.bySelector.set(sel, out);
      return out;
    }
    let namespaces = this.namespaceMatches.get(nsKey);
    if (namespaces === undefined) {
      namespaces = [];
      this.byNamespace.forEach((ns, i) => {
        if (matchesSelector(sel.namespaceSelector, ns.namespaceLabels)) namespaces!.push(i);
      });
      this.namespaceMatches.set(nsKey, namespaces);
    }
    out = new Set<number>();
    for (const n of namespaces) {
      for (const g of this.byNamespace[n]!.groups) if (sel.kind === 'namespaces' || matchesSelector(sel.podSelector, this.groups[g]!.labels)) out.add(g);
    }
    this.matches.set(key, out);
    this.bySelector.set(sel, out);
    return out;
  }
}

/** One element both sets hold, or undefined. */
function intersect(a: ReadonlySet<number>, b: ReadonlySet<number>): number | undefined {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) return x;
  return undefined;
}

const ruleLabel = (rule: ClusterPolicyRule, index: number, direction: string): string =>
  `${direction} rule ${index}${rule.name ? ` (${JSON.stringify(rule.name)})` : ''}`;

/** Whether two rules can match one connection, with the matches memoised per selector and per peer. */
class OverlapFinder {
  private readonly groups: readonly PodGroup[];
  /** Per range text: per groups set, whether a pod of it is inside; per group, the same (-1: not asked). */
  private readonly setInCidr = new Map<string, Map<ReadonlySet<number>, boolean>>();
  private readonly groupInCidr = new Map<string, Int8Array>();
  private readonly ipsOfGroup: (number[] | undefined)[] = [];
  /** `name|protocol` → the numbers pods (of the groups) give that container port name. */
  private namedNumbers: Map<string, number[]> | undefined;

  constructor(
    private readonly matcher: GroupMatcher,
    private readonly cluster: Cluster,
  ) {
    this.groups = matcher.groups;
  }

  /** The first pair of rules (same direction) that overlap, in words; undefined when none. */
  rules(a: ClusterPolicyObject, b: ClusterPolicyObject): string | undefined {
    for (const direction of ['ingress', 'egress'] as const) {
      const ra = a[direction];
      const rb = b[direction];
      for (let i = 0; i < ra.length; i++) {
        for (let j = 0; j < rb.length; j++) {
          const x = ra[i]!;
          const y = rb[j]!;
          if (!this.portsOverlap(x.ports, y.ports) || !this.peersOverlap(x.peers, y.peers)) continue;
          const verdict =
            x.action === y.action
              ? `both ${x.action}, so only the policy the trace names can differ`
              : `${x.action} against ${y.action}, so the verdict itself depends on the order`;
          return `${ruleLabel(x, i, direction)} of ${a.meta.name} and ${ruleLabel(y, j, direction)} of ${b.meta.name} match the same connections (${verdict})`;
        }
      }
    }
    return undefined;
  }

  private podsOf(peer: ClusterPolicyPods): Set<number> {
    return this.matcher.select(peer);
  }

  private peersOverlap(pa: readonly ClusterPolicyPeer[], pb: readonly ClusterPolicyPeer[]): boolean {
    return pa.some((x) => pb.some((y) => this.peerPairOverlaps(x, y)));
  }

  private peerPairOverlaps(x: ClusterPolicyPeer, y: ClusterPolicyPeer): boolean {
    if (x.kind === 'domainNames' || y.kind === 'domainNames') return false;
    const podish = (p: ClusterPolicyPeer): p is ClusterPolicyPods => p.kind === 'namespaces' || p.kind === 'pods';
    if (podish(x) && podish(y)) return intersect(this.podsOf(x), this.podsOf(y)) !== undefined;
    if (x.kind === 'networks' && y.kind === 'networks') return x.cidrs.some((c) => y.cidrs.some((d) => cidrsIntersect(c, d)));
    if (x.kind === 'networks' || y.kind === 'networks') {
      const [net, other] = x.kind === 'networks' ? [x, y] : [y as Extract<ClusterPolicyPeer, { kind: 'networks' }>, x];
      if (podish(other)) return net.cidrs.some((c) => this.podsInCidr(this.podsOf(other), c));
      const ips = other.kind === 'nodes' ? this.nodeIps(other.nodeSelector) : [];
      return net.cidrs.some((c) => {
        const parsed = parseCidr(c);
        return parsed !== undefined && ips.some((ip) => parsedCidrContains(parsed, ip));
      });
    }
    if (x.kind === 'nodes' && y.kind === 'nodes') {
      return this.nodes().some((n) => matchesSelector(x.nodeSelector, n.labels) && matchesSelector(y.nodeSelector, n.labels));
    }
    return false; // a node address is never a (non-host-network) pod
  }

  private nodes(): Cluster['nodes'] {
    const nodes: Cluster['nodes'] = Array.isArray(this.cluster?.nodes) ? this.cluster.nodes : [];
    return nodes;
  }

  /**
   * Whether some pod of the groups has an address inside `cidr`. Rule pairs ask the same
   * (groups, range) again and again (peers of equal selectors share one groups set), and many
   * groups against one range: both answers are kept, so each group's addresses are scanned
   * once per range.
   */
  private podsInCidr(groups: ReadonlySet<number>, cidr: string): boolean {
    let bySet = this.setInCidr.get(cidr);
    if (bySet === undefined) this.setInCidr.set(cidr, (bySet = new Map<ReadonlySet<number>, boolean>()));
    const known = bySet.get(groups);
    if (known !== undefined) return known;
    const parsed = parseCidr(cidr);
    let found = false;
    if (parsed !== undefined) {
      let perGroup = this.groupInCidr.get(cidr);
      if (perGroup === undefined) this.groupInCidr.set(cidr, (perGroup = new Int8Array(this.groups.length).fill(-1)));
      for (const g of groups) {
        let inside = perGroup[g]!;
        if (inside === -1) perGroup[g] = inside = this.groupIps(g).some((ip) => parsedCidrContains(parsed, ip)) ? 1 : 0;
        if (inside === 1) {
          found = true;
          break;
        }
      }
    }
    bySet.set(groups, found);
    return found;
  }

  private groupIps(g: number): number[] {
    let ips = this.ipsOfGroup[g];
    if (ips === undefined) {
      ips = [];
      for (const p of this.groups[g]!.pods) {
        const ip = p.ip === undefined ? undefined : parseIPv4(p.ip);
        if (ip !== undefined) ips.push(ip);
      }
      this.ipsOfGroup[g] = ips;
    }
    return ips;
  }

  private nodeIps(selector: Extract<ClusterPolicyPeer, { kind: 'nodes' }>['nodeSelector']): number[] {
    const out: number[] = [];
    for (const n of this.nodes()) {
      const ip = matchesSelector(selector, n.labels) ? parseIPv4(n.ip) : undefined;
      if (ip !== undefined) out.push(ip);
    }
    return out;
  }

  private portsOverlap(pa: readonly ClusterPolicyPort[] | undefined, pb: readonly ClusterPolicyPort[] | undefined): boolean {
    if (pa === undefined || pb === undefined) return true;
    return pa.some((x) => pb.some((y) => this.portPairOverlaps(x, y)));
  }

  private portPairOverlaps(x: ClusterPolicyPort, y: ClusterPolicyPort): boolean {
    if (x.kind === 'namedPort' && y.kind === 'namedPort') return x.name === y.name;
    if (x.kind === 'port' && y.kind === 'port') {
      if (x.protocol !== y.protocol) return false;
      const [xs, xe] = span(x);
      const [ys, ye] = span(y);
      return xs <= ye && ys <= xe;
    }
    // A named port against numbers: only when some pod names a port that falls in the range.
    const [named, numbered] = x.kind === 'namedPort' ? [x, y as Extract<ClusterPolicyPort, { kind: 'port' }>] : [y as Extract<ClusterPolicyPort, { kind: 'namedPort' }>, x];
    const [s, e] = span(numbered);
    return (this.numbersNamed(named.name, numbered.protocol) ?? []).some((n) => n >= s && n <= e);
  }

  /** The container port numbers some pod of the groups names `name` on `protocol` (collected once). */
  private numbersNamed(name: string, protocol: string): number[] | undefined {
    if (this.namedNumbers === undefined) {
      // Distinct numbers: every replica set repeats its few, and each rule pair reads the list.
      const byName = new Map<string, Set<number>>();
      const seen = new Set<object>();
      for (const g of this.groups) {
        for (const p of g.pods) {
          // Replicas share one containerPorts list: read it once.
          if (seen.has(p.containerPorts)) continue;
          seen.add(p.containerPorts);
          for (const cp of p.containerPorts) {
            if (cp.name === undefined) continue;
            const key = `${cp.name}|${cp.protocol}`;
            const numbers = byName.get(key);
            if (numbers === undefined) byName.set(key, new Set([cp.containerPort]));
            else numbers.add(cp.containerPort);
          }
        }
      }
      this.namedNumbers = new Map([...byName].map(([key, numbers]) => [key, [...numbers]]));
    }
    return this.namedNumbers.get(`${name}|${protocol}`);
  }
}

function span(p: Extract<ClusterPolicyPort, { kind: 'port' }>): [number, number] {
  if (p.port === undefined) return [1, 65535];
  return [p.port, p.endPort ?? p.port];
}

function cidrsIntersect(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  // Two prefixes overlap exactly when the shorter one holds the other's network address.
  return x.prefix <= y.prefix ? parsedCidrContains(x, y.network) : parsedCidrContains(y, x.network);
}
