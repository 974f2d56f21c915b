/**
 * The graph the app lays out: what exists and how traffic can flow, with stable ids (the
 * object refs of `refs.ts`, which `Hop.at` uses too) in a stable order, so the layout does not
 * jump while the user types.
 *
 * Tiers (`GRAPH_TIERS`), left to right: `internet`; `entry`: `loadbalancer/NS/NAME` (one per
 * LoadBalancer Service) and the `node/NAME` nodes (for grouping pods; NodePorts open there);
 * `proxy`: the ingress controller's pods and `gateway/NS/NAME`; `route`: `ingress/NS/NAME` and
 * `httproute/NS/NAME` (gateway-nodes.ts); `service`:
 * `service/NS/NAME` (kind `dns` for the cluster DNS Service; the `kubernetes` API Service is left
 * out); `pod`: pods.
 */
import type {
  Cluster,
  ClusterIngress,
  ClusterShield,
  ClusterPod,
  ClusterService,
  GraphEdge,
  GraphModel,
  GraphNode,
  Labels,
} from '../types';
import { matchesSelector } from '../match/labels';
import { clusterPolicyRef, namespacedName, objectRef } from '../refs';
import { cniPlugin } from '../cni-plugins';
import { GRAPH_TIERS } from './graph-tiers';
import { buildGatewayNodes } from './gateway-nodes';
import { namespacePoliciesByName } from '../cluster/policies-by-name';

const INTERNET = 'internet';

/** Label and port texts of one graph (a Map per graph: a module-wide WeakMap costs more to fill, and to collect, than it saves). */
interface Formatters {
  labels(labels: Labels): string;
  containerPorts(ports: ClusterPod['containerPorts']): string;
}

function createFormatters(): Formatters {
  // Replicas share one labels object and one containerPorts list: format each once.
  const labelText = new Map<Labels, string>();
  const portsText = new Map<ClusterPod['containerPorts'], string>();
  return {
    labels(labels) {
      let text = labelText.get(labels);
      if (text === undefined) {
        text = Object.keys(labels)
          .sort()
          .map((k) => `${k}=${labels[k] ?? ''}`)
          .join(', ');
        labelText.set(labels, text);
      }
      return text;
    },
    containerPorts(ports) {
      let text = portsText.get(ports);
      if (text === undefined) {
        text = ports.map((p) => `${p.name !== undefined ? `${p.name} ` : ''}${p.containerPort}/${p.protocol}`).join(', ');
        portsText.set(ports, text);
      }
      return text;
    },
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per namespace, the policies isolating a label set per direction (memoised per label set). */
function shieldFinder(cluster: Cluster, format: Formatters): (pod: ClusterPod) => { ingress: string[]; egress: string[] } {
  const memo = new Map<string, { ingress: string[]; egress: string[] }>();
  // Replicas share one labels object: a hit by identity skips building the text key.
  const byLabels = new Map<string, Map<Labels, { ingress: string[]; egress: string[] }>>();
  return (pod) => {
    // In the order of their refs: the lists built from them come out sorted, with no sort per
    // label set.
    const list = namespacePoliciesByName(cluster, pod.namespace);
    if (list.length === 0) return { ingress: [], egress: [] };
    let same = byLabels.get(pod.namespace);
    if (same === undefined) {
      same = new Map<Labels, { ingress: string[]; egress: string[] }>();
      byLabels.set(pod.namespace, same);
    }
    const known = same.get(pod.labels);
    if (known !== undefined) return known;
    const key = `${pod.namespace}\u0000${format.labels(pod.labels)}`;
    const hit = memo.get(key);
    if (hit !== undefined) {
      same.set(pod.labels, hit);
      return hit;
    }
    const ingress: string[] = [];
    const egress: string[] = [];
    for (const policy of list) {
      // A policy isolates the pods its podSelector selects, in the directions of its policyTypes.
      if (!matchesSelector(policy.podSelector, pod.labels)) continue;
      const ref = namespacedName(policy.meta.namespace, policy.meta.name);
      if (policy.policyTypes.includes('Ingress')) ingress.push(ref);
      if (policy.policyTypes.includes('Egress')) egress.push(ref);
    }
    const result = { ingress, egress };
    memo.set(key, result);
    same.set(pod.labels, result);
    return result;
  };
}

/** The cluster-scoped policies on a pod, and their text for its details. */
interface PodClusterShields {
  readonly shields: readonly ClusterShield[];
  readonly text: string;
}

const NO_CLUSTER_SHIELDS: PodClusterShields = { shields: [], text: '' };

/**
 * Per pod, the cluster-scoped policies whose subject selects it. Namespace selectors are matched
 * once per namespace, pod selectors once per labels object (replicas share one), so the cost
 * does not grow with pods × policies. Host-network pods are never subjects.
 */
function clusterShieldFinder(cluster: Cluster): (pod: ClusterPod) => PodClusterShields {
  const policies = cluster.clusterPolicies.map((p) => ({
    policy: p,
    shield: {
      ref: clusterPolicyRef(p),
      tier: p.tier,
      directions: [...(p.ingress.length > 0 ? ['ingress' as const] : []), ...(p.egress.length > 0 ? ['egress' as const] : [])],
    },
  }));
  const inNamespace = new Map<string, { candidates: number[]; byLabels: Map<Labels, PodClusterShields> }>();
  // Pods of many label sets carry the same policies: one shields list and text per distinct
  // list. A list is named by a number built policy by policy ((list so far, next policy) → number),
  // so no list is written out as text.
  const byListId = new Map<number, PodClusterShields>();
  const nextListId = new Map<number, number>();
  const stride = policies.length + 1;
  /** Policy `k` (a candidate in the pod's namespace) has the pod as a subject. */
  const selects = (k: number, labels: Labels) => {
    const subject = policies[k]!.policy.subject;
    return subject.kind === 'namespaces' || matchesSelector(subject.podSelector, labels);
  };
  return (pod) => {
    if (policies.length === 0 || pod.hostNetwork) return NO_CLUSTER_SHIELDS;
    let ns = inNamespace.get(pod.namespace);
    if (ns === undefined) {
      const i = cluster.lookups.namespaceByName[pod.namespace];
      const nsLabels = i === undefined ? { 'kubernetes.io/metadata.name': pod.namespace } : cluster.namespaces[i]!.labels;
      const candidates: number[] = [];
      policies.forEach(({ policy: { subject } }, k) => {
        if (matchesSelector(subject.namespaceSelector, nsLabels)) candidates.push(k);
      });
      ns = { candidates, byLabels: new Map() };
      inNamespace.set(pod.namespace, ns);
    }
    const hit = ns.byLabels.get(pod.labels);
    if (hit !== undefined) return hit;
    let listId = 0;
    for (const k of ns.candidates) {
      if (!selects(k, pod.labels)) continue;
      const step = listId * stride + k;
      let next = nextListId.get(step);
      if (next === undefined) nextListId.set(step, (next = nextListId.size + 1));
      listId = next;
    }
    let found = listId === 0 ? NO_CLUSTER_SHIELDS : byListId.get(listId);
    if (found === undefined) {
      const shields = ns.candidates
        .filter((k) => selects(k, pod.labels))
        .map((k) => policies[k]!.shield);
      found = { shields, text: clusterShieldsText(shields) };
      byListId.set(listId, found);
    }
    ns.byLabels.set(pod.labels, found);
    return found;
  };
}

/** `[Admin] deny-x (ingress, egress)`: the cluster policies on a pod, for its details. */
function clusterShieldsText(shields: readonly ClusterShield[]): string {
  return shields.map((s) => `[${s.tier}] ${s.ref} (${s.directions.join(', ') || 'no rules'})`).join('; ');
}

function servicePortsText(svc: ClusterService): string {
  return svc.ports
    .map((p) => {
      const name = p.name !== undefined ? `${p.name} ` : '';
      const target = String(p.targetPort) !== String(p.port) ? ` → ${String(p.targetPort)}` : '';
      const nodePort = p.nodePort !== undefined ? ` (NodePort ${p.nodePort})` : '';
      return `${name}${p.port}/${p.protocol}${target}${nodePort}`;
    })
    .join(', ');
}

function readyEndpointPods(svc: ClusterService): string[] {
  const refs = new Set<string>();
  for (const list of Object.values(svc.endpoints)) for (const e of list) if (e.ready && e.podRef !== undefined) refs.add(e.podRef);
  return [...refs].sort();
}

function ingressBackends(ingress: ClusterIngress): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const add = (name: string | undefined, where: string): void => {
    if (name === undefined) return;
    const ref = objectRef('service', ingress.object.meta.namespace, name);
    const list = result.get(ref);
    if (list === undefined) result.set(ref, [where]);
    else if (!list.includes(where)) list.push(where);
  };
  add(ingress.object.defaultBackend?.service?.name, 'default backend');
  for (const rule of ingress.object.rules) {
    for (const path of rule.paths) add(path.backend.service?.name, `${rule.host ?? '*'}${path.path}`);
  }
  return result;
}

/**
 * Builds the graph model of a cluster: nodes sorted by tier then id, edges by id.
 *
 * @example
 * const graph = buildGraph(cluster);
 * graph.nodes.find((n) => n.id === 'service/default/web')?.details['ClusterIP'];
 */
export function buildGraph(cluster: Cluster): GraphModel {
  const nodes: GraphNode[] = [];
  const edges = new Map<string, GraphEdge>();
  const format = createFormatters();
  const edge = (source: string, target: string, kind: GraphEdge['kind'], label?: string): void => {
    const id = `${source}->${target}`;
    if (!edges.has(id)) edges.set(id, label !== undefined && label !== '' ? { id, source, target, kind, label } : { id, source, target, kind });
  };
  const controller = cluster.ingressController;
  const controllerPods = new Set(controller?.podRefs ?? []);
  const podIds = new Set(cluster.pods.map((p) => p.ref));
  const gatewayByService = new Map(cluster.gateways.flatMap((g) => (g.serviceRef !== undefined ? [[g.serviceRef, g.ref] as const] : [])));

  nodes.push({ id: INTERNET, kind: 'internet', label: 'Internet', tier: GRAPH_TIERS.internet, implicit: true, status: 'ok', details: {} });

  for (const node of cluster.nodes) {
    nodes.push({
      id: node.ref,
      kind: 'node',
      label: node.name,
      sublabel: node.ip,
      tier: GRAPH_TIERS.entry,
      implicit: node.implicit,
      status: 'ok',
      details: { IP: node.ip, podCIDR: node.podCIDR, CNI: cluster.settings.cni, labels: format.labels(node.labels) },
    });
  }

  // Services and their load balancers.
  const serviceIds = new Set<string>();
  for (const svc of cluster.services) {
    if (svc.implicit && svc.ref === 'service/default/kubernetes') continue;
    serviceIds.add(svc.ref);
    const ready = readyEndpointPods(svc);
    const anyReady = Object.values(svc.endpoints).some((list) => list.some((e) => e.ready));
    const details: Record<string, string> = { type: svc.type };
    if (svc.type === 'ExternalName') details['externalName'] = svc.externalName ?? '';
    else details['ClusterIP'] = svc.headless ? 'None (headless)' : (svc.clusterIP ?? '');
    if (svc.ports.length > 0) details['ports'] = servicePortsText(svc);
    if (svc.selector !== undefined) details['selector'] = format.labels(svc.selector);
    if (svc.loadBalancerIPs.length > 0) details['external IP'] = svc.loadBalancerIPs.join(', ');
    if (svc.type === 'LoadBalancer' && svc.loadBalancerIPs.length === 0) details['external IP'] = '<pending>';
    if (svc.type !== 'ExternalName') details['endpoints'] = String(ready.length);
    if (svc.externalTrafficPolicy === 'Local' && (svc.type === 'NodePort' || svc.type === 'LoadBalancer')) details['externalTrafficPolicy'] = 'Local';
    if (svc.internalTrafficPolicy === 'Local') details['internalTrafficPolicy'] = 'Local';
    if (svc.sessionAffinity === 'ClientIP') details['sessionAffinity'] = 'ClientIP';
    if (svc.publishNotReadyAddresses) details['publishNotReadyAddresses'] = 'true';
    const isDns = svc.ref === cluster.dns.serviceRef;
    const serviceNode: { -readonly [K in keyof GraphNode]: GraphNode[K] } = {
      id: svc.ref,
      kind: isDns ? 'dns' : 'service',
      label: svc.name,
      sublabel: svc.type === 'ExternalName' ? (svc.externalName ?? '') : svc.headless ? 'headless' : (svc.clusterIP ?? ''),
      tier: GRAPH_TIERS.service,
      namespace: svc.namespace,
      implicit: svc.implicit,
      status: svc.type !== 'ExternalName' && !anyReady ? 'warning' : 'ok',
      details,
    };
    if (svc.source !== undefined) serviceNode.source = svc.source;
    nodes.push(serviceNode);
    for (const podRef of ready) if (podIds.has(podRef)) edge(svc.ref, podRef, 'selects');
    if (svc.type === 'NodePort') {
      edge(INTERNET, svc.ref, 'routes', svc.ports.map((p) => (p.nodePort !== undefined ? `NodePort ${p.nodePort}` : '')).filter((s) => s !== '').join(', '));
    }
    if (svc.type === 'LoadBalancer') {
      // `loadbalancer/NS/NAME`: a graph id (common.md), not an API kind, so not in RefKind.
      const lbId = `loadbalancer/${svc.namespace}/${svc.name}`;
      const pending = svc.loadBalancerIPs.length === 0;
      nodes.push({
        id: lbId,
        kind: 'loadbalancer',
        label: svc.name,
        sublabel: pending ? '<pending>' : svc.loadBalancerIPs.join(', '),
        tier: GRAPH_TIERS.entry,
        namespace: svc.namespace,
        implicit: svc.implicit,
        status: pending ? 'pending' : 'ok',
        details: {
          'external IP': pending ? '<pending>' : svc.loadBalancerIPs.join(', '),
          ...(svc.loadBalancerPendingReason !== undefined ? { pending: svc.loadBalancerPendingReason } : {}),
          ports: svc.ports.map((p) => `${p.port}/${p.protocol}${p.nodePort !== undefined ? ` → NodePort ${p.nodePort}` : ''}`).join(', '),
          service: svc.ref,
        },
        ...(svc.source !== undefined ? { source: svc.source } : {}),
      });
      edge(INTERNET, lbId, 'routes', svc.ports.map((p) => String(p.port)).join(', '));
      if (controller !== undefined && svc.ref === controller.serviceRef) {
        for (const podRef of ready) if (controllerPods.has(podRef)) edge(lbId, podRef, 'forwards');
      } else edge(lbId, gatewayByService.get(svc.ref) ?? svc.ref, 'forwards');
    }
  }

  // Ingresses.
  for (const ing of cluster.ingresses) {
    const meta = ing.object.meta;
    const hosts = [...new Set(ing.object.rules.map((r) => r.host ?? '*'))];
    nodes.push({
      id: ing.ref,
      kind: 'ingress',
      label: meta.name,
      sublabel: hosts.join(', '),
      tier: GRAPH_TIERS.route,
      namespace: meta.namespace,
      implicit: meta.source === undefined,
      status: ing.served ? 'ok' : 'warning',
      details: {
        class: ing.object.ingressClassName ?? '(none)',
        served: ing.servedReason,
        hosts: hosts.join(', '),
        ...(ing.object.tls.length > 0 ? { TLS: ing.object.tls.map((t) => `${t.hosts.join(', ')}${t.secretName !== undefined ? ` (${t.secretName})` : ''}`).join('; ') } : {}),
      },
      ...(meta.source !== undefined ? { source: meta.source } : {}),
    });
    if (ing.served) for (const podRef of controllerPods) if (podIds.has(podRef)) edge(podRef, ing.ref, 'routes');
    for (const [svcRef, where] of ingressBackends(ing)) if (serviceIds.has(svcRef)) edge(ing.ref, svcRef, 'routes', where.join(', '));
  }

  // Gateways and HTTPRoutes, beside the Ingress path.
  nodes.push(...buildGatewayNodes(cluster, serviceIds, podIds, edge));

  // Pods.
  const shieldsOf = shieldFinder(cluster, format);
  const clusterShieldsOf = clusterShieldFinder(cluster);
  const clusterPlugin = cniPlugin(cluster.settings.cni);
  for (const pod of cluster.pods) {
    const isController = controllerPods.has(pod.ref);
    const details: Record<string, string> = {
      IP: pod.ip ?? '(none)',
      node: pod.nodeName ?? '(unscheduled)',
      phase: pod.phase,
      ready: String(pod.ready),
      labels: format.labels(pod.labels),
    };
    if (pod.containerPorts.length > 0) {
      details['ports'] = format.containerPorts(pod.containerPorts);
    }
    if (pod.owner !== undefined) details['owner'] = pod.owner;
    if (pod.pendingReason !== undefined) details['pending'] = pod.pendingReason;
    if (pod.hostNetwork) details['hostNetwork'] = 'true (NetworkPolicy does not apply)';
    // Host-network pods are not isolated by NetworkPolicy, so they carry no shield.
    const shields = pod.hostNetwork ? { ingress: [], egress: [] } : shieldsOf(pod);
    if (!clusterPlugin.enforcesPolicy && (shields.ingress.length > 0 || shields.egress.length > 0)) {
      details['policies'] = `not enforced: ${cluster.settings.cni} does not implement NetworkPolicy`;
    }
    const { shields: clusterShields, text: clusterShieldText } = clusterShieldsOf(pod);
    if (clusterShields.length > 0) {
      details['cluster policies'] = `${clusterShieldText}${clusterPlugin.enforcesClusterPolicy ? '' : ` (not enforced: ${cluster.settings.cni} does not implement cluster-scoped policies)`}`;
    }
    // Built field by field (no spread: one per pod adds up); the key order is the node's JSON.
    const podNode: { -readonly [K in keyof GraphNode]: GraphNode[K] } = {
      id: pod.ref,
      kind: isController ? 'ingress-controller' : 'pod',
      label: pod.name,
      sublabel: pod.ip ?? 'Pending',
      tier: isController ? GRAPH_TIERS.proxy : GRAPH_TIERS.pod,
      namespace: pod.namespace,
    } as GraphNode;
    if (pod.nodeName !== undefined) podNode.nodeName = pod.nodeName;
    podNode.implicit = pod.implicit;
    podNode.status = pod.phase === 'Pending' ? 'pending' : pod.ready ? 'ok' : 'warning';
    podNode.details = details;
    podNode.shields = shields;
    if (clusterShields.length > 0) podNode.clusterShields = clusterShields;
    if (pod.source !== undefined) podNode.source = pod.source;
    nodes.push(podNode);
  }

  nodes.sort((a, b) => a.tier - b.tier || compareIds(a.id, b.id));
  return { nodes, edges: [...edges.values()].sort((a, b) => compareIds(a.id, b.id)) };
}
