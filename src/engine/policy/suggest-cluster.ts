/**
 * Suggested fixes for drops the cluster tiers decided (the tier walk: Admin, NetworkPolicy,
 * Baseline), and the YAML of cluster-scoped policies.
 *
 * - An Admin Deny: an Accept rule for just this peer and port goes into the same policy right
 *   before the Deny (the first matching rule decides, so it wins); when the policy already has
 *   the CRD's 25 rules in that direction, a new policy of the same kind one priority earlier.
 *   Changing the Deny itself is listed as the alternative: it would change every pair it denies.
 * - A Baseline Deny (the pod is not isolated by a NetworkPolicy in that direction): a
 *   NetworkPolicy admitting the peer. It isolates the pod, which closes the default allow and the
 *   Baseline tier for it: `closes` lists, computed, what else stops getting in (or out). An Admin
 *   Accept is the alternative.
 *
 * What a change opens or closes is computed by re-evaluating the affected pairs on the same port
 * against the changed cluster, not guessed from the selectors.
 */
import type {
  Cluster,
  ClusterPod,
  ClusterPolicyObject,
  ClusterPolicyPeer,
  ClusterPolicyPods,
  ClusterPolicyPort,
  ClusterPolicyRule,
  DecidedBy,
  DirectionVerdict,
  LabelSelector,
  Labels,
  NetworkPolicyObject,
  NetworkPolicyRule,
  Protocol,
  SuggestedFix,
} from '../types';
import { formatSelector, selectorToManifest } from '../match/labels';
import { CLUSTER_POLICY_REF_KIND, clusterPolicyRef, namespacedName } from '../refs';
import {
  clusterPeerMatches,
  podsSelectorMatches,
  subjectSelects,
} from './cluster-match';
import { formatPeer, formatPort, resolvePolicyEnd, type PolicyEnd } from './endpoints';
import { evaluateConnection } from './evaluate';
import { printFixYaml } from './plain-yaml';

type Direction = 'ingress' | 'egress';

/** The CRDs' limit of rules per direction (`maxItems`: 25 in v1alpha2, 100 in v1alpha1). */
const MAX_RULES: Readonly<Record<ClusterPolicyObject['kind'], number>> = {
  ClusterNetworkPolicy: 25,
  AdminNetworkPolicy: 100,
  BaselineAdminNetworkPolicy: 100,
};
/** Pairs re-evaluated to say what a change opens or closes; listed items beyond `MAX_LISTED` are counted. */
const MAX_PAIRS = 2000;
const MAX_LISTED = 12;

const API_VERSION: Readonly<Record<ClusterPolicyObject['kind'], string>> = {
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
};


// ---------------------------------------------------------------------------
// Back to manifest shape: v1alpha2 writes `protocols`, v1alpha1 writes `ports` and `Allow`.


function podsYaml(p: ClusterPolicyPods): Record<string, unknown> {
  return p.kind === 'namespaces'
    ? { namespaces: selectorToManifest(p.namespaceSelector) }
    : {
        pods: {
          namespaceSelector: selectorToManifest(p.namespaceSelector),
          podSelector: selectorToManifest(p.podSelector),
        },
      };
}

function peerYaml(p: ClusterPolicyPeer): Record<string, unknown> {
  switch (p.kind) {
    case 'namespaces':
    case 'pods':
      return podsYaml(p);
    case 'networks':
      return { networks: [...p.cidrs] };
    case 'nodes':
      return { nodes: selectorToManifest(p.nodeSelector) };
    case 'domainNames':
      return { domainNames: [...p.domainNames] };
  }
}

function portYaml(p: ClusterPolicyPort, v1alpha2: boolean): Record<string, unknown> {
  if (p.kind === 'namedPort')
    return v1alpha2 ? { destinationNamedPort: p.name } : { namedPort: p.name };
  if (v1alpha2) {
    const destinationPort =
      p.port === undefined
        ? undefined
        : p.endPort !== undefined
          ? { range: { start: p.port, end: p.endPort } }
          : { number: p.port };
    return { [p.protocol.toLowerCase()]: destinationPort === undefined ? {} : { destinationPort } };
  }
  if (p.port !== undefined && p.endPort !== undefined)
    return { portRange: { protocol: p.protocol, start: p.port, end: p.endPort } };
  // v1alpha1 has no "every port of a protocol": a full range says it.
  if (p.port === undefined) return { portRange: { protocol: p.protocol, start: 1, end: 65535 } };
  return { portNumber: { protocol: p.protocol, port: p.port } };
}

function ruleYaml(
  rule: ClusterPolicyRule,
  direction: Direction,
  v1alpha2: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.name !== '') out['name'] = rule.name;
  out['action'] = !v1alpha2 && rule.action === 'Accept' ? 'Allow' : rule.action;
  out[direction === 'ingress' ? 'from' : 'to'] = rule.peers.map(peerYaml);
  if (rule.ports !== undefined && rule.ports.length > 0)
    out[v1alpha2 ? 'protocols' : 'ports'] = rule.ports.map((p) => portYaml(p, v1alpha2));
  return out;
}

/**
 * A cluster-scoped policy as one YAML document, in its own version's words.
 *
 * @example toClusterPolicyYaml(cnp) // 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n...'
 */
export function toClusterPolicyYaml(policy: ClusterPolicyObject): string {
  const v1alpha2 = policy.kind === 'ClusterNetworkPolicy';
  const metadata: Record<string, unknown> = { name: policy.meta.name };
  if (Object.keys(policy.meta.labels).length > 0) metadata['labels'] = { ...policy.meta.labels };
  if (Object.keys(policy.meta.annotations).length > 0)
    metadata['annotations'] = { ...policy.meta.annotations };
  const spec: Record<string, unknown> = {};
  if (v1alpha2) spec['tier'] = policy.tier;
  if (policy.kind !== 'BaselineAdminNetworkPolicy') spec['priority'] = policy.priority;
  spec['subject'] = podsYaml(policy.subject);
  if (policy.ingress.length > 0)
    spec['ingress'] = policy.ingress.map((r) => ruleYaml(r, 'ingress', v1alpha2));
  if (policy.egress.length > 0)
    spec['egress'] = policy.egress.map((r) => ruleYaml(r, 'egress', v1alpha2));
  return printFixYaml({ apiVersion: API_VERSION[policy.kind], kind: policy.kind, metadata, spec });
}

// ---------------------------------------------------------------------------
// Shared with the NetworkPolicy fixes.

/** Labels that name one pod rather than its workload: never put them in a suggested selector. */
const PER_POD_LABELS = new Set([
  'pod-template-hash',
  'statefulset.kubernetes.io/pod-name',
  'controller-revision-hash',
  'pod-template-generation',
  'apps.kubernetes.io/pod-index',
]);

export function workloadLabels(pod: ClusterPod): Labels {
  const out: Record<string, string> = {};
  for (const key of Object.keys(pod.labels).sort())
    if (!PER_POD_LABELS.has(key)) out[key] = pod.labels[key]!;
  return out;
}

export function endName(end: PolicyEnd): string {
  if (end.pod && end.kind === 'pod') {
    const owner = end.pod.owner?.split('/');
    return owner && owner.length === 3 ? owner[2]! : end.pod.name;
  }
  if (end.kind === 'node' && end.nodeName) return end.nodeName;
  return `ip-${(end.ip ?? 'unknown').replace(/\./g, '-')}`;
}

/** A DNS-label name from parts: lower case, `-` for anything else, at most 63 characters. */
export function dnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
}

const podName = (pod: ClusterPod): string => `${pod.namespace}/${pod.name}`;

function listed(items: string[]): string[] {
  return items.length <= MAX_LISTED
    ? items
    : [...items.slice(0, MAX_LISTED), `and ${items.length - MAX_LISTED} more`];
}

/**
 * The pairs (from candidate sources to candidate destinations, other than the asked one) whose
 * `direction` verdict on the port changes from `before` to the other value once `changed`
 * replaces `cluster`.
 */
function flippedPairs(
  cluster: Cluster,
  changed: Cluster,
  direction: Direction,
  sources: readonly ClusterPod[],
  destinations: readonly ClusterPod[],
  asked: readonly [ClusterPod | undefined, ClusterPod | undefined],
  port: number,
  protocol: Protocol,
  before: boolean,
): string[] {
  const out: string[] = [];
  let budget = MAX_PAIRS;
  for (const from of sources) {
    for (const to of destinations) {
      if (from === to || (from === asked[0] && to === asked[1])) continue;
      if (budget-- <= 0) return out;
      const src = { kind: 'pod', podRef: from.ref } as const;
      const dst = { kind: 'pod', podRef: to.ref } as const;
      const was = evaluateConnection(cluster, src, dst, port, protocol)[direction].allowed;
      if (was !== before) continue;
      if (evaluateConnection(changed, src, dst, port, protocol)[direction].allowed !== before)
        out.push(`${podName(from)} → ${podName(to)}`);
    }
  }
  return out;
}

const runningPods = (cluster: Cluster): ClusterPod[] =>
  cluster.pods.filter((p) => p.ip !== undefined);

// ---------------------------------------------------------------------------
// Admin Deny → an Admin Accept just before it.

/** The peer that matches `other` alone (its workload, in its namespace), as a cluster-policy peer. */
function clusterPeerFor(other: PolicyEnd): ClusterPolicyPeer | undefined {
  if (other.kind === 'pod' && other.pod !== undefined) {
    return {
      kind: 'pods',
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': other.pod.namespace },
        matchExpressions: [],
      },
      podSelector: { matchLabels: workloadLabels(other.pod), matchExpressions: [] },
    };
  }
  return other.ip === undefined ? undefined : { kind: 'networks', cidrs: [`${other.ip}/32`] };
}

function clusterPeerWords(peer: ClusterPolicyPeer): string {
  switch (peer.kind) {
    case 'pods':
      return `pods ${formatSelector(peer.podSelector)} in namespace ${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name'] ?? formatSelector(peer.namespaceSelector)}`;
    case 'networks':
      return peer.cidrs.join(', ');
    default:
      return peer.kind;
  }
}

function withClusterRules(
  policy: ClusterPolicyObject,
  direction: Direction,
  rules: ClusterPolicyRule[],
): ClusterPolicyObject {
  return direction === 'ingress' ? { ...policy, ingress: rules } : { ...policy, egress: rules };
}

function policyWords(policy: ClusterPolicyObject): string {
  const priority =
    policy.kind === 'BaselineAdminNetworkPolicy' ? '' : ` (priority ${policy.priority})`;
  return `${policy.kind} ${policy.meta.name}${priority}`;
}

function fixAdminDeny(
  cluster: Cluster,
  direction: Direction,
  subject: PolicyEnd,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  by: DecidedBy,
): SuggestedFix | undefined {
  const policy = cluster.clusterPolicies.find((p) => clusterPolicyRef(p) === by.ref);
  const pod = subject.pod;
  const peer = clusterPeerFor(other);
  if (policy === undefined || pod === undefined || peer === undefined || by.rule === undefined)
    return undefined;
  // Ingress peers of cluster policies are pods or namespaces only.
  if (direction === 'ingress' && peer.kind !== 'pods') return undefined;
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  const denyRule = rules[by.rule];
  if (denyRule === undefined) return undefined;
  const word = direction === 'ingress' ? 'from' : 'to';
  const what = formatPort(port, protocol);
  const src = direction === 'ingress' ? other : subject;
  const dst = direction === 'ingress' ? subject : other;
  const ruleName = dnsLabel(`accept-${endName(src)}-to-${endName(dst)}-${protocol}-${port}`);
  const rule: ClusterPolicyRule = {
    name: ruleName,
    action: 'Accept',
    peers: [peer],
    ports: [{ kind: 'port', protocol, port }],
  };
  const denyWords = `${direction} rule ${by.rule}${denyRule.name !== '' ? ` '${denyRule.name}'` : ''}`;

  let changedPolicy: ClusterPolicyObject;
  let fix: Pick<SuggestedFix, 'summary' | 'kind' | 'policy' | 'yaml'>;
  if (rules.length < MAX_RULES[policy.kind]) {
    changedPolicy = withClusterRules(policy, direction, [
      ...rules.slice(0, by.rule),
      rule,
      ...rules.slice(by.rule),
    ]);
    fix = {
      summary: `Add an Admin Accept rule '${ruleName}' ${word} ${clusterPeerWords(peer)} on ${what} to ${policyWords(policy)}, just before its Deny ${denyWords}: the first matching rule decides, and Accept is final (no NetworkPolicy or Baseline rule is read for this traffic)`,
      kind: 'patch',
      policy: policy.meta.name,
      yaml: toClusterPolicyYaml(changedPolicy),
    };
  } else if (policy.priority > 0) {
    let name = dnsLabel(`accept-${endName(src)}-to-${endName(dst)}`);
    for (
      let n = 2;
      cluster.clusterPolicies.some((p) => p.kind === policy.kind && p.meta.name === name);
      n++
    )
      name = dnsLabel(`accept-${endName(src)}-to-${endName(dst)}-${n}`);
    changedPolicy = {
      kind: policy.kind,
      meta: { name, namespace: '', labels: {}, annotations: {} },
      tier: 'Admin',
      priority: policy.priority - 1,
      subject: {
        kind: 'pods',
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': pod.namespace },
          matchExpressions: [],
        },
        podSelector: { matchLabels: workloadLabels(pod), matchExpressions: [] },
      },
      ingress: direction === 'ingress' ? [rule] : [],
      egress: direction === 'egress' ? [rule] : [],
    };
    fix = {
      summary: `Create ${policy.kind} ${name} at priority ${policy.priority - 1}, before ${policyWords(policy)} (which has the ${MAX_RULES[policy.kind]} ${direction} rules the API allows): Accept ${direction} ${word} ${clusterPeerWords(peer)} on ${what} for pods ${formatSelector({ matchLabels: workloadLabels(pod), matchExpressions: [] })} in ${pod.namespace}`,
      kind: 'new-policy',
      policy: name,
      yaml: toClusterPolicyYaml(changedPolicy),
    };
  } else {
    return undefined;
  }

  const changed: Cluster = {
    ...cluster,
    clusterPolicies:
      fix.kind === 'patch'
        ? cluster.clusterPolicies.map((p) => (p === policy ? changedPolicy : p))
        : [changedPolicy, ...cluster.clusterPolicies],
  };
  const subjects = runningPods(cluster).filter((p) => subjectSelects(changed, changedPolicy, p));
  const peers =
    peer.kind === 'pods'
      ? runningPods(cluster).filter((p) => podsSelectorMatches(cluster, peer, p))
      : runningPods(cluster).filter((p) => {
          const end = resolvePolicyEnd(cluster, { kind: 'pod', podRef: p.ref });
          return end !== undefined && clusterPeerMatches(cluster, peer, end);
        });
  const [sources, destinations] = direction === 'ingress' ? [peers, subjects] : [subjects, peers];
  const opened = flippedPairs(
    cluster,
    changed,
    direction,
    sources,
    destinations,
    [src.pod, dst.pod],
    port,
    protocol,
    false,
  );
  const alsoOpens = listed(opened.map((pair) => `${pair} on ${what} (${direction})`));
  return {
    ...fix,
    alsoOpens,
    policyKind: CLUSTER_POLICY_REF_KIND[policy.kind],
    tier: 'admin',
    alternatives: [
      `change the Deny ${denyWords} of ${policyWords(policy)} itself (narrow its peers or protocols): that changes every pair it denies, not just this one`,
    ],
  };
}

// ---------------------------------------------------------------------------
// Baseline Deny → a NetworkPolicy that admits the peer (and isolates the pod).

function fixBaselineDeny(
  cluster: Cluster,
  direction: Direction,
  subject: PolicyEnd,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  by: DecidedBy,
  buildPeer: (other: PolicyEnd, policyNamespace: string) => NetworkPolicyRule['peers'][number],
  toYaml: (p: NetworkPolicyObject) => string,
): SuggestedFix | undefined {
  const pod = subject.pod;
  if (pod === undefined) return undefined;
  const src = direction === 'ingress' ? other : subject;
  const dst = direction === 'ingress' ? subject : other;
  const base = dnsLabel(`allow-${endName(src)}-to-${endName(dst)}`);
  let name = base;
  for (
    let n = 2;
    cluster.networkPolicies.some((p) => p.meta.namespace === pod.namespace && p.meta.name === name);
    n++
  )
    name = `${base}-${n}`;
  const podSelector: LabelSelector = { matchLabels: workloadLabels(pod), matchExpressions: [] };
  const rule: NetworkPolicyRule = {
    peers: [buildPeer(other, pod.namespace)],
    ports: [{ protocol, port }],
  };
  const created: NetworkPolicyObject = {
    kind: 'NetworkPolicy',
    meta: { name, namespace: pod.namespace, labels: {}, annotations: {} },
    podSelector,
    policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
    policyTypesDefaulted: false,
    ingress: direction === 'ingress' ? [rule] : [],
    egress: direction === 'egress' ? [rule] : [],
  };
  const changed: Cluster = { ...cluster, networkPolicies: [...cluster.networkPolicies, created] };
  const isolated = runningPods(cluster).filter(
    (p) =>
      !p.hostNetwork &&
      p.namespace === pod.namespace &&
      Object.entries(podSelector.matchLabels).every(([k, v]) => p.labels[k] === v),
  );
  const everyone = runningPods(cluster);
  const [sources, destinations] =
    direction === 'ingress' ? [everyone, isolated] : [isolated, everyone];
  const asked = [src.pod, dst.pod] as const;
  const opened = flippedPairs(
    cluster,
    changed,
    direction,
    sources,
    destinations,
    asked,
    port,
    protocol,
    false,
  );
  const closed = flippedPairs(
    cluster,
    changed,
    direction,
    sources,
    destinations,
    asked,
    port,
    protocol,
    true,
  );
  const what = formatPort(port, protocol);
  const word = direction === 'ingress' ? 'from' : 'to';
  const baseline = cluster.clusterPolicies.find((p) => clusterPolicyRef(p) === by.ref);
  const ruleWords = `${direction} rule ${by.rule ?? 0}${by.ruleName !== undefined ? ` '${by.ruleName}'` : ''}`;
  return {
    summary: `Create ${pod.namespace}/${name}: ${direction} ${word} ${formatPeer(rule.peers[0]!, pod.namespace)} on ${what} for pods ${formatSelector(podSelector)} (the Baseline ${ruleWords} of ${baseline !== undefined ? policyWords(baseline) : by.ref} denies it; a NetworkPolicy is read before the Baseline tier, and it isolates these pods for ${direction})`,
    kind: 'new-policy',
    policy: namespacedName(pod.namespace, name),
    yaml: toYaml(created),
    alsoOpens: listed(opened.map((pair) => `${pair} on ${what} (${direction})`)),
    tier: 'networkpolicy',
    closes: [
      ...listed(closed.map((pair) => `${pair} on ${what} (${direction}; allowed before)`)),
      `every other port and protocol ${direction === 'ingress' ? 'into' : 'out of'} pods ${formatSelector(podSelector)} in ${pod.namespace} that no NetworkPolicy rule admits: the Baseline tier and the default allow no longer apply to their ${direction}`,
    ],
    alternatives: [
      `an Admin tier Accept rule for this pair (a ClusterNetworkPolicy with tier: Admin, or an AdminNetworkPolicy): it closes nothing, but it is final, needs cluster-admin rights and overrides the namespace's NetworkPolicies for this traffic`,
    ],
  };
}

/**
 * The fix for one dropped direction when a cluster tier decided it, or a note for a NetworkPolicy
 * drop after an Admin Pass; undefined when the NetworkPolicy fix applies as it is.
 */
export function fixClusterTierDrop(
  cluster: Cluster,
  direction: Direction,
  subject: PolicyEnd,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  verdict: DirectionVerdict,
  buildPeer: (other: PolicyEnd, policyNamespace: string) => NetworkPolicyRule['peers'][number],
  toYaml: (p: NetworkPolicyObject) => string,
): SuggestedFix | undefined {
  const by = verdict.decidedBy;
  if (by?.tier === 'admin' && by.action === 'deny')
    return fixAdminDeny(cluster, direction, subject, other, port, protocol, by);
  if (by?.tier === 'baseline' && by.action === 'deny')
    return fixBaselineDeny(
      cluster,
      direction,
      subject,
      other,
      port,
      protocol,
      by,
      buildPeer,
      toYaml,
    );
  return undefined;
}

/** A sentence for a NetworkPolicy drop that an Admin rule passed down to the NetworkPolicy tier. */
export function passedWords(cluster: Cluster, verdict: DirectionVerdict): string | undefined {
  const pass = verdict.passed?.[0];
  if (pass === undefined) return undefined;
  const policy = cluster.clusterPolicies.find((p) => clusterPolicyRef(p) === pass.ref);
  const rule = `${verdict.direction} rule ${pass.rule ?? 0}${pass.ruleName !== undefined ? ` '${pass.ruleName}'` : ''}`;
  return `the Admin ${rule} of ${policy !== undefined ? policyWords(policy) : pass.ref} passes this traffic to the NetworkPolicy tier, so the namespace's NetworkPolicies decide it`;
}
