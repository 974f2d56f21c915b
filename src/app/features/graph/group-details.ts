/**
 * The details of a folded "×N" card: what it holds (one workload's pods, a box's pods, or a
 * column's objects), how many, and each member with its IP, node and phase. Pure.
 */
import type { Analysis } from '../../../engine';
import type { PodGroupData } from './to-flow-graph';

export interface GroupMember {
  readonly id: string;
  readonly name: string;
  /** IP · node · phase (pods), or the object's kind-specific line. */
  readonly line: string;
  readonly status: string;
}

export interface GroupDetails {
  readonly title: string;
  readonly rows: readonly (readonly [string, string])[];
  readonly members: readonly GroupMember[];
}

/**
 * @example toGroupDetails(analysis, data) // { title: 'backend ×12', rows: [['workload', 'deployment/default/backend'], …], members: [...] }
 */
export function toGroupDetails(analysis: Analysis | undefined, data: PodGroupData): GroupDetails {
  const byId = new Map((analysis?.graph.nodes ?? []).map((n) => [n.id, n]));
  const nodes = data.members.flatMap((id) => {
    const n = byId.get(id);
    return n ? [n] : [];
  });
  const owners = [...new Set(nodes.flatMap((n) => (n.details.owner ? [n.details.owner] : [])))];
  const rows: [string, string][] = [];
  if (data.scope === 'workload') rows.push(['workload', owners[0] ?? data.label]);
  else if (data.scope === 'box') rows.push(['where', data.label]);
  else rows.push(['namespace', data.label]);
  rows.push([data.kind === 'pod' ? 'pods' : 'objects', String(data.count)]);
  if (data.scope !== 'workload' && owners.length > 0) rows.push(['workloads', owners.join(', ')]);
  const nodesUsed = [...new Set(nodes.flatMap((n) => (n.details.node ? [n.details.node] : [])))];
  if (nodesUsed.length > 0) rows.push(['nodes', nodesUsed.join(', ')]);
  if (data.isolated.ingress > 0)
    rows.push(['ingress isolated', `${data.isolated.ingress} of ${data.count}`]);
  if (data.isolated.egress > 0)
    rows.push(['egress isolated', `${data.isolated.egress} of ${data.count}`]);
  const members = data.members.map((id) => {
    const n = byId.get(id);
    const name = n ? (n.namespace ? `${n.namespace}/${n.label}` : n.label) : id;
    const line = n
      ? [n.details.IP ?? n.details.ClusterIP, n.details.node, n.details.phase]
          .filter(Boolean)
          .join(' · ')
      : '';
    return { id, name, line, status: n?.status ?? 'ok' };
  });
  return { title: `${data.label} ×${data.count}`, rows, members };
}
