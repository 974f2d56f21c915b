/**
 * Policy verdicts for one connection, with the reasons a learner can act on: the cluster-scoped
 * Admin tier, the namespaces' NetworkPolicies, the Baseline tier, per direction.
 *
 * The steps follow the Kubernetes documentation (concepts/services-networking/network-policies)
 * and the API reference; where implementations differ the engine follows Calico and says so.
 */
import type {
  Cluster,
  ClusterPod,
  ClusterPolicyObject,
  ClusterPolicyRule,
  ConnectionVerdict,
  ContainerPort,
  DecidedBy,
  DirectionVerdict,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyRule,
  PolicyAction,
  PolicyPeer,
  Protocol,
  RuleRef,
} from '../types';
import { matchesSelector } from '../match/labels';
import { clusterPolicyRef, policyRef } from '../refs';
import { ipBlockContains } from '../match/cidr';
import { formatPolicyPort, portsAdmit } from '../match/ports';
import { cniPlugin } from '../cni-plugins';
import { namespacePoliciesByName } from '../cluster/policies-by-name';
import { clusterRuleMatches, formatClusterPort, subjectSelects } from './cluster-match';
import { formatPeer, formatPort, namespaceLabels, policyName, resolvePolicyEnd, type PolicyEnd } from './endpoints';

type Direction = 'ingress' | 'egress';

/** How a peer element matched: by selectors, or by an ipBlock holding a pod IP (Calico's reading). */
type PeerMatch = 'none' | 'selector' | 'ipBlock' | 'ipBlockPod';

/**
 * Whether one `from`/`to` element matches the other end.
 * 1. `ipBlock` matches addresses; the API forbids combining it with selectors, so an element with
 *    an ipBlock is read as an ipBlock only. Pod IPs match too, as Calico does (the spec leaves it
 *    to the implementation: "ipBlock ... meant for cluster-external IPs").
 * 2. `podSelector` alone: pods of the policy's own namespace.
 * 3. `namespaceSelector` alone: every pod of the matching namespaces.
 * 4. Both in one element: pods matching podSelector inside the matching namespaces (AND).
 * 5. Selectors never match ends outside the pod network (external clients, nodes, hostNetwork pods).
 */
export function matchPeer(cluster: Cluster, peer: NetworkPolicyPeer, policyNamespace: string, other: PolicyEnd): PeerMatch {
  if (peer.ipBlock) {
    if (other.ip === undefined || !ipBlockContains(peer.ipBlock, other.ip)) return 'none';
    return other.kind === 'pod' ? 'ipBlockPod' : 'ipBlock';
  }
  if (other.kind !== 'pod' || other.pod === undefined) return 'none';
  if (!peer.podSelector && !peer.namespaceSelector) return 'none';
  const pod = other.pod;
  const namespaceOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))
    : pod.namespace === policyNamespace;
  if (!namespaceOk) return 'none';
  return !peer.podSelector || matchesSelector(peer.podSelector, pod.labels) ? 'selector' : 'none';
}

/** Whether a rule admits the other end: no peers = every peer; else any element (OR). */
function matchRulePeers(cluster: Cluster, rule: NetworkPolicyRule, policyNamespace: string, other: PolicyEnd): PeerMatch {
  if (rule.peers.length === 0) return 'selector';
  let best: PeerMatch = 'none';
  for (const peer of rule.peers) {
    const m = matchPeer(cluster, peer, policyNamespace, other);
    if (m === 'selector' || m === 'ipBlock') return m;
    if (m === 'ipBlockPod') best = m;
  }
  return best;
}

/**
 * The policies isolating a pod in one direction, by name: same namespace, `podSelector`
 * selects it, and `policyTypes` lists the direction (defaulted by the API server when absent).
 */
export function selectIsolatingPolicies(cluster: Cluster, end: PolicyEnd, direction: Direction): NetworkPolicyObject[] {
  const pod = end.pod;
  if (end.kind !== 'pod' || pod === undefined) return [];
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  // The namespace's list is sorted by name already: filtering keeps that order.
  return namespacePoliciesByName(cluster, pod.namespace).filter(
    (p) => p.policyTypes.includes(type) && matchesSelector(p.podSelector, pod.labels),
  );
}

function verdict(
  direction: Direction,
  allowed: boolean,
  enforced: boolean,
  isolatingPolicies: readonly string[],
  allowedBy: readonly RuleRef[],
  reason: string,
  decidedBy?: DecidedBy,
): DirectionVerdict {
  return {
    direction,
    allowed,
    enforced,
    isolated: isolatingPolicies.length > 0,
    isolatingPolicies,
    allowedBy,
    ...(decidedBy !== undefined ? { decidedBy } : {}),
    reason,
  };
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** Why nothing admitted: the nearest miss, so the learner knows what to change. */
function explainMiss(
  cluster: Cluster,
  policies: readonly NetworkPolicyObject[],
  direction: Direction,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  dstPorts: readonly ContainerPort[] | undefined,
): string {
  const word = direction === 'ingress' ? 'from' : 'to';
  for (const policy of policies) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    for (const [i, rule] of rules.entries()) {
      if (matchRulePeers(cluster, rule, policy.meta.namespace, other) !== 'none') {
        return ` (${policyName(policy)} ${direction} rule ${i} admits ${other.label} but only on ${rule.ports.map(formatPolicyPort).join(', ')})`;
      }
    }
  }
  for (const policy of policies) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    for (const [i, rule] of rules.entries()) {
      if (portsAdmit(rule.ports, port, protocol, dstPorts)) {
        const peers = rule.peers.map((p) => formatPeer(p, policy.meta.namespace)).join(' or ');
        const selectorsOnly = other.kind !== 'pod' && rule.peers.every((p) => !p.ipBlock);
        const hint = selectorsOnly ? `; selectors match pods only, ${other.label} needs an ipBlock` : '';
        return ` (${policyName(policy)} ${direction} rule ${i} covers ${formatPort(port, protocol)} but only ${word} ${peers}${hint})`;
      }
    }
  }
  const ruleCount = policies.reduce((n, p) => n + (direction === 'ingress' ? p.ingress : p.egress).length, 0);
  return ruleCount === 0 ? ` (the isolating ${policies.length > 1 ? 'policies have' : 'policy has'} no ${direction} rules: deny all)` : '';
}

/** One step of a cluster tier's walk: the first rule that matched, and what it did. */
interface TierStep {
  readonly policy: ClusterPolicyObject;
  readonly rule: ClusterPolicyRule;
  readonly decidedBy: DecidedBy;
}

const ACTION: Readonly<Record<ClusterPolicyRule['action'], PolicyAction>> = { Accept: 'allow', Deny: 'deny', Pass: 'pass' };
const ACTION_VERB: Readonly<Record<ClusterPolicyRule['action'], string>> = { Accept: 'Accepts', Deny: 'Denies', Pass: 'Passes' };

/**
 * The first rule of one cluster tier that matches, walking the tier's policies in order
 * (ascending priority; `cluster.clusterPolicies` is sorted) and each policy's rules of that
 * direction in order. Undefined when no rule of the tier matches.
 */
function walkClusterTier(
  cluster: Cluster,
  tier: ClusterPolicyObject['tier'],
  direction: Direction,
  pod: ClusterPod,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  dstPorts: readonly ContainerPort[] | undefined,
): TierStep | undefined {
  for (const policy of cluster.clusterPolicies) {
    if (policy.tier !== tier || !subjectSelects(cluster, policy, pod)) continue;
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    for (const [i, rule] of rules.entries()) {
      if (!clusterRuleMatches(cluster, rule, other, port, protocol, dstPorts)) continue;
      const decidedBy: DecidedBy = {
        tier: tier === 'Admin' ? 'admin' : 'baseline',
        ref: clusterPolicyRef(policy),
        rule: i,
        ...(rule.name !== '' ? { ruleName: rule.name } : {}),
        action: ACTION[rule.action],
      };
      return { policy, rule, decidedBy };
    }
  }
  return undefined;
}

/** `[Admin] deny-x (priority 10) ingress rule 0 'deny-from-x' Denies x/a on TCP 80`. */
function tierStepWords(step: TierStep, direction: Direction, what: string): string {
  const tier = step.policy.tier === 'Admin' ? '[Admin]' : '[Baseline]';
  const priority = step.policy.kind === 'BaselineAdminNetworkPolicy' ? '' : ` (priority ${step.policy.priority})`;
  const name = step.rule.name !== '' ? ` '${step.rule.name}'` : '';
  const ports = step.rule.ports !== undefined && step.rule.ports.length > 0 ? ` (rule ports: ${step.rule.ports.map(formatClusterPort).join(', ')})` : '';
  return `${tier} ${step.policy.meta.name}${priority} ${direction} rule ${step.decidedBy.rule ?? 0}${name} ${ACTION_VERB[step.rule.action]} ${what}${ports}`;
}

/** How one direction is walked: which tiers count, and the special cases of the connection. */
interface DirectionOptions {
  /** The CNI plugin enforces the cluster-scoped tiers. */
  readonly clusterTiers: boolean;
  /** Said at the end of the reason (a plugin that ignores cluster policies that would apply). */
  readonly note: string;
  /** The pod reaches itself through a Service: the cluster tiers apply, NetworkPolicy admits it. */
  readonly selfViaService: boolean;
}

/**
 * One direction for a pod end `subject`, the other end `other`, walking the tiers in order:
 * 1. Admin tier (cluster policies selecting the pod, ascending priority, rules in order): the
 *    first matching rule decides; Accept and Deny are final, Pass skips the rest of the tier.
 * 2. NetworkPolicy, final for a pod it isolates in that direction: allowed iff some rule of some
 *    isolating policy admits the other end (peers) on the port and protocol (ports, named ports
 *    resolved on the destination pod); policies add up. Traffic between a pod and its own node
 *    is always allowed here (docs: "traffic to and from the node where a Pod is running is
 *    always allowed"), so kubelet probes work.
 * 3. Baseline tier (same walk): Accept allows, Deny denies, Pass is the default.
 * 4. Nothing decided: allowed. A cluster policy never isolates a pod by itself.
 */
function evaluateDirection(
  cluster: Cluster,
  direction: Direction,
  subject: PolicyEnd,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  options: DirectionOptions,
): DirectionVerdict {
  const pod = subject.pod!;
  const policies = selectIsolatingPolicies(cluster, subject, direction);
  const names = policies.map(policyName);
  const destination = direction === 'ingress' ? subject : other;
  const dstPorts = destination.kind === 'pod' ? destination.pod?.containerPorts : undefined;
  const what = `${other.label} on ${formatPort(port, protocol)}`;
  const note = options.note;

  let passed: DecidedBy[] = [];
  let prefix = '';
  if (options.clusterTiers) {
    const admin = walkClusterTier(cluster, 'Admin', direction, pod, other, port, protocol, dstPorts);
    if (admin !== undefined && admin.decidedBy.action !== 'pass') {
      const final = admin.decidedBy.action === 'allow' ? ': final, no NetworkPolicy or Baseline rule is read' : ': final';
      return verdict(direction, admin.decidedBy.action === 'allow', true, names, [], `${tierStepWords(admin, direction, what)}${final}${note}`, admin.decidedBy);
    }
    if (admin !== undefined) {
      passed = [admin.decidedBy];
      prefix = `${tierStepWords(admin, direction, what)} to the NetworkPolicy tier; [NetworkPolicy] `;
    }
  }
  const withPassed = (v: DirectionVerdict): DirectionVerdict => (passed.length > 0 ? { ...v, passed } : v);

  if (policies.length === 0) {
    const notIsolated = `${pod.name} is not isolated for ${direction}: no NetworkPolicy with policyTypes ${direction === 'ingress' ? 'Ingress' : 'Egress'} selects it`;
    const baseline = options.clusterTiers ? walkClusterTier(cluster, 'Baseline', direction, pod, other, port, protocol, dstPorts) : undefined;
    if (baseline !== undefined) {
      const action = baseline.decidedBy.action;
      const outcome = action === 'pass' ? ': nothing else decides, so it is allowed (the default)' : '';
      return withPassed(
        verdict(direction, action !== 'deny', true, [], [], `${prefix}${notIsolated}; ${tierStepWords(baseline, direction, what)}${outcome}${note}`, baseline.decidedBy),
      );
    }
    return withPassed(verdict(direction, true, true, [], [], `${prefix}${notIsolated}, so all ${direction} is allowed${note}`));
  }
  if (other.kind === 'node' && other.nodeName !== undefined && other.nodeName === pod.nodeName) {
    return withPassed(
      verdict(direction, true, true, names, [], `${prefix}${pod.name} is isolated for ${direction} by ${listNames(names)}, but traffic ${direction === 'ingress' ? 'from' : 'to'} its own node ${other.nodeName} is always allowed (kubelet probes)${note}`),
    );
  }
  if (options.selfViaService) {
    const decidedBy: DecidedBy = { tier: 'networkpolicy', ref: policyRef('networkpolicy', names[0]!), action: 'allow' };
    return withPassed(
      verdict(direction, true, true, names, [], `${prefix}${pod.name} is isolated for ${direction} by ${listNames(names)}, but a pod can always reach itself, whatever its NetworkPolicies${note}`, decidedBy),
    );
  }
  const allowedBy: RuleRef[] = [];
  let viaPodIpBlock = false;
  for (const policy of policies) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    rules.forEach((rule, i) => {
      if (!portsAdmit(rule.ports, port, protocol, dstPorts)) return;
      const m = matchRulePeers(cluster, rule, policy.meta.namespace, other);
      if (m === 'none') return;
      if (m === 'ipBlockPod') viaPodIpBlock = true;
      allowedBy.push({ policy: policyName(policy), rule: i });
    });
  }
  if (allowedBy.length > 0) {
    const first = allowedBy[0]!;
    const more = allowedBy.length > 1 ? ` (and ${allowedBy.length - 1} more rule${allowedBy.length > 2 ? 's' : ''})` : '';
    const calico = viaPodIpBlock ? `; an ipBlock matched the pod IP ${other.ip ?? ''}, as Calico does (other plugins may not)` : '';
    const decidedBy: DecidedBy = { tier: 'networkpolicy', ref: policyRef('networkpolicy', first.policy), rule: first.rule, action: 'allow' };
    return withPassed(
      verdict(direction, true, true, names, allowedBy, `${prefix}${pod.name} is isolated for ${direction} by ${listNames(names)}; ${first.policy} ${direction} rule ${first.rule} admits ${what}${more}${calico}${note}`, decidedBy),
    );
  }
  const miss = explainMiss(cluster, policies, direction, other, port, protocol, dstPorts);
  const decidedBy: DecidedBy = { tier: 'networkpolicy', ref: policyRef('networkpolicy', names[0]!), action: 'deny' };
  return withPassed(verdict(direction, false, true, names, [], `${prefix}${pod.name} is isolated for ${direction} by ${listNames(names)}; no rule admits ${what}${miss}${note}`, decidedBy));
}

/** A direction where no policy can apply, with why. */
function notApplicable(direction: Direction, end: PolicyEnd): DirectionVerdict {
  if (end.pod !== undefined && end.kind === 'node') {
    return verdict(direction, true, false, [], [], `${end.pod.namespace}/${end.pod.name} uses the host network: NetworkPolicy does not apply to its ${direction}`);
  }
  const role = direction === 'egress' ? 'source' : 'destination';
  return verdict(direction, true, true, [], [], `the ${role} ${end.label} is not a pod: no ${direction} policy applies to it`);
}

/** Options of `evaluateConnection`. */
export interface EvaluateOptions {
  /**
   * The packet reached the destination through a Service (kube-proxy DNAT). Matters when the
   * Service sends a pod back to itself: the cluster tiers then apply to it (upstream: only a pod
   * reaching its own pod IP is exempt), while NetworkPolicy still lets a pod reach itself.
   * Default false: a pod reaching itself is loopback, always allowed.
   */
  readonly viaService?: boolean;
}

/** The cluster policies that select a pod and have rules of a direction (for "not enforced" notes). */
function clusterPoliciesSelecting(cluster: Cluster, end: PolicyEnd, direction: Direction): string[] {
  const pod = end.pod;
  if (end.kind !== 'pod' || pod === undefined) return [];
  return cluster.clusterPolicies
    .filter((p) => (direction === 'ingress' ? p.ingress : p.egress).length > 0 && subjectSelects(cluster, p, pod))
    .map(clusterPolicyRef);
}

/**
 * The verdict for `src` → `dst` on `port`/`protocol` (the pod port, after kube-proxy DNAT).
 *
 * 1. A plugin that does not enforce NetworkPolicy (Flannel): allowed, `enforced: false`, and the reason says
 *    which policies would have isolated the pod. A plugin that enforces NetworkPolicy but not the
 *    cluster-scoped tiers (Weave): the tiers are skipped, and the reason says which would apply.
 * 2. A pod reaching itself (loopback) is always allowed; through a Service
 *    (`options.viaService`) the cluster tiers apply to it.
 * 3. Egress is checked for `src` only when it is a pod, ingress for `dst` only when it is a pod;
 *    hostNetwork pods are not subject to policies (`enforced: false`) and are seen as their node.
 * 4. Each direction walks the tiers (see `evaluateDirection`); allowed = egress allowed AND
 *    ingress allowed: an egress Accept does not bypass the destination's ingress. Replies pass.
 *
 * @example
 * const v = evaluateConnection(cluster, { kind: 'pod', podRef: 'pod/default/frontend-0' },
 *   { kind: 'pod', podRef: 'pod/default/backend-0' }, 8080, 'TCP');
 * v.ingress.allowedBy // [{ policy: 'default/allow-frontend-to-backend', rule: 0 }]
 */
export function evaluateConnection(
  cluster: Cluster,
  src: PolicyPeer,
  dst: PolicyPeer,
  port: number,
  protocol: Protocol,
  options: EvaluateOptions = {},
): ConnectionVerdict {
  const source = resolvePolicyEnd(cluster, src);
  const destination = resolvePolicyEnd(cluster, dst);
  if (source === undefined || destination === undefined) {
    const missing = source === undefined ? (src as { podRef: string }).podRef : (dst as { podRef: string }).podRef;
    const reason = `${missing} does not exist`;
    const v = (direction: Direction): DirectionVerdict => verdict(direction, false, true, [], [], reason);
    return { allowed: false, egress: v('egress'), ingress: v('ingress') };
  }

  const plugin = cniPlugin(cluster.settings.cni);
  if (!plugin.enforcesPolicy) {
    const notEnforced = (direction: Direction, end: PolicyEnd): DirectionVerdict => {
      const policies = selectIsolatingPolicies(cluster, end, direction).map(policyName);
      const would = policies.length > 0 ? `: ${listNames(policies)} would isolate ${end.pod!.name} for ${direction}, but the packet passes` : '';
      const tiers = clusterPoliciesSelecting(cluster, end, direction);
      const tierNote = tiers.length > 0 ? `; nor cluster-scoped policies: ${listNames(tiers)} ${tiers.length > 1 ? 'are' : 'is'} not applied` : '';
      return verdict(direction, true, false, policies, [], `${plugin.title} does not enforce NetworkPolicy${would}${tierNote}`);
    };
    return { allowed: true, egress: notEnforced('egress', source), ingress: notEnforced('ingress', destination) };
  }

  const self = source.kind === 'pod' && destination.kind === 'pod' && source.pod === destination.pod;
  if (self && options.viaService !== true) {
    const loop = (direction: Direction): DirectionVerdict =>
      verdict(direction, true, true, selectIsolatingPolicies(cluster, source, direction).map(policyName), [], `${source.pod!.name} is reaching itself (loopback): a pod can always reach itself, whatever the policies`);
    return { allowed: true, egress: loop('egress'), ingress: loop('ingress') };
  }

  const clusterTiers = plugin.enforcesClusterPolicy;
  const directionOptions = (direction: Direction, end: PolicyEnd): DirectionOptions => {
    let note = '';
    if (!clusterTiers) {
      const tiers = clusterPoliciesSelecting(cluster, end, direction);
      if (tiers.length > 0) note = ` (${plugin.title} does not enforce cluster-scoped policies: ${listNames(tiers)} ${tiers.length > 1 ? 'are' : 'is'} not applied)`;
    }
    return { clusterTiers, note, selfViaService: self };
  };
  const egress =
    source.kind === 'pod' ? evaluateDirection(cluster, 'egress', source, destination, port, protocol, directionOptions('egress', source)) : notApplicable('egress', source);
  const ingress =
    destination.kind === 'pod'
      ? evaluateDirection(cluster, 'ingress', destination, source, port, protocol, directionOptions('ingress', destination))
      : notApplicable('ingress', destination);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}
