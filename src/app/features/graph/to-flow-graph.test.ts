import { describe, expect, it } from 'vitest';
import type {
  ClusterNode,
  GraphEdge,
  GraphModel,
  GraphNode,
  Hop,
  Trace,
} from '../../../engine/types';
import { toFlowGraph, toNodeCentres } from './to-flow-graph';
import { toPathEdgeIds, toPathLegs } from './trace-path';

const node = (
  id: string,
  kind: GraphNode['kind'],
  tier: number,
  extra: Partial<GraphNode> = {},
): GraphNode => {
  const parts = id.split('/');
  return {
    id,
    kind,
    tier,
    label: parts[parts.length - 1]!,
    implicit: false,
    status: 'ok',
    details: {},
    ...(parts.length === 3 ? { namespace: parts[1]! } : {}),
    ...extra,
  };
};
const edge = (source: string, target: string): GraphEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  kind: 'routes',
});
const clusterNode = (i: number): ClusterNode => ({
  ref: `node/node-${i}`,
  name: `node-${i}`,
  ip: `192.168.0.${10 + i}`,
  podCIDR: `10.244.${i - 1}.0/24`,
  labels: {},
  implicit: true,
});

const seedLike: GraphModel = {
  nodes: [
    node('pod/default/backend-1', 'pod', 5, { nodeName: 'node-3' }),
    node('service/default/backend-service', 'service', 4),
    node('internet', 'internet', 0),
    node('pod/default/backend-0', 'pod', 5, { nodeName: 'node-2' }),
    node('pod/default/frontend-0', 'pod', 5, { nodeName: 'node-2' }),
    node('ingress/default/webapp-ingress', 'ingress', 3),
    node('pod/ingress-nginx/ingress-nginx-controller-0', 'ingress-controller', 2, {
      implicit: true,
      nodeName: 'node-1',
    }),
    node('loadbalancer/ingress-nginx/ingress-nginx-controller', 'loadbalancer', 1, {
      implicit: true,
    }),
    node('pod/default/pending-0', 'pod', 5, { status: 'pending' }),
    node('node/node-1', 'node', 5),
    node('node/node-2', 'node', 5),
    node('node/node-3', 'node', 5),
  ],
  edges: [
    edge('internet', 'loadbalancer/ingress-nginx/ingress-nginx-controller'),
    edge(
      'loadbalancer/ingress-nginx/ingress-nginx-controller',
      'pod/ingress-nginx/ingress-nginx-controller-0',
    ),
    edge('pod/ingress-nginx/ingress-nginx-controller-0', 'ingress/default/webapp-ingress'),
    edge('ingress/default/webapp-ingress', 'service/default/backend-service'),
    edge('service/default/backend-service', 'pod/default/backend-0'),
    edge('service/default/backend-service', 'pod/default/backend-1'),
    edge('service/default/backend-service', 'pod/default/missing'),
  ],
};
const cluster = [clusterNode(1), clusterNode(2), clusterNode(3)];

describe('toFlowGraph', () => {
  const flow = toFlowGraph(seedLike, cluster);
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));

  it.each([
    ['internet', 0],
    ['loadbalancer/ingress-nginx/ingress-nginx-controller', 1],
    ['pod/ingress-nginx/ingress-nginx-controller-0', 2],
    ['ingress/default/webapp-ingress', 3],
    ['service/default/backend-service', 4],
  ])('puts %s in column %i, left to right', (id, column) => {
    const centres = toNodeCentres(flow.nodes);
    const xs = [...new Set(Object.values(centres).map((c) => c.x))].sort((a, b) => a - b);
    expect(xs.indexOf(centres[id]!.x)).toBe(column);
  });

  it('groups pods in a box per node, and unscheduled pods in their own box last', () => {
    const groups = flow.nodes.filter((n) => n.type === 'nodeGroup').map((n) => n.id);
    expect(groups).toEqual(['node/node-1', 'node/node-2', 'node/node-3', 'unscheduled']);
    expect(byId.get('pod/default/backend-0')?.parentId).toBe('node/node-2');
    expect(byId.get('pod/default/frontend-0')?.parentId).toBe('node/node-2');
    expect(byId.get('pod/default/backend-1')?.parentId).toBe('node/node-3');
    expect(byId.get('pod/default/pending-0')?.parentId).toBe('unscheduled');
  });

  it('labels node boxes with the node IP and podCIDR', () => {
    expect(byId.get('node/node-2')?.data).toMatchObject({
      name: 'node-2',
      ip: '192.168.0.12',
      podCIDR: '10.244.1.0/24',
      podCount: 2,
    });
  });

  it('sorts pods inside a node box by name', () => {
    const inNode2 = flow.nodes
      .filter((n) => n.parentId === 'node/node-2')
      .sort((a, b) => a.position.y - b.position.y);
    expect(inNode2.map((n) => n.id)).toEqual(['pod/default/backend-0', 'pod/default/frontend-0']);
  });

  it('drops edges to objects that are not drawn', () => {
    expect(flow.edges.map((e) => e.target)).not.toContain('pod/default/missing');
    expect(flow.edges).toHaveLength(6);
  });

  it('is deterministic: the input order does not matter', () => {
    const shuffled: GraphModel = {
      nodes: [...seedLike.nodes].reverse(),
      edges: [...seedLike.edges].reverse(),
    };
    expect(toFlowGraph(shuffled, cluster)).toEqual(flow);
  });

  it('keeps objects in place when an unrelated object is added', () => {
    const more: GraphModel = {
      ...seedLike,
      nodes: [...seedLike.nodes, node('pod/default/zeta-0', 'pod', 5, { nodeName: 'node-3' })],
    };
    const after = new Map(toFlowGraph(more, cluster).nodes.map((n) => [n.id, n.position]));
    for (const id of [
      'internet',
      'service/default/backend-service',
      'pod/default/backend-0',
      'node/node-1',
      'node/node-2',
      'pod/default/backend-1',
    ]) {
      expect(after.get(id)).toEqual(byId.get(id)?.position);
    }
  });

  it('sorts node-10 after node-2', () => {
    const many = toFlowGraph({ nodes: [], edges: [] }, [clusterNode(10), clusterNode(2)]);
    expect(many.nodes.map((n) => n.id)).toEqual(['node/node-2', 'node/node-10']);
  });
});

describe('trace path legs', () => {
  const flow = toFlowGraph(seedLike, cluster);
  const hop = (at: string, kind: Hop['kind'] = 'pod'): Hop => ({
    kind,
    ref: at,
    verdict: 'pass',
    reason: '',
    at,
  });
  const trace = (ats: string[]): Trace => ({
    from: 'internet',
    to: 'x',
    verdict: 'allow',
    endpoints: [],
    blocked: [],
    notes: [],
    hops: ats.map((a) => hop(a)),
  });

  it('follows the drawn edges and skips hops at the same place', () => {
    const legs = toPathLegs(
      trace([
        'internet',
        'loadbalancer/ingress-nginx/ingress-nginx-controller',
        'node/node-1',
        'node/node-1',
        'pod/ingress-nginx/ingress-nginx-controller-0',
      ]),
      flow.edges,
    );
    expect(legs.map((l) => [l.from, l.to, l.edgeId ?? null])).toEqual([
      [
        'internet',
        'loadbalancer/ingress-nginx/ingress-nginx-controller',
        'internet->loadbalancer/ingress-nginx/ingress-nginx-controller',
      ],
      ['loadbalancer/ingress-nginx/ingress-nginx-controller', 'node/node-1', null],
      ['node/node-1', 'pod/ingress-nginx/ingress-nginx-controller-0', null],
    ]);
  });

  it('matches an edge drawn the other way and marks the leg reversed', () => {
    const [leg] = toPathLegs(
      trace(['pod/default/backend-0', 'service/default/backend-service']),
      flow.edges,
    );
    expect(leg).toMatchObject({
      edgeId: 'service/default/backend-service->pod/default/backend-0',
      reversed: true,
    });
  });

  it('highlights exactly the edges on the path', () => {
    const ids = toPathEdgeIds(
      trace([
        'ingress/default/webapp-ingress',
        'service/default/backend-service',
        'pod/default/backend-1',
      ]),
      flow.edges,
    );
    expect([...ids].sort()).toEqual([
      'ingress/default/webapp-ingress->service/default/backend-service',
      'service/default/backend-service->pod/default/backend-1',
    ]);
  });
});
