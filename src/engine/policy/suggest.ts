/**
 * The narrowest change that would allow a dropped connection, as a complete NetworkPolicy a
 * user can apply (replace the patched policy, or append the new one).
 *
 * 1. Fix the first direction that drops, in packet order: the source's egress, then the
 *    destination's ingress (when both drop, apply the fix and ask again).
 * 2. The peer to add: the other pod's workload labels (without per-pod labels such as
 *    `pod-template-hash`), ANDed with `kubernetes.io/metadata.name` when it is in another
 *    namespace; an `ipBlock` /32 for addresses outside the pod network and for nodes.
 * 3. Where: an existing rule of an isolating policy that already covers the port gets the peer;
 *    else a new rule with just that port goes into the isolating policy with the fewest rules;
 *    when every isolating policy is a deny-all (no rules in that direction), a new policy
 *    `allow-<src>-to-<dst>` is added instead of turning the deny-all into an allow.
 * 4. `alsoOpens` lists, computed, what else the change admits.
 * 5. With the cluster tiers: a drop an Admin or Baseline rule decided is fixed in
 *    `suggest-cluster.ts` (an Admin Accept before the Deny; a NetworkPolicy over a Baseline Deny,
 *    with what it closes); a NetworkPolicy drop after an Admin Pass gets this fix, saying so.
 */
import type {
  Cluster,
  ClusterPod,
  ConnectionVerdict,
  DirectionVerdict,
  LabelSelector,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  PolicyPeer,
  Protocol,
  SuggestedFix,
} from '../types';
import { matchesSelector, formatSelector, selectorToManifest } from '../match/labels';
import { formatPolicyPort, portsAdmit } from '../match/ports';
import { formatPeer, formatPort, namespaceLabels, policyName, resolvePolicyEnd, type PolicyEnd } from './endpoints';
import { namespacedName } from '../refs';
import { matchPeer } from './evaluate';
import { printFixYaml } from './plain-yaml';
import {
  dnsLabel,
  endName,
  fixClusterTierDrop,
  passedWords,
  workloadLabels,
} from './suggest-cluster';

type Direction = 'ingress' | 'egress';

/** The peer element that admits `other` as seen from a policy in `policyNamespace`. */
function buildPeer(other: PolicyEnd, policyNamespace: string): NetworkPolicyPeer {
  if (other.kind !== 'pod' || other.pod === undefined)
    return { ipBlock: { cidr: `${other.ip ?? '0.0.0.0'}/32`, except: [] } };
  const podSelector: LabelSelector = {
    matchLabels: workloadLabels(other.pod),
    matchExpressions: [],
  };
  if (other.pod.namespace === policyNamespace) return { podSelector };
  return {
    podSelector,
    namespaceSelector: {
      matchLabels: { 'kubernetes.io/metadata.name': other.pod.namespace },
      matchExpressions: [],
    },
  };
}

// ---------------------------------------------------------------------------
// Back to manifest shape, as YAML.


function peerToManifest(p: NetworkPolicyPeer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.podSelector) out['podSelector'] = selectorToManifest(p.podSelector);
  if (p.namespaceSelector) out['namespaceSelector'] = selectorToManifest(p.namespaceSelector);
  if (p.ipBlock)
    out['ipBlock'] =
      p.ipBlock.except.length > 0
        ? { cidr: p.ipBlock.cidr, except: [...p.ipBlock.except] }
        : { cidr: p.ipBlock.cidr };
  return out;
}

function portToManifest(p: NetworkPolicyPort): Record<string, unknown> {
  const out: Record<string, unknown> = { protocol: p.protocol };
  if (p.port !== undefined) out['port'] = p.port;
  if (p.endPort !== undefined) out['endPort'] = p.endPort;
  return out;
}

function ruleToManifest(rule: NetworkPolicyRule, direction: Direction): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.peers.length > 0)
    out[direction === 'ingress' ? 'from' : 'to'] = rule.peers.map(peerToManifest);
  if (rule.ports.length > 0) out['ports'] = rule.ports.map(portToManifest);
  return out;
}

/**
 * A NetworkPolicy as one YAML document (apiVersion, kind, metadata, spec).
 *
 * @example toNetworkPolicyYaml(policy) // 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n...'
 */
export function toNetworkPolicyYaml(policy: NetworkPolicyObject): string {
  const metadata: Record<string, unknown> = {
    name: policy.meta.name,
    namespace: policy.meta.namespace,
  };
  if (Object.keys(policy.meta.labels).length > 0) metadata['labels'] = { ...policy.meta.labels };
  if (Object.keys(policy.meta.annotations).length > 0)
    metadata['annotations'] = { ...policy.meta.annotations };
  const spec: Record<string, unknown> = {
    podSelector: selectorToManifest(policy.podSelector),
    policyTypes: [...policy.policyTypes],
  };
  if (policy.policyTypes.includes('Ingress'))
    spec['ingress'] = policy.ingress.map((r) => ruleToManifest(r, 'ingress'));
  if (policy.policyTypes.includes('Egress'))
    spec['egress'] = policy.egress.map((r) => ruleToManifest(r, 'egress'));
  const manifest = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
  return printFixYaml(manifest);
}

// ---------------------------------------------------------------------------

function withRules(
  policy: NetworkPolicyObject,
  direction: Direction,
  rules: NetworkPolicyRule[],
): NetworkPolicyObject {
  return direction === 'ingress' ? { ...policy, ingress: rules } : { ...policy, egress: rules };
}

/** Whether `name` is the policy's `NS/NAME` (policyName), without building the string. */
function isNamed(policy: NetworkPolicyObject, name: string): boolean {
  const { namespace, name: own } = policy.meta;
  return (
    name.length === namespace.length + 1 + own.length &&
    name.charCodeAt(namespace.length) === 47 && // '/'
    name.startsWith(namespace) &&
    name.endsWith(own)
  );
}

/**
 * Pods (other than `except`) an added peer admits, as `NS/NAME`. A selector peer admits pods
 * only in the namespaces it names (its namespaceSelector, else the policy's own): each
 * namespace is asked once, and only their pods are evaluated.
 */
function podsMatchingPeer(
  cluster: Cluster,
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  except: ClusterPod | undefined,
): string[] {
  const out: string[] = [];
  const { namespaceSelector } = peer;
  const admitted = new Map<string, boolean>();
  const admits = (namespace: string): boolean => {
    if (peer.ipBlock) return true;
    if (!namespaceSelector) return namespace === policyNamespace;
    let yes = admitted.get(namespace);
    if (yes === undefined) {
      yes = matchesSelector(namespaceSelector, namespaceLabels(cluster, namespace));
      admitted.set(namespace, yes);
    }
    return yes;
  };
  // An index loop that asks again only when the namespace changes (pods come namespace by
  // namespace): a trace's fix runs this once over every pod, before the JIT has optimised it.
  const pods = cluster.pods;
  let lastNamespace: string | undefined;
  let lastAdmits = false;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    if (pod === except || pod.ip === undefined) continue;
    if (pod.namespace !== lastNamespace) {
      lastNamespace = pod.namespace;
      lastAdmits = admits(pod.namespace);
    }
    if (!lastAdmits) continue;
    const end = resolvePolicyEnd(cluster, { kind: 'pod', podRef: pod.ref });
    if (end && matchPeer(cluster, peer, policyNamespace, end) !== 'none')
      out.push(`${pod.namespace}/${pod.name}`);
  }
  return out.sort();
}

/** Pods (other than `except`) a policy selects, as `NS/NAME`. */
function podsSelectedBy(
  cluster: Cluster,
  policy: NetworkPolicyObject,
  except: ClusterPod | undefined,
): string[] {
  const out: string[] = [];
  const pods = cluster.pods;
  const namespace = policy.meta.namespace;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    if (p !== except && !p.hostNetwork && p.namespace === namespace && matchesSelector(policy.podSelector, p.labels)) out.push(`${p.namespace}/${p.name}`);
  }
  return out.sort();
}

function fixDirection(
  cluster: Cluster,
  direction: Direction,
  subject: PolicyEnd,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
  isolating: readonly string[],
): SuggestedFix | undefined {
  const pod = subject.pod;
  if (pod === undefined) return undefined;
  const policies = isolating
    .map((n) => cluster.networkPolicies.find((p) => isNamed(p, n)))
    .filter((p): p is NetworkPolicyObject => p !== undefined);
  if (policies.length === 0) return undefined;
  const destination = direction === 'ingress' ? subject : other;
  const dstPorts = destination.kind === 'pod' ? destination.pod?.containerPorts : undefined;
  const rulesOf = (p: NetworkPolicyObject): readonly NetworkPolicyRule[] =>
    direction === 'ingress' ? p.ingress : p.egress;
  const word = direction === 'ingress' ? 'from' : 'to';
  const what = formatPort(port, protocol);
  const alsoOpens: string[] = [];

  // Existing rule covering the port: add the peer there.
  for (const policy of policies) {
    const rules = rulesOf(policy);
    const index = rules.findIndex(
      (r) => r.peers.length > 0 && portsAdmit(r.ports, port, protocol, dstPorts),
    );
    if (index < 0) continue;
    const peer = buildPeer(other, policy.meta.namespace);
    const rule = rules[index]!;
    const patched = withRules(
      policy,
      direction,
      rules.map((r, i) => (i === index ? { ...r, peers: [...r.peers, peer] } : r)),
    );
    for (const name of podsMatchingPeer(cluster, peer, policy.meta.namespace, other.pod))
      alsoOpens.push(`${word} ${name}`);
    for (const name of podsSelectedBy(cluster, policy, direction === 'ingress' ? pod : undefined)) {
      if (direction === 'ingress')
        alsoOpens.push(`to ${name} (also selected by ${policyName(policy)})`);
    }
    if (direction === 'egress')
      for (const name of podsSelectedBy(cluster, policy, pod))
        alsoOpens.push(`for ${name} (also selected by ${policyName(policy)})`);
    const otherPorts =
      rule.ports.length === 0
        ? ['every port']
        : rule.ports
            .filter(
              (p) =>
                !portsAdmit([p], port, protocol, dstPorts) ||
                p.endPort !== undefined ||
                p.port === undefined,
            )
            .map(formatPolicyPort);
    if (otherPorts.length > 0)
      alsoOpens.push(`on ${otherPorts.join(', ')} (the rule's other ports)`);
    return {
      summary: `Add ${formatPeer(peer, policy.meta.namespace)} to ${direction} rule ${index} of ${policyName(policy)}, which already allows ${what}`,
      kind: 'patch',
      policy: policyName(policy),
      yaml: toNetworkPolicyYaml(patched),
      alsoOpens,
    };
  }

  const newRule = (ns: string): NetworkPolicyRule => ({
    peers: [buildPeer(other, ns)],
    ports: [{ protocol, port }],
  });
  const target = [...policies].sort(
    (a, b) => rulesOf(a).length - rulesOf(b).length || (policyName(a) < policyName(b) ? -1 : 1),
  )[0]!;
  if (rulesOf(target).length > 0) {
    const rule = newRule(target.meta.namespace);
    const patched = withRules(target, direction, [...rulesOf(target), rule]);
    for (const name of podsMatchingPeer(cluster, rule.peers[0]!, target.meta.namespace, other.pod))
      alsoOpens.push(`${word} ${name}`);
    for (const name of podsSelectedBy(cluster, target, pod))
      alsoOpens.push(
        `${direction === 'ingress' ? 'to' : 'for'} ${name} (also selected by ${policyName(target)})`,
      );
    return {
      summary: `Add an ${direction} rule ${word} ${formatPeer(rule.peers[0]!, target.meta.namespace)} on ${what} to ${policyName(target)}`,
      kind: 'patch',
      policy: policyName(target),
      yaml: toNetworkPolicyYaml(patched),
      alsoOpens,
    };
  }

  // Only deny-alls isolate the pod: add a small policy of its own.
  const src = direction === 'ingress' ? other : subject;
  const base = dnsLabel(`allow-${endName(src)}-to-${endName(destination)}`);
  let name = base;
  for (
    let n = 2;
    cluster.networkPolicies.some((p) => p.meta.namespace === pod.namespace && p.meta.name === name);
    n++
  )
    name = `${base}-${n}`;
  const podSelector: LabelSelector = { matchLabels: workloadLabels(pod), matchExpressions: [] };
  const rule = newRule(pod.namespace);
  const created: NetworkPolicyObject = {
    kind: 'NetworkPolicy',
    meta: { name, namespace: pod.namespace, labels: {}, annotations: {} },
    podSelector,
    policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
    policyTypesDefaulted: false,
    ingress: direction === 'ingress' ? [rule] : [],
    egress: direction === 'egress' ? [rule] : [],
  };
  for (const n of podsMatchingPeer(cluster, rule.peers[0]!, pod.namespace, other.pod))
    alsoOpens.push(`${word} ${n}`);
  for (const n of podsSelectedBy(cluster, created, pod))
    alsoOpens.push(
      `${direction === 'ingress' ? 'to' : 'for'} ${n} (also selected by pods ${formatSelector(podSelector)})`,
    );
  return {
    summary: `Create ${pod.namespace}/${name}: ${direction} ${word} ${formatPeer(rule.peers[0]!, pod.namespace)} on ${what} for pods ${formatSelector(podSelector)} (${isolating.join(', ')} deny${isolating.length > 1 ? '' : 's'} all ${direction})`,
    kind: 'new-policy',
    policy: namespacedName(pod.namespace, name),
    yaml: toNetworkPolicyYaml(created),
    alsoOpens,
  };
}

/**
 * The narrowest NetworkPolicy change that lets `src` reach `dst`, or undefined when the
 * verdict already allows it (or policies are not enforced).
 *
 * @example
 * const fix = suggestFix(cluster, src, dst, 8080, 'TCP', evaluateConnection(cluster, src, dst, 8080, 'TCP'));
 * fix?.yaml // the whole NetworkPolicy to apply
 */
export function suggestFix(
  cluster: Cluster,
  src: PolicyPeer,
  dst: PolicyPeer,
  port: number,
  protocol: Protocol,
  verdict: ConnectionVerdict,
): SuggestedFix | undefined {
  if (verdict.allowed) return undefined;
  const source = resolvePolicyEnd(cluster, src);
  const destination = resolvePolicyEnd(cluster, dst);
  if (source === undefined || destination === undefined) return undefined;
  if (!verdict.egress.allowed && verdict.egress.enforced && source.kind === 'pod') {
    return fixDropped(cluster, verdict.egress, source, destination, port, protocol);
  }
  if (!verdict.ingress.allowed && verdict.ingress.enforced && destination.kind === 'pod') {
    return fixDropped(cluster, verdict.ingress, destination, source, port, protocol);
  }
  return undefined;
}

/** One dropped direction: a cluster tier's fix when an Admin or Baseline rule denied, else the NetworkPolicy fix (saying so when an Admin rule passed it down). */
function fixDropped(
  cluster: Cluster,
  dv: DirectionVerdict,
  subject: PolicyEnd,
  other: PolicyEnd,
  port: number,
  protocol: Protocol,
): SuggestedFix | undefined {
  const tiered = fixClusterTierDrop(
    cluster,
    dv.direction,
    subject,
    other,
    port,
    protocol,
    dv,
    buildPeer,
    toNetworkPolicyYaml,
  );
  if (tiered !== undefined || (dv.decidedBy !== undefined && dv.decidedBy.tier !== 'networkpolicy'))
    return tiered;
  const fix = fixDirection(
    cluster,
    dv.direction,
    subject,
    other,
    port,
    protocol,
    dv.isolatingPolicies,
  );
  const passed = passedWords(cluster, dv);
  return fix !== undefined && passed !== undefined
    ? { ...fix, summary: `${fix.summary} (${passed})`, tier: 'networkpolicy' }
    : fix;
}
