import { describe, expect, it } from 'vitest';
import type { Analysis, GraphNode } from '../../../engine';
import { toGroupDetails } from './group-details';
import type { PodGroupData } from './to-flow-graph';

const pod = (name: string, node: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id: `pod/default/${name}`,
  kind: 'pod',
  label: name,
  namespace: 'default',
  tier: 5,
  implicit: false,
  status: 'ok',
  details: {
    IP: `10.244.0.${name.length}`,
    node,
    phase: 'Running',
    owner: `deployment/default/${name.split('-')[0]}`,
  },
  ...extra,
});
const analysis = {
  graph: {
    nodes: [
      pod('web-0', 'node-1'),
      pod('web-1', 'node-2'),
      pod('api-0', 'node-1', { status: 'pending' }),
    ],
    edges: [],
  },
} as unknown as Analysis;
const group = (extra: Partial<PodGroupData>): PodGroupData => ({
  id: 'pods/x',
  scope: 'workload',
  kind: 'pod',
  label: 'web',
  count: 2,
  members: ['pod/default/web-0', 'pod/default/web-1'],
  isolated: { ingress: 0, egress: 0 },
  ...extra,
});

describe('toGroupDetails', () => {
  it('a workload card: its workload, the count, the nodes, each pod with IP and node', () => {
    const d = toGroupDetails(analysis, group({ isolated: { ingress: 2, egress: 0 } }));
    expect(d.title).toBe('web ×2');
    expect(d.rows).toEqual([
      ['workload', 'deployment/default/web'],
      ['pods', '2'],
      ['nodes', 'node-1, node-2'],
      ['ingress isolated', '2 of 2'],
    ]);
    expect(d.members.map((m) => `${m.name}: ${m.line}`)).toEqual([
      'default/web-0: 10.244.0.5 · node-1 · Running',
      'default/web-1: 10.244.0.5 · node-2 · Running',
    ]);
  });

  it('a box card lists the workloads it mixes and keeps a member it cannot find by id', () => {
    const d = toGroupDetails(
      analysis,
      group({
        scope: 'box',
        label: 'node-1',
        count: 3,
        members: ['pod/default/web-0', 'pod/default/api-0', 'pod/default/gone'],
      }),
    );
    expect(d.rows[0]).toEqual(['where', 'node-1']);
    expect(d.rows).toContainEqual(['workloads', 'deployment/default/web, deployment/default/api']);
    expect(d.members.map((m) => m.status)).toEqual(['ok', 'pending', 'ok']);
    expect(d.members[2]).toEqual({
      id: 'pod/default/gone',
      name: 'pod/default/gone',
      line: '',
      status: 'ok',
    });
  });
});
