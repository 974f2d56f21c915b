/**
 * The pure adapter from the engine's graph model to React Flow nodes and edges, with a
 * deterministic tiered layout, left to right: Internet, load balancers, ingress controller,
 * Ingresses, Services, Pods. Pods sit in boxes, one per Kubernetes node (the CNI view, with the
 * node network drawn beside them) or one per namespace (the policy view).
 *
 * Stability while typing: every position depends only on sorted names and on the edges of the
 * object itself, so an edit that adds or removes nothing moves nothing, and a new object only
 * moves what is below it in its own box or column.
 *
 * Scale (budget B9): past `collapseAbove` cards, the pods of one workload in one box become one
 * "backend ×40" card; past `maxCards`, whole boxes become one card each. The user can expand
 * either, within the budget.
 */
import type { Edge, Node } from '@xyflow/react';
import type {
  ClusterNamespace,
  ClusterNode,
  CniPlugin,
  GraphEdge,
  GraphModel,
  GraphNode,
} from '../../../engine';
import type { Grouping } from '../../store/view-slice';
import { CNI_PLUGINS, GRAPH_TIERS } from '../../../engine';
import { GRAPH_KINDS, graphKind } from './graph-kinds';

export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 58;
/** A card with its labels (pods) or ports (Services) shown on it. */
export const NODE_HEIGHT_LABELLED = 76;
const COLUMN_GAP = 70;
const ROW_GAP = 14;
const GROUP_PADDING = 14;
const GROUP_GAP = 26;
const HEADER_NODE = 70;
const HEADER_NAMESPACE = 36;
/** One line per namespace label in its box's header, up to this many. */
const NAMESPACE_LABEL_LINES = 3;
const LABEL_LINE = 13;
/** Monospace characters per line of a namespace label in a box header (it wraps, not cuts). */
const LABEL_CHARS = 33;
const NETWORK_GAP = 48;
const NETWORK_WIDTH = 210;
/** Room above the first node box for the network's title and description. */
const NETWORK_HEAD = 96;
/** The vertical offset of a group box's link handle (the header's first line). */
export const GROUP_HANDLE_TOP = 22;
/** Pods sit in this column, in boxes (by node or namespace). */
const POD_TIER = GRAPH_TIERS.pod;

export interface LayoutContext {
  readonly nodes?: readonly ClusterNode[];
  readonly namespaces?: readonly ClusterNamespace[];
  readonly cni?: CniPlugin;
}

export interface LayoutOptions {
  readonly grouping: Grouping;
  readonly showLabels: boolean;
  /** Ids of collapsed pod cards (`pods/…`) to open, oldest first. */
  readonly expanded: readonly string[];
  /** Above this many cards, a workload's pods in one box share a card. */
  readonly collapseAbove: number;
  /** Never more cards than this (whole boxes collapse first, expansions stop at it). */
  readonly maxCards: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  grouping: 'node',
  showLabels: false,
  expanded: [],
  collapseAbove: 500,
  maxCards: 1000,
};

export interface GraphNodeData extends Record<string, unknown> {
  readonly node: GraphNode;
  /** The second line: IP, ClusterIP, host, and where a pod outside a node box runs. */
  readonly subtitle: string;
  /** The third line when labels are shown: a pod's labels, a Service's ports. */
  readonly extra?: string;
}

export interface PodGroupData extends Record<string, unknown> {
  readonly id: string;
  /**
   * `workload`: one workload's pods in one box; `box`: all pods of a box; `column`: one
   * namespace's objects of one column (Services, Ingresses...) when there are far too many.
   */
  readonly scope: 'workload' | 'box' | 'column';
  /** What the card holds (pods, or the kind of the folded column objects). */
  readonly kind: GraphNode['kind'];
  readonly label: string;
  readonly count: number;
  readonly members: readonly string[];
  /** How many members are isolated by a policy, per direction. */
  readonly isolated: { readonly ingress: number; readonly egress: number };
  /** How many members a cluster policy of each tier selects (absent when none is). */
  readonly clustered?: { readonly Admin: number; readonly Baseline: number };
}

export interface GroupBoxData extends Record<string, unknown> {
  readonly id: string;
  readonly grouping: Grouping;
  readonly name: string;
  readonly ip?: string;
  readonly podCIDR?: string;
  /** How the CNI joins the pods on this node: its bridge or interfaces. */
  readonly bridge?: string;
  /** A namespace's labels, `k=v, …` (what namespaceSelector matches). */
  readonly labels?: string;
  readonly implicit: boolean;
  readonly podCount: number;
  /** Set when the user expanded this box from one card: the id to collapse it again. */
  readonly collapseId?: string;
}

export interface NetworkData extends Record<string, unknown> {
  readonly cni: CniPlugin;
  readonly mode: 'overlay' | 'underlay';
  readonly title: string;
  readonly description: string;
  /** One link handle per node box, at the box's header, relative to this node's top. */
  readonly handles: readonly {
    readonly id: string;
    readonly top: number;
    readonly label?: string;
  }[];
}

export type FlowNode =
  | Node<GraphNodeData, 'object'>
  | Node<PodGroupData, 'podGroup'>
  | Node<GroupBoxData, 'groupBox'>
  | Node<NetworkData, 'network'>;

export interface FlowEdgeData extends Record<string, unknown> {
  readonly kind: GraphEdge['kind'] | 'link';
  /** Pods folded into the edge's end (so a packet to `pod/…` follows the edge to its card). */
  readonly sourceMembers?: readonly string[];
  readonly targetMembers?: readonly string[];
}
export type FlowEdge = Edge<FlowEdgeData>;

export interface FlowGraph {
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
  /** Pods drawn inside a collapsed card: pod id → card id. */
  readonly aliases: Readonly<Record<string, string>>;
  /** How many pods are folded into collapsed cards. */
  readonly collapsedPods: number;
}

/** How each CNI plugin joins pods on a node, and nodes to each other: the engine's plugin record. */
function cniWiring(cni: CniPlugin): {
  bridge: string;
  mode: 'overlay' | 'underlay';
  device: string;
  link: (n: ClusterNode) => string;
} {
  const plugin = CNI_PLUGINS[cni];
  const overlay = plugin.overlay;
  return {
    bridge: plugin.bridge.label,
    mode: overlay ? 'overlay' : 'underlay',
    device: plugin.device,
    link: overlay
      ? () => `VXLAN tunnel · UDP ${overlay.port}`
      : (n) => `BGP route ${n.podCIDR} via ${n.ip}`,
  };
}

/** Compares names with numbers in them as people do: node-2 before node-10. */
const collator = new Intl.Collator('en', { numeric: true });
const byNamespaceThenLabel = (a: GraphNode, b: GraphNode) =>
  collator.compare(a.namespace ?? '', b.namespace ?? '') ||
  collator.compare(a.label, b.label) ||
  collator.compare(a.id, b.id);

/** Wider after the routes (Ingresses): their edges carry the host/path labels. */
const columnX = (tier: number) =>
  tier * (NODE_WIDTH + COLUMN_GAP) + (tier > GRAPH_TIERS.route ? 60 : 0);

const UNSCHEDULED = 'unscheduled';

function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(', ');
}

function primaryFact(node: GraphNode): string | undefined {
  return (
    node.sublabel ??
    node.details.ip ??
    node.details.IP ??
    node.details.ClusterIP ??
    node.details.address
  );
}

function subtitleOf(node: GraphNode, grouping: Grouping): string {
  const pod = graphKind(node.kind).pod;
  if (node.status === 'pending' && pod) return 'Pending';
  const fact = primaryFact(node) ?? '';
  // A pod drawn outside the node boxes says where it runs (first: that is the point of saying
  // it; in the policy view the IP comes first).
  const outside = pod === 'outside';
  if (!(outside || grouping === 'namespace') || !node.nodeName) return fact;
  if (!fact) return `on ${node.nodeName}`;
  return outside ? `on ${node.nodeName} · ${fact}` : `${fact} · ${node.nodeName}`;
}

const extraOf = (node: GraphNode) => graphKind(node.kind).extra?.(node.details);

/** The column a node is drawn in: its kind's (nodes are the pod column's boxes); else the engine's tier. */
const columnOf = (node: GraphNode): number =>
  node.kind in GRAPH_KINDS ? GRAPH_KINDS[node.kind].tier : node.tier;

interface Box {
  readonly id: string;
  readonly key: string;
  readonly pods: GraphNode[];
}

type Unit =
  | { readonly kind: 'pod'; readonly node: GraphNode }
  | {
      readonly kind: 'group';
      readonly id: string;
      readonly scope: 'workload' | 'box';
      readonly label: string;
      readonly members: readonly GraphNode[];
    };

/** A workload's short name from an owner ref (`deployment/NS/NAME` → NAME). */
const ownerName = (owner: string) => owner.slice(owner.lastIndexOf('/') + 1);

function workloadUnits(box: Box, expanded: ReadonlySet<string>): Unit[] {
  const byOwner = new Map<string, GraphNode[]>();
  for (const pod of box.pods) {
    const owner = pod.details.owner;
    if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), pod]);
  }
  const units: Unit[] = [];
  const emitted = new Set<string>();
  for (const pod of box.pods) {
    const owner = pod.details.owner;
    const members = owner ? byOwner.get(owner) : undefined;
    const id = owner ? `pods/${box.id}/${owner}` : '';
    if (!owner || !members || members.length < 2 || expanded.has(id)) {
      units.push({ kind: 'pod', node: pod });
    } else if (!emitted.has(id)) {
      emitted.add(id);
      units.push({ kind: 'group', id, scope: 'workload', label: ownerName(owner), members });
    }
  }
  return units;
}

/**
 * Chooses, per box, how its pods are drawn: one card each, a card per workload, or one card.
 */
function planUnits(
  boxes: readonly Box[],
  otherCards: number,
  options: LayoutOptions,
): Map<string, Unit[]> {
  const plan = new Map<string, Unit[]>();
  const total = () => otherCards + [...plan.values()].reduce((sum, u) => sum + u.length, 0);
  for (const box of boxes)
    plan.set(
      box.id,
      box.pods.map((node) => ({ kind: 'pod', node })),
    );
  if (total() <= options.collapseAbove) return plan;

  // 1. A card per workload in each box (the ones the user opened stay open, within budget).
  const noneOpen = new Set<string>();
  for (const box of boxes) plan.set(box.id, workloadUnits(box, noneOpen));
  // 2. Still too many: whole boxes, the biggest first, become one card each.
  const collapsedBoxes = new Set<string>();
  const bySize = [...boxes].sort(
    (a, b) => (plan.get(b.id)?.length ?? 0) - (plan.get(a.id)?.length ?? 0),
  );
  for (const box of bySize) {
    if (total() <= options.maxCards) break;
    if (box.pods.length < 2) continue;
    collapsedBoxes.add(box.id);
    plan.set(box.id, [
      {
        kind: 'group',
        id: `pods/${box.id}`,
        scope: 'box',
        label: box.key === UNSCHEDULED ? 'Not scheduled' : box.key,
        members: box.pods,
      },
    ]);
  }
  // 3. The user's expansions, oldest first, while they fit.
  const open = new Set<string>();
  for (const id of options.expanded) {
    const box = boxes.find((b) => id === `pods/${b.id}` || id.startsWith(`pods/${b.id}/`));
    if (!box) continue;
    const isBox = id === `pods/${box.id}`;
    if (isBox && !collapsedBoxes.has(box.id)) continue;
    if (!isBox && collapsedBoxes.has(box.id)) continue;
    open.add(id);
    const next = workloadUnits(box, open);
    const before = plan.get(box.id) ?? [];
    if (total() - before.length + next.length > options.maxCards) {
      open.delete(id);
      continue;
    }
    if (isBox) collapsedBoxes.delete(box.id);
    plan.set(box.id, next);
  }
  return plan;
}

/**
 * @example
 * const { nodes, edges } = toFlowGraph(analysis.graph, { nodes: cluster.nodes, cni: 'calico' });
 * <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} />
 */
export function toFlowGraph(
  graph: GraphModel,
  context: LayoutContext = {},
  layout: Partial<LayoutOptions> = {},
): FlowGraph {
  const options: LayoutOptions = { ...DEFAULT_LAYOUT, ...layout };
  const { grouping } = options;
  const cardHeight = options.showLabels ? NODE_HEIGHT_LABELLED : NODE_HEIGHT;
  const rowHeight = cardHeight + ROW_GAP;

  // 1. Sort objects into columns (by tier), node objects (boxes) and pods.
  const columns = new Map<number, GraphNode[]>();
  const pods: GraphNode[] = [];
  const nodeObjects = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    const column = columnOf(n);
    if (n.kind === 'node') nodeObjects.set(n.label, n);
    else if (column >= POD_TIER) pods.push(n);
    else columns.set(column, [...(columns.get(column) ?? []), n]);
  }

  // 2. Boxes: one per Kubernetes node (then the unscheduled pods), or one per namespace.
  const boxPods = new Map<string, GraphNode[]>();
  const clusterNodeByName = new Map((context.nodes ?? []).map((c) => [c.name, c]));
  const namespaceByName = new Map((context.namespaces ?? []).map((ns) => [ns.name, ns]));
  if (grouping === 'node') {
    for (const name of [...clusterNodeByName.keys(), ...nodeObjects.keys()]) boxPods.set(name, []);
  } else {
    for (const ns of context.namespaces ?? []) if (!ns.implicit) boxPods.set(ns.name, []);
  }
  for (const pod of pods) {
    const key = grouping === 'node' ? (pod.nodeName ?? UNSCHEDULED) : (pod.namespace ?? '');
    boxPods.set(key, [...(boxPods.get(key) ?? []), pod]);
  }
  // Namespaces of the user first; the ones only the engine filled (kube-system, ...) last.
  const systemOnly = (key: string) => {
    const members = boxPods.get(key) ?? [];
    return members.length > 0 && members.every((p) => p.implicit) ? 1 : 0;
  };
  const keys = [...boxPods.keys()].sort((a, b) =>
    grouping === 'node'
      ? a === UNSCHEDULED
        ? 1
        : b === UNSCHEDULED
          ? -1
          : collator.compare(a, b)
      : systemOnly(a) - systemOnly(b) || collator.compare(a, b),
  );
  const boxes: Box[] = keys.map((key) => ({
    key,
    id:
      grouping === 'namespace'
        ? `namespace/${key}`
        : (nodeObjects.get(key)?.id ?? (key === UNSCHEDULED ? UNSCHEDULED : `node/${key}`)),
    pods: (boxPods.get(key) ?? []).sort(byNamespaceThenLabel),
  }));

  // 2b. Far too many objects in the columns (thousands of Services): past half the budget, each
  //     namespace's objects of a column share one card, unless opened and it fits.
  const aliases: Record<string, string> = {};
  const folds: { id: string; tier: number; namespace: string; members: GraphNode[] }[] = [];
  const columnBudget = Math.floor(options.maxCards / 2);
  let columnCards = [...columns.values()].reduce((sum, c) => sum + c.length, 0);
  if (columnCards > columnBudget) {
    for (const [tier, members] of [...columns].sort((a, b) => a[0] - b[0])) {
      const byNamespace = new Map<string, GraphNode[]>();
      for (const m of members) {
        const ns = m.namespace ?? '';
        byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), m]);
      }
      const kept: GraphNode[] = [];
      for (const [namespace, list] of byNamespace) {
        const id = `fold/${tier}/${namespace}`;
        if (list.length < 2) {
          kept.push(...list);
          continue;
        }
        folds.push({ id, tier, namespace, members: list });
        for (const m of list) aliases[m.id] = id;
        columnCards -= list.length - 1;
      }
      columns.set(tier, kept);
    }
    // The user's expansions, while they fit.
    for (const id of options.expanded) {
      const i = folds.findIndex((f) => f.id === id);
      const fold = folds[i];
      if (!fold || columnCards + fold.members.length - 1 > columnBudget) continue;
      folds.splice(i, 1);
      columnCards += fold.members.length - 1;
      columns.set(fold.tier, [...(columns.get(fold.tier) ?? []), ...fold.members]);
      for (const m of fold.members) delete aliases[m.id];
    }
  }
  const otherCards = columnCards;
  const plan = planUnits(boxes, otherCards, options);

  // 3. The pod column: boxes stacked top-down, cards inside.
  const nodes: FlowNode[] = [];
  const centreY = new Map<string, number>();
  let collapsedPods = 0;
  const boxWidth = NODE_WIDTH + 2 * GROUP_PADDING;
  const headerOf = (box: Box) => {
    if (grouping === 'node') return HEADER_NODE;
    const labels = namespaceByName.get(box.key)?.labels ?? {
      'kubernetes.io/metadata.name': box.key,
    };
    const lines = Object.keys(labels)
      .sort()
      .slice(0, NAMESPACE_LABEL_LINES)
      .reduce((sum, k) => sum + Math.ceil(`${k}=${labels[k] ?? ''}`.length / LABEL_CHARS), 0);
    return HEADER_NAMESPACE + LABEL_LINE * lines;
  };
  const wiring = context.cni ? cniWiring(context.cni) : undefined;
  const boxTops: { id: string; name: string; top: number; bottom: number }[] = [];
  let y = 0;
  for (const box of boxes) {
    const units = plan.get(box.id) ?? [];
    const header = headerOf(box);
    const height = header + units.length * rowHeight + GROUP_PADDING - (units.length ? ROW_GAP : 0);
    const graphNode = nodeObjects.get(box.key);
    const clusterNode = clusterNodeByName.get(box.key);
    const boxCollapsible = options.expanded.includes(`pods/${box.id}`);
    let data: GroupBoxData;
    if (grouping === 'node') {
      const ip = clusterNode?.ip ?? graphNode?.details.ip ?? graphNode?.details.IP;
      const podCIDR = clusterNode?.podCIDR ?? graphNode?.details.podCIDR;
      data = {
        id: box.id,
        grouping,
        name: box.key === UNSCHEDULED ? 'Not scheduled' : box.key,
        ...(ip ? { ip } : {}),
        ...(podCIDR ? { podCIDR } : {}),
        ...(wiring && box.key !== UNSCHEDULED ? { bridge: wiring.bridge } : {}),
        implicit: clusterNode?.implicit ?? graphNode?.implicit ?? false,
        podCount: box.pods.length,
        ...(boxCollapsible ? { collapseId: `pods/${box.id}` } : {}),
      };
    } else {
      const ns = namespaceByName.get(box.key);
      data = {
        id: box.id,
        grouping,
        name: box.key,
        labels: formatLabels(ns?.labels ?? { 'kubernetes.io/metadata.name': box.key }),
        implicit: ns?.implicit ?? false,
        podCount: box.pods.length,
        ...(boxCollapsible ? { collapseId: `pods/${box.id}` } : {}),
      };
    }
    nodes.push({
      id: box.id,
      type: 'groupBox',
      position: { x: columnX(POD_TIER) - GROUP_PADDING, y },
      data,
      width: boxWidth,
      height,
      style: { width: boxWidth, height },
      selectable: false,
      zIndex: -1,
    });
    centreY.set(box.id, y + GROUP_HANDLE_TOP);
    if (box.key !== UNSCHEDULED)
      boxTops.push({ id: box.id, name: box.key, top: y, bottom: y + height });
    units.forEach((unit, i) => {
      const position = { x: GROUP_PADDING, y: header + i * rowHeight };
      const common = {
        parentId: box.id,
        extent: 'parent' as const,
        position,
        width: NODE_WIDTH,
        height: cardHeight,
      };
      if (unit.kind === 'pod') {
        const n = unit.node;
        const extra = options.showLabels ? extraOf(n) : undefined;
        nodes.push({
          id: n.id,
          type: 'object',
          data: { node: n, subtitle: subtitleOf(n, grouping), ...(extra ? { extra } : {}) },
          ...common,
        });
        centreY.set(n.id, y + position.y + cardHeight / 2);
      } else {
        const isolated = { ingress: 0, egress: 0 };
        const clustered = { Admin: 0, Baseline: 0 };
        for (const m of unit.members) {
          if (m.shields?.ingress.length) isolated.ingress++;
          if (m.shields?.egress.length) isolated.egress++;
          if (m.clusterShields?.some((c) => c.tier === 'Admin')) clustered.Admin++;
          if (m.clusterShields?.some((c) => c.tier === 'Baseline')) clustered.Baseline++;
          aliases[m.id] = unit.id;
        }
        collapsedPods += unit.members.length;
        nodes.push({
          id: unit.id,
          type: 'podGroup',
          data: {
            id: unit.id,
            scope: unit.scope,
            kind: 'pod',
            label: unit.label,
            count: unit.members.length,
            members: unit.members.map((m) => m.id),
            isolated,
            ...(clustered.Admin + clustered.Baseline > 0 ? { clustered } : {}),
          },
          ...common,
        });
        centreY.set(unit.id, y + position.y + cardHeight / 2);
      }
    });
    y += height + GROUP_GAP;
  }

  // 4. Edges between drawn things, with folded pods mapped to their card (deduplicated).
  const drawnId = (id: string) => aliases[id] ?? id;
  const columnIds = new Set([
    ...[...columns.values()].flat().map((n) => n.id),
    ...folds.map((f) => f.id),
  ]);
  const present = (id: string) => columnIds.has(id) || centreY.has(id);
  const edgeByEnds = new Map<string, FlowEdge>();
  const sortedEdges = [...graph.edges].sort((a, b) => collator.compare(a.id, b.id));
  const members = new Map<string, { source: Set<string>; target: Set<string> }>();
  const tierOf = new Map(graph.nodes.map((n) => [n.id, columnOf(n)]));
  for (const e of sortedEdges) {
    const source = drawnId(e.source);
    const target = drawnId(e.target);
    if (source === target || !present(source) || !present(target)) continue;
    // An edge back to the left (the controller's own Service selecting the controller pod)
    // would loop across the graph; the load balancer's edge already shows that way in.
    if ((tierOf.get(e.source) ?? 0) > (tierOf.get(e.target) ?? 0)) continue;
    const ends = `${source}\u0000${target}`;
    let folded = members.get(ends);
    if (!folded) {
      folded = { source: new Set(), target: new Set() };
      members.set(ends, folded);
      edgeByEnds.set(ends, {
        id: source === e.source && target === e.target ? e.id : `${source}->${target}`,
        source,
        target,
        data: { kind: e.kind },
        ...(e.label ? { label: e.label } : {}),
      });
    }
    if (source !== e.source) folded.source.add(e.source);
    if (target !== e.target) folded.target.add(e.target);
  }
  const edges: FlowEdge[] = [];
  for (const [ends, edge] of edgeByEnds) {
    const folded = members.get(ends)!;
    const data: FlowEdgeData = {
      kind: edge.data!.kind,
      ...(folded.source.size ? { sourceMembers: [...folded.source] } : {}),
      ...(folded.target.size ? { targetMembers: [...folded.target] } : {}),
    };
    edges.push({ ...edge, data });
  }

  // 5. The other columns, right to left: each object sits level with what it leads to (the
  //    mean height of its neighbours to the right), so edges run mostly straight; then the
  //    column is swept top-down so cards never overlap. No neighbours: below, in name order.
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const tiers = [...new Set([...columns.keys(), ...folds.map((f) => f.tier)])].sort(
    (a, b) => b - a,
  );
  type Entry = { id: string; node?: GraphNode; fold?: (typeof folds)[number] };
  for (const tier of tiers) {
    const entries: Entry[] = [
      ...folds.filter((f) => f.tier === tier).map((fold) => ({ id: fold.id, fold })),
      ...(columns.get(tier) ?? [])
        .sort(byNamespaceThenLabel)
        .map((node) => ({ id: node.id, node })),
    ];
    const wanted = entries.map((n, order) => {
      const ys = (neighbours.get(n.id) ?? [])
        .map((id) => centreY.get(id))
        .filter((v): v is number => v !== undefined);
      // Only neighbours already placed (to the right) have a height yet.
      const mean = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : undefined;
      return { n, order, mean };
    });
    wanted.sort(
      (a, b) =>
        (a.mean === undefined ? 1 : 0) - (b.mean === undefined ? 1 : 0) ||
        (a.mean ?? 0) - (b.mean ?? 0) ||
        a.order - b.order,
    );
    let next = -Infinity;
    for (const { n, mean } of wanted) {
      const top = Math.max(mean === undefined ? next : mean - cardHeight / 2, next, 0);
      const position = { x: columnX(tier), y: top };
      if (n.fold) {
        const { fold } = n;
        const kind = fold.members[0]?.kind ?? 'service';
        nodes.push({
          id: fold.id,
          type: 'podGroup',
          position,
          data: {
            id: fold.id,
            scope: 'column',
            kind,
            label: fold.namespace || 'cluster',
            count: fold.members.length,
            members: fold.members.map((m) => m.id),
            isolated: { ingress: 0, egress: 0 },
          },
          width: NODE_WIDTH,
          height: cardHeight,
        });
      } else if (n.node) {
        const extra = options.showLabels ? extraOf(n.node) : undefined;
        nodes.push({
          id: n.id,
          type: 'object',
          position,
          data: {
            node: n.node,
            subtitle: subtitleOf(n.node, grouping),
            ...(extra ? { extra } : {}),
          },
          width: NODE_WIDTH,
          height: cardHeight,
        });
      }
      centreY.set(n.id, top + cardHeight / 2);
      next = top + rowHeight;
    }
  }

  // 6. The node network (CNI view): a bar beside the node boxes, one link per node, labelled
  //    with how packets cross between nodes (VXLAN tunnel or BGP route).
  if (grouping === 'node' && wiring && context.cni && boxTops.length > 0) {
    const top = boxTops[0]!.top - NETWORK_HEAD;
    const bottom = boxTops[boxTops.length - 1]!.bottom;
    const networkId = 'network/nodes';
    nodes.push({
      id: networkId,
      type: 'network',
      position: { x: columnX(POD_TIER) - GROUP_PADDING + boxWidth + NETWORK_GAP, y: top },
      data: {
        cni: context.cni,
        mode: wiring.mode,
        title: wiring.mode === 'overlay' ? 'Overlay network' : 'Node network (underlay)',
        description:
          wiring.mode === 'overlay'
            ? `${context.cni}: pod packets between nodes are wrapped in VXLAN (${wiring.device}), node IP to node IP`
            : `${context.cni}: each node announces its podCIDR over BGP; packets cross unwrapped`,
        handles: boxTops.map((b) => {
          const clusterNode = clusterNodeByName.get(b.name);
          return {
            id: b.id,
            top: b.top - top + GROUP_HANDLE_TOP,
            ...(clusterNode ? { label: wiring.link(clusterNode) } : {}),
          };
        }),
      },
      width: NETWORK_WIDTH,
      height: bottom - top,
      style: { width: NETWORK_WIDTH, height: bottom - top },
      selectable: false,
      zIndex: -1,
    });
    // The link's words sit in the bar beside it (an edge label would not fit the short link).
    for (const b of boxTops) {
      edges.push({
        id: `link/${b.name}`,
        source: b.id,
        target: networkId,
        targetHandle: b.id,
        data: { kind: 'link' },
      });
    }
  }

  return { nodes, edges, aliases, collapsedPods };
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
    const dy = n.type === 'groupBox' ? GROUP_HANDLE_TOP : (n.height ?? NODE_HEIGHT) / 2;
    const centre = { x: x + (n.width ?? NODE_WIDTH) / 2, y: y + dy };
    centres[n.id] = centre;
    // Pods folded into one card: a packet to any of them goes to the card.
    if (n.type === 'podGroup') for (const m of n.data.members) centres[m] = centre;
  }
  return centres;
}
