import { useEffect, useMemo, useRef } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { useAppStore } from '../../store/store-context';
import { KIND_STYLE } from './node-types';
import { nodeTypes } from './node-types';
import { PacketLayer } from './packet-layer';
import {
  toFlowGraph,
  toNodeCentres,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
} from './to-flow-graph';
import { toPathEdgeIds } from './trace-path';

const EMPTY: FlowGraph = { nodes: [], edges: [] };
const EDGE_STYLE = { stroke: '#94a3b8', strokeWidth: 1.6 };
const PATH_STYLE = { stroke: '#2563eb', strokeWidth: 4.5 };
const DROP_STYLE = { stroke: '#dc2626', strokeWidth: 4.5 };
// data-* attributes are valid on SVG elements; React Flow's type just does not list them.
const ON_PATH = { 'data-on-path': 'true' } as NonNullable<FlowEdge['domAttributes']>;

/** Fits the view when the set of objects first appears (not on every edit: things stay put). */
function FitOnFirstGraph({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  const fitted = useRef(false);
  useEffect(() => {
    if (count === 0) {
      fitted.current = false;
      return;
    }
    if (fitted.current) return;
    fitted.current = true;
    requestAnimationFrame(() => void fitView({ padding: 0.08 }));
  }, [count, fitView]);
  return null;
}

function minimapColour(node: FlowNode): string {
  if (node.type === 'nodeGroup') return '#e2e8f0';
  return KIND_STYLE[node.data.node.kind]?.accent ?? '#64748b';
}

function Graph() {
  const analysis = useAppStore((s) => s.lastGood);
  const trace = useAppStore((s) => s.trace);
  const flight = useAppStore((s) => s.flight);
  const flow = useMemo(
    () => (analysis ? toFlowGraph(analysis.graph, analysis.cluster?.nodes ?? []) : EMPTY),
    [analysis],
  );
  const centres = useMemo(() => toNodeCentres(flow.nodes), [flow.nodes]);
  const pathIds = useMemo(() => toPathEdgeIds(trace, flow.edges), [trace, flow.edges]);
  const edges = useMemo<FlowEdge[]>(() => {
    const style = trace?.verdict === 'deny' && flight === 'dropped' ? DROP_STYLE : PATH_STYLE;
    return flow.edges.map((e) =>
      pathIds.has(e.id)
        ? { ...e, style, zIndex: 4, domAttributes: ON_PATH }
        : { ...e, style: EDGE_STYLE },
    );
  }, [flow.edges, pathIds, trace, flight]);

  return (
    <ReactFlow
      nodes={flow.nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      minZoom={0.15}
      maxZoom={2.5}
      fitView
      fitViewOptions={{ padding: 0.08 }}
      proOptions={{ hideAttribution: true }}
      aria-label="Cluster graph"
    >
      <FitOnFirstGraph count={flow.nodes.length} />
      <Background gap={24} color="#e2e8f0" />
      <Controls showInteractive={false} position="bottom-left" />
      {/* Small and bottom-left, where the tiers are sparse: it must not hide pods or the packet. */}
      <MiniMap
        pannable
        zoomable
        position="bottom-left"
        style={{ width: 150, height: 96, marginLeft: 56 }}
        nodeColor={(n) => minimapColour(n as never)}
        maskColor="rgba(241,245,249,0.7)"
      />
      <PacketLayer centres={centres} edges={flow.edges} />
    </ReactFlow>
  );
}

export function GraphView() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
