/**
 * Hovers that evaluate: what the field under the cursor resolves to in this cluster now. A
 * podSelector → the pods it selects and what the policy isolates them for; a peer → the pods it
 * admits; a Service selector → its pods and ready endpoints; a targetPort or a named policy
 * port → the number on each pod; an Ingress backend → the Service and its endpoints. Selecting
 * nothing is said plainly, with the label values that do exist.
 */
import type {
  Analysis,
  Cluster,
  ClusterIngress,
  ClusterPod,
  ClusterService,
  LabelSelector,
  ManifestDocument,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyRule,
  ObjectMeta,
  SourceRange,
} from '../types';
import { formatSelector, isEmptySelector, matchesSelector } from '../match/labels';
import { formatPolicyPort, resolveNamedPort } from '../match/ports';
import { endpointsOfPort } from '../routing/services';
import { namespaceLabels } from '../policy/endpoints';
import { locateField } from './locate';
import {
  capList,
  explainNoMatch,
  namespacesSelectedBy,
  plural,
  podName,
  podsSelectedBy,
} from './words';
import type { EditorHover, TextPosition } from './types';

/** The object a document became, by its source (so a repeated name still finds the right one). */
const fromDocument = (meta: ObjectMeta, doc: ManifestDocument) =>
  meta.source !== undefined &&
  meta.source.file === doc.file &&
  meta.source.range.startLine === doc.range.startLine &&
  meta.source.range.startColumn === doc.range.startColumn;

export function policyOf(cluster: Cluster, doc: ManifestDocument): NetworkPolicyObject | undefined {
  return cluster.networkPolicies.find((p) => fromDocument(p.meta, doc));
}
export function serviceOf(cluster: Cluster, doc: ManifestDocument): ClusterService | undefined {
  return cluster.services.find((s) => s.source !== undefined && fromDocument({ ...emptyMeta, source: s.source }, doc));
}
export function ingressOf(cluster: Cluster, doc: ManifestDocument): ClusterIngress | undefined {
  return cluster.ingresses.find((i) => fromDocument(i.object.meta, doc));
}
const emptyMeta: ObjectMeta = { name: '', namespace: '', labels: {}, annotations: {} };

/** `selects 2 pods: default/backend-0, default/backend-1` (short names when one namespace). */
export function describePods(pods: readonly ClusterPod[], short = false): string {
  return capList(pods.map((p) => podName(p, short)));
}

/** The pods a policy selects (its namespace, its podSelector). */
export function policyPods(cluster: Cluster, policy: NetworkPolicyObject): ClusterPod[] {
  return podsSelectedBy(cluster, policy.podSelector, policy.meta.namespace);
}

/** The pods one peer admits, and the namespaces it reaches (none for an ipBlock). */
export function peerPods(
  cluster: Cluster,
  peer: NetworkPolicyPeer,
  policyNamespace: string,
): { pods: ClusterPod[]; namespaces: string[] } {
  if (peer.ipBlock) return { pods: [], namespaces: [] };
  const namespaces = peer.namespaceSelector
    ? namespacesSelectedBy(cluster, peer.namespaceSelector)
    : [policyNamespace];
  const selector: LabelSelector = peer.podSelector ?? { matchLabels: {}, matchExpressions: [] };
  const inScope = new Set(namespaces);
  const pods = cluster.pods.filter((p) => inScope.has(p.namespace) && matchesSelector(selector, p.labels));
  return { pods, namespaces };
}

/** A peer in one sentence: `this peer admits 1 pod (frontend-0) in 1 namespace`. */
export function describePeer(cluster: Cluster, peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `this peer admits addresses in ${peer.ipBlock.cidr}${except}`;
  }
  const { pods, namespaces } = peerPods(cluster, peer, policyNamespace);
  if (pods.length === 0) {
    if (peer.namespaceSelector && namespaces.length === 0) {
      const labels = namespacesSelectedBy(cluster, { matchLabels: {}, matchExpressions: [] }).map((n) => namespaceLabels(cluster, n));
      return `this peer admits no pod: ${explainNoMatch(peer.namespaceSelector, labels, 'namespace')}`;
    }
    const candidates = cluster.pods.filter((p) => namespaces.includes(p.namespace)).map((p) => p.labels);
    return `this peer admits no pod: ${explainNoMatch(peer.podSelector ?? { matchLabels: {}, matchExpressions: [] }, candidates, `pod in ${capList(namespaces, 3) || 'those namespaces'}`)}`;
  }
  const short = new Set(pods.map((p) => p.namespace)).size === 1;
  return `this peer admits ${plural(pods.length, 'pod')} (${describePods(pods, short)}) in ${plural(namespaces.length, 'namespace')}`;
}

/** The peers and ports of a rule in a few words: `from 1 pod on TCP 8080`. */
export function describeRule(
  cluster: Cluster,
  rule: NetworkPolicyRule,
  direction: 'ingress' | 'egress',
  policyNamespace: string,
): string {
  const word = direction === 'ingress' ? 'from' : 'to';
  let who: string;
  if (rule.peers.length === 0) who = `${word} anywhere`;
  else {
    const pods = new Set<string>();
    const blocks: string[] = [];
    for (const peer of rule.peers) {
      if (peer.ipBlock) blocks.push(peer.ipBlock.cidr);
      else for (const p of peerPods(cluster, peer, policyNamespace).pods) pods.add(p.ref);
    }
    const parts = [
      ...(pods.size > 0 || blocks.length === 0 ? [plural(pods.size, 'pod')] : []),
      ...blocks,
    ];
    who = `${word} ${parts.join(' and ')}`;
  }
  const ports = rule.ports.length === 0 ? 'any port' : rule.ports.map(formatPolicyPort).join(', ');
  return `${who} on ${ports}`;
}

/** `isolates backend-0, backend-1 for ingress` (or says it selects nothing). */
export function describeIsolation(cluster: Cluster, policy: NetworkPolicyObject): string {
  const pods = policyPods(cluster, policy);
  const types = policy.policyTypes.map((t) => t.toLowerCase()).join(' and ');
  if (pods.length === 0) return `selects no pod, so it isolates nothing (${types})`;
  return `isolates ${describePods(pods, true)} for ${types}`;
}

function selectorHover(
  cluster: Cluster,
  selector: LabelSelector,
  namespace: string,
  what: string,
): { text: string; pods: ClusterPod[] } {
  const pods = podsSelectedBy(cluster, selector, namespace);
  if (pods.length === 0) {
    const candidates = cluster.pods.filter((p) => p.namespace === namespace).map((p) => p.labels);
    return { text: `${what} selects no pod: ${explainNoMatch(selector, candidates, `pod in ${namespace}`)}`, pods };
  }
  const all = isEmptySelector(selector) ? ` (\`{}\` selects every pod of ${namespace})` : '';
  return { text: `${what} selects ${plural(pods.length, 'pod')}: ${describePods(pods)}${all}`, pods };
}

/** `http → 8080 on web-0, web-1; 9090 on web-2; not on web-3`. */
export function describeNamedPort(pods: readonly ClusterPod[], name: string, protocol: 'TCP' | 'UDP' | 'SCTP'): string {
  const byNumber = new Map<number, string[]>();
  const missing: string[] = [];
  for (const pod of pods) {
    const n = resolveNamedPort(pod.containerPorts, name, protocol);
    if (n === undefined) missing.push(pod.name);
    else byNumber.set(n, [...(byNumber.get(n) ?? []), pod.name]);
  }
  const parts = [...byNumber.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, names]) => `${n} on ${capList(names)}`);
  if (missing.length > 0) parts.push(`no port named ${name} on ${capList(missing)}`);
  if (parts.length === 0) return `no pod to resolve ${name} on`;
  return parts.join('; ');
}

const RULE_PATH = /^spec\.(ingress|egress)\[(\d+)\](?:\.(from|to)\[(\d+)\]|\.ports\[(\d+)\])?/;
const BACKEND_PATH = /^spec\.(?:rules\[(\d+)\]\.http\.paths\[(\d+)\]|defaultBackend)/;
const SERVICE_PORT_PATH = /^spec\.ports\[(\d+)\](?:\.(\w+))?/;

function policyHover(cluster: Cluster, policy: NetworkPolicyObject, path: string): { contents: string[]; refs: string[] } | undefined {
  const ns = policy.meta.namespace;
  if (path.startsWith('spec.podSelector')) {
    const { text, pods } = selectorHover(cluster, policy.podSelector, ns, 'podSelector');
    const types = policy.policyTypes.map((t) => t.toLowerCase()).join(' and ');
    return { contents: [text, pods.length > 0 ? `The policy isolates them for ${types}.` : ''].filter(Boolean), refs: pods.map((p) => p.ref) };
  }
  const rule = RULE_PATH.exec(path);
  if (rule) {
    const direction = rule[1] as 'ingress' | 'egress';
    const r = (direction === 'ingress' ? policy.ingress : policy.egress)[Number(rule[2])];
    if (!r) return undefined;
    if (rule[4] !== undefined) {
      const peer = r.peers[Number(rule[4])];
      if (!peer) return undefined;
      const { pods } = peerPods(cluster, peer, ns);
      const selector = [
        peer.namespaceSelector ? `namespaces \`${formatSelector(peer.namespaceSelector) || '{}'}\`` : '',
        peer.podSelector ? `pods \`${formatSelector(peer.podSelector) || '{}'}\`` : '',
      ].filter(Boolean).join(' × ');
      return { contents: [describePeer(cluster, peer, ns), ...(selector ? [`Matches ${selector} (both must hold).`] : [])], refs: pods.map((p) => p.ref) };
    }
    if (rule[5] !== undefined) {
      const port = r.ports[Number(rule[5])];
      if (!port) return undefined;
      if (typeof port.port !== 'string') return { contents: [`admits ${formatPolicyPort(port)}`], refs: [] };
      // A named port is resolved on the destination: the selected pods (ingress) or the peers (egress).
      const targets =
        direction === 'ingress'
          ? policyPods(cluster, policy)
          : [...new Map(r.peers.flatMap((p) => peerPods(cluster, p, ns).pods).map((p) => [p.ref, p])).values()];
      const where = direction === 'ingress' ? 'the selected pods' : 'the peers';
      return {
        contents: [`port ${port.port} → ${describeNamedPort(targets, port.port, port.protocol)}`, `A named port is looked up on ${where}, one by one.`],
        refs: targets.map((p) => p.ref),
      };
    }
    return {
      contents: [`${direction} rule ${Number(rule[2])} admits ${describeRule(cluster, r, direction, ns)}`, describeIsolation(cluster, policy)],
      refs: [],
    };
  }
  if (path === 'metadata.name' || path === 'kind' || path.startsWith('spec.policyTypes') || path === 'spec.ingress' || path === 'spec.egress') {
    const pods = policyPods(cluster, policy);
    const lines = [describeIsolation(cluster, policy)];
    for (const direction of ['ingress', 'egress'] as const) {
      if (!policy.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress')) continue;
      const rules = direction === 'ingress' ? policy.ingress : policy.egress;
      lines.push(
        rules.length === 0
          ? `${direction}: no rule, so nothing is admitted`
          : `${direction}: ${rules.map((r) => describeRule(cluster, r, direction, policy.meta.namespace)).join('; ')}`,
      );
    }
    return { contents: lines, refs: pods.map((p) => p.ref) };
  }
  return undefined;
}

function readyEndpoints(service: ClusterService): string[] {
  const seen = new Set<string>();
  for (const list of Object.values(service.endpoints)) for (const e of list) if (e.ready) seen.add(e.podRef ?? e.ip);
  return [...seen];
}

function servicePods(cluster: Cluster, service: ClusterService): ClusterPod[] {
  if (!service.selector) return [];
  return podsSelectedBy(cluster, { matchLabels: service.selector, matchExpressions: [] }, service.namespace);
}

function serviceHover(cluster: Cluster, service: ClusterService, path: string): { contents: string[]; refs: string[] } | undefined {
  const ready = readyEndpoints(service);
  const endpointsLine = `${plural(ready.length, 'ready endpoint')}${ready.length > 0 ? `: ${capList(ready.map((r) => r.replace(/^pod\//, '')))}` : ''}`;
  if (path.startsWith('spec.selector')) {
    if (!service.selector) return undefined;
    const { text, pods } = selectorHover(cluster, { matchLabels: service.selector, matchExpressions: [] }, service.namespace, 'selector');
    return { contents: [text, endpointsLine], refs: pods.map((p) => p.ref) };
  }
  const port = SERVICE_PORT_PATH.exec(path);
  if (port) {
    const sp = service.ports[Number(port[1])];
    if (!sp) return undefined;
    const pods = servicePods(cluster, service);
    if (port[2] === 'targetPort' && typeof sp.targetPort === 'string') {
      return { contents: [`targetPort ${sp.targetPort} → ${describeNamedPort(pods, sp.targetPort, sp.protocol)}`], refs: pods.map((p) => p.ref) };
    }
    const endpoints = endpointsOfPort(service, sp).filter((e) => e.ready);
    const target = typeof sp.targetPort === 'number' ? `targetPort ${sp.targetPort}` : `targetPort ${sp.targetPort}`;
    const list = endpoints.map((e) => `${(e.podRef ?? e.ip).replace(/^pod\/[^/]+\//, '')}:${e.port}`);
    const nodePort = sp.nodePort !== undefined ? ` (nodePort ${sp.nodePort})` : '';
    return {
      contents: [`port ${sp.port}/${sp.protocol}${nodePort} → ${target} on ${plural(endpoints.length, 'ready endpoint')}${list.length > 0 ? `: ${capList(list)}` : ''}`],
      refs: endpoints.flatMap((e) => (e.podRef ? [e.podRef] : [])),
    };
  }
  if (path === 'metadata.name' || path === 'kind' || path === 'spec.type' || path === 'spec.ports') {
    const address = service.clusterIP ? ` at ${service.clusterIP}` : service.headless ? ' (headless)' : '';
    return { contents: [`${service.type} Service${address}: ${endpointsLine}`], refs: [service.ref] };
  }
  return undefined;
}

/** An Ingress backend in words: `Service default/web port 80 → 2 ready endpoints: web-0:8080, web-1:8080`. */
export function describeBackend(
  cluster: Cluster,
  namespace: string,
  backend: { readonly service?: { readonly name: string; readonly port: { readonly number?: number; readonly name?: string } } } | undefined,
): { text: string; refs: string[] } {
  const b = backend?.service;
  if (!b) return { text: 'not a Service backend', refs: [] };
  const index = cluster.lookups.serviceByRef[`service/${namespace}/${b.name}`];
  const service = index === undefined ? undefined : cluster.services[index];
  if (!service) {
    const names = cluster.services.filter((s) => s.namespace === namespace).map((s) => `\`${s.name}\``);
    return { text: `no Service named ${b.name} in ${namespace}${names.length > 0 ? `; there: ${capList(names, 5)}` : ''}`, refs: [] };
  }
  const sp = service.ports.find((p) => (b.port.number !== undefined ? p.port === b.port.number : p.name === b.port.name));
  const wanted = b.port.number ?? b.port.name ?? '?';
  if (!sp) {
    return { text: `Service ${namespace}/${b.name} has no port ${wanted}; its ports: ${service.ports.map((p) => p.name ? `${p.port} (${p.name})` : String(p.port)).join(', ')}`, refs: [service.ref] };
  }
  const endpoints = endpointsOfPort(service, sp).filter((e) => e.ready);
  const list = endpoints.map((e) => `${(e.podRef ?? e.ip).replace(/^pod\/[^/]+\//, '')}:${e.port}`);
  return {
    text: `Service ${namespace}/${b.name} port ${wanted} → ${plural(endpoints.length, 'ready endpoint')}${list.length > 0 ? `: ${capList(list)}` : ''}`,
    refs: [service.ref],
  };
}

function ingressHover(cluster: Cluster, ingress: ClusterIngress, path: string): { contents: string[]; refs: string[] } | undefined {
  const ns = ingress.object.meta.namespace;
  const m = BACKEND_PATH.exec(path);
  if (m) {
    const backend =
      m[1] === undefined
        ? ingress.object.defaultBackend
        : ingress.object.rules[Number(m[1])]?.paths[Number(m[2])]?.backend;
    const pathText = m[1] === undefined ? 'default backend' : `path ${ingress.object.rules[Number(m[1])]?.paths[Number(m[2])]?.path ?? ''}`;
    const { text, refs } = describeBackend(cluster, ns, backend);
    return { contents: [`${pathText}: ${text}`], refs };
  }
  if (path === 'metadata.name' || path === 'kind' || path.startsWith('spec.ingressClassName')) {
    return { contents: [ingress.served ? `served: ${ingress.servedReason}` : `not served: ${ingress.servedReason}`], refs: [ingress.ref] };
  }
  return undefined;
}

/**
 * What the field at `at` resolves to, from `analysis` and the `documents` it was built from (the
 * same text). Undefined when the cursor is on nothing the cluster can answer about.
 *
 * @example
 * explainAt(analysis, documents, { line: 9, column: 7 })?.contents[0]; // 'podSelector selects 2 pods: default/backend-0, default/backend-1'
 */
export function explainAt(
  analysis: Pick<Analysis, 'cluster'>,
  documents: readonly ManifestDocument[],
  at: TextPosition,
): EditorHover | undefined {
  const field = locateField(documents, at);
  if (!field) return undefined;
  const { cluster } = analysis;
  const { document, path, range } = field;
  let answer: { contents: string[]; refs: string[] } | undefined;
  if (document.kind === 'NetworkPolicy') {
    const policy = policyOf(cluster, document);
    answer = policy && policyHover(cluster, policy, path);
  } else if (document.kind === 'Service') {
    const service = serviceOf(cluster, document);
    answer = service && serviceHover(cluster, service, path);
  } else if (document.kind === 'Ingress') {
    const ingress = ingressOf(cluster, document);
    answer = ingress && ingressHover(cluster, ingress, path);
  }
  if (!answer) return undefined;
  return { range: toRange(range), contents: answer.contents, stale: false, refs: answer.refs.slice(0, 1000) };
}

const toRange = (r: SourceRange): SourceRange => ({ ...r });
