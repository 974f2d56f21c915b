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
  | 'node';

export function objectRef(kind: RefKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Cluster-scoped objects: `node/node-1`, `namespace/default`. */
export function clusterRef(kind: 'node' | 'namespace' | 'ingressclass', name: string): string {
  return `${kind}/${name}`;
}

/** `NS/NAME`, the form policies and endpoints are listed in. */
export function namespacedName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
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
