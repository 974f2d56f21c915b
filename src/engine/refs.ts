/**
 * Typed ids: every object is named by one function, so the trace, the graph, the CLI and the
 * UI agree on spelling. Kinds are lower-case, as in the CLI contract (`service/default/web`).
 *
 * @example objectRef('service', 'default', 'web') // 'service/default/web'
 */
export type RefKind =
  | 'pod'
  | 'service'
  | 'ingress'
  | 'ingressclass'
  | 'networkpolicy'
  | 'deployment'
  | 'replicaset'
  | 'statefulset'
  | 'daemonset'
  | 'endpointslice'
  | 'namespace'
  | 'node'
  | 'gateway'
  | 'httproute'
  | 'gatewayclass'
  | 'referencegrant';

export function objectRef(kind: RefKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The API group of the Gateway API kinds (`gateway`, `httproute`, `gatewayclass`, `referencegrant`). */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** Cluster-scoped objects: `node/node-1`, `namespace/default`. */
export function clusterRef(kind: 'node' | 'namespace' | 'ingressclass' | 'gatewayclass', name: string): string {
  return `${kind}/${name}`;
}

/** `NS/NAME`, the form policies and endpoints are listed in. */
export function namespacedName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The kinds of policy objects a verdict can name. */
export type PolicyKind = 'networkpolicy' | 'clusternetworkpolicy' | 'adminnetworkpolicy' | 'baselineadminnetworkpolicy';

/**
 * The ref of a policy, the only place a policy ref is spelled. `name` is the policy's id as
 * verdicts list it: `NS/NAME` for a NetworkPolicy, `NAME` for the cluster-scoped kinds.
 *
 * @example policyRef('networkpolicy', 'default/deny-all') // 'networkpolicy/default/deny-all'
 * @example policyRef('clusternetworkpolicy', 'deny-monitoring') // 'clusternetworkpolicy/deny-monitoring'
 */
export function policyRef(kind: PolicyKind, name: string): string {
  return `${kind}/${name}`;
}

/** The ref kind of each cluster-scoped policy kind. */
export const CLUSTER_POLICY_REF_KIND = {
  ClusterNetworkPolicy: 'clusternetworkpolicy',
  AdminNetworkPolicy: 'adminnetworkpolicy',
  BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicy',
} as const satisfies Record<string, PolicyKind>;

/**
 * The ref of a cluster-scoped policy (no namespace).
 *
 * @example clusterPolicyRef({ kind: 'AdminNetworkPolicy', meta: { name: 'x' } }) // 'adminnetworkpolicy/x'
 */
export function clusterPolicyRef(policy: {
  readonly kind: keyof typeof CLUSTER_POLICY_REF_KIND;
  readonly meta: { readonly name: string };
}): string {
  return policyRef(CLUSTER_POLICY_REF_KIND[policy.kind], policy.meta.name);
}

/** Whether a ref names a policy object (of any tier). */
export function isPolicyRef(ref: string): boolean {
  const kind = ref.slice(0, ref.indexOf('/'));
  return kind === 'networkpolicy' || kind === 'clusternetworkpolicy' || kind === 'adminnetworkpolicy' || kind === 'baselineadminnetworkpolicy';
}

/** Splits `kind/ns/name` (or `kind/name`); undefined when malformed. */
export function parseRef(
  ref: string,
): { kind: string; namespace?: string; name: string } | undefined {
  const parts = ref.split('/');
  if (parts.length === 3 && parts.every((p) => p.length > 0)) {
    return { kind: parts[0]!, namespace: parts[1]!, name: parts[2]! };
  }
  if (parts.length === 2 && parts.every((p) => p.length > 0)) {
    return { kind: parts[0]!, name: parts[1]! };
  }
  return undefined;
}
