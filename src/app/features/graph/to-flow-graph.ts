/**
 * The pure adapter from the engine's graph model to React Flow nodes and edges, with a
 * deterministic tiered layout, left to right: Internet, load balancers, ingress controller,
 * Ingresses, Services, Pods (grouped by the node that runs them).
 */
import type { Edge, Node } from '@xyflow/react';
import type { ClusterNode, GraphEdge, GraphModel, GraphNode } from '../../../engine/types';

export const NODE_WIDTH = 196;
export const NODE_HEIGHT = 58;
const COLUMN_GAP = 64;
const ROW_GAP = 14;
const GROUP_PADDING = 14;
const GROUP_HEADER = 46;
const GROUP_GAP = 26;
/** Pods sit in this column (tier 5). */
const POD_TIER = 5;

export interface GraphNodeData extends Record<string, unknown> {
  readonly node: GraphNode;
}

export interface NodeGroupData extends Record<string, unknown> {
  readonly id: string;
  readonly name: string;
  readonly ip?: string;
  readonly podCIDR?: string;
  readonly implicit: boolean;
  readonly podCount: number;
}

export type FlowNode = Node<GraphNodeData, 'object'> | Node<NodeGroupData, 'nodeGroup'>;
export type FlowEdge = Edge<{ kind: GraphEdge['kind'] }>;

export interface FlowGraph {
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
}

/** Compares names with numbers in them as people do: node-2 before node-10. */
const collator = new Intl.Collator('en', { numeric: true });
const byNamespaceThenLabel = (a: GraphNode, b: GraphNode) =>
  collator.compare(a.namespace ?? '', b.namespace ?? '') ||
  collator.compare(a.label, b.label) ||
  collator.compare(a.id, b.id);

const columnX = (tier: number) => tier * (NODE_WIDTH + COLUMN_GAP);

const UNSCHEDULED = 'unscheduled';

function isGroupedPod(node: GraphNode): boolean {
  return node.tier >= POD_TIER && node.kind !== 'node';
}

/**
 * @example
 * const { nodes, edges } = toFlowGraph(analysis.graph, analysis.cluster.nodes);
 * <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} />
 */
export function toFlowGraph(
  graph: GraphModel,
  clusterNodes: readonly ClusterNode[] = [],
): FlowGraph {
  const nodes: FlowNode[] = [];
  const present = new Set<string>();

  // 1. Columns for every tier but the pods', stacked top-down in a stable order.
  const columns = new Map<number, GraphNode[]>();
  const pods: GraphNode[] = [];
  const nodeObjects = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    if (n.kind === 'node') nodeObjects.set(n.label, n);
    else if (isGroupedPod(n)) pods.push(n);
    else columns.set(n.tier, [...(columns.get(n.tier) ?? []), n]);
  }
  for (const [tier, members] of [...columns].sort((a, b) => a[0] - b[0])) {
    members.sort(byNamespaceThenLabel).forEach((n, i) => {
      nodes.push({
        id: n.id,
        type: 'object',
        position: { x: columnX(tier), y: i * (NODE_HEIGHT + ROW_GAP) },
        data: { node: n },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      });
      present.add(n.id);
    });
  }

  // 2. Pods, grouped in one box per node (node-1, node-2, ... then the unscheduled ones).
  const groups = new Map<string, GraphNode[]>();
  const clusterNodeByName = new Map(clusterNodes.map((c) => [c.name, c]));
  for (const name of [...clusterNodeByName.keys(), ...nodeObjects.keys()]) groups.set(name, []);
  for (const pod of pods) {
    const key = pod.nodeName ?? UNSCHEDULED;
    groups.set(key, [...(groups.get(key) ?? []), pod]);
  }
  const groupNames = [...groups.keys()].sort((a, b) =>
    a === UNSCHEDULED ? 1 : b === UNSCHEDULED ? -1 : collator.compare(a, b),
  );
  let y = 0;
  const groupWidth = NODE_WIDTH + 2 * GROUP_PADDING;
  for (const name of groupNames) {
    const members = (groups.get(name) ?? []).sort(byNamespaceThenLabel);
    const graphNode = nodeObjects.get(name);
    const clusterNode = clusterNodeByName.get(name);
    const id = graphNode?.id ?? (name === UNSCHEDULED ? 'unscheduled' : `node/${name}`);
    const height =
      GROUP_HEADER +
      Math.max(members.length, 0) * (NODE_HEIGHT + ROW_GAP) +
      GROUP_PADDING -
      (members.length ? ROW_GAP : 0);
    const ip = clusterNode?.ip ?? graphNode?.details.ip ?? graphNode?.details.IP;
    const podCIDR = clusterNode?.podCIDR ?? graphNode?.details.podCIDR;
    nodes.push({
      id,
      type: 'nodeGroup',
      position: { x: columnX(POD_TIER) - GROUP_PADDING, y },
      data: {
        id,
        name: name === UNSCHEDULED ? 'Not scheduled' : name,
        ...(ip ? { ip } : {}),
        ...(podCIDR ? { podCIDR } : {}),
        implicit: clusterNode?.implicit ?? graphNode?.implicit ?? false,
        podCount: members.length,
      },
      width: groupWidth,
      height,
      style: { width: groupWidth, height },
      selectable: false,
      zIndex: -1,
    });
    present.add(id);
    members.forEach((pod, i) => {
      nodes.push({
        id: pod.id,
        type: 'object',
        parentId: id,
        extent: 'parent',
        position: { x: GROUP_PADDING, y: GROUP_HEADER + i * (NODE_HEIGHT + ROW_GAP) },
        data: { node: pod },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      });
      present.add(pod.id);
    });
    y += height + GROUP_GAP;
  }

  // 3. Edges between nodes that are drawn, in a stable order.
  const edges: FlowEdge[] = graph.edges
    .filter((e) => present.has(e.source) && present.has(e.target) && e.source !== e.target)
    .map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      data: { kind: e.kind },
      ...(e.label ? { label: e.label } : {}),
    }))
    .sort((a, b) => collator.compare(a.id, b.id));

  return { nodes, edges };
}

/** The absolute centre of every drawn node (children are placed relative to their group). */
export function toNodeCentres(
  nodes: readonly FlowNode[],
): Record<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const centres: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    let x = n.position.x;
    let y = n.position.y;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) {
      x += parent.position.x;
      y += parent.position.y;
    }
    // A packet "at a node" sits on the node box's header, not in the middle of its pods.
    const dy = n.type === 'nodeGroup' ? GROUP_HEADER / 2 : (n.height ?? NODE_HEIGHT) / 2;
    centres[n.id] = { x: x + (n.width ?? NODE_WIDTH) / 2, y: y + dy };
  }
  return centres;
}
