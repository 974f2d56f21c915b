import { describe, expect, it } from 'vitest';
import type {
  ClusterNode,
  GraphEdge,
  GraphModel,
  GraphNode,
  GraphTier,
  Hop,
  Trace,
} from '../../../engine';
import { toFlowGraph, toNodeCentres, type FlowGraph } from './to-flow-graph';
import { toPathEdgeIds, toPathLegs } from './trace-path';

const node = (
  id: string,
  kind: GraphNode['kind'],
  tier: GraphTier,
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
const cluster = {
  nodes: [clusterNode(1), clusterNode(2), clusterNode(3)],
  cni: 'flannel' as const,
};

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
    const groups = flow.nodes.filter((n) => n.type === 'groupBox').map((n) => n.id);
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
    expect(flow.edges.filter((e) => e.data?.kind !== 'link')).toHaveLength(6);
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
    const many = toFlowGraph(
      { nodes: [], edges: [] },
      { nodes: [clusterNode(10), clusterNode(2)] },
    );
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
      // Through the node box, the drawn edge from the load balancer to the controller pod.
      [
        'loadbalancer/ingress-nginx/ingress-nginx-controller',
        'pod/ingress-nginx/ingress-nginx-controller-0',
        'loadbalancer/ingress-nginx/ingress-nginx-controller->pod/ingress-nginx/ingress-nginx-controller-0',
      ],
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

  it('joins two objects across the node boxes between them (Service → node → pod)', () => {
    const legs = toPathLegs(
      trace([
        'pod/default/frontend-0',
        'service/default/backend-service',
        'node/node-1',
        'node/node-3',
        'pod/default/backend-1',
      ]),
      flow.edges,
    );
    expect(legs.map((l) => [l.from, l.to, l.edgeId ?? null])).toEqual([
      ['pod/default/frontend-0', 'service/default/backend-service', null],
      ['service/default/backend-service', 'node/node-1', null],
      ['node/node-1', 'node/node-3', null],
      [
        'service/default/backend-service',
        'pod/default/backend-1',
        'service/default/backend-service->pod/default/backend-1',
      ],
    ]);
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

const positionsOf = (flow: FlowGraph) => new Map(flow.nodes.map((n) => [n.id, n.position]));
const namespaceOf = (name: string, labels: Record<string, string> = {}, implicit = false) => ({
  name,
  labels: { 'kubernetes.io/metadata.name': name, ...labels },
  implicit,
});

describe('toFlowGraph: stability while typing', () => {
  const before = positionsOf(toFlowGraph(seedLike, cluster));
  it.each<[string, GraphModel]>([
    [
      'a Service with no endpoints',
      { ...seedLike, nodes: [...seedLike.nodes, node('service/default/zzz-unused', 'service', 4)] },
    ],
    [
      'a policy that shields a pod (details change, nothing added)',
      {
        ...seedLike,
        nodes: seedLike.nodes.map((n) =>
          n.id === 'pod/default/backend-0'
            ? { ...n, shields: { ingress: ['default/deny'], egress: [] } }
            : n,
        ),
      },
    ],
    [
      'new labels on a pod',
      {
        ...seedLike,
        nodes: seedLike.nodes.map((n) =>
          n.id === 'pod/default/frontend-0' ? { ...n, details: { labels: 'app=web, tier=x' } } : n,
        ),
      },
    ],
    [
      'a pod on the last node',
      {
        ...seedLike,
        nodes: [...seedLike.nodes, node('pod/default/zeta-0', 'pod', 5, { nodeName: 'node-3' })],
      },
    ],
  ])('adding %s moves nothing above it', (name, changed) => {
    const after = positionsOf(toFlowGraph(changed, cluster));
    const moved = [...before].filter(
      ([id, p]) => JSON.stringify(after.get(id)) !== JSON.stringify(p),
    );
    // A pod on node-3 grows that box downwards: only the box below it (the unscheduled pods) moves.
    expect(moved.map(([id]) => id)).toEqual(
      name === 'a pod on the last node' ? ['unscheduled'] : [],
    );
  });

  it('keeps a Service level with its pods, so edges run straight (fewer crossings)', () => {
    const graph: GraphModel = {
      nodes: [
        node('service/default/a-svc', 'service', 4),
        node('service/default/z-svc', 'service', 4),
        node('pod/default/late-0', 'pod', 5, { nodeName: 'node-3' }),
        node('pod/default/early-0', 'pod', 5, { nodeName: 'node-1' }),
      ],
      edges: [
        edge('service/default/a-svc', 'pod/default/late-0'),
        edge('service/default/z-svc', 'pod/default/early-0'),
      ],
    };
    const centres = toNodeCentres(toFlowGraph(graph, cluster).nodes);
    // By name a-svc would be first; it serves the pod on node-3, so it sits below z-svc.
    expect(centres['service/default/a-svc']!.y).toBeGreaterThan(
      centres['service/default/z-svc']!.y,
    );
    expect(centres['service/default/z-svc']!.y).toBe(centres['pod/default/early-0']!.y);
    expect(centres['service/default/a-svc']!.y).toBe(centres['pod/default/late-0']!.y);
  });

  it('never lets two cards of one column overlap', () => {
    const graph: GraphModel = {
      nodes: [
        ...['a', 'b', 'c', 'd'].map((s) => node(`service/default/${s}`, 'service', 4)),
        node('pod/default/only-0', 'pod', 5, { nodeName: 'node-1' }),
      ],
      edges: ['a', 'b', 'c', 'd'].map((s) => edge(`service/default/${s}`, 'pod/default/only-0')),
    };
    const ys = toFlowGraph(graph, cluster)
      .nodes.filter((n) => n.id.startsWith('service/'))
      .map((n) => n.position.y)
      .sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(58);
  });
});

describe('toFlowGraph: by namespace (the policy view)', () => {
  const graph: GraphModel = {
    nodes: [
      ...seedLike.nodes,
      node('pod/kube-system/coredns-0', 'pod', 5, { nodeName: 'node-1', implicit: true }),
      node('pod/team-a/api-0', 'pod', 5, { nodeName: 'node-2' }),
    ],
    edges: seedLike.edges,
  };
  const context = {
    ...cluster,
    namespaces: [
      namespaceOf('default'),
      namespaceOf('kube-system', {}, true),
      namespaceOf('team-a', { team: 'a' }),
      namespaceOf('empty-ns', { env: 'dev' }),
    ],
  };
  const flow = toFlowGraph(graph, context, { grouping: 'namespace' });
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));

  it('draws one box per namespace, the user’s first and the engine-filled ones last', () => {
    expect(flow.nodes.filter((n) => n.type === 'groupBox').map((n) => n.id)).toEqual([
      'namespace/default',
      'namespace/empty-ns',
      'namespace/team-a',
      'namespace/kube-system',
    ]);
  });

  it('puts each pod in its namespace box and says which node runs it', () => {
    expect(byId.get('pod/team-a/api-0')?.parentId).toBe('namespace/team-a');
    expect(byId.get('pod/default/backend-0')?.parentId).toBe('namespace/default');
    expect(byId.get('pod/default/backend-0')?.data).toMatchObject({ subtitle: 'on node-2' });
  });

  it('shows the namespace labels a namespaceSelector matches', () => {
    expect(byId.get('namespace/team-a')?.data).toMatchObject({
      labels: 'kubernetes.io/metadata.name=team-a, team=a',
      grouping: 'namespace',
    });
  });

  it('draws no node network in the policy view', () => {
    expect(flow.nodes.some((n) => n.type === 'network')).toBe(false);
    expect(flow.edges.some((e) => e.data?.kind === 'link')).toBe(false);
  });
});

describe('toFlowGraph: the CNI view', () => {
  it.each([
    ['flannel', 'VXLAN tunnel · UDP 8472', 'cni0 bridge', 'overlay'],
    ['cilium', 'VXLAN tunnel · UDP 8472', 'lxc* veths · eBPF, no bridge', 'overlay'],
    ['weave', 'VXLAN tunnel · UDP 6784', 'weave bridge', 'overlay'],
    ['calico', 'BGP route 10.244.1.0/24 via 192.168.0.12', 'cali* veths · no bridge', 'underlay'],
  ] as const)('%s: node boxes name the bridge; links say %s', (cni, link, bridge, mode) => {
    const flow = toFlowGraph(seedLike, { ...cluster, cni });
    const links = flow.edges.filter((e) => e.data?.kind === 'link');
    expect(links.map((e) => e.source)).toEqual(['node/node-1', 'node/node-2', 'node/node-3']);
    const network = flow.nodes.find((n) => n.type === 'network');
    const handles = network?.type === 'network' ? network.data.handles : [];
    expect(handles.find((h) => h.id === 'node/node-2')?.label).toBe(link);
    expect(links.find((e) => e.source === 'node/node-2')?.targetHandle).toBe('node/node-2');
    expect(flow.nodes.find((n) => n.id === 'node/node-2')?.data).toMatchObject({ bridge });
    expect(flow.nodes.find((n) => n.type === 'network')?.data).toMatchObject({ mode });
  });

  it('says where the ingress controller runs (it sits in its own column)', () => {
    const withIP: GraphModel = {
      ...seedLike,
      nodes: seedLike.nodes.map((n) =>
        n.kind === 'ingress-controller' ? { ...n, sublabel: '10.244.0.3' } : n,
      ),
    };
    const flow = toFlowGraph(withIP, cluster);
    const controller = flow.nodes.find(
      (n) => n.id === 'pod/ingress-nginx/ingress-nginx-controller-0',
    );
    expect(controller?.parentId).toBeUndefined();
    expect(controller?.data).toMatchObject({ subtitle: 'on node-1 · 10.244.0.3' });
  });

  it('leaves out edges that would run back to the left (a Service selecting the controller)', () => {
    const graph: GraphModel = {
      nodes: [
        ...seedLike.nodes,
        node('service/ingress-nginx/ingress-nginx-controller', 'service', 4),
      ],
      edges: [
        ...seedLike.edges,
        edge(
          'service/ingress-nginx/ingress-nginx-controller',
          'pod/ingress-nginx/ingress-nginx-controller-0',
        ),
      ],
    };
    const ids = toFlowGraph(graph, cluster).edges.map((e) => e.id);
    expect(ids).not.toContain(
      'service/ingress-nginx/ingress-nginx-controller->pod/ingress-nginx/ingress-nginx-controller-0',
    );
    expect(ids).toContain('internet->loadbalancer/ingress-nginx/ingress-nginx-controller');
  });

  it('shows labels on the cards on demand, in taller cards', () => {
    const labelled: GraphModel = {
      ...seedLike,
      nodes: seedLike.nodes.map((n) =>
        n.id === 'pod/default/backend-0' ? { ...n, details: { labels: 'app=backend' } } : n,
      ),
    };
    const off = toFlowGraph(labelled, cluster).nodes.find((n) => n.id === 'pod/default/backend-0');
    const on = toFlowGraph(labelled, cluster, { showLabels: true }).nodes.find(
      (n) => n.id === 'pod/default/backend-0',
    );
    expect(off?.data).not.toHaveProperty('extra');
    expect(on?.data).toMatchObject({ extra: 'app=backend' });
    expect(on!.height!).toBeGreaterThan(off!.height!);
  });
});

/** A big cluster: `workloads` Deployments of `perWorkload` pods spread over `nodes` nodes. */
function bigGraph(workloads: number, perWorkload: number, nodes: number, owned = true): GraphModel {
  const graphNodes: GraphNode[] = [node('internet', 'internet', 0)];
  const edges: GraphEdge[] = [];
  let p = 0;
  for (let w = 0; w < workloads; w++) {
    const svc = `service/default/svc-${w}`;
    graphNodes.push(node(svc, 'service', 4));
    for (let i = 0; i < perWorkload; i++) {
      const id = `pod/default/w${w}-${i}`;
      graphNodes.push(
        node(id, 'pod', 5, {
          nodeName: `node-${(p++ % nodes) + 1}`,
          details: owned ? { owner: `deployment/default/w${w}` } : {},
        }),
      );
      edges.push(edge(svc, id));
    }
  }
  return { nodes: graphNodes, edges };
}
const bigCluster = (n: number) => ({
  nodes: Array.from({ length: n }, (_, i) => clusterNode(i + 1)),
  cni: 'calico' as const,
});

describe('toFlowGraph: large clusters stay under the render budget (B9)', () => {
  it.each([
    ['30 workloads × 100 pods on 10 nodes', bigGraph(30, 100, 10), bigCluster(10)],
    ['3,000 bare pods (no workload) on 10 nodes', bigGraph(1, 3000, 10, false), bigCluster(10)],
    ['3,000 pods of 3,000 workloads', bigGraph(3000, 1, 20), bigCluster(20)],
  ])('%s: ≤ 2,000 nodes and edges, every pod drawn or folded', (_name, graph, context) => {
    const flow = toFlowGraph(graph, context);
    expect(flow.nodes.length + flow.edges.length).toBeLessThanOrEqual(2000);
    const drawnPods = flow.nodes.filter((n) => n.id.startsWith('pod/')).length;
    const foldedPods = Object.keys(flow.aliases).filter((id) => id.startsWith('pod/')).length;
    expect(drawnPods + foldedPods).toBe(3000);
    expect(flow.collapsedPods).toBe(foldedPods);
  });

  it('draws every pod while under the threshold', () => {
    const flow = toFlowGraph(bigGraph(4, 100, 3), bigCluster(3));
    expect(flow.collapsedPods).toBe(0);
    expect(flow.nodes.filter((n) => n.type === 'podGroup')).toEqual([]);
  });

  it('folds one workload per node box into a "w3 ×34" card with an edge from its Service', () => {
    const flow = toFlowGraph(bigGraph(6, 100, 3), bigCluster(3));
    const card = flow.nodes.find((n) => n.id === 'pods/node/node-1/deployment/default/w3');
    expect(card?.type).toBe('podGroup');
    expect(card?.data).toMatchObject({ label: 'w3', scope: 'workload' });
    expect(card?.data.count).toBeGreaterThan(30);
    const e = flow.edges.find((x) => x.target === card?.id);
    expect(e?.source).toBe('service/default/w3'.replace('w3', 'svc-3'));
    expect(e?.data?.targetMembers).toHaveLength(card?.data.count as number);
  });

  it('expands a card the user opens, and refuses one that would break the budget', () => {
    const graph = bigGraph(6, 100, 3);
    const id = 'pods/node/node-1/deployment/default/w3';
    const opened = toFlowGraph(graph, bigCluster(3), { expanded: [id] });
    expect(opened.nodes.some((n) => n.id === id)).toBe(false);
    expect(opened.nodes.filter((n) => n.id.startsWith('pod/default/w3-')).length).toBeGreaterThan(
      30,
    );
    const tight = toFlowGraph(graph, bigCluster(3), { expanded: [id], maxCards: 40 });
    expect(tight.nodes.some((n) => n.id === id || n.id === 'pods/node/node-1')).toBe(true);
  });

  it('gives folded pods the centre of their card, and traces follow the card’s edge', () => {
    const flow = toFlowGraph(bigGraph(6, 100, 3), bigCluster(3));
    const [pod, card] = Object.entries(flow.aliases).find(([id]) => id.startsWith('pod/'))!;
    const centres = toNodeCentres(flow.nodes);
    expect(centres[pod]).toEqual(centres[card]);
    const owner = flow.nodes.find((n) => n.id === card)!;
    const service = flow.edges.find((e) => e.target === owner.id)!.source;
    const legs = toPathLegs(
      {
        from: 'internet',
        to: 'x',
        verdict: 'allow',
        endpoints: [],
        blocked: [],
        notes: [],
        hops: [service, pod].map((at) => ({
          kind: 'pod',
          ref: at,
          verdict: 'pass',
          reason: '',
          at,
        })),
      },
      flow.edges,
    );
    expect(legs[0]?.edgeId).toBe(`${service}->${card}`);
  });
});

describe('toFlowGraph: thousands of Services', () => {
  it('folds each namespace’s Services into one card, and edges follow', () => {
    const flow = toFlowGraph(bigGraph(3000, 1, 20), bigCluster(20));
    const card = flow.nodes.find((n) => n.id === 'fold/4/default');
    expect(card?.data).toMatchObject({ scope: 'column', kind: 'service', count: 3000 });
    expect(flow.aliases['service/default/svc-7']).toBe('fold/4/default');
    expect(flow.edges.every((e) => e.source !== 'service/default/svc-7')).toBe(true);
    expect(flow.edges.some((e) => e.source === 'fold/4/default')).toBe(true);
  });
});
