/**
 * Code lenses: one line above each NetworkPolicy, Service, Ingress and cluster policy saying what
 * it does right now (`isolates 2 pods for ingress · admits from 1 pod on TCP 8080`, `2 ready
 * endpoints`, `3 paths → 3 Services`, `Admin tier, priority 10 · applies to 3 pods · ingress:
 * Deny`), with the graph nodes a click selects.
 */
import type { Analysis, Cluster, ClusterPolicyObject, ClusterService, NetworkPolicyObject, ObjectOutline } from '../types';
import { matchesSelector } from '../match/labels';
import { describeRule, policyPods } from './explain';
import { plural } from './words';
import type { EditorCodeLens } from './types';

function sameSource(outline: ObjectOutline, source: { readonly range: { readonly startLine: number; readonly startColumn: number } } | undefined) {
  return source !== undefined && source.range.startLine === outline.range.startLine && source.range.startColumn === outline.range.startColumn;
}

function policyLens(cluster: Cluster, policy: NetworkPolicyObject): { title: string; targets: string[] } {
  const pods = policyPods(cluster, policy);
  const types = policy.policyTypes.map((t) => t.toLowerCase()).join(' and ');
  if (pods.length === 0) return { title: `selects no pod: isolates nothing (${types})`, targets: [] };
  const parts = [`isolates ${plural(pods.length, 'pod')} for ${types}`];
  for (const direction of ['ingress', 'egress'] as const) {
    if (!policy.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress')) continue;
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    const verb = direction === 'ingress' ? 'admits' : 'lets out';
    parts.push(
      rules.length === 0
        ? `${direction === 'ingress' ? 'admits nothing in' : 'lets nothing out'}`
        : `${verb} ${rules.map((r) => describeRule(cluster, r, direction, policy.meta.namespace)).join('; ')}`,
    );
  }
  return { title: parts.join(' · '), targets: pods.map((p) => p.ref) };
}

/** A cluster policy: its place in the walk, the pods it applies to, its rules' actions. */
function clusterPolicyLens(cluster: Cluster, policy: ClusterPolicyObject): { title: string; targets: string[] } {
  const nsLabels = new Map(cluster.namespaces.map((n) => [n.name, n.labels] as const));
  const subject = policy.subject;
  const pods = cluster.pods.filter(
    (p) =>
      !p.hostNetwork &&
      matchesSelector(subject.namespaceSelector, nsLabels.get(p.namespace) ?? {}) &&
      (subject.kind === 'namespaces' || matchesSelector(subject.podSelector, p.labels)),
  );
  const rank = policy.kind === 'BaselineAdminNetworkPolicy' ? 'Baseline tier' : `${policy.tier} tier, priority ${policy.priority}`;
  const parts = [rank, pods.length === 0 ? 'applies to no pod' : `applies to ${plural(pods.length, 'pod')}`];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = policy[direction];
    if (rules.length > 0) parts.push(`${direction}: ${rules.map((r) => r.name || r.action).join(', ')}`);
  }
  return { title: parts.join(' · '), targets: pods.map((p) => p.ref) };
}

function serviceLens(service: ClusterService): { title: string; targets: string[] } {
  const ready = new Set<string>();
  const all = new Set<string>();
  for (const list of Object.values(service.endpoints))
    for (const e of list) {
      all.add(e.podRef ?? e.ip);
      if (e.ready) ready.add(e.podRef ?? e.ip);
    }
  if (service.type === 'ExternalName') return { title: `ExternalName → ${service.externalName ?? '?'}`, targets: [service.ref] };
  const notReady = all.size - ready.size;
  const title = `${plural(ready.size, 'ready endpoint')}${notReady > 0 ? ` · ${formatNotReady(notReady)}` : ''}${service.selector === undefined ? ' (no selector)' : ''}`;
  return { title, targets: [service.ref] };
}
const formatNotReady = (n: number) => `${n} not ready`;

/**
 * The lenses of an analysis, in text order.
 *
 * @example buildCodeLenses(analysis)[0]; // { ref: 'service/default/web', line: 12, title: '2 ready endpoints', targets: ['service/default/web'] }
 */
export function buildCodeLenses(analysis: Pick<Analysis, 'cluster' | 'outline'>): EditorCodeLens[] {
  const { cluster } = analysis;
  const out: EditorCodeLens[] = [];
  for (const outline of analysis.outline ?? []) {
    let lens: { title: string; targets: string[] } | undefined;
    if (outline.kind === 'NetworkPolicy') {
      const policy = cluster.networkPolicies.find((p) => sameSource(outline, p.meta.source));
      if (policy) lens = policyLens(cluster, policy);
    } else if (outline.kind === 'ClusterNetworkPolicy' || outline.kind === 'AdminNetworkPolicy' || outline.kind === 'BaselineAdminNetworkPolicy') {
      const policy = cluster.clusterPolicies.find((p) => sameSource(outline, p.meta.source));
      if (policy) lens = clusterPolicyLens(cluster, policy);
    } else if (outline.kind === 'Service') {
      const service = cluster.services.find((s) => sameSource(outline, s.source));
      if (service) lens = serviceLens(service);
    } else if (outline.kind === 'Ingress') {
      const ingress = cluster.ingresses.find((i) => sameSource(outline, i.object.meta.source));
      if (ingress) {
        const ns = ingress.object.meta.namespace;
        const backends = [
          ...ingress.object.rules.flatMap((r) => r.paths.map((p) => p.backend)),
          ...(ingress.object.defaultBackend ? [ingress.object.defaultBackend] : []),
        ];
        const paths = ingress.object.rules.reduce((n, r) => n + r.paths.length, 0);
        const services = new Set(backends.flatMap((b) => (b.service ? [`service/${ns}/${b.service.name}`] : [])));
        const existing = [...services].filter((ref) => cluster.lookups.serviceByRef[ref] !== undefined);
        const missing = services.size - existing.length;
        lens = {
          title: `${plural(paths, 'path')} → ${plural(existing.length, 'Service')}${missing > 0 ? ` · ${missing} missing` : ''}${ingress.served ? '' : ' · not served'}`,
          targets: [ingress.ref, ...existing],
        };
      }
    }
    if (lens) out.push({ ref: outline.ref, line: outline.range.startLine, title: lens.title, targets: lens.targets });
  }
  return out;
}
